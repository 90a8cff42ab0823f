using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Probes.LoginOptions;
using static ZhangbanProbe.Tests.Support.ProbeScenario;

namespace ZhangbanProbe.Tests.Probes.LoginOptions;

[Trait("Category", "Browser")]
[Collection("browser")]
public class LoginOptionsProbeTests
{
    [Fact]
    public async Task Inclusive_login_pages_pass_a_password_only_page_is_partial()
    {
        var results = await RunAsync(LoginOptionsProbe.ProbeKey, [Site("lo-all"), Site("lo-password", f => f.AllLoginMethods = false)]);
        AssertOutcome(results, "lo-all", Outcome.Pass, Reason.Ok);
        AssertOutcome(results, "lo-password", Outcome.Fail, Reason.Partial);
        var m = results["lo-all"].Measurements.ToDictionary(x => x.Name, x => x.Value);
        Assert.Equal(new double[] { 1, 1, 1, 1, 1 }, new[] { m["password"], m["sms_code"], m["app_scan"], m["eid_or_face"], m["foreigner"] });
    }

    [Trait("Category", "Unit")]
    [Fact]
    public void Reads_methods_from_real_login_texts()
    {
        Assert.Equal(["password", "sms_code", "app_scan"], LoginOptionsRules.Read("账号登录 短信登录 扫码登录 忘记密码"));
        Assert.Contains("foreigner", LoginOptionsRules.Read("Foreigner login with passport / 外国人永久居留身份证"));
        Assert.Contains("eid_or_face", LoginOptionsRules.Read("刷脸登录"));
    }
}
