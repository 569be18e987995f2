using System.Reflection;

namespace ProviderApi.Data;

/// <summary>
/// The scripts of <c>sql/</c>, embedded at build time: the provider runs exactly the files a
/// DBA reads, never a copy.
/// </summary>
public static class SqlScripts
{
    private static readonly Assembly Assembly = typeof(SqlScripts).Assembly;

    /// <summary>The scripts a hospital runs for SQLite, in order.</summary>
    public static IReadOnlyList<string> Sqlite { get; } =
    [
        "sql/sqlite/01_imgcloud_tables.sql",
        "sql/sqlite/02_source_views.sql",
        "sql/sqlite/03_standard_views.sql",
    ];

    /// <summary>The demo hospital's HIS tables (never run at a hospital).</summary>
    public const string SqliteDemoHis = "sql/sqlite/demo/01_his_schema.sql";

    public static string Read(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"SQL script '{name}' is not embedded in {Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
