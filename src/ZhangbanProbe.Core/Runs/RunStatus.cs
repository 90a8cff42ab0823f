namespace ZhangbanProbe.Core.Runs;

/// <summary>Where a run stands. Stored as its <see cref="StateCode"/> (running, completed, cancelled).</summary>
public enum RunStatus
{
    /// <summary>Planned; pairs still being probed (or waiting in an outbox, or for a worker to recover them).</summary>
    Running,
    /// <summary>Every pair has a stored result; alerts were evaluated once.</summary>
    Completed,
    /// <summary>Stopped by the operator (Ctrl+C on `zhangban run`) before every pair was probed.</summary>
    Cancelled,
}
