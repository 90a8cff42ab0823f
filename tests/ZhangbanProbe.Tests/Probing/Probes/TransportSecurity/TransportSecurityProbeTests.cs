using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Probes.ResponseTime;
using ZhangbanProbe.Probing.Probes.TransportSecurity;
using ZhangbanProbe.Replicas;
using static ZhangbanProbe.Tests.Support.ProbeScenario;

namespace ZhangbanProbe.Tests.Probes.TransportSecurity;

[Trait("Category", "Browser")]
[Collection("browser")]
public class TransportSecurityProbeTests
{
    private static ReplicaSite Tls(string id, Action<ReplicaTls>? adjust = null)
    {
        var tls = new ReplicaTls();
        adjust?.Invoke(tls);
        return new ReplicaSite { Id = id, Province = "浙江", Platform = "测试办", Tls = tls };
    }

    [Fact]
    public async Task Each_transport_fault_gets_its_own_outcome_and_reason()
    {
        var results = await RunAsync(TransportSecurityProbe.ProbeKey,
        [
            Tls("ts-secure"),
            Tls("ts-expired", t => t.Certificate = ReplicaCertificate.Expired),
            Tls("ts-expiring", t => t.Certificate = ReplicaCertificate.ExpiringSoon),
            Tls("ts-selfsigned", t => t.Certificate = ReplicaCertificate.SelfSigned),
            Tls("ts-wronghost", t => t.Certificate = ReplicaCertificate.WrongHost),
            Tls("ts-plainhttp", t => t.RedirectHttp = false),
            Tls("ts-nohsts", t => t.Hsts = false),
            Tls("ts-cookies", t => t.SecureCookies = false),
            Tls("ts-mixed", t => t.MixedContent = true),
            Site("ts-httponly"),
            new ReplicaSite { Id = "ts-hang", Province = "浙江", Hang = true },
        ]);

        AssertOutcome(results, "ts-secure", Outcome.Pass, Reason.Ok);
        AssertOutcome(results, "ts-expired", Outcome.Fail, Reason.CertExpired);
        AssertOutcome(results, "ts-expiring", Outcome.Degraded, Reason.CertExpiring);
        AssertOutcome(results, "ts-selfsigned", Outcome.Fail, Reason.CertUntrusted);
        AssertOutcome(results, "ts-wronghost", Outcome.Fail, Reason.CertNameMismatch);
        AssertOutcome(results, "ts-plainhttp", Outcome.Fail, Reason.NoHttpsRedirect);
        AssertOutcome(results, "ts-nohsts", Outcome.Degraded, Reason.MissingHsts);
        AssertOutcome(results, "ts-cookies", Outcome.Degraded, Reason.InsecureCookies);
        AssertOutcome(results, "ts-mixed", Outcome.Fail, Reason.MixedContent);
        AssertOutcome(results, "ts-httponly", Outcome.Fail, Reason.NoHttps);
        AssertOutcome(results, "ts-hang", Outcome.Error, Reason.Timeout); // nothing answered: not observed, not a verdict

        var secure = results["ts-secure"];
        Assert.Contains("TLS 1.3", secure.Detail);
        Assert.Contains("HTTP redirects to HTTPS", secure.Detail);
        Assert.InRange(secure.Measurements.Single(m => m.Name == "cert_days_left").Value, 363, 365);
        Assert.Equal(31536000, secure.Measurements.Single(m => m.Name == "hsts_max_age").Value);
        Assert.Contains(secure.Evidence, e => e.Kind == "certificate" && File.ReadAllText(e.Path!).Contains("BEGIN CERTIFICATE"));
        Assert.Contains(secure.Evidence, e => e.Kind == "screenshot");
        Assert.InRange(results["ts-expiring"].Measurements.Single(m => m.Name == "cert_days_left").Value, 4, 5);
        Assert.Contains("JSESSIONID", results["ts-cookies"].Detail);
        Assert.Contains("/static/stat.js", results["ts-mixed"].Detail);
        Assert.Contains("self-signed", results["ts-selfsigned"].Detail);
    }

    [Fact]
    public async Task Other_probes_load_sites_signed_by_the_configured_extra_root()
    {
        // Browser:ExtraRootCertificates reaches Chromium: without it this would be error/certificate-invalid.
        var results = await RunAsync(ResponseTimeProbe.ProbeKey, [Tls("ts-trusted")]);
        AssertOutcome(results, "ts-trusted", Outcome.Pass, Reason.WithinBudget);
    }

    private static readonly DateTimeOffset Now = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);

    private static TransportFacts Good() => new()
    {
        HttpsAvailable = true, TlsVersion = 1.3, PlainHttp = PlainHttp.RedirectsToHttps, Hsts = "max-age=31536000",
        Certificate = new("portal.gov.cn", "CA", Now.AddDays(-10), Now.AddDays(200), true, true, ""),
        Cookies = [new("sid", true, true)],
        SecurityHeaders = new Dictionary<string, bool> { ["X-Frame-Options"] = false },
    };

    [Trait("Category", "Unit")]
    [Fact]
    public void Rules_order_fails_before_degradations_and_report_everything()
    {
        var judge = (TransportFacts f) => TransportSecurityRules.Judge(f, Now, TimeSpan.FromDays(14));
        Assert.Equal((Outcome.Pass, Reason.Ok), (judge(Good()).Outcome, judge(Good()).Reason));
        Assert.Contains("headers absent: X-Frame-Options", judge(Good()).Detail); // reported, not judged
        Assert.Equal(Reason.WeakTls, judge(Good() with { TlsVersion = 1.0 }).Reason);
        Assert.Equal(Reason.MissingHsts, judge(Good() with { Hsts = "max-age=0" }).Reason);
        Assert.Equal(Reason.CertExpiring, judge(Good() with { Certificate = Good().Certificate! with { NotAfter = Now.AddDays(13) } }).Reason);
        Assert.Equal(Reason.Ok, judge(Good() with { Certificate = Good().Certificate! with { NotAfter = Now.AddDays(15) } }).Reason);
        Assert.Equal(Reason.CertExpired, judge(Good() with { Certificate = Good().Certificate! with { NotAfter = Now.AddSeconds(-1) } }).Reason);
        // Plain HTTP not listening at all is fine: nothing is served insecurely.
        Assert.Equal(Reason.Ok, judge(Good() with { PlainHttp = PlainHttp.NotServed }).Reason);
        // A fail wins over a degradation, and both are in the detail.
        var both = judge(Good() with { Hsts = null, MixedContent = ["http://x/a.js"] });
        Assert.Equal((Outcome.Fail, Reason.MixedContent), (both.Outcome, both.Reason));
        Assert.Contains("no Strict-Transport-Security", both.Detail);
        // A page that could not be looked at is said so, not counted as free of mixed content.
        var unchecked_ = judge(Good() with { MixedContentNotChecked = "the entry page did not load (timeout)" });
        Assert.Equal(Reason.Ok, unchecked_.Reason);
        Assert.Contains("mixed content not checked: the entry page did not load", unchecked_.Detail);
        Assert.DoesNotContain(unchecked_.Measurements, m => m.Name == "mixed_content");
        Assert.Contains(judge(Good()).Measurements, m => m.Name == "mixed_content" && m.Value == 0);
        Assert.Equal(Reason.NoHttps, judge(new TransportFacts { HttpsAvailable = false, HttpsProblem = "refused", PlainHttp = PlainHttp.ServesPlain }).Reason);
    }
}
