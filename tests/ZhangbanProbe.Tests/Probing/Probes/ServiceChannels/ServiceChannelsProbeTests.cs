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
