using ZhangbanProbe.Core.Results;

namespace ZhangbanProbe.Probing.Running;

/// <summary>
/// An indicator probe: how one objective indicator is measured. Probes live one per folder under
/// <c>Probes/</c> and are registered once (<see cref="ProbeRegistration"/>). A probe returns an observation;
/// it may throw, and the runner turns the exception into an error result through the failure classifier.
/// </summary>
public interface IIndicatorProbe
{
    /// <summary>The probe's static key (also its indicator id in results and the catalogue).</summary>
    string Key { get; }

    /// <summary>Setting names the probe reads from the catalogue (budgets, rules); others are rejected at load.</summary>
    IReadOnlyCollection<string> SettingNames { get; }

    /// <summary>Hint names a portal manifest may give this probe under <c>hints.&lt;key&gt;</c>; others are rejected at load (file:line).</summary>
    IReadOnlyCollection<string> HintNames => [];

    Task<ProbeObservation> ProbeAsync(ProbeContext context, CancellationToken cancellationToken);
}
