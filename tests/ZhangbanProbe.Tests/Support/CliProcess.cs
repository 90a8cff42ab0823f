using System.Diagnostics;

namespace ZhangbanProbe.Tests.Support;

/// <summary>Runs the real `zhangban` program (built beside the tests) as a separate process.</summary>
public static class CliProcess
{
    /// <param name="PeakWorkingSet">The highest resident size seen (the kernel's high-water mark, read until exit).</param>
    public sealed record Result(int ExitCode, string Stdout, string Stderr, long PeakWorkingSet = 0)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    public static async Task<Result> RunAsync(string workingDirectory, IDictionary<string, string>? env, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "zhangban.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        LiveReplicaRules.AddTo(psi.Environment); // the running replica servers' ports, as --replicas allows its own
        if (env is not null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var peak = 0L;
        var exited = p.WaitForExitAsync(cts.Token);
        while (!exited.IsCompleted)
        {
            try { p.Refresh(); peak = Math.Max(peak, p.PeakWorkingSet64); }
            catch (InvalidOperationException) { } // exited between the check and the read
            await Task.WhenAny(exited, Task.Delay(25));
        }
        try { await exited; }
        catch (OperationCanceledException) { p.Kill(true); throw new TimeoutException("zhangban did not finish in 5 minutes"); }
        return new Result(p.ExitCode, await stdout, await stderr, peak);
    }
}
