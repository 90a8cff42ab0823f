using ZhangbanProbe.Replicas;

namespace ZhangbanProbe.Tests.Support;

/// <summary>Fixture pages written to reproduce how real government pages are marked up (tests/…/Fixtures/RealMarkup).</summary>
public static class Fixtures
{
    public static string RealMarkup(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "RealMarkup", name));

    /// <summary>A replica whose entry page (and any other path given) is a fixture file.</summary>
    public static ReplicaSite Page(string id, string entryFixture, params (string Path, string Fixture)[] more)
    {
        var site = new ReplicaSite { Id = id, Province = "浙江", Platform = "测试办" };
        site.Pages["/"] = RealMarkup(entryFixture);
        foreach (var (path, fixture) in more) site.Pages[path] = RealMarkup(fixture);
        return site;
    }
}
