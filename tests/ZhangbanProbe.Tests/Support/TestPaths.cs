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

    /// <summary>A catalogue like the real one, with fewer cold loads so tests stay quick.</summary>
    public static string FastCatalogue(string dir, int loads = 1, string loadBudget = "3s")
    {
        var path = Path.Combine(dir, "catalogue.yaml");
        File.WriteAllText(path, $"""
            partial: true
            probes:
              - key: response-time
                layer: 好用
                index_indicators: [办理过程迅捷]
                measures: entry-page timings
                settings:
                  loads: {loads}
                  load_budget: {loadBudget}
                  lcp_budget: 10s
            """);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ZhangbanProbe.sln"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }
}
