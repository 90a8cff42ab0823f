using System.Text.RegularExpressions;
using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Pages;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Probing.Probes.ConvenienceServices;

/// <summary>
/// <c>convenience-services</c> (管用 · 便民服务实用): does the entry page offer the everyday services people come for —
/// social security (社保/医保), the housing fund (公积金), bill payment (生活缴费) — and does each lead to a working page
/// (not a dead link, not an empty shell saying 建设中)? A sign-in page counts as working: these are personal services.
/// Pass when at least <c>min_found</c> (2) kinds are there and work. Whether the services are useful is for the 体验官.
/// </summary>
public sealed class ConvenienceServicesProbe : IIndicatorProbe
{
    public const string ProbeKey = "convenience-services";
    public ProbeDeclaration Declaration { get; } = new(ProbeKey, new("便民服务", "convenience services"),
        SettingsSchema.Of<ConvenienceServicesSettings>(),
        []);

    public static readonly EntryKind[] Kinds =
    [
        new("social_security", new Regex("(社保|社会保险|养老保险|医保|医疗保障|医疗保险|养老金)")),
        new("housing_fund", new Regex("公积金")),
        new("payments", new Regex("(生活缴费|缴费|交费|水费|电费|燃气费|话费)")),
    ];

    public Task<ProbeObservation> ProbeAsync(ProbeContext context, CancellationToken cancellationToken) =>
        ServiceEntries.ProbeAsync(context, Kinds, context.Settings.As<ConvenienceServicesSettings>().MinFound, cancellationToken);
}
