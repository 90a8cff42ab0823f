using System.Text.RegularExpressions;
using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Architecture;

/// <summary>Probe settings are typed once: declared on a record, bound at load, read as properties, documented from the declaration.</summary>
[Trait("Category", "Unit")]
public class TypedSettingsTests
{
    private static readonly string Probing = Path.Combine(TestPaths.RepoRoot, "src", "ZhangbanProbe.Probing");

    [Fact]
    public void No_probe_reads_a_setting_by_its_name()
    {
        // Reading by name is what the typed records replace: a name written twice, a default written three times.
        var byName = new Regex(@"\.Get(Int|Double|Duration|String|Flag)\(""|Settings\.Values\s*\[|Settings\.Values\.(TryGetValue|GetValueOrDefault)\(");
        var offences = Directory.EnumerateFiles(Probing, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/"))
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (f, i, line)))
            .Where(x => byName.IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(Probing, x.f)}:{x.i + 1}: {x.line.Trim()}").ToList();
        Assert.True(offences.Count == 0, string.Join("\n", offences));
        // Nor can one: the settings have no accessor taking a name.
        Assert.DoesNotContain(typeof(ProbeSettings).GetMethods(), m => m.IsPublic && !m.IsStatic && m.GetParameters().FirstOrDefault()?.ParameterType == typeof(string));
    }

    [Fact]
    public void The_rule_catches_a_read_by_name()
    {
        var byName = new Regex(@"\.Get(Int|Double|Duration|String|Flag)\(""");
        Assert.Matches(byName, """var n = context.Settings.GetInt("min_found", 2);""");
        Assert.DoesNotMatch(byName, "var n = context.Settings.As<ServiceChannelsSettings>().MinFound;");
    }

    [Fact]
    public void Every_probe_declares_a_settings_record_whose_defaults_are_within_its_limits_and_the_catalogue_binds_it()
    {
        var catalogue = ZhangbanProbe.Definitions.CatalogueLoader.Load(TestPaths.CatalogueFile, RegisteredProbes.Find);
        foreach (var (key, declaration) in RegisteredProbes.Declarations)
        {
            // Building the schema checks each default against its own limits (it throws otherwise).
            var schema = declaration.Settings;
            Assert.All(schema, s => Assert.False(string.IsNullOrWhiteSpace(s.Description), $"{key}.{s.Name} has no description"));
            var entry = catalogue.Find(key);
            Assert.NotNull(entry);
            if (schema.Count > 0) Assert.IsType(schema.Type, entry!.Settings.Typed);
        }
    }

    [Fact]
    public void The_settings_document_is_generated_from_the_declarations()
    {
        var path = Path.Combine(TestPaths.RepoRoot, "docs", "settings.md");
        var generated = SettingsDocs.Markdown(RegisteredProbes.Declarations.Values);
        if (Environment.GetEnvironmentVariable("ZHANGBAN_WRITE_DOCS") == "1") File.WriteAllText(path, generated);
        Assert.True(File.Exists(path) && File.ReadAllText(path).ReplaceLineEndings("\n") == generated,
            "docs/settings.md differs from the probes' declarations; regenerate it: ZHANGBAN_WRITE_DOCS=1 ./scripts/test.sh --fast --filter FullyQualifiedName~TypedSettingsTests");
    }

    public sealed record Sample
    {
        [Setting("count", "a count", Min = "1", Max = "15")] public int Count { get; init; } = 3;
        [Setting("budget", "a duration", Min = "100ms")] public TimeSpan Budget { get; init; } = TimeSpan.FromSeconds(3);
        [Setting("share", "a share", Share = true)] public double Share { get; init; } = 0.8;
        [Setting("flag", "a flag")] public bool Flag { get; init; } = true;
        [Setting("term", "a text")] public string Term { get; init; } = "社保";
    }

    [Theory]
    [InlineData("count", "0", "below the smallest allowed, 1")]
    [InlineData("count", "16", "above the largest allowed, 15")]
    [InlineData("count", "2.5", "not a whole number")]
    [InlineData("budget", "50ms", "below the smallest allowed, 100ms")]
    [InlineData("budget", "fast", "not a positive duration")]
    [InlineData("share", "80", "not a share between 0 and 1")]
    [InlineData("flag", "yes", "not true or false")]
    [InlineData("term", " ", "must not be empty")]
    public void Values_outside_kind_or_range_are_refused_naming_the_setting(string name, string value, string why)
    {
        var ex = Assert.Throws<ArgumentException>(() => SettingsSchema.Of<Sample>().Bind(new Dictionary<string, string> { [name] = value }));
        Assert.Contains($"setting '{name}'", ex.Message);
        Assert.Contains(why, ex.Message);
    }

    [Fact]
    public void Values_bind_to_the_record_and_write_back_the_same()
    {
        var schema = SettingsSchema.Of<Sample>();
        var bound = (Sample)schema.Bind(new Dictionary<string, string> { ["count"] = "15", ["budget"] = "2500ms", ["share"] = "0.5", ["flag"] = "false" });
        Assert.Equal(new Sample { Count = 15, Budget = TimeSpan.FromMilliseconds(2500), Share = 0.5, Flag = false }, bound);
        Assert.Equal(bound, schema.Bind(schema.Values(bound)));
        Assert.Equal(new Sample(), schema.Bind(new Dictionary<string, string>())); // left out: the defaults
        Assert.Equal(["3", "3s", "0.8", "true", "社保"], schema.Select(s => s.Default));
        Assert.Equal(new Sample { Count = 2 }, ProbeSettings.Of(new Sample { Count = 2 }).As<Sample>());
    }

    public sealed record OutOfItsOwnRange
    {
        [Setting("n", "a count", Max = "2")] public int N { get; init; } = 5;
    }

    [Fact]
    public void A_default_outside_its_own_limits_is_a_programming_error_found_at_start()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => SettingsSchema.Of<OutOfItsOwnRange>());
        Assert.Contains("'n'", ex.Message);
    }
}
