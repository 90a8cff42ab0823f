namespace ZhangbanProbe.Replicas;

/// <summary>How a replica served over HTTPS behaves at the transport level.</summary>
public sealed class ReplicaTls
{
    public ReplicaCertificate Certificate { get; set; } = ReplicaCertificate.Valid;
    /// <summary>Plain-HTTP requests are redirected to HTTPS (otherwise HTTP serves the pages too).</summary>
    public bool RedirectHttp { get; set; } = true;
    /// <summary>HTTPS answers carry Strict-Transport-Security.</summary>
    public bool Hsts { get; set; } = true;
    /// <summary>The entry page's session cookie is Secure and HttpOnly.</summary>
    public bool SecureCookies { get; set; } = true;
    /// <summary>The entry page loads a script over plain HTTP.</summary>
    public bool MixedContent { get; set; }
}

/// <summary>What stands in front of a replica's content (never solved by the probes, only reported). A
/// <see cref="CookieChallenge"/> is the kind a browser passes by itself: a script sets a cookie and reloads.</summary>
public enum ReplicaWall { None, SliderCaptcha, Waf, JsChallenge, LoginWall, CookieChallenge }

/// <summary>
/// One replica platform: Chinese content modelled on the real portals, with controllable behaviour.
/// Properties may be changed while the server runs (tests do); counters are thread-safe.
/// </summary>
public sealed class ReplicaSite
{
    public required string Id { get; init; }
    public required string Province { get; init; }
    public string Platform { get; init; } = "";

    /// <summary>Delay before the entry page's response head is sent.</summary>
    public TimeSpan Latency { get; set; }
    /// <summary>Uniform random extra delay in [0, Jitter) per request (for noisy timing).</summary>
    public TimeSpan Jitter { get; set; }
    /// <summary>Status code of the entry page (200 by default).</summary>
    public int Status { get; set; } = 200;
    /// <summary>The entry page never answers (the connection stays open).</summary>
    public bool Hang { get; set; }
    /// <summary>The entry page redirects this many times (/ → /r/1 → ... → /portal/index.html).</summary>
    public int Redirects { get; set; }
    public ReplicaWall Wall { get; set; }
    /// <summary>The status a <see cref="ReplicaWall.CookieChallenge"/> answers with (412, or 202 as some challenges do).</summary>
    public int ChallengeStatus { get; set; } = 412;
    /// <summary>The first N entry-page requests answer 503 (a transient fault), the rest normally.</summary>
    public int FailFirst { get; set; }
    /// <summary>Called when the entry page is requested (tests use it to inject faults such as killing the browser).</summary>
    public Action<ReplicaSite>? OnEntryRequest { get; set; }
    public string Note { get; init; } = "";
    /// <summary>Features of the pages (English, elderly mode, progress query, footer, privacy, health, mobile).</summary>
    public ReplicaFeatures Features { get; init; } = new();
    /// <summary>
    /// Pages served as written, by path, before any feature page (fixtures of real-page markup). A key "m:/path" is
    /// served on the replica's mobile host m-{id}.localhost (device-redirect fixtures). "{port}" is replaced by the HTTP port.
    /// </summary>
    public Dictionary<string, string> Pages { get; init; } = new(StringComparer.Ordinal);
    /// <summary>Paths answered with a 302 to the given URL (redirect-chain fixtures).</summary>
    public Dictionary<string, string> RedirectPaths { get; init; } = new(StringComparer.Ordinal);
    /// <summary>When set, the replica is served over HTTPS (its entry URL is https) with this transport behaviour.</summary>
    public ReplicaTls? Tls { get; init; }
    /// <summary>Every user agent that asked this site for a page (what a probe presented itself as).</summary>
    public System.Collections.Concurrent.ConcurrentBag<string> UserAgents { get; } = [];
    /// <summary>The platform's app as the replica App Store lists it (null: no app known).</summary>
    public ReplicaApp? App { get; init; }

    private int _entryRequests;
    private int _inFlight;
    private int _maxInFlight;
    private int _requests;
    private int _pagesInFlight;
    private int _maxPagesInFlight;

    public int EntryRequests => Volatile.Read(ref _entryRequests);
    public int Requests => Volatile.Read(ref _requests);
    /// <summary>The most requests this site ever had in flight at once (politeness checks).</summary>
    public int MaxConcurrentRequests => Volatile.Read(ref _maxInFlight);
    /// <summary>The most entry-page (document) requests this site ever had in flight at once: one per probing browser page.</summary>
    public int MaxConcurrentPages => Volatile.Read(ref _maxPagesInFlight);

    internal int CountEntryRequest() => Interlocked.Increment(ref _entryRequests);

    internal IDisposable Enter()
    {
        Interlocked.Increment(ref _requests);
        Raise(ref _maxInFlight, Interlocked.Increment(ref _inFlight));
        return new Exit(() => Interlocked.Decrement(ref _inFlight));
    }

    internal IDisposable EnterPage()
    {
        Raise(ref _maxPagesInFlight, Interlocked.Increment(ref _pagesInFlight));
        return new Exit(() => Interlocked.Decrement(ref _pagesInFlight));
    }

    private static void Raise(ref int max, int now)
    {
        int seen;
        while (now > (seen = Volatile.Read(ref max)) && Interlocked.CompareExchange(ref max, now, seen) != seen) { }
    }

    public void ResetCounters()
    {
        Interlocked.Exchange(ref _entryRequests, 0);
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _maxInFlight, 0);
        Interlocked.Exchange(ref _maxPagesInFlight, 0);
    }

    private sealed class Exit(Action onExit) : IDisposable
    {
        private int _done;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) onExit();
        }
    }
}

/// <summary>An app in the replica App Store: its store id, average rating and number of ratings.</summary>
public sealed record ReplicaApp(string StoreId, double Rating, int RatingCount)
{
    /// <summary>The listing's name (default: the site's platform) and seller (default: the province's 大数据管理局).</summary>
    public string? Name { get; init; }
    public string? Seller { get; init; }
}
