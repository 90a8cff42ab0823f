using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace ZhangbanProbe.Probing.Browser;

/// <summary>
/// Popups a page opens by itself are refused; tabs the probe's own click opens are kept. Chromium's popup blocker
/// (left on: Playwright's default turns it off) lets a window open only with a user gesture, and the probe's clicks
/// are real input; a script's <c>window.open</c> without one is refused and counted here; and however a page
/// chains gestures, no context keeps more than <see cref="BrowserOptions.MaxPopupsPerContext"/> popups open at
/// once: the others are closed and counted. The counts go in the result's detail, never against the portal.
/// </summary>
public sealed class PopupGuard
{
    private const string Binding = "__zhangbanPopupRefused";

    // In every frame, before the page's own scripts: without transient activation (a real click or key press)
    // nothing opens a new window — window.open, a scripted click on a target=_blank link, a form aimed at a new
    // window. Headless Chromium has no popup blocker of its own, so this is it (with the cap in OnPopup behind it).
    private const string Script = """
        (() => {
          const active = () => !navigator.userActivation || navigator.userActivation.isActive;
          const note = () => { try { const n = globalThis.__zhangbanPopupRefused; if (typeof n === 'function') n(); } catch (e) { } };
          const elsewhere = t => !!t && !/^_(self|top|parent)$/i.test(t);
          const open = window.open;
          if (typeof open === 'function')
            window.open = function (...args) { if (!active()) { note(); return null; } return open.apply(this, args); };
          window.addEventListener('click', e => {
            const a = e.target && e.target.closest ? e.target.closest('a[target], area[target]') : null;
            if (a && elsewhere(a.target) && (!e.isTrusted || !active())) { e.preventDefault(); note(); }
          }, true);
          window.addEventListener('submit', e => {
            const f = e.target;
            if (f && elsewhere(f.target) && !active()) { e.preventDefault(); note(); }
          }, true);
          const submit = HTMLFormElement.prototype.submit;
          HTMLFormElement.prototype.submit = function () { if (elsewhere(this.target) && !active()) { note(); return; } return submit.call(this); };
        })();
        """;

    private static readonly ConditionalWeakTable<IBrowserContext, PopupGuard> Guards = new();
    private int _refused, _closed, _open;
    private readonly ConditionalWeakTable<IPage, object> _popups = new();

    /// <summary>Popups the page asked for without a gesture (refused) and beyond the limit (closed).</summary>
    public int Refused => Volatile.Read(ref _refused) + Volatile.Read(ref _closed);

    public static PopupGuard? For(IBrowserContext context) => Guards.TryGetValue(context, out var guard) ? guard : null;

    public static async Task<PopupGuard> InstallAsync(IBrowserContext context, int maxOpen)
    {
        var guard = new PopupGuard();
        Guards.AddOrUpdate(context, guard);
        await context.ExposeBindingAsync(Binding, (BindingSource _) => { Interlocked.Increment(ref guard._refused); });
        await context.AddInitScriptAsync(Script);
        context.Page += (_, page) => page.Popup += (_, popup) => guard.OnPopup(page, popup, maxOpen);
        return guard;
    }

    private void OnPopup(IPage opener, IPage popup, int maxOpen)
    {
        // A popup's own popups are never the probe's: it follows one tab from a page it loaded, not chains.
        if (!_popups.TryGetValue(opener, out _) && Interlocked.Increment(ref _open) <= maxOpen)
        {
            _popups.AddOrUpdate(popup, this);
            popup.Close += (_, _) => Interlocked.Decrement(ref _open);
            return;
        }
        if (!_popups.TryGetValue(opener, out _)) Interlocked.Decrement(ref _open);
        Interlocked.Increment(ref _closed);
        _ = CloseAsync(popup);
    }

    private static async Task CloseAsync(IPage popup)
    {
        try { await popup.CloseAsync(); } catch (PlaywrightException) { /* gone already */ }
    }
}
