using ZhangbanProbe.Core.Alerts;
using ZhangbanProbe.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ZhangbanProbe.Core.Runs;

namespace ZhangbanProbe.Storage;

/// <summary>
/// The result store. Two providers share this model, each with its own migrations:
/// <see cref="SqliteStoreContext"/> (embedded default) and <see cref="PostgresStoreContext"/> (the service's store).
/// </summary>
public abstract class ProbeStoreContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<RunRow> Runs => Set<RunRow>();
    public DbSet<ResultRow> Results => Set<ResultRow>();
    public DbSet<MeasurementRow> Measurements => Set<MeasurementRow>();
    public DbSet<EvidenceRow> Evidence => Set<EvidenceRow>();
    public DbSet<IncidentRow> Incidents => Set<IncidentRow>();
    public DbSet<IncidentEventRow> IncidentEvents => Set<IncidentEventRow>();
    public DbSet<NotificationRow> Notifications => Set<NotificationRow>();
    public DbSet<AccessTokenRow> AccessTokens => Set<AccessTokenRow>();
    public DbSet<SessionRow> Sessions => Set<SessionRow>();
    public DbSet<DefinitionsRow> Definitions => Set<DefinitionsRow>();
    public DbSet<HumanEvaluationRow> HumanEvaluations => Set<HumanEvaluationRow>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<RunRow>(e =>
        {
            e.ToTable("runs");
            e.HasKey(r => r.Id);
            e.Property(r => r.Status).HasConversion(v => StateCode.Of(v), v => StateCode.Parse<RunStatus>(v)).HasMaxLength(32);
            e.Property(r => r.Trigger).HasMaxLength(32);
            e.Property(r => r.Origin).HasConversion(v => v.ToCode(), v => RunTriggers.ParseOrigin(v)).HasMaxLength(16).HasDefaultValue(RunOrigin.Cli);
            e.Property(r => r.Target).HasConversion(v => v.ToCode(), v => RunTriggers.ParseTarget(v)).HasMaxLength(16).HasDefaultValue(RunTarget.Real);
            e.Property(r => r.Series).HasMaxLength(64);
            e.HasIndex(r => new { r.Target, r.Origin });
            e.Property(r => r.Machine).HasMaxLength(200);
            e.Property(r => r.DefinitionsHash).HasMaxLength(64);
            e.HasIndex(r => r.StartedAtUtc);
            e.HasIndex(r => r.Status);
            e.HasMany(r => r.Results).WithOne(r => r.Run).HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ResultRow>(e =>
        {
            e.ToTable("results");
            e.HasKey(r => r.Id);
            e.Property(r => r.PortalId).HasMaxLength(64);
            e.Property(r => r.IndicatorId).HasMaxLength(64);
            e.Property(r => r.Outcome).HasMaxLength(16);
            e.Property(r => r.Reason).HasMaxLength(64);
            e.Property(r => r.Unit).HasMaxLength(32);
            e.Property(r => r.Profile).HasConversion(v => v.ToCode(), v => RunTriggers.ParseProfile(v)).HasMaxLength(16).HasDefaultValue(BrowserProfile.Mobile);
            e.Property(r => r.Worker).HasMaxLength(200).HasDefaultValue("");
            // One result per (run, portal, indicator): a retried or recovered write never duplicates.
            e.HasIndex(r => new { r.RunId, r.PortalId, r.IndicatorId }).IsUnique();
            e.HasIndex(r => new { r.PortalId, r.IndicatorId, r.StartedAtUtc });
            e.HasMany(r => r.Measurements).WithOne().HasForeignKey(m => m.ResultId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(r => r.Evidence).WithOne().HasForeignKey(m => m.ResultId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<MeasurementRow>(e =>
        {
            e.ToTable("measurements");
            e.Property(m => m.Name).HasMaxLength(64);
            e.Property(m => m.Unit).HasMaxLength(32);
        });
        b.Entity<EvidenceRow>(e =>
        {
            e.ToTable("evidence");
            e.Property(m => m.Kind).HasMaxLength(32);
            e.Property(m => m.Sha256).HasMaxLength(64);
        });
        b.Entity<IncidentRow>(e =>
        {
            e.ToTable("incidents");
            e.Property(i => i.PortalId).HasMaxLength(64);
            e.Property(i => i.IndicatorId).HasMaxLength(64);
            e.Property(i => i.Kind).HasConversion(v => StateCode.Of(v), v => StateCode.Parse<IncidentKind>(v)).HasMaxLength(16);
            e.Property(i => i.Status).HasConversion(v => StateCode.Of(v), v => StateCode.Parse<IncidentStatus>(v)).HasMaxLength(16);
            // At most one open incident per (portal, indicator, kind): no duplicate alert for an ongoing one.
            e.HasIndex(i => new { i.PortalId, i.IndicatorId, i.Kind }).IsUnique().HasFilter("\"Status\" = 'open'");
            e.HasMany(i => i.Events).WithOne().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<IncidentEventRow>(e =>
        {
            e.ToTable("incident_events");
            e.Property(x => x.Type).HasConversion(v => StateCode.Of(v), v => StateCode.Parse<IncidentTransition>(v)).HasMaxLength(16);
            e.HasMany(x => x.Notifications).WithOne().HasForeignKey(n => n.IncidentEventId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<HumanEvaluationRow>(e =>
        {
            e.ToTable("human_evaluations");
            e.Property(h => h.Province).HasMaxLength(32);
            e.Property(h => h.Grade).HasMaxLength(4);
            e.Property(h => h.ContentKey).HasMaxLength(64);
            e.HasIndex(h => h.ContentKey).IsUnique();
            e.HasIndex(h => new { h.ReportYear, h.Province });
        });
        b.Entity<AccessTokenRow>(e =>
        {
            e.ToTable("access_tokens");
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.Role).HasConversion(v => StateCode.Of(v), v => StateCode.Parse<AccessRole>(v)).HasMaxLength(16);
            e.Property(t => t.Province).HasMaxLength(32);
            e.Property(t => t.TokenHash).HasMaxLength(64);
            e.HasIndex(t => t.TokenHash).IsUnique();
        });
        b.Entity<DefinitionsRow>(e =>
        {
            e.ToTable("definitions");
            e.HasKey(x => x.Hash);
            e.Property(x => x.Hash).HasMaxLength(64);
        });
        b.Entity<SessionRow>(e =>
        {
            e.ToTable("sessions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.BootstrapFingerprint).HasMaxLength(64);
            e.HasIndex(x => x.TokenId);
        });
        b.Entity<NotificationRow>(e =>
        {
            e.ToTable("notifications");
            e.Property(n => n.Channel).HasMaxLength(64);
            e.Property(n => n.Status).HasConversion(v => StateCode.Of(v), v => StateCode.Parse<NotificationState>(v)).HasMaxLength(16);
            // One message per transition and channel: a retried evaluation never enqueues it twice.
            e.HasIndex(n => new { n.IncidentEventId, n.Channel }).IsUnique();
            e.HasIndex(n => new { n.Status, n.NextAttemptAtUtc });
        });
    }
}

public sealed class SqliteStoreContext(DbContextOptions<SqliteStoreContext> options) : ProbeStoreContext(options);

public sealed class PostgresStoreContext(DbContextOptions<PostgresStoreContext> options) : ProbeStoreContext(options);

/// <summary>Design-time factories used by `dotnet ef migrations add` only.</summary>
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteStoreContext>
{
    public SqliteStoreContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteStoreContext>().UseSqlite("Data Source=design.db").Options);
}

public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresStoreContext>
{
    public PostgresStoreContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresStoreContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
