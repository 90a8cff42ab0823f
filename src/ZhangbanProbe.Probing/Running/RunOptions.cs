using System.ComponentModel.DataAnnotations;

namespace ZhangbanProbe.Probing.Running;

/// <summary>How much a run does at once. Section <c>Run</c>.</summary>
public sealed class RunOptions
{
    public const string Section = "Run";

    /// <summary>Global number of (portal, probe) pairs in flight. Default: 4.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 4;

    /// <summary>Pairs in flight against one host: these are public servers. Default: 1.</summary>
    [Range(1, 16)]
    public int PerHostConcurrency { get; set; } = 1;

    /// <summary>Portal manifest folder. Default: probes/portals (found upwards from the working directory).</summary>
    public string PortalsDirectory { get; set; } = "probes/portals";

    /// <summary>Indicator catalogue file. Default: probes/catalogue.yaml.</summary>
    public string CatalogueFile { get; set; } = "probes/catalogue.yaml";
}

/// <summary>Where evidence files go. Section <c>Evidence</c>.</summary>
public sealed class EvidenceOptions
{
    public const string Section = "Evidence";

    /// <summary>Folder for screenshots and other evidence files. Default: .zhangban/evidence.</summary>
    [Required]
    public string Directory { get; set; } = ".zhangban/evidence";

    /// <summary>Take a screenshot of the decisive state. Default: true.</summary>
    public bool Screenshots { get; set; } = true;

    /// <summary>
    /// Screenshot format: <c>jpeg</c> (default: CSS-pixel scale, quality <see cref="JpegQuality"/>; a phone page is
    /// 412 px wide and its text stays legible) or <c>png</c> (device pixels, lossless, several times larger and slower).
    /// </summary>
    [RegularExpression("^(jpeg|png)$", ErrorMessage = "Evidence:Format must be 'jpeg' or 'png'")]
    public string Format { get; set; } = "jpeg";

    [Range(30, 100)] public int JpegQuality { get; set; } = 80;
}
