using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ZhangbanProbe.Probing.Pages;

/// <summary>A picture a visitor sees with what names it: its alt or title, or the short caption beside it.</summary>
public sealed class PictureOffer
{
    public string Source { get; set; } = "";
    public string Caption { get; set; } = "";
}

/// <summary>
/// Channels offered as pictures: a QR code or an app badge with a caption (扫码下载APP, 微信公众号, 支付宝小程序), the way
/// platform footers and side bars offer them. A visitor is offered the channel although nothing is a link.
/// </summary>
public static class PictureOffers
{
    // Visible pictures of at least 40×40 px (a QR code a phone can scan, a badge; not an icon), with the text that
    // names them: alt, title, a figcaption, else the shortest nearby text of its own container (up to three levels
    // up, at most 40 characters: a caption, not a paragraph).
    private const string Script = """
        (max) => {
          const out = [];
          for (const img of document.querySelectorAll('img, canvas, svg')) {
            if (out.length >= max) break;
            const r = img.getBoundingClientRect();
            const s = getComputedStyle(img);
            if (r.width < 40 || r.height < 40 || s.visibility === 'hidden' || s.display === 'none' || Number(s.opacity) === 0) continue;
            const names = [img.getAttribute('alt') || '', img.getAttribute('title') || '', img.getAttribute('aria-label') || ''];
            const fig = img.closest('figure');
            if (fig && fig.querySelector('figcaption')) names.push(fig.querySelector('figcaption').innerText || '');
            let el = img.parentElement;
            for (let up = 0; up < 3 && el; up++, el = el.parentElement) {
              const t = (el.innerText || '').replace(/\s+/g, ' ').trim();
              if (t.length > 0 && t.length <= 40) { names.push(t); break; }
            }
            const caption = names.map(n => n.trim()).filter(n => n.length > 0).join(' | ');
            if (caption) out.push({ source: (img.currentSrc || img.getAttribute('src') || img.tagName.toLowerCase()).slice(0, 300), caption: caption.slice(0, 120) });
          }
          return out;
        }
        """;

    public static async Task<IReadOnlyList<PictureOffer>> ReadAsync(IPage page, int max = 200) =>
        await page.EvaluateAsync<PictureOffer[]>(Script, max);

    /// <summary>The first picture whose caption names the channel, or null; a sign-in QR code (扫码登录) offers no channel.</summary>
    public static PictureOffer? Find(IReadOnlyList<PictureOffer> pictures, Regex label) =>
        pictures.FirstOrDefault(p => label.IsMatch(p.Caption) && !p.Caption.Contains("登录", StringComparison.Ordinal));
}
