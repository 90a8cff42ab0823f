using ZhangbanProbe.Core.Catalogue;

namespace ZhangbanProbe.Probing.Probes.LoginOptions;

/// <summary>The catalogue settings this probe reads (names, defaults and limits written once, here).</summary>
public sealed record LoginOptionsSettings
{
    [Setting("min_methods", "Sign-in methods (password, SMS, face, e-licence, app scan, ...) that must be offered for a pass", Min = "1", Max = "10")]
    public int MinMethods { get; init; } = 2;
}
