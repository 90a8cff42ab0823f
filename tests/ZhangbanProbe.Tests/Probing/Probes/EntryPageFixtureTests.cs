using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Probes.CityEntries;
using ZhangbanProbe.Probing.Probes.ElderlyMode;
using ZhangbanProbe.Probing.Probes.EnglishMode;
using ZhangbanProbe.Probing.Probes.Search;
using static ZhangbanProbe.Tests.Support.Fixtures;
using static ZhangbanProbe.Tests.Support.ProbeScenario;

namespace ZhangbanProbe.Tests.Probes;

/// <summary>
/// Entry-page controls as real pages write them (docs/real-markup-notes.md), rendered by real Chromium in the mobile
/// profile: switches that are spans and divs with script listeners, image-only switches, copies hidden from phones.
/// </summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public class EntryPageFixtureTests
{
    private static readonly (string, string)[] CityPages = [("/city/hz", "city-page.html"), ("/city/nb", "city-page.html"), ("/city/wz", "city-page.html"), ("/city/sb", "city-page.html")];

    [Fact]
    public async Task City_lists_behind_a_text_switcher_count_hidden_ones_do_not()
    {
        var results = await RunAsync(CityEntriesProbe.ProbeKey, [Page("ce-span-hub", "city-span-hub.html", CityPages), Page("ce-hidden", "city-hidden-only.html", CityPages)]);
        AssertOutcome(results, "ce-span-hub", Outcome.Pass, Reason.Ok);
        Assert.StartsWith("3 city entries, 3 of 3 checked work", results["ce-span-hub"].Detail); // 省本级 is not a city
        AssertOutcome(results, "ce-hidden", Outcome.Fail, Reason.Missing);
        Assert.Contains("3 hidden city links", results["ce-hidden"].Detail);
    }

    [Fact]
    public async Task A_search_box_behind_a_magnifier_div_is_opened_and_used()
    {
        var results = await RunAsync(SearchProbe.ProbeKey, [Page("se-icon", "search-icon.html", ("/results", "search-results.html"))]);
        AssertOutcome(results, "se-icon", Outcome.Pass, Reason.Ok);
    }

    [Fact]
    public async Task An_English_link_only_in_a_header_hidden_from_phones_is_missing_and_named()
    {
        var results = await RunAsync(EnglishModeProbe.ProbeKey, [Page("en-hidden", "english-hidden-pc-header.html")]);
        AssertOutcome(results, "en-hidden", Outcome.Fail, Reason.Missing);
        Assert.Contains("hidden", results["en-hidden"].Detail);
    }

    [Fact]
    public async Task An_image_only_elderly_switch_beside_an_accessibility_toolbar_is_found_by_its_alt()
    {
        var results = await RunAsync(ElderlyModeProbe.ProbeKey, [Page("el-image", "elderly-image-switch.html")]);
        AssertOutcome(results, "el-image", Outcome.Pass, Reason.Ok);
        Assert.Contains("适老化无障碍服务", results["el-image"].Detail);
    }

    [Fact]
    public async Task An_elderly_mode_that_zooms_the_page_through_a_toolbar_script_is_measured_as_larger_text()
    {
        var results = await RunAsync(ElderlyModeProbe.ProbeKey, [Page("el-zoom", "elderly-zoom-toolbar.html")]);
        AssertOutcome(results, "el-zoom", Outcome.Pass, Reason.Ok);
        Assert.InRange(results["el-zoom"].Value!.Value, 1.4, 1.6);
    }

    [Fact]
    public async Task Switches_inside_a_collapsed_phone_menu_are_found_by_opening_the_menu()
    {
        var english = await RunAsync(EnglishModeProbe.ProbeKey, [Page("en-menu", "hamburger-menu.html")]);
        AssertOutcome(english, "en-menu", Outcome.Pass, Reason.Ok);
        var elderly = await RunAsync(ElderlyModeProbe.ProbeKey, [Page("el-menu", "hamburger-menu.html")]);
        AssertOutcome(elderly, "el-menu", Outcome.Pass, Reason.Ok);
        Assert.Contains("in the page's menu", elderly["el-menu"].Detail);
    }
}
