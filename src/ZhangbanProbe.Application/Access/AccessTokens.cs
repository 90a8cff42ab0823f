using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ZhangbanProbe.Core;
using ZhangbanProbe.Core.Timing;
using ZhangbanProbe.Storage;

namespace ZhangbanProbe.Application.Access;

/// <summary>A token as listed (never its secret).</summary>
public sealed record TokenInfo(long Id, string Name, AccessRole Role, string? Province, DateTime CreatedAtUtc, DateTime? RevokedAtUtc);

/// <summary>
/// Tokens per role and per province. Only a token's SHA-256 is stored; the secret is shown once, when it is made.
/// <c>Api:Token</c> stays valid as the bootstrap researcher token (id 0).
/// </summary>
public sealed class AccessTokens(ProbeStore store, IOptions<AccessOptions> options, TimeProvider time)
{
    public const string Prefix = "zb_";

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim())));

    /// <summary>Makes a token; returns its secret (shown once) and its record. Bad input: <see cref="ArgumentException"/> naming the option.</summary>
    public async Task<(string Secret, TokenInfo Info)> AddAsync(AccessRole role, string? province, string? name, IReadOnlyCollection<string> knownProvinces, CancellationToken ct = default)
    {
        if (role == AccessRole.Province)
        {
            if (string.IsNullOrWhiteSpace(province)) throw new ArgumentException("--province is required for a province token (e.g. --province 浙江)");
            var known = knownProvinces.FirstOrDefault(p => Provinces.Same(p, province));
            province = known ?? throw new ArgumentException($"--province '{province}': no portal manifest has this province (known: {string.Join("、", knownProvinces.Distinct().Take(40))})");
        }
        else if (!string.IsNullOrWhiteSpace(province)) throw new ArgumentException("--province is only for --role province");
        name = string.IsNullOrWhiteSpace(name) ? $"{StateCode.Of(role)}{(province is null ? "" : "-" + province)}" : name.Trim();
        if (name.Length > 100) throw new ArgumentException("--name: at most 100 characters");
        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var row = new AccessTokenRow { Name = name, Role = role, Province = province, TokenHash = Hash(secret), CreatedAtUtc = time.UtcNowMicroseconds() };
        await using var db = store.CreateContext();
        db.AccessTokens.Add(row);
        await db.SaveChangesAsync(ct);
        return (secret, Info(row));
    }

    public async Task<IReadOnlyList<TokenInfo>> ListAsync(CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        return (await db.AccessTokens.AsNoTracking().OrderBy(t => t.Id).ToListAsync(ct)).Select(Info).ToList();
    }

    /// <summary>Revokes a token at once (every session made with it ends on its next request).</summary>
    public async Task<TokenInfo> RevokeAsync(long id, CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        var row = await db.AccessTokens.SingleOrDefaultAsync(t => t.Id == id, ct) ?? throw new KeyNotFoundException($"no token {id} (see `zhangban tokens list`)");
        row.RevokedAtUtc ??= time.UtcNowMicroseconds();
        await db.SaveChangesAsync(ct);
        return Info(row);
    }

    /// <summary>Who holds this token, or null (unknown or revoked). Constant-time for the bootstrap token.</summary>
    public async Task<Principal?> AuthenticateAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token)) return null;
        var bootstrap = options.Value.BootstrapToken;
        if (!string.IsNullOrEmpty(bootstrap) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token.Trim()), Encoding.UTF8.GetBytes(bootstrap)))
            return new Principal(0, "Api:Token", AccessRole.Researcher, null);
        var hash = Hash(token);
        await using var db = store.CreateContext();
        var row = await db.AccessTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAtUtc == null, ct);
        return row is null ? null : new Principal(row.Id, row.Name, row.Role, row.Province);
    }

    /// <summary>Is a session made with this token still good (not revoked since)?</summary>
    public async Task<bool> StillValidAsync(long tokenId, CancellationToken ct = default)
    {
        if (tokenId == 0) return !string.IsNullOrEmpty(options.Value.BootstrapToken);
        await using var db = store.CreateContext();
        return await db.AccessTokens.AnyAsync(t => t.Id == tokenId && t.RevokedAtUtc == null, ct);
    }

    private string? BootstrapFingerprint => string.IsNullOrEmpty(options.Value.BootstrapToken) ? null : Hash("session:" + options.Value.BootstrapToken)[..32];

    /// <summary>Starts a server-side session for a signed-in principal; returns its id (the cookie carries only that).</summary>
    public async Task<string> StartSessionAsync(Principal who, CancellationToken ct = default)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await using var db = store.CreateContext();
        db.Sessions.Add(new SessionRow { Id = id, TokenId = who.TokenId, BootstrapFingerprint = who.TokenId == 0 ? BootstrapFingerprint : null, CreatedAtUtc = time.UtcNowMicroseconds() });
        await db.SaveChangesAsync(ct);
        return id;
    }

    /// <summary>
    /// Is this session still good: not ended (signed out), its token not revoked, and — for <c>Api:Token</c> — made
    /// with the token configured now (rotating it ends every session made with the old one)?
    /// </summary>
    public async Task<bool> SessionValidAsync(string? sessionId, long tokenId, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(sessionId) || sessionId.Length > 64) return false;
        await using var db = store.CreateContext();
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(x => x.Id == sessionId, ct);
        if (session is null || session.EndedAtUtc is not null || session.TokenId != tokenId) return false;
        if (tokenId == 0) return BootstrapFingerprint is { } now && session.BootstrapFingerprint == now;
        return await db.AccessTokens.AnyAsync(t => t.Id == tokenId && t.RevokedAtUtc == null, ct);
    }

    /// <summary>Ends a session on the server (sign-out): its cookie, wherever copied, no longer works.</summary>
    public async Task EndSessionAsync(string? sessionId, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(sessionId)) return;
        await using var db = store.CreateContext();
        var now = time.UtcNowMicroseconds();
        await db.Sessions.Where(x => x.Id == sessionId && x.EndedAtUtc == null).ExecuteUpdateAsync(u => u.SetProperty(x => x.EndedAtUtc, now), ct);
    }

    private static TokenInfo Info(AccessTokenRow r) => new(r.Id, r.Name, r.Role, r.Province, r.CreatedAtUtc, r.RevokedAtUtc);
}

/// <summary>The bootstrap researcher token (<c>Api:Token</c>), bound here so the application does not read the worker's options.</summary>
public sealed class AccessOptions
{
    public string? BootstrapToken { get; set; }
}
