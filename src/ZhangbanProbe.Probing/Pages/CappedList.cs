namespace ZhangbanProbe.Probing.Pages;

/// <summary>
/// A list a page fills from its events (console messages, failed requests), kept to <c>cap</c> entries of at most
/// <c>clip</c> characters, with a count of what did not fit: a hostile page cannot make the worker hold (or store)
/// without bound, and the result can say it judged on a sample. Safe to add to from Playwright's event threads.
/// </summary>
public sealed class CappedList(int cap, int clip = 500)
{
    private readonly List<string> _items = [];
    private int _overflow;

    public void Add(string item)
    {
        lock (_items)
        {
            if (_items.Count < cap) _items.Add(Clip(item, clip));
            else _overflow++;
        }
    }

    public IReadOnlyList<string> Items { get { lock (_items) return [.. _items]; } }

    /// <summary>Entries that arrived after the list was full.</summary>
    public int Overflow { get { lock (_items) return _overflow; } }

    public static string Clip(string text, int max) => text.Length > max ? text[..max] : text;
}
