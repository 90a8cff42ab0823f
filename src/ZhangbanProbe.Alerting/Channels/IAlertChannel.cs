using ZhangbanProbe.Core.Alerts;
namespace ZhangbanProbe.Alerting.Channels;

/// <summary>A message ready to go: subject and body already in the channel's language, plus the structured payload.</summary>
public sealed record OutgoingMessage(string Subject, string Body, string PayloadJson);

/// <summary>Delivers a message over one medium. Throws on failure; the dispatcher retries with backoff.</summary>
public interface IAlertChannel
{
    ChannelType Type { get; }
    Task SendAsync(ChannelOptions channel, OutgoingMessage message, CancellationToken ct);
}
