namespace ZhangbanProbe.Core.Portals;

/// <summary>A problem in a data file, located by path, line and column (1-based).</summary>
public sealed record ManifestProblem(string Path, int Line, int Column, string Message)
{
    public override string ToString() => $"{Path}:{Line}:{Column}: {Message}";
}

/// <summary>Raised when data files are invalid; carries every problem found, not only the first.</summary>
public sealed class ManifestException(IReadOnlyList<ManifestProblem> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<ManifestProblem> Problems { get; } = problems;
}
