using System.Text.RegularExpressions;
using ZhangbanProbe.Core.Catalogue;

namespace ZhangbanProbe.Core.Portals;

/// <summary>What one step of a manifest step script does. Declarative only: no code runs from a manifest.</summary>
public enum StepAction { Open, Click, Fill, Press, Select, Submit, Wait, Read }

/// <summary>
/// A Playwright locator, as a manifest writes it: a selector string (<c>#caseNo</c>, <c>text=办件查询</c>,
/// <c>role=button[name="查询"]</c>), or one of role (+ name), text, label, placeholder.
/// </summary>
public sealed record StepLocator(string? Selector = null, string? Role = null, string? Name = null, string? Text = null, string? Label = null, string? Placeholder = null)
{
    public override string ToString() =>
        Selector ?? (Role is not null ? $"role={Role}{(Name is null ? "" : $"[name=\"{Name}\"]")}" : Text is not null ? $"text={Text}" : Label is not null ? $"label={Label}" : $"placeholder={Placeholder}");
}

/// <summary>One step of a step script, with where it was written (for <c>file:line</c> messages and hint-stale reports).</summary>
public sealed record ScriptStep(StepAction Action, StepLocator? Target, string? Value, TimeSpan? Timeout, string Source, int Line)
{
    /// <summary>Replaces <c>{name}</c> placeholders (case_number, term) in the value.</summary>
    public string? ValueWith(IReadOnlyDictionary<string, string> variables) =>
        Value is null ? null : Regex.Replace(Value, @"\{([a-z_]+)\}", m => variables.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    public string Describe() => $"step {Action.ToString().ToLowerInvariant()} {(Target is null ? Value : Target.ToString())} ({Source}:{Line})";
}
