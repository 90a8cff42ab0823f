using System.Text.Json;
using Microsoft.Extensions.Options;
using ZhangbanProbe.Probing.Probes.AppRating;

namespace ZhangbanProbe.Application.Channels;

/// <summary>An app as the App Store lists it.</summary>
public sealed record StoreApp(string Id, string Name, string? Seller, double? Rating, int? RatingCount, string? Url, string? BundleId);

/// <summary>The store could not be asked (offline, refused, broken answer): nothing is decided from it.</summary>
public sealed class StoreUnreachableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The App Store's public search and lookup (<see cref="AppStoreOptions"/>), read only.</summary>
public sealed class AppStoreClient(IOptions<AppStoreOptions> options)
{
    // *.localhost is loopback (RFC 6761), as browsers and the egress guard resolve it, whatever the system resolver says:
    // the replica store answers there.
    private static readonly HttpClient Http = new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, ct) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) || host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
                ? [System.Net.IPAddress.Loopback]
                : await System.Net.Dns.GetHostAddressesAsync(host, ct);
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { Timeout = Timeout.InfiniteTimeSpan, DefaultRequestHeaders = { { "User-Agent", "ZhangbanProbe/1.0 (research of the Fudan Digital and Mobile Governance Lab)" } } };
    private const int MaxAnswer = 2_000_000;

    public Task<IReadOnlyList<StoreApp>> SearchAsync(string term, CancellationToken ct) =>
        AskAsync($"{options.Value.SearchUrl}?term={Uri.EscapeDataString(term)}&country={options.Value.Country}&entity=software&limit=10", ct);

    public async Task<StoreApp?> LookupAsync(string id, CancellationToken ct) =>
        (await AskAsync($"{options.Value.LookupUrl}?id={Uri.EscapeDataString(id)}&country={options.Value.Country}", ct)).FirstOrDefault(a => a.Id == id);

    private async Task<IReadOnlyList<StoreApp>> AskAsync(string url, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.Timeout);
        string body;
        try
        {
            using var response = await Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode) throw new StoreUnreachableException($"the App Store ({new Uri(url).Host}) answered HTTP {(int)response.StatusCode}");
            body = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Net.Sockets.SocketException || ex is OperationCanceledException && !ct.IsCancellationRequested)
        {
            throw new StoreUnreachableException($"the App Store ({new Uri(url).Host}) cannot be reached: {ex.GetBaseException().Message}", ex);
        }
        if (body.Length > MaxAnswer) throw new StoreUnreachableException($"the App Store's answer is larger than {MaxAnswer} characters");
        try { return Read(body); }
        catch (JsonException ex) { throw new StoreUnreachableException($"the App Store's answer is not the JSON it sends: {ex.Message}", ex); }
    }

    /// <summary>The apps of a search or lookup answer, as Apple writes them.</summary>
    public static IReadOnlyList<StoreApp> Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (!doc.RootElement.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array) return [];
        var apps = new List<StoreApp>();
        foreach (var a in results.EnumerateArray().Take(50))
        {
            if (a.ValueKind != JsonValueKind.Object || !a.TryGetProperty("trackId", out var id) || id.ValueKind != JsonValueKind.Number) continue;
            string? Text(string name) => a.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            double? rating = a.TryGetProperty("averageUserRating", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetDouble() : null;
            int? count = a.TryGetProperty("userRatingCount", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : null;
            apps.Add(new StoreApp(id.GetRawText(), Text("trackName") ?? "", Text("sellerName") ?? Text("artistName"), rating, count, Text("trackViewUrl"), Text("bundleId")));
        }
        return apps;
    }
}
