using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

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

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<RunRow>(e =>
        {
            e.ToTable("runs");
            e.HasKey(r => r.Id);
            e.Property(r => r.Status).HasMaxLength(32);
            e.Property(r => r.Trigger).HasMaxLength(32);
            e.Property(r => r.Machine).HasMaxLength(200);
            e.HasIndex(r => r.StartedAtUtc);
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
