using System.Net;
using Microsoft.Extensions.Options;
using ZhangbanProbe.Alerting;
using ZhangbanProbe.Core.Alerts;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Storage;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Serve;

/// <summary>Links, not paths: a signed, expiring link per result opens its evidence page on `serve`; anything else is refused.</summary>
[Trait("Category", "Integration")]
[Collection("browser")]
public class EvidenceLinkTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef-link";

    [Fact]
    public async Task A_signed_link_opens_the_result_and_its_screenshot_a_tampered_or_expired_one_does_not()
    {
        var dir = TestPaths.NewTempDirectory();
        var evidenceDir = Directory.CreateDirectory(Path.Combine(dir, "evidence", "r")).FullName;
        var shot = Path.Combine(evidenceDir, "english.png");
        await File.WriteAllBytesAsync(shot, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var store = new ProbeStore(Options.Create(new StorageOptions { SqlitePath = Path.Combine(dir, "zhangban.db") }));
        await store.MigrateAsync();
        var runId = Guid.CreateVersion7();
        await store.BeginRunAsync(new ProbeRun { Id = runId, StartedAtUtc = DateTime.UtcNow });
        await store.SaveResultAsync(ProbeResult.From(runId, "zhejiang", "english-mode",
            ProbeObservation.Of(Outcome.Fail, Reason.DeadLink, "switch <a> 'English' leads to HTTP 404") with
            {
                Urls = ["https://www.zjzwfw.gov.cn/", "https://www.zjzwfw.gov.cn/en/"],
                Evidence = [new EvidenceItem("screenshot", shot, "https://www.zjzwfw.gov.cn/en/")],
            }, DateTime.UtcNow, TimeSpan.FromSeconds(2)));
        // A second result whose screenshot was fingerprinted when taken, and changed afterwards.
        var changed = Path.Combine(evidenceDir, "changed.png");
        await File.WriteAllBytesAsync(changed, [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);
        var taken = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(changed)));
        await store.SaveResultAsync(ProbeResult.From(runId, "zhejiang", "elderly-mode", ProbeObservation.Of(Outcome.Pass, Reason.Ok, "长辈版") with
        {
            Evidence = [new EvidenceItem("screenshot", changed, "https://www.zjzwfw.gov.cn/elder/", Sha256: taken)],
        }, DateTime.UtcNow, TimeSpan.FromSeconds(2)));
        await File.WriteAllBytesAsync(changed, [0x89, 0x50, 0x4E, 0x47, 9, 9, 9]);

        var port = ServeApiTests.FreePort();
        var portals = Directory.CreateDirectory(Path.Combine(dir, "portals")).FullName;
        var publicBase = $"http://127.0.0.1:{port}";
        using var serve = ServeApiTests.StartServe(dir, portals, TestPaths.FastCatalogue(dir), port, new Dictionary<string, string>
        {
            ["ZHANGBAN_Alerts__PublicBaseUrl"] = publicBase,
            ["ZHANGBAN_Alerts__LinkSecret"] = Secret,
            ["ZHANGBAN_Schedule__Sweeps__nightly__Cron"] = "0 0 2 1 1 ? 2099",
            ["ZHANGBAN_Evidence__Directory"] = Path.Combine(dir, "evidence") + "/", // a trailing '/' is harmless
        });
        using var http = new HttpClient();
        try
        {
            await ServeApiTests.WaitHealthyAsync(new HttpClient { BaseAddress = new Uri(publicBase) }, serve);
            var links = new EvidenceLinks(Options.Create(new AlertOptions { PublicBaseUrl = publicBase, LinkSecret = Secret }), TimeProvider.System);
            var link = links.For(runId, "zhejiang", "english-mode")!;

            var page = await http.GetStringAsync(link); // no token: the signature is the key
            Assert.Contains("英文版：未通过", page);
            Assert.Contains("链接失效", page);
            Assert.Contains("https://www.zjzwfw.gov.cn/en/", page);
            var img = System.Text.RegularExpressions.Regex.Match(page, "<img src=\"([^\"]+)\"").Groups[1].Value.Replace("&amp;", "&");
            var file = await http.GetAsync(publicBase + img);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal("image/png", file.Content.Headers.ContentType!.MediaType);

            Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(link[..^4] + "0000")).StatusCode);                         // tampered signature
            Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(link.Replace("/zhejiang/", "/guangdong/"))).StatusCode);   // another result
            var expired = new EvidenceLinks(Options.Create(new AlertOptions { PublicBaseUrl = publicBase, LinkSecret = Secret, LinkLifetime = TimeSpan.FromSeconds(-60) }), TimeProvider.System);
            Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(expired.For(runId, "zhejiang", "english-mode"))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(publicBase + img.Replace("/files/0", "/files/7"))).StatusCode);
            // Expiries no date can hold are bad links (403), never a server error.
            foreach (var exp in new[] { "99999999999999", "-99999999999999", "9223372036854775807" })
                Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(System.Text.RegularExpressions.Regex.Replace(link, "exp=\\d+", "exp=" + exp))).StatusCode);

            // A file changed after it was taken is not served (410) and the page says so.
            var changedLink = links.For(runId, "zhejiang", "elderly-mode")!;
            var changedPage = await http.GetStringAsync(changedLink);
            Assert.Contains("data-integrity=\"changed\"", changedPage);
            Assert.DoesNotContain("<img", changedPage);
            var q = new Uri(changedLink).Query;
            Assert.Equal(HttpStatusCode.Gone, (await http.GetAsync($"{publicBase}{EvidenceLinks.PathFor(runId, "zhejiang", "elderly-mode")}/files/0{q}")).StatusCode);
        }
        finally
        {
            if (!serve.HasExited) serve.Kill(true);
        }
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Provinces_get_the_link_instead_of_the_command_the_research_team_both()
    {
        var facts = new AlertFacts
        {
            Kind = IncidentKind.Portal, Transition = IncidentTransition.Opened, PortalId = "zhejiang", Province = "浙江", IndicatorId = "english-mode", ProbeNames = ZhangbanProbe.Tests.Support.RegisteredProbes.Find("english-mode")!.Names, What = "",
            Change = new AlertChange(ChangeKind.Failing, 2, Outcome.Fail, Reason.DeadLink), Evidence = [new EvidenceItem("screenshot", "/var/x.png", null)],
        };
        const string link = "https://probe.lab.example.cn/evidence/abc/zhejiang/english-mode?exp=1&sig=x";
        var (_, province) = AlertMessages.Render(facts, "zh", link, forProvince: true);
        var (_, research) = AlertMessages.Render(facts, "zh", link, forProvince: false);
        Assert.Contains(link, province);
        Assert.DoesNotContain("复现：", province);
        Assert.Contains(link, research);
        Assert.Contains("复现：zhangban run --portal zhejiang --indicator english-mode", research);
        Assert.DoesNotContain("/var/x.png", province + research);
    }
}

[Trait("Category", "Unit")]
public class EvidenceLinkOptionsTests
{
    [Fact]
    public void The_old_EvidenceBaseUrl_is_refused_naming_its_replacement_and_a_public_base_url_needs_a_secret()
    {
        var v = new AlertOptionsValidator();
        var old = v.Validate(null, new AlertOptions { EvidenceBaseUrl = "https://x/" });
        Assert.True(old.Failed);
        Assert.Contains("Alerts:PublicBaseUrl", old.FailureMessage);
        var noSecret = v.Validate(null, new AlertOptions { PublicBaseUrl = "https://probe.lab.example.cn" });
        Assert.Contains("Alerts:LinkSecret", noSecret.FailureMessage);
        Assert.True(v.Validate(null, new AlertOptions { PublicBaseUrl = "https://probe.lab.example.cn", LinkSecret = new string('s', 32) }).Succeeded);
    }
}
