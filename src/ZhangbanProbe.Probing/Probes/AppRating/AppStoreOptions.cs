using System.ComponentModel.DataAnnotations;

namespace ZhangbanProbe.Probing.Probes.AppRating;

/// <summary>
/// Where the App Store's public lookup and search answer (section <c>AppStore</c>). Apple's by default; tests and the
/// replicas point them at a local store. A portal's <c>app-rating.lookup_url</c> hint, where given, wins for that portal.
/// </summary>
public sealed class AppStoreOptions : IValidatableObject
{
    public const string Section = "AppStore";

    /// <summary>The lookup by id (<c>?id=…&amp;country=…</c>). Default: https://itunes.apple.com/lookup.</summary>
    public string LookupUrl { get; set; } = "https://itunes.apple.com/lookup";

    /// <summary>The search by name (<c>?term=…&amp;country=…&amp;entity=software</c>). Default: https://itunes.apple.com/search.</summary>
    public string SearchUrl { get; set; } = "https://itunes.apple.com/search";

    /// <summary>The store front asked (two letters). Default: cn.</summary>
    [RegularExpression("^[a-z]{2}$", ErrorMessage = "AppStore:Country must be a two-letter store front such as cn")]
    public string Country { get; set; } = "cn";

    /// <summary>How long one store request may take. Default: 15 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[] { (nameof(LookupUrl), LookupUrl), (nameof(SearchUrl), SearchUrl) })
            if (!Uri.TryCreate(value, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https"))
                yield return new ValidationResult($"AppStore:{name} must be an absolute http(s) URL, got '{value}'", [name]);
    }
}
