using System.IO.Compression;
using System.Xml;

namespace ZhangbanProbe.Scores;

/// <summary>
/// One streaming pass over every part of an XLSX package before it is read for scores: parts counted, every
/// byte unpacked counted against <see cref="ScoreFileOptions.MaxUnpackedBytes"/> (declared sizes are not
/// trusted), XML parsed without DTDs (no entity expansion), and each worksheet's dimension, row numbers and
/// cell references held to <see cref="ScoreFileOptions.MaxRows"/> and <see cref="ScoreFileOptions.MaxColumns"/>
/// (a reader fills the gaps a far-out reference leaves, which is how a few kilobytes become minutes).
/// </summary>
public static class XlsxInspection
{
    private static readonly XmlReaderSettings Xml = new()
    {
        DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true, IgnoreComments = true,
        IgnoreProcessingInstructions = true, CloseInput = false,
    };

    internal static void Check(Stream stream, string path, ScoreFileOptions limits)
    {
        ZipArchive zip;
        try { zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true); }
        catch (InvalidDataException ex) { throw new ScoreFileException($"{path}: not a readable XLSX workbook ({ex.Message})"); }
        using (zip)
        {
            IReadOnlyCollection<ZipArchiveEntry> entries;
            try { entries = zip.Entries; }
            catch (InvalidDataException ex) { throw new ScoreFileException($"{path}: not a readable XLSX workbook ({ex.Message})"); }
            if (entries.Count > limits.MaxParts)
                throw ScoreFileReader.OverLimit(path, $"the workbook has {entries.Count} parts", "Scores:MaxParts", limits.MaxParts);
            var budget = limits.MaxUnpackedBytes;
            foreach (var entry in entries)
            {
                if (entry.FullName.EndsWith('/')) continue;
                try
                {
                    using var raw = entry.Open();
                    using var part = new CountedStream(raw, budget, () => ScoreFileReader.OverLimit(path,
                        $"its parts unpack to more bytes than allowed (stopped in {entry.FullName})", "Scores:MaxUnpackedBytes", limits.MaxUnpackedBytes));
                    budget -= IsXml(entry.FullName) ? Parse(part, entry.FullName, path, limits) : Drain(part);
                }
                catch (XmlException ex) { throw new ScoreFileException($"{path}: not a readable XLSX workbook ({entry.FullName}: {ex.Message})"); }
                catch (InvalidDataException ex) { throw new ScoreFileException($"{path}: not a readable XLSX workbook ({entry.FullName}: {ex.Message})"); }
            }
        }
    }

    private static bool IsXml(string name) =>
        name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);

    private static bool IsWorksheet(string name) =>
        name.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase);

    private static long Drain(Stream part)
    {
        var buffer = new byte[64 << 10];
        long total = 0;
        int n;
        while ((n = part.Read(buffer, 0, buffer.Length)) > 0) total += n;
        return total;
    }

    private static long Parse(CountedStream part, string name, string path, ScoreFileOptions limits)
    {
        var sheet = IsWorksheet(name);
        long row = 0, column = 0;
        using (var xml = XmlReader.Create(part, Xml))
        {
            while (xml.Read())
            {
                if (!sheet || xml.NodeType != XmlNodeType.Element) continue;
                switch (xml.LocalName)
                {
                    case "dimension" when xml.GetAttribute("ref") is { } range:
                        // "A1:F300": the far corner is what a reader sizes its rows by.
                        var (dc, dr) = Reference(range[(range.LastIndexOf(':') + 1)..]);
                        Bound(path, name, $"its dimension {range}", dr, dc, limits);
                        break;
                    case "row":
                        row = long.TryParse(xml.GetAttribute("r"), out var r) ? r : row + 1;
                        column = 0;
                        Bound(path, name, $"row {row}", row, 0, limits);
                        break;
                    case "c":
                        var reference = xml.GetAttribute("r");
                        var (cc, cr) = reference is null ? (column + 1, row) : Reference(reference);
                        column = cc;
                        Bound(path, name, $"cell {reference ?? $"#{cc}"}", cr, cc, limits);
                        break;
                }
            }
        }
        return part.BytesRead;
    }

    /// <summary>Row and column limits for a sheet: the header row plus <see cref="ScoreFileOptions.MaxRows"/> rows.</summary>
    private static void Bound(string path, string part, string what, long row, long column, ScoreFileOptions limits)
    {
        if (row > limits.MaxRows + 1L)
            throw ScoreFileReader.OverLimit(path, $"{part}: {what} is beyond row {limits.MaxRows + 1L:N0}", "Scores:MaxRows", limits.MaxRows);
        if (column > limits.MaxColumns)
            throw ScoreFileReader.OverLimit(path, $"{part}: {what} is beyond column {limits.MaxColumns:N0}", "Scores:MaxColumns", limits.MaxColumns);
    }

    /// <summary>"AB12" → (column 28, row 12); letters or digits missing count as 0 (no bound crossed); saturates rather than overflows.</summary>
    public static (long Column, long Row) Reference(string reference)
    {
        long column = 0, row = 0;
        foreach (var ch in reference.Trim().Replace("$", "", StringComparison.Ordinal))
        {
            if (ch is >= 'A' and <= 'Z' or >= 'a' and <= 'z') column = Math.Min(column * 26 + (char.ToUpperInvariant(ch) - 'A' + 1), 1L << 40);
            else if (ch is >= '0' and <= '9') row = Math.Min(row * 10 + (ch - '0'), 1L << 40);
        }
        return (column, row);
    }
}
