namespace ZhangbanProbe.Tests.Support;

public static class TestPaths
{
    /// <summary>The repository root (the folder holding ZhangbanProbe.sln).</summary>
    public static string RepoRoot { get; } = FindRoot();

    public static string PortalsDirectory => Path.Combine(RepoRoot, "probes", "portals");
    public static string CatalogueFile => Path.Combine(RepoRoot, "probes", "catalogue.yaml");

    public static string NewTempDirectory(string prefix = "zb-test")
    {
        var dir = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>A catalogue like the real one, response-time only, with one cold load so tests stay quick
    /// (<paramref name="change"/>: other settings, as values).</summary>
    public static string FastCatalogue(string dir, Func<ZhangbanProbe.Probing.Probes.ResponseTime.ResponseTimeSettings, ZhangbanProbe.Probing.Probes.ResponseTime.ResponseTimeSettings>? change = null) =>
        TestCatalogue.Fast(change).Save(Path.Combine(dir, "catalogue.yaml"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ZhangbanProbe.sln"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }
}
