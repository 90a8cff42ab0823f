using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using ZhangbanProbe.Core.HumanScores;

namespace ZhangbanProbe.Scores;

/// <summary>Raised when a score file cannot be read at all (missing, not CSV/XLSX, no header, over a limit).</summary>
public sealed class ScoreFileException(string message) : Exception(message);

/// <summary>
/// Reads score files researchers produce: CSV in UTF-8 (with or without BOM) or GB18030 (what Chinese Excel
/// writes), and XLSX. Returns the header and the rows with their row numbers in the file (header = row 1).
/// Everything is streamed under <see cref="ScoreFileOptions"/>: a file over a limit is refused before anything
/// large is held, so a hostile file costs seconds and megabytes, not minutes and gigabytes.
/// </summary>
public static class ScoreFileReader
{
    static ScoreFileReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static (IReadOnlyList<string> Header, IReadOnlyList<ScoreFileRow> Rows) Read(string path, ScoreFileOptions? limits = null)
    {
        limits ??= new ScoreFileOptions();
        if (!File.Exists(path)) throw new ScoreFileException($"{path}: no such file");
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" or ".txt" => ReadCsv(path, limits),
            ".xlsx" => ReadXlsx(path, limits),
            var ext => throw new ScoreFileException($"{path}: '{ext}' files are not supported (use .csv or .xlsx)"),
        };
    }

    internal static ScoreFileException OverLimit(string path, string what, string limit, long value) =>
        new($"{path}: refused, nothing imported: {what}, over the limit {limit} = {value.ToString("N0", CultureInfo.InvariantCulture)}");

    /// <summary>
    /// The file, with its size checked up front. A stream read once is counted too (a device or a growing file
    /// cannot go on); a workbook is read through its zip directory, which a device without a length does not have.
    /// </summary>
    private static Stream Open(string path, ScoreFileOptions limits, bool counted = true)
    {
        FileStream file;
        try { file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 << 10, FileOptions.SequentialScan); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ScoreFileException($"{path}: cannot be opened ({ex.Message})");
        }
        if (file.Length > limits.MaxFileBytes)
        {
            var length = file.Length;
            file.Dispose();
            throw OverLimit(path, $"the file is {length.ToString("N0", CultureInfo.InvariantCulture)} bytes", "Scores:MaxFileBytes", limits.MaxFileBytes);
        }
        if (!counted) return file;
        return new CountedStream(file, limits.MaxFileBytes, () => OverLimit(path, "more bytes were read than the file's size said", "Scores:MaxFileBytes", limits.MaxFileBytes));
    }

    /// <summary>True when the whole stream is valid UTF-8 (read in chunks, never held whole).</summary>
    private static bool IsUtf8(Stream stream)
    {
        var decoder = new UTF8Encoding(false, true).GetDecoder();
        var buffer = new byte[64 << 10];
        try
        {
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0) decoder.GetCharCount(buffer, 0, n, flush: false);
            decoder.GetCharCount([], 0, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException) { return false; }
    }

    private static (IReadOnlyList<string>, IReadOnlyList<ScoreFileRow>) ReadCsv(string path, ScoreFileOptions limits)
    {
        bool utf8;
        using (var first = Open(path, limits)) utf8 = IsUtf8(first);
        using var stream = Open(path, limits);
        // A UTF-8 BOM is skipped by the reader; without one, GB18030 when the bytes are not UTF-8.
        using var reader = new StreamReader(stream, utf8 ? new UTF8Encoding(false) : Encoding.GetEncoding("GB18030"), detectEncodingFromByteOrderMarks: utf8);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            BadDataFound = null,
            MissingFieldFound = null,
            TrimOptions = TrimOptions.Trim,
        });
        if (!csv.Read() || !csv.ReadHeader()) throw new ScoreFileException($"{path}: empty file (a header row is needed)");
        var header = csv.HeaderRecord!.Select(h => h.Trim()).ToList();
        if (header.Count > limits.MaxColumns)
            throw OverLimit(path, $"the header has {header.Count} columns", "Scores:MaxColumns", limits.MaxColumns);
        var rows = new List<ScoreFileRow>();
        while (csv.Read())
        {
            var cells = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Count; i++) cells[header[i].ToLowerInvariant()] = csv.TryGetField<string>(i, out var v) ? v ?? "" : "";
            if (cells.Values.All(string.IsNullOrWhiteSpace)) continue;
            if (rows.Count == limits.MaxRows)
                throw OverLimit(path, $"row {csv.Parser.RawRow} is one row too many", "Scores:MaxRows", limits.MaxRows);
            rows.Add(new ScoreFileRow(csv.Parser.RawRow, cells));
        }
        return (header, rows);
    }

    private static (IReadOnlyList<string>, IReadOnlyList<ScoreFileRow>) ReadXlsx(string path, ScoreFileOptions limits)
    {
        using var stream = Open(path, limits, counted: false);
        // Every part unpacked once under the limits (zip bombs, DTDs, row and column references far out) before
        // MiniExcel sees the workbook: what it then reads is known to be small.
        XlsxInspection.Check(stream, path, limits);
        stream.Position = 0;
        var header = new List<string>();
        var letters = new List<string>();
        var rows = new List<ScoreFileRow>();
        try
        {
            // No shared-string cache on disk: the strings are bounded by Scores:MaxUnpackedBytes and stay in memory.
            var configuration = new OpenXmlConfiguration { EnableSharedStringCache = false };
            var number = 0;
            foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX, configuration: configuration))
            {
                number++;
                if (number == 1)
                {
                    // Without a header row MiniExcel keys cells by column letter; row 1 is the header.
                    if (row.Count > limits.MaxColumns) throw OverLimit(path, $"the sheet has {row.Count} columns", "Scores:MaxColumns", limits.MaxColumns);
                    foreach (var (letter, value) in row)
                    {
                        var h = Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? "";
                        if (h.Length == 0) continue;
                        header.Add(h);
                        letters.Add(letter);
                    }
                    continue;
                }
                var cells = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < header.Count; i++)
                    cells[header[i].ToLowerInvariant()] = row.TryGetValue(letters[i], out var v) ? Cell(v) : "";
                if (cells.Values.All(string.IsNullOrWhiteSpace)) continue;
                if (rows.Count == limits.MaxRows) throw OverLimit(path, $"row {number} is one row too many", "Scores:MaxRows", limits.MaxRows);
                rows.Add(new ScoreFileRow(number, cells));
            }
            if (number == 0) throw new ScoreFileException($"{path}: empty workbook (a header row is needed)");
        }
        catch (Exception ex) when (ex is not ScoreFileException)
        {
            throw new ScoreFileException($"{path}: not a readable XLSX workbook ({ex.Message})");
        }
        return (header, rows);
    }

    private static string Cell(object? v) => v switch
    {
        null => "",
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e9 => ((long)d).ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
