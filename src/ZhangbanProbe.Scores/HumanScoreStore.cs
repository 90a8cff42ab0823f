using Microsoft.EntityFrameworkCore;
using ZhangbanProbe.Core.HumanScores;
using ZhangbanProbe.Core.Timing;
using ZhangbanProbe.Storage;

namespace ZhangbanProbe.Scores;

public sealed record ImportReport(string Path, int Rows, int Added, int AlreadyPresent, IReadOnlyList<string> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>Imports score files all-or-nothing and reads evaluations back.</summary>
public sealed class HumanScoreStore(ProbeStore store, TimeProvider time, Microsoft.Extensions.Options.IOptions<ScoreFileOptions> limits)
{
    public async Task<ImportReport> ImportAsync(string path, CancellationToken ct = default)
    {
        IReadOnlyList<string> header;
        IReadOnlyList<ScoreFileRow> rows;
        try { (header, rows) = ScoreFileReader.Read(path, limits.Value); }
        catch (ScoreFileException ex) { return new(path, 0, 0, 0, [ex.Message]); }

        var (evaluations, errors) = HumanScoreValidator.Validate(header, rows);
        if (errors.Count > 0) return new(path, rows.Count, 0, 0, errors.Select(e => e.Format(path)).ToList());

        await store.MigrateAsync(ct);
        await using var db = store.CreateContext();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var keys = evaluations.Select(e => e.ContentKey).ToList();
        var existing = (await db.HumanEvaluations.Where(h => keys.Contains(h.ContentKey)).Select(h => h.ContentKey).ToListAsync(ct)).ToHashSet();
        var now = time.UtcNowMicroseconds();
        var added = 0;
        foreach (var e in evaluations.Where(e => !existing.Contains(e.ContentKey)))
        {
            db.HumanEvaluations.Add(new HumanEvaluationRow
            {
                ReportYear = e.ReportYear, Province = e.Province, Platform = e.Platform, Layer = e.Layer, IndexIndicator = e.IndexIndicator,
                Grade = e.Grade, Score = e.Score, EvaluatorGroup = e.EvaluatorGroup, Rank = e.Rank, Notes = e.Notes, Source = e.Source,
                ContentKey = e.ContentKey, ImportedAtUtc = now, ImportFile = System.IO.Path.GetFileName(path),
            });
            added++;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(path, rows.Count, added, evaluations.Count - added, []);
    }

    public async Task<IReadOnlyList<HumanEvaluation>> ListAsync(int? year = null, CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        var rows = await db.HumanEvaluations.AsNoTracking().Where(h => year == null || h.ReportYear == year)
            .OrderBy(h => h.ReportYear).ThenBy(h => h.Province).ThenBy(h => h.Id).ToListAsync(ct);
        return rows.Select(h => new HumanEvaluation
        {
            ReportYear = h.ReportYear, Province = h.Province, Platform = h.Platform, Layer = h.Layer, IndexIndicator = h.IndexIndicator,
            Grade = h.Grade, Score = h.Score, EvaluatorGroup = h.EvaluatorGroup, Rank = h.Rank, Notes = h.Notes, Source = h.Source,
        }).ToList();
    }
}
