using System.CommandLine;

namespace ZhangbanProbe.Cli.Commands;

/// <summary>Options every verb takes; each maps onto a configuration key, so files and env vars can set them too.</summary>
public static class GlobalOptions
{
    public static readonly Option<string?> Portals = new("--portals")
    {
        Description = "Portal manifest folder (default probes/portals). Config: Run:PortalsDirectory",
        Recursive = true,
    };
    public static readonly Option<string?> Catalogue = new("--catalogue")
    {
        Description = "Indicator catalogue file (default probes/catalogue.yaml). Config: Run:CatalogueFile",
        Recursive = true,
    };
    public static readonly Option<string?> Postgres = new("--postgres")
    {
        Description = "PostgreSQL connection string; without it results go to the embedded SQLite file. Config: Storage:PostgresConnectionString",
        Recursive = true,
    };
    public static readonly Option<string?> Sqlite = new("--sqlite")
    {
        Description = "Embedded SQLite file (default .zhangban/zhangban.db). Config: Storage:SqlitePath",
        Recursive = true,
    };
    public static readonly Option<string?> EvidenceDir = new("--evidence-dir")
    {
        Description = "Folder for evidence files (default .zhangban/evidence). Config: Evidence:Directory",
        Recursive = true,
    };
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log each probe and browser event to stderr",
        Recursive = true,
    };

    public static void AddTo(RootCommand root)
    {
        foreach (var o in new Option[] { Portals, Catalogue, Postgres, Sqlite, EvidenceDir, Verbose }) root.Options.Add(o);
    }

    public static Dictionary<string, string?> Overrides(ParseResult parse)
    {
        var d = new Dictionary<string, string?>();
        void Set(string key, string? value) { if (!string.IsNullOrWhiteSpace(value)) d[key] = value; }
        Set("Run:PortalsDirectory", parse.GetValue(Portals));
        Set("Run:CatalogueFile", parse.GetValue(Catalogue));
        Set("Storage:PostgresConnectionString", parse.GetValue(Postgres));
        Set("Storage:SqlitePath", parse.GetValue(Sqlite));
        Set("Evidence:Directory", parse.GetValue(EvidenceDir));
        return d;
    }
}
