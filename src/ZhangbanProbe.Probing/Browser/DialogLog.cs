using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace ZhangbanProbe.Probing.Browser;

/// <summary>
/// The dialogs a context's pages raise (<c>alert</c>, <c>confirm</c>, <c>prompt</c>), kept as answers the probes can
/// read: real platforms answer a query with <c>window.alert('没有查询到该办件信息')</c>. Each is recorded and then
/// answered as the visitor the probe plays would: an alert closed, a confirm accepted (it asks about the step the probe
/// itself just took: 确定查询？, 是否切换到长辈版？; probes take no step that changes anything), a prompt dismissed (there
/// is nothing to type), a <c>beforeunload</c> accepted so the page may leave.
/// </summary>
public sealed class DialogLog
{
    /// <summary>Most dialogs kept per context (a page raising them in a loop cannot make the worker hold more).</summary>
    public const int Cap = 50;

    public sealed record Shown(string Type, string Message);

    private static readonly ConditionalWeakTable<IBrowserContext, DialogLog> Logs = new();
    private readonly List<Shown> _shown = [];

    public static DialogLog? For(IBrowserContext context) => Logs.TryGetValue(context, out var log) ? log : null;

    public static DialogLog Install(IBrowserContext context)
    {
        var log = new DialogLog();
        Logs.AddOrUpdate(context, log);
        context.Dialog += (_, dialog) => _ = log.HandleAsync(dialog);
        return log;
    }

    public IReadOnlyList<Shown> All { get { lock (_shown) return [.. _shown]; } }

    private async Task HandleAsync(IDialog dialog)
    {
        lock (_shown)
            if (_shown.Count < Cap) _shown.Add(new(dialog.Type, dialog.Message.Length > 500 ? dialog.Message[..500] : dialog.Message));
        try
        {
            if (dialog.Type == DialogType.Prompt) await dialog.DismissAsync();
            else await dialog.AcceptAsync();
        }
        catch (PlaywrightException) { /* the page or context is gone */ }
    }
}
