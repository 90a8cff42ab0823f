using System.Diagnostics.Metrics;
using Quartz;
using ZhangbanProbe.Storage;

namespace ZhangbanProbe.Worker;

/// <summary>Queue metrics of `serve`: portal jobs waiting in the scheduler, results waiting in the outbox.</summary>
public sealed class ServiceMetrics
{
    public const string MeterName = "ZhangbanProbe.Service";
    private static readonly Meter Meter = new(MeterName);
    private int _queued;

    public ServiceMetrics(ISchedulerFactory schedulers, ResultOutbox outbox)
    {
        Meter.CreateObservableGauge("zhangban.queue.depth", () =>
        {
            // Refreshed in the background: an observable callback must not block on the database.
            _ = Task.Run(async () =>
            {
                try { _queued = (await (await schedulers.GetScheduler()).GetJobKeys(GroupMatcher<JobKey>.GroupEquals(PortalJob.Group))).Count; }
                catch { /* database down: keep the last value */ }
            });
            return _queued;
        }, "{portal}", "Portal jobs enqueued and not finished");
        Meter.CreateObservableGauge("zhangban.outbox.pending", () => outbox.Pending, "{result}", "Results waiting for the database");
    }
}
