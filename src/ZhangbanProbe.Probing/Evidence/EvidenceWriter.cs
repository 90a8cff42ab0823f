using Microsoft.Extensions.Options;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Probing.Evidence;

/// <summary>Allocates evidence file paths: {root}/{run id}/{portal}/{indicator}-{name}.{ext}.</summary>
public sealed class EvidenceWriter(IOptions<EvidenceOptions> options)
{
    public string Root { get; } = Path.GetFullPath(options.Value.Directory);
    public bool Screenshots { get; } = options.Value.Screenshots;
    public string Format { get; } = options.Value.Format;
    public int JpegQuality { get; } = options.Value.JpegQuality;

    public string PathFor(Guid runId, string portalId, string indicatorId, string name, string extension)
    {
        var dir = Path.Combine(Root, runId.ToString("N"), Sanitize(portalId));
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, $"{Sanitize(indicatorId)}-{Sanitize(name)}.{extension}");
    }

    private static string Sanitize(string s) =>
        string.Concat(s.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
