namespace ZhangbanProbe.Core.Runs;

/// <summary>Where a run stands. Stored as its <see cref="StateCode"/> (running, completed, cancelled, incomplete).</summary>
public enum RunStatus
{
    /// <summary>Planned; pairs still being probed (or waiting in an outbox, or for a worker to recover them).</summary>
    Running,
    /// <summary>Every pair has a stored result; alerts were evaluated once.</summary>
    Completed,
    /// <summary>Stopped by the operator (Ctrl+C on `zhangban run`) before every pair was probed.</summary>
    Cancelled,
    /// <summary>All its work ended, and some planned pairs have no stored result: they are named in the run
    /// (<see cref="MissingPair"/>); alerts were evaluated once, on the pairs it has.</summary>
    Incomplete,
}
