namespace ZhangbanProbe.Storage;

/// <summary>Where results are stored. Section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>PostgreSQL connection string (the service's shared store). Default: empty, meaning the embedded SQLite file.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>The embedded SQLite database file, used when no PostgreSQL connection string is set. Default: .zhangban/zhangban.db.</summary>
    public string SqlitePath { get; set; } = ".zhangban/zhangban.db";

    /// <summary>Folder where results wait when the database cannot be reached; written when it returns. Default: .zhangban/outbox.</summary>
    public string OutboxDirectory { get; set; } = ".zhangban/outbox";

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(PostgresConnectionString);
}
