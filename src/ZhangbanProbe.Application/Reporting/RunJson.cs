using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Core.Results;

namespace ZhangbanProbe.Application.Reporting;

/// <summary>The machine-readable run document (schema "zhangban-run/1", documented in the README).</summary>
public static class RunJson
{
    public const string Schema = "zhangban-run/1";

    public sealed record MeasurementDto(string Name, double Value, string Unit);
    public sealed record EvidenceDto(string Kind, string? Path, string? Url, string? Note);
    public sealed record ResultDto(
        string PortalId, string? Province, string? Platform, string IndicatorId, string Outcome, string Reason,
        double? Value, string? Unit, string? Detail, DateTime StartedAtUtc, double DurationMs, int Attempts,
        IReadOnlyList<string> Urls, IReadOnlyList<MeasurementDto> Measurements, IReadOnlyList<EvidenceDto> Evidence, string? Worker = null);
    /// <summary>A planned pair without a stored result (an incomplete run): why, in <c>cause</c> (not-probed, set-aside, queued).</summary>
    public sealed record MissingDto(string PortalId, string IndicatorId, string Cause, string? Detail);
    public sealed record RunDto(
        string Schema, Guid RunId, string Trigger, string Status, DateTime StartedAtUtc, DateTime? FinishedAtUtc,
        IReadOnlyList<string> PortalIds, IReadOnlyList<string> IndicatorIds, IReadOnlyList<ResultDto> Results,
        IReadOnlyList<MissingDto>? Missing = null, string? Definitions = null);

    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Keep Chinese readable in the file instead of \uXXXX escapes.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static RunDto ToDto(ProbeRun run, IReadOnlyList<PortalManifest> portals)
    {
        var byId = portals.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
        return new RunDto(Schema, run.Id, run.Trigger, ZhangbanProbe.Core.StateCode.Of(run.Status), run.StartedAtUtc, run.FinishedAtUtc, run.PortalIds, run.IndicatorIds,
            run.Results.Select(r => new ResultDto(
                r.PortalId, byId.GetValueOrDefault(r.PortalId)?.Province, byId.GetValueOrDefault(r.PortalId)?.Platform,
                r.IndicatorId, r.Outcome.ToCode(), r.Reason.ToCode(), r.Value, r.Unit, r.Detail, r.StartedAtUtc,
                Math.Round(r.Duration.TotalMilliseconds, 1), r.Attempts, r.Urls,
                r.Measurements.Select(m => new MeasurementDto(m.Name, m.Value, m.Unit)).ToList(),
                r.Evidence.Select(e => new EvidenceDto(e.Kind, e.Path, e.Url, e.Note)).ToList(), r.Worker)).ToList(),
            run.Missing.Select(m => new MissingDto(m.PortalId, m.IndicatorId, ZhangbanProbe.Core.StateCode.Of(m.Cause), m.Detail)).ToList(),
            run.DefinitionsHash);
    }

    public static async Task WriteAsync(string path, ProbeRun run, IReadOnlyList<PortalManifest> portals)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // Write to a temporary file and move it, so a reader never sees half a document.
        var tmp = full + ".tmp";
        await using (var stream = File.Create(tmp))
            await JsonSerializer.SerializeAsync(stream, ToDto(run, portals), Options);
        File.Move(tmp, full, overwrite: true);
    }

    public static RunDto Read(string path) =>
        JsonSerializer.Deserialize<RunDto>(File.ReadAllText(path), Options) ?? throw new InvalidDataException($"{path}: empty run document");
}
