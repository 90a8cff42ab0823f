using ZhangbanProbe.Core.Alerts;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ZhangbanProbe.Alerting.Channels;

/// <summary>A generic JSON webhook: POSTs the structured alert.</summary>
public sealed class WebhookChannel(IHttpClientFactory http) : IAlertChannel
{
    public ChannelType Type => ChannelType.Webhook;

    public async Task SendAsync(ChannelOptions channel, OutgoingMessage message, CancellationToken ct)
    {
        using var content = new StringContent(message.PayloadJson, Encoding.UTF8, "application/json");
        using var response = await http.CreateClient("alerts").PostAsync(channel.Url, content, ct);
        response.EnsureSuccessStatusCode();
    }
}

/// <summary>WeCom (企业微信) group robot: markdown message to the robot's webhook URL.</summary>
public sealed class WeComChannel(IHttpClientFactory http) : IAlertChannel
{
    public ChannelType Type => ChannelType.Wecom;

    public async Task SendAsync(ChannelOptions channel, OutgoingMessage message, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["msgtype"] = "markdown",
            ["markdown"] = new JsonObject { ["content"] = $"**{message.Subject}**\n{message.Body}" },
        };
        using var response = await http.CreateClient("alerts").PostAsJsonAsync(channel.Url, body, ct);
        response.EnsureSuccessStatusCode();
        await RobotResponse.EnsureOkAsync(response, "errcode", ct);
    }
}

/// <summary>DingTalk robot: markdown message, signed with the robot's secret (timestamp + HMAC-SHA256).</summary>
public sealed class DingTalkChannel(IHttpClientFactory http, TimeProvider time) : IAlertChannel
{
    public ChannelType Type => ChannelType.Dingtalk;

    public async Task SendAsync(ChannelOptions channel, OutgoingMessage message, CancellationToken ct)
    {
        var url = channel.Url ?? throw new InvalidOperationException("a dingtalk channel needs Url");
        if (!string.IsNullOrEmpty(channel.Secret))
        {
            var timestamp = time.GetUtcNow().ToUnixTimeMilliseconds();
            url += (url.Contains('?') ? "&" : "?") + $"timestamp={timestamp}&sign={Uri.EscapeDataString(Sign(timestamp, channel.Secret))}";
        }
        var body = new JsonObject
        {
            ["msgtype"] = "markdown",
            ["markdown"] = new JsonObject { ["title"] = message.Subject, ["text"] = $"### {message.Subject}\n\n{message.Body}" },
        };
        using var response = await http.CreateClient("alerts").PostAsJsonAsync(url, body, ct);
        response.EnsureSuccessStatusCode();
        await RobotResponse.EnsureOkAsync(response, "errcode", ct);
    }

    /// <summary>DingTalk's signature: Base64(HMAC-SHA256(key: secret, data: "{timestamp}\n{secret}")).</summary>
    public static string Sign(long timestampMs, string secret)
    {
        var data = Encoding.UTF8.GetBytes(timestampMs.ToString(CultureInfo.InvariantCulture) + "\n" + secret);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data));
    }
}

internal static class RobotResponse
{
    /// <summary>Robots answer HTTP 200 with {"errcode": N}; non-zero is a failure worth retrying.</summary>
    public static async Task EnsureOkAsync(HttpResponseMessage response, string field, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (string.IsNullOrWhiteSpace(text)) return;
        try
        {
            if (JsonNode.Parse(text) is JsonObject o && o[field] is JsonValue v && v.TryGetValue<int>(out var code) && code != 0)
                throw new HttpRequestException($"robot answered {field}={code}: {text}");
        }
        catch (System.Text.Json.JsonException) { /* not JSON: accept the 2xx */ }
    }
}
