using System.Collections.Concurrent;
using System.Text;

namespace ZhangbanProbe.Core;

/// <summary>
/// The one spelling of every typed state as text (for storage, JSON and configuration): the enum member's name in
/// kebab case (<c>AwaitingReview</c> ↔ <c>awaiting-review</c>, <c>CatchUpOnce</c> ↔ <c>catch-up-once</c>). Code compares
/// enums; only storage converters, documents and options parsing meet the text.
/// </summary>
public static class StateCode
{
    private static readonly ConcurrentDictionary<Enum, string> Codes = new();

    public static string Of<T>(T value) where T : struct, Enum => Codes.GetOrAdd(value, v => Kebab(v.ToString()));

    public static bool TryParse<T>(string? code, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
            if (string.Equals(Of(candidate), code?.Trim(), StringComparison.OrdinalIgnoreCase)) { value = candidate; return true; }
        value = default;
        return false;
    }

    /// <summary>Parses a stored code; an unknown one is a broken row, said so with the type and the text.</summary>
    public static T Parse<T>(string code) where T : struct, Enum =>
        TryParse<T>(code, out var value) ? value : throw new FormatException($"'{code}' is not a {typeof(T).Name} ({string.Join(", ", All<T>())})");

    public static IReadOnlyList<string> All<T>() where T : struct, Enum => Enum.GetValues<T>().Select(Of).ToList();

    private static string Kebab(string name)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
