using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;
using ZhangbanProbe.Core.HumanScores;

namespace ZhangbanProbe.Scores;

/// <summary>Raised when a score file cannot be read at all (missing, not CSV/XLSX, no header).</summary>
public sealed class ScoreFileException(string message) : Exception(message);

/// <summary>
/// Reads score files researchers produce: CSV in UTF-8 (with or without BOM) or GB18030 (what Chinese Excel
/// writes), and XLSX. Returns the header and the rows with their row numbers in the file (header = row 1).
/// </summary>
public static class ScoreFileReader
{
    static ScoreFileReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static (IReadOnlyList<string> Header, IReadOnlyList<ScoreFileRow> Rows) Read(string path)
    {
        if (!File.Exists(path)) throw new ScoreFileException($"{path}: no such file");
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" or ".txt" => ReadCsv(path),
            ".xlsx" => ReadXlsx(path),
            var ext => throw new ScoreFileException($"{path}: '{ext}' files are not supported (use .csv or .xlsx)"),
        };
    }

    /// <summary>UTF-8 when the bytes are valid UTF-8 (BOM or not), otherwise GB18030.</summary>
    public static string DecodeText(byte[] bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            return new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3);
        try { return new UTF8Encoding(false, true).GetString(bytes); }
        catch (DecoderFallbackException) { return Encoding.GetEncoding("GB18030").GetString(bytes); }
    }

    private static (IReadOnlyList<string>, IReadOnlyList<ScoreFileRow>) ReadCsv(string path)
    {
        var text = DecodeText(File.ReadAllBytes(path));
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            BadDataFound = null,
            MissingFieldFound = null,
            TrimOptions = TrimOptions.Trim,
        });
        if (!csv.Read() || !csv.ReadHeader()) throw new ScoreFileException($"{path}: empty file (a header row is needed)");
        var header = csv.HeaderRecord!.Select(h => h.Trim()).ToList();
        var rows = new List<ScoreFileRow>();
        while (csv.Read())
        {
            var cells = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Count; i++) cells[header[i].ToLowerInvariant()] = csv.TryGetField<string>(i, out var v) ? v ?? "" : "";
            if (cells.Values.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add(new ScoreFileRow(csv.Parser.RawRow, cells));
        }
        return (header, rows);
    }

    private static (IReadOnlyList<string>, IReadOnlyList<ScoreFileRow>) ReadXlsx(string path)
    {
        List<IDictionary<string, object?>> raw;
        try
        {
            raw = MiniExcel.Query(path, useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        }
        catch (Exception ex) when (ex is not ScoreFileException)
        {
            throw new ScoreFileException($"{path}: not a readable XLSX workbook ({ex.Message})");
        }
        if (raw.Count == 0) throw new ScoreFileException($"{path}: empty workbook (a header row is needed)");
        // Without a header row MiniExcel keys cells by column letter; row 1 is the header.
        var letters = raw[0].Keys.ToList();
        var header = letters.Select(l => Convert.ToString(raw[0][l], CultureInfo.InvariantCulture)?.Trim() ?? "").ToList();
        var keep = header.Select((h, i) => (h, i)).Where(t => t.h.Length > 0).ToList();
        var rows = new List<ScoreFileRow>();
        for (var r = 1; r < raw.Count; r++)
        {
            var cells = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (h, i) in keep)
                cells[h.ToLowerInvariant()] = raw[r].TryGetValue(letters[i], out var v) ? Cell(v) : "";
            if (cells.Values.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add(new ScoreFileRow(r + 1, cells));
        }
        return (keep.Select(k => k.h).ToList(), rows);
    }

    private static string Cell(object? v) => v switch
    {
        null => "",
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e9 => ((long)d).ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
