using ZhangbanProbe.Core.Catalogue;
using System.Text.RegularExpressions;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Pages;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Probing.Probes.OfflineChannels;

/// <summary>
/// <c>offline-channels</c>: appointment (预约) and service-hall locator (办事大厅/服务网点) entries on the entry page.
/// It informs 线上线下协同: users who cannot finish online need a way to the counter. Pass when at least
/// <c>min_found</c> (default 1) is found and none is broken.
/// </summary>
public sealed class OfflineChannelsProbe : IIndicatorProbe
{
    public const string ProbeKey = "offline-channels";
    public ProbeDeclaration Declaration { get; } = new(ProbeKey, new("线下办事渠道", "offline channels"),
        SettingsSchema.Of<OfflineChannelsSettings>(),
        []) { ReadsEntryOnly = true };

    public static readonly EntryKind[] Kinds =
    [
        new("appointment", new Regex("(预约|取号|排队|叫号)")),
        new("service_hall", new Regex("(办事大厅|服务大厅|政务大厅|大厅导航|服务网点|办事网点|网点查询|网点地图|线下办理|政务服务中心|便民服务中心|办事地图|服务地图|政务地图|就近办|大厅查询|找大厅|找网点)")),
    ];

    public Task<ProbeObservation> ProbeAsync(ProbeContext context, CancellationToken cancellationToken) =>
        EntryLinks.ProbeAsync(context, Kinds, context.Settings.As<OfflineChannelsSettings>().MinFound);
}
