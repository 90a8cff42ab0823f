using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Pages;
using ZhangbanProbe.Probing.Probes.ServiceChannels;
using ZhangbanProbe.Replicas;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Probes.ServiceChannels;

[Trait("Category", "Unit")]
public class ServiceChannelLabelTests
{
    [Theory]
    [InlineData("下载APP", "app_download")]
    [InlineData("App 下载", "app_download")]
    [InlineData("手机客户端", "app_download")]
    [InlineData("移动版", "mobile_version")]
    [InlineData("扫码关注二维码", "qr_code")]
    [InlineData("微信小程序", "mini_program")]
    [InlineData("支付宝城市服务", "mini_program")]
    [InlineData("扫码登录", null)] // a login QR code is not a channel
    [InlineData("个人服务", null)]
    public void Channel_labels_as_portals_write_them(string label, string? kind) =>
        Assert.Equal(kind, ServiceChannelsProbe.Kinds.FirstOrDefault(k => k.Label.IsMatch(label))?.Name);
}

[Trait("Category", "Browser")]
[Collection("browser")]
public class ServiceChannelsProbeTests
{
    [Fact]
    public async Task Channels_offered_pass_a_dead_download_link_fails_and_none_is_missing()
    {
        var full = new ReplicaSite { Id = "full", Province = "浙江", Platform = "浙里办" };
        var broken = new ReplicaSite { Id = "broken", Province = "广东", Platform = "粤省事" };
        broken.Features.Channels = ChannelsMode.BrokenDownload;
        var none = new ReplicaSite { Id = "none", Province = "湖北", Platform = "鄂汇办" };
        none.Features.Channels = ChannelsMode.None;
        var results = await ProbeScenario.RunAsync(ServiceChannelsProbe.ProbeKey, [full, broken, none]);

        Assert.Equal((Outcome.Pass, Reason.Ok), (results["full"].Outcome, results["full"].Reason));
        foreach (var kind in new[] { "app_download", "mobile_version", "qr_code", "mini_program" }) Assert.Contains(kind, results["full"].Detail);
        Assert.Equal((Outcome.Fail, Reason.DeadLink), (results["broken"].Outcome, results["broken"].Reason));
        Assert.Contains("404", results["broken"].Detail);
        Assert.Equal((Outcome.Fail, Reason.Missing), (results["none"].Outcome, results["none"].Reason));
    }
}

/// <summary>
/// Channels offered as pictures, as platform footers and side bars write them: QR codes in a list with a caption
/// under each (a div or a figcaption), an alt text only, and a sign-in QR code that offers no channel.
/// </summary>
[Trait("Category", "Browser")]
[Collection("browser")]
public class PictureChannelTests
{
    private const string Qr = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='120' height='120'%3E%3Crect width='120' height='120' fill='%23000'/%3E%3C/svg%3E";

    private static ReplicaSite Page(string id, string body) => ProbeScenario.HtmlSite(id, $"<h1>测试办</h1><p>个人服务 法人服务</p>{body}");

    [Fact]
    public async Task A_captioned_qr_code_offers_its_channel_a_sign_in_code_does_not_and_a_dead_link_still_fails()
    {
        var results = await ProbeScenario.RunAsync(ServiceChannelsProbe.ProbeKey,
        [
            Page("pic-footer", $"""
                <div class="footer-qr">
                  <div class="item"><img src="{Qr}" width="120" height="120"><p>扫码下载APP</p></div>
                  <div class="item"><img src="{Qr}" width="120" height="120"><p>微信公众号</p></div>
                  <figure><img src="{Qr}" width="100" height="100"><figcaption>支付宝小程序</figcaption></figure>
                </div>
                """),
            Page("pic-alt", $"""<div><img src="{Qr}" width="96" height="96" alt="浙里办APP下载二维码"></div>"""),
            Page("pic-login", $"""<div class="login"><img src="{Qr}" width="120" height="120"><span>扫码登录</span></div>"""),
            Page("pic-icon", $"""<div><img src="{Qr}" width="16" height="16"><span>微信公众号</span></div>"""),
            Page("pic-dead", $"""<a href="/download-missing.apk">下载APP</a><div><img src="{Qr}" width="120" height="120"><p>微信公众号</p></div>"""),
        ]);

        ProbeScenario.AssertOutcome(results, "pic-footer", Outcome.Pass, Reason.Ok);
        Assert.Contains("a picture captioned '扫码下载APP'", results["pic-footer"].Detail);
        Assert.Contains("not a link", results["pic-footer"].Detail);
        ProbeScenario.AssertOutcome(results, "pic-alt", Outcome.Pass, Reason.Ok);          // app download and qr code, from the alt text
        ProbeScenario.AssertOutcome(results, "pic-login", Outcome.Fail, Reason.Missing);   // a sign-in QR code is no channel
        ProbeScenario.AssertOutcome(results, "pic-icon", Outcome.Fail, Reason.Missing);    // a 16 px icon is no code to scan
        ProbeScenario.AssertOutcome(results, "pic-dead", Outcome.Fail, Reason.DeadLink);   // the picture does not excuse a dead download link
    }
}
