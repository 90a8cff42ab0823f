using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.Results;

namespace ZhangbanProbe.Probing.Running;

/// <summary>
/// An indicator probe: how one objective indicator is measured. Probes live one per folder under
/// <c>Probes/</c> and are registered once (<see cref="ProbeRegistration"/>). A probe returns an observation;
/// it may throw, and the runner turns the exception into an error result through the failure classifier.
/// </summary>
public interface IIndicatorProbe
{
    /// <summary>What the probe declares about itself: key, names, the settings it reads (checked by kind at load) and
    /// the hints a manifest may give it (others are rejected at load, file:line), whether its value is a timing.</summary>
    ProbeDeclaration Declaration { get; }

    /// <summary>The probe's static key (also its indicator id in results and the catalogue).</summary>
    string Key => Declaration.Key;

    Task<ProbeObservation> ProbeAsync(ProbeContext context, CancellationToken cancellationToken);
}
