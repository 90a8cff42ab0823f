using System.Text.RegularExpressions;
using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Pages;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Probing.Probes.ELicence;

/// <summary>
/// <c>e-licence</c> (管用 · 电子证照和数据查询服务提供): does the entry page lead to electronic licences (电子证照, 亮证,
/// 卡包, 电子社保卡) and to queries of one's own data (社保查询, 公积金查询, 不动产查询 …; the case-progress query is
/// progress-query's), each to a working page? The licences themselves sit behind a real-name sign-in, which counts as
/// working; a dead link or an empty shell fails. Pass when at least <c>min_found</c> (2: both) kinds are there and work.
/// </summary>
public sealed class ELicenceProbe : IIndicatorProbe
{
    public const string ProbeKey = "e-licence";
    public ProbeDeclaration Declaration { get; } = new(ProbeKey, new("电子证照与数据查询", "e-licences and data queries"),
        SettingsSchema.Of<ELicenceSettings>(),
        []);

    public static readonly EntryKind[] Kinds =
    [
        new("e_licence", new Regex("(电子证照|我的证照|证照(中心|库|服务|夹|专区)|亮证|电子证件|证件(夹|包)|卡包|电子证明|电子社保卡|电子驾驶证|电子身份证)")),
        new("data_query", new Regex("((社保|公积金|个税|纳税|不动产|房产|学历|学籍|档案|户籍|婚姻|车辆|违章|交通违法|驾驶证|医保|养老金|信用)[\u4e00-\u9fa5]{0,4}查询|数据查询|信息查询|个人查询|便民查询|查询(中心|服务|专区))")),
    ];

    public Task<ProbeObservation> ProbeAsync(ProbeContext context, CancellationToken cancellationToken) =>
        ServiceEntries.ProbeAsync(context, Kinds, context.Settings.As<ELicenceSettings>().MinFound, cancellationToken);
}
