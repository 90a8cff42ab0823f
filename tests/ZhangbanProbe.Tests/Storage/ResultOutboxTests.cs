using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Storage;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Storage;

/// <summary>One bad row never stops the outbox: control characters are cleaned, refused rows set aside with their error, the rest written.</summary>
[Trait("Category", "Integration")]
public class ResultOutboxTests
{
    private static ProbeResult Result(Guid run, string portal, string detail) =>
        ProbeResult.From(run, portal, "page-health", ProbeObservation.Of(Outcome.Degraded, Reason.ConsoleErrors, detail), DateTime.UtcNow, TimeSpan.FromSeconds(1));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_NUL_is_cleaned_a_refused_row_is_set_aside_and_every_other_result_is_written(bool postgres)
    {
        var dir = TestPaths.NewTempDirectory();
        var options = new StorageOptions { OutboxDirectory = Path.Combine(dir, "outbox"), SqlitePath = Path.Combine(dir, "z.db") };
        if (postgres) options.PostgresConnectionString = (await PostgresServer.GetAsync()).NewDatabase();
        var store = new ProbeStore(Options.Create(options));
        await store.MigrateAsync();
        var outbox = new ResultOutbox(Options.Create(options), store, NullLogger<ResultOutbox>.Instance);
        var run = Guid.CreateVersion7();
        await store.BeginRunAsync(new ProbeRun { Id = run, StartedAtUtc = DateTime.UtcNow });

        Assert.True(await outbox.SaveAsync(Result(run, "a", "console.error: \0 boom \u0007")));
        // Longer than the column: PostgreSQL refuses it for good (SQLite does not enforce lengths).
        Assert.True(await outbox.SaveAsync(Result(run, new string('x', 80), "too long an id")));
        Assert.True(await outbox.SaveAsync(Result(run, "c", "fine")));

        await using var db = store.CreateContext();
        var stored = await db.Results.Where(r => r.RunId == run).Select(r => new { r.PortalId, r.Detail }).ToListAsync();
        Assert.Contains(stored, r => r.PortalId == "a" && r.Detail == "console.error:  boom ");
        Assert.Contains(stored, r => r.PortalId == "c");
        Assert.Equal(0, outbox.Pending); // nothing waits for a database that is up
        if (postgres)
        {
            Assert.Equal(2, stored.Count);
            var aside = Assert.Single(outbox.SetAside);
            Assert.Contains(new string('x', 40), aside);
            Assert.True(File.Exists(Path.Combine(outbox.Directory, Path.ChangeExtension(aside, ".error.txt"))));
        }
        else Assert.Equal(3, stored.Count);
    }
}
