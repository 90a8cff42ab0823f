using System.Security.Cryptography;
using ZhangbanProbe.Core.Results;

namespace ZhangbanProbe.Application.Evidence;

/// <summary>What the check of one evidence file found.</summary>
public enum EvidenceIntegrity
{
    /// <summary>No file (a URL or text): nothing to check.</summary>
    NoFile,
    /// <summary>The file's SHA-256 is the one recorded when the probe finished.</summary>
    Intact,
    /// <summary>The file differs from what was taken: it must not be shown as the evidence.</summary>
    Changed,
    /// <summary>The file is gone (or outside the evidence folder).</summary>
    Missing,
    /// <summary>Taken before fingerprints were recorded: cannot be proven either way.</summary>
    NotRecorded,
}

/// <summary>Checks evidence files against the SHA-256 recorded when they were written, every time they are shown.</summary>
public static class EvidenceCheck
{
    public sealed record Checked(EvidenceItem Item, EvidenceIntegrity Integrity, string? CurrentSha256, string? FullPath);

    public static Checked Verify(EvidenceItem item, string evidenceRoot)
    {
        if (item.Path is null) return new(item, EvidenceIntegrity.NoFile, null, null);
        var root = Path.GetFullPath(evidenceRoot).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(item.Path);
        if (!full.StartsWith(root, StringComparison.Ordinal) || !File.Exists(full)) return new(item, EvidenceIntegrity.Missing, null, null);
        string current;
        using (var stream = File.OpenRead(full)) current = Convert.ToHexStringLower(SHA256.HashData(stream));
        if (item.Sha256 is null) return new(item, EvidenceIntegrity.NotRecorded, current, full);
        return new(item, string.Equals(current, item.Sha256, StringComparison.OrdinalIgnoreCase) ? EvidenceIntegrity.Intact : EvidenceIntegrity.Changed, current, full);
    }

    public static string ContentType(string path) =>
        path.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? "image/png"
        : path.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase) ? "image/jpeg"
        : "text/plain; charset=utf-8";
}
