namespace ZhangbanProbe.Core.Timing;

public static class UtcClock
{
    /// <summary>
    /// Now, in UTC, truncated to whole microseconds: PostgreSQL keeps microseconds, so a time reported (JSON) and
    /// the same time stored then read back are equal.
    /// </summary>
    public static DateTime UtcNowMicroseconds(this TimeProvider time)
    {
        var t = time.GetUtcNow().UtcDateTime;
        return new DateTime(t.Ticks - t.Ticks % 10, DateTimeKind.Utc);
    }
}
