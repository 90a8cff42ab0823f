using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZhangbanProbe.Alerting;
using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.Portals;

namespace ZhangbanProbe.Application.Runs;

/// <summary>Regression alerts after a completed run, for `zhangban run` and the service alike.</summary>
public sealed class RunAlerts(AlertService alerts, NotificationDispatcher dispatcher, IOptions<AlertOptions> options, ILogger<RunAlerts> logger)
{
    /// <summary>Evaluates the run and sends what is due; returns messages for the operator. Alerting trouble is
    /// reported, never turned into a failed run. Nothing happens when alerts are disabled.</summary>
    public async Task<IReadOnlyList<string>> EvaluateAsync(Guid runId, IReadOnlyList<PortalManifest> portals, IEnumerable<CatalogueEntry> indicators)
    {
        var messages = new List<string>();
        if (!options.Value.Enabled) return messages;
        try
        {
            foreach (var t in await alerts.EvaluateRunAsync(runId, portals, indicators.ToList())) messages.Add("alert: " + t);
            var d = await dispatcher.DispatchDueAsync();
            if (d.Sent + d.Failed + d.Dead > 0 || d.StillPending > 0)
                messages.Add($"notifications: {d.Sent} sent, {d.Failed} failed (will retry), {d.Dead} dead, {d.StillPending} pending");
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Alert evaluation failed for run {Run}", runId);
            messages.Add($"alerts: evaluation failed: {ex.GetBaseException().Message}");
        }
        return messages;
    }
}
