using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Probes.OfflineChannels;
using static ZhangbanProbe.Tests.Support.ProbeScenario;

namespace ZhangbanProbe.Tests.Probes.OfflineChannels;

[Trait("Category", "Browser")]
[Collection("browser")]
public class OfflineChannelsProbeTests
{
    [Fact]
    public async Task Appointment_and_hall_entries_pass_their_absence_fails()
    {
        var results = await RunAsync(OfflineChannelsProbe.ProbeKey, [Site("off-yes"), Site("off-no", f => f.OfflineEntries = false)]);
        AssertOutcome(results, "off-yes", Outcome.Pass, Reason.Ok);
        AssertOutcome(results, "off-no", Outcome.Fail, Reason.Missing);
        Assert.Contains("appointment: http://off-yes.localhost:", results["off-yes"].Detail);
    }
}
