using System.Text.RegularExpressions;
using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Pages;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Probing.Probes.ServiceChannels;

/// <summary>
/// <c>service-channels</c> (爱用 · 多渠道统筹): does the entry page lead to the platform's other channels — the app
/// (下载APP/客户端), the mobile or H5 version (移动版/手机版), a QR code to scan (二维码/扫码), a mini-program or official
/// account (小程序/公众号)? Each found link is checked to work (same-origin; a 404 is a dead download link); a picture
/// captioned with the channel (a QR code over 扫码下载APP, a badge titled 微信公众号) offers it too. Pass when
/// at least <c>min_found</c> (2) kinds are found and none is broken. Whether the channels really work together is for
/// the 体验官; this is what a visitor of the web portal is offered.
/// </summary>
public sealed class ServiceChannelsProbe : IIndicatorProbe
{
    public const string ProbeKey = "service-channels";
    public ProbeDeclaration Declaration { get; } = new(ProbeKey, new("多渠道入口", "service channels"),
        SettingsSchema.Of<ServiceChannelsSettings>(),
        []) { ReadsEntryOnly = true };

    public static readonly EntryKind[] Kinds =
    [
        new("app_download", new Regex("(下载\\s*APP|APP\\s*下载|下载\\s*App|App\\s*下载|客户端下载|下载客户端|手机客户端|移动客户端|安卓下载|iOS\\s*下载)", RegexOptions.IgnoreCase)),
        new("mobile_version", new Regex("(移动版|手机版|触屏版|移动端|\\bH5\\b|掌上办)", RegexOptions.IgnoreCase)),
        new("qr_code", new Regex("(二维码|扫码(?!登录)|扫一扫)")), // a login QR code is not a channel
        new("mini_program", new Regex("(小程序|公众号|支付宝城市服务|微信城市服务)")),
    ];

    public Task<ProbeObservation> ProbeAsync(ProbeContext context, CancellationToken cancellationToken) =>
        EntryLinks.ProbeAsync(context, Kinds, context.Settings.As<ServiceChannelsSettings>().MinFound, picturesOffer: true);
}
