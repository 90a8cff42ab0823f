using ZhangbanProbe.Core.Catalogue;
using System.Text.RegularExpressions;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Pages;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Probing.Probes.FeedbackChannel;

/// <summary>
/// <c>feedback-channel</c>: 好差评 (the national five-level service rating), 投诉 (complaints), 咨询 (enquiries)
/// and 12345 hotline entries reachable from the entry page. It informs 反馈互动通畅: users must be able to rate,
/// complain and ask. Pass when at least <c>min_found</c> (default 2) kinds are found and none is broken.
/// </summary>
public sealed class FeedbackChannelProbe : IIndicatorProbe
{
    public const string ProbeKey = "feedback-channel";
    public ProbeDeclaration Declaration { get; } = new(ProbeKey, new("反馈渠道", "feedback channels"),
        SettingsSchema.Of<FeedbackChannelSettings>(),
        []) { ReadsEntryOnly = true };

    public static readonly EntryKind[] Kinds =
    [
        new("rating_haochaping", new Regex("(好差评|服务评价|评价中心|办事评价|我要评价|评价服务)")),
        new("complaint", new Regex("(投诉|举报|我要投诉|纠错|意见建议|建言献策|我要建议|差评申诉)")),
        new("enquiry", new Regex("(咨询|我要咨询|在线客服|智能客服|智能问答|留言|信箱|写信|互动交流|政民互动)")),
        new("hotline_12345", new Regex("12345")),
    ];

    public Task<ProbeObservation> ProbeAsync(ProbeContext context, CancellationToken cancellationToken) =>
        EntryLinks.ProbeAsync(context, Kinds, context.Settings.As<FeedbackChannelSettings>().MinFound);
}
