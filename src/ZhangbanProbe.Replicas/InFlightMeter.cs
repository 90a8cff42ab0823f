using System.Diagnostics;

namespace ZhangbanProbe.Replicas;

/// <summary>
/// Counts requests in flight and integrates the count over time, as the server sees it: the average number of
/// pages being served at once between the first request and the last answer. Benchmarks read it to see whether a
/// sweep keeps its concurrency busy (a slot held while waiting for a host shows up as a lower average).
/// </summary>
public sealed class InFlightMeter
{
    private readonly object _gate = new();
    private int _now;
    private int _max;
    private long _first = -1;
    private long _last;
    private double _area; // count × ticks

    public IDisposable Enter()
    {
        lock (_gate)
        {
            Advance();
            if (_first < 0) _first = _last;
            _now++;
            _max = Math.Max(_max, _now);
        }
        return new Exit(this);
    }

    private void Leave()
    {
        lock (_gate) { Advance(); _now--; }
    }

    private void Advance()
    {
        var t = Stopwatch.GetTimestamp();
        if (_first >= 0) _area += _now * (double)(t - _last);
        _last = t;
    }

    /// <summary>Time-weighted mean of the requests in flight from the first request to the last answer (0 before any).</summary>
    public double Average { get { lock (_gate) return _first < 0 || _last == _first ? 0 : _area / (_last - _first); } }

    public int Max { get { lock (_gate) return _max; } }

    /// <summary>Seconds from the first request to the last answer.</summary>
    public double Seconds { get { lock (_gate) return _first < 0 ? 0 : (_last - _first) / (double)Stopwatch.Frequency; } }

    public void Reset()
    {
        lock (_gate) { _now = 0; _max = 0; _first = -1; _area = 0; }
    }

    private sealed class Exit(InFlightMeter meter) : IDisposable
    {
        private int _done;
        public void Dispose() { if (Interlocked.Exchange(ref _done, 1) == 0) meter.Leave(); }
    }
}
