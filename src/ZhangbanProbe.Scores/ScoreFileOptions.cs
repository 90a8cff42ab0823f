using System.ComponentModel.DataAnnotations;

namespace ZhangbanProbe.Scores;

/// <summary>
/// Limits on a score file (<c>Scores:*</c>). A real 掌办指数 score file is a few hundred rows of a dozen columns;
/// the limits are far above that and far below what would let a hostile file hold the importer for minutes or
/// take gigabytes. A file over any limit is refused, naming the file and the limit, and nothing is imported.
/// </summary>
public sealed class ScoreFileOptions
{
    public const string Section = "Scores";

    /// <summary>The file on disk. Default: 8 MiB.</summary>
    [Range(1024, 1L << 31)]
    public long MaxFileBytes { get; set; } = 8L << 20;

    /// <summary>All parts of an XLSX workbook unpacked, counted while unpacking (declared sizes can lie). Default: 32 MiB.</summary>
    [Range(1024, 1L << 32)]
    public long MaxUnpackedBytes { get; set; } = 32L << 20;

    /// <summary>Rows below the header; in XLSX also the highest row number any sheet names. Default: 20,000.</summary>
    [Range(1, 1_000_000)]
    public int MaxRows { get; set; } = 20_000;

    /// <summary>Columns; in XLSX also the highest column any cell reference names. Default: 100.</summary>
    [Range(1, 16_384)]
    public int MaxColumns { get; set; } = 100;

    /// <summary>Parts of an XLSX package (a workbook has about ten). Default: 1,000.</summary>
    [Range(10, 100_000)]
    public int MaxParts { get; set; } = 1_000;
}
