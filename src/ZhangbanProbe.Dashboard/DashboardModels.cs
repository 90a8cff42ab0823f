using ZhangbanProbe.Application.Evidence;
using ZhangbanProbe.Core;
using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Storage;

namespace ZhangbanProbe.Dashboard;

/// <summary>What every page knows: who is looking, in which language, and where it is.</summary>
public sealed record PageContext(Principal User, Labels L, string Path, string Antiforgery = "")
{
    public IServiceProvider Services { get; init; } = default!;
}

/// <summary>One row of the heatmap: a platform as a person names it.</summary>
public sealed record PortalRow(string Id, string Province, string Platform);

/// <summary>The overview: one run's cells, platform × indicator grouped by layer, with filters and progress.</summary>
public sealed record OverviewModel(
    PageContext Page,
    ProbeRun? Run,
    int Done,
    int Total,
    IReadOnlyList<PortalRow> Portals,
    IReadOnlyList<CatalogueEntry> Indicators,
    IReadOnlyDictionary<(string Portal, string Indicator), ResultCell> Cells,
    IReadOnlyDictionary<Outcome, int> Counts,
    string? LayerFilter,
    string? ProvinceFilter,
    Outcome? OutcomeFilter,
    IReadOnlyList<string> Provinces)
{
    /// <summary>Who measured the shown pairs: each worker (machine/pid) and how many results it stored.</summary>
    public IReadOnlyList<(string Worker, int Count)> Workers { get; init; } = [];
    /// <summary>What changed in the definitions since the run before (null: nothing to compare with).</summary>
    public IReadOnlyList<string>? DefinitionChanges { get; init; }
}

/// <summary>The evidence viewer: one result, its evidence files checked against their fingerprints.</summary>
public sealed record ResultModel(PageContext Page, ProbeResult Result, PortalRow Portal, string IndicatorName, IReadOnlyList<EvidenceCheck.Checked> Evidence, string Reproduce);

/// <summary>One run as listed, with its progress.</summary>
public sealed record RunLine(ProbeRun Run, int Done, int Total);

/// <summary>Runs: history (newest first), the live view of those in progress, and the ad-hoc run form.</summary>
public sealed record RunsModel(PageContext Page, IReadOnlyList<RunLine> Runs, IReadOnlyList<PortalRow> Portals, IReadOnlyList<CatalogueEntry> Indicators, string? Message, bool MayStart)
{
    /// <summary>The worker's health as an operator needs it: results waiting for the database, rows it refused, dead notifications.</summary>
    public (int OutboxPending, int SetAside, int DeadNotifications) Health { get; init; }
    /// <summary>The definitions in use, and why a newer edit on disk is not (file:line:col), for the banner.</summary>
    public ZhangbanProbe.Application.Definitions.CurrentDefinitions? Definitions { get; init; }
}

/// <summary>Incidents with their transitions and deliveries, and what this user may do with each.</summary>
public sealed record IncidentsModel(PageContext Page, IReadOnlyList<(IncidentRow Incident, PortalRow Portal)> Incidents, string? Message);

/// <summary>The comparison of one edition, or why it cannot be made.</summary>
public sealed record CompareModel(PageContext Page, int Year, ZhangbanProbe.Core.HumanScores.ComparisonReport? Report, IReadOnlyList<CatalogueEntry> Indicators, IReadOnlyList<string> Errors, DateTime From, DateTime To);

/// <summary>One platform: per indicator its last results as a strip, timing trends, open incidents, human grades by edition.</summary>
public sealed record PortalModel(PageContext Page, PortalRow Portal, string EntryUrl, IReadOnlyList<CatalogueEntry> Indicators,
    IReadOnlyDictionary<string, IReadOnlyList<(Guid RunId, DateTime At, ResultCell Cell)>> Strips, string? TimingSvg,
    IReadOnlyList<IncidentRow> OpenIncidents, IReadOnlyList<ZhangbanProbe.Core.HumanScores.HumanEvaluation> Grades,
    IReadOnlyList<EditionLayer> Editions);

/// <summary>One edition × layer of a platform: the human grade beside the machine's share of passes in that edition's period.</summary>
public sealed record EditionLayer(int Year, string Layer, string? HumanGrade, int Passes, int Observed);
