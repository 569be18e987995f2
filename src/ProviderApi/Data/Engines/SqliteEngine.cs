using System.Data.Common;
using Microsoft.Data.Sqlite;
using ProviderApi.Data.Demo;

namespace ProviderApi.Data;

/// <summary>
/// SQLite: the embedded demo hospital (Demo) and a SQLite file holding the standard views
/// (Sqlite). The provider opens the file itself, read-only unless the connection string says
/// otherwise; there is no server to migrate (the demo makes its own file), and SQLite has no
/// schemas, so the project's tables are named imgcloud_*.
/// </summary>
public sealed class SqliteEngine(DatabaseProvider provider) : DatabaseEngine
{
    public override DatabaseProvider Provider => provider;

    public override string ScriptFolder => "sqlite";

    public override bool IsServer => false;

    public override DbProviderFactory Factory(DatabaseOptions options) => SqliteFactory.Instance;

    /// <summary>The file is local: there is no connecting to time out, and commands carry their own timeout.</summary>
    public override string WithTimeouts(DatabaseOptions options, string connectionString) => connectionString;

    public override DbDataSource CreateDataSource(DatabaseOptions options, IServiceProvider services) =>
        new WatchedSqliteDataSource(FileConnectionString(options, services)!, services.GetRequiredService<SqliteFileWatch>());

    public override string? FileConnectionString(DatabaseOptions options, IServiceProvider services) =>
        provider == DatabaseProvider.Demo
            ? services.GetRequiredService<DemoDatabase>().ReadOnlyConnectionString
            : ReadOnlyUnlessSaid(options.ConnectionString!);

    // SQLite's default collation BINARY compares UTF-8 bytes; NULLs would come first.
    public override string OrdinalOrder(string column) => $"{column} IS NULL, {column} COLLATE BINARY";

    public override string Imgcloud(string table) => $"imgcloud_{table}";

    /// <summary>SQLite has no schemas: the standard views carry their plain names.</summary>
    public override string StandardView(string name) => name;

    public override string His(string table) => table;

    public override IReadOnlyList<SqlScript> Plan(bool withDemo, IReadOnlyList<SqlScript>? hospitalSourceViews) =>
    [
        Shipped("01_imgcloud_tables.sql", runAlways: true),
        .. withDemo ? [Shipped("demo/01_his_schema.sql", runAlways: true)] : Array.Empty<SqlScript>(),
        .. hospitalSourceViews ?? [Shipped("02_source_views.sql", runAlways: true)],
        Shipped("03_standard_views.sql", runAlways: true),
    ];

    /// <summary>Never called: there is no server to migrate (<see cref="Migrations.Migrator"/> says so first).</summary>
    public override void Migrate(DatabaseOptions options, string connectionString, IReadOnlyList<SqlScript> scripts, TextWriter log) =>
        throw new NotSupportedException($"Database:Provider '{Provider}' has no server to migrate.");

    /// <summary>The demo's file (made first, as serve would) or the configured file, read-write, for this verb only.</summary>
    public override DbConnection OpenWritable(DatabaseOptions options, IServiceProvider services)
    {
        string connectionString;
        if (provider == DatabaseProvider.Demo)
        {
            var demo = services.GetRequiredService<DemoDatabase>();
            demo.EnsureReady();
            connectionString = new SqliteConnectionStringBuilder { DataSource = demo.Path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
        }
        else
        {
            connectionString = new SqliteConnectionStringBuilder(options.ConnectionString) { Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
        }
        return Open(options, connectionString);
    }

    protected override bool LoadsCsv => true;


    /// <summary>sqlite_master and pragma_table_info (SQLite 3.16+); SQLite keeps no row counts unless ANALYZE ran (-1). The project's own imgcloud_ tables are left out.</summary>
    public override string DiscoveryCatalog => """
        SELECT 'main', m.name, p.name, p.type, p.cid + 1, -1, CASE WHEN p.pk > 0 THEN 1 ELSE 0 END
        FROM sqlite_master m
        JOIN pragma_table_info(m.name) p
        WHERE m.type = 'table'
          AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
          AND m.name NOT LIKE 'imgcloud\_%' ESCAPE '\'
        ORDER BY m.name, p.cid
        """;

    /// <summary>SQLite has no schemas: a table is named alone.</summary>
    public override string QualifiedName(string schema, string table) => Identifier(table);

    /// <summary>The file opened read-only (Mode=ReadOnly), whatever the connection string says; the demo's file made first, as serve would.</summary>
    public override DbConnection OpenForDiscovery(DatabaseOptions options, IServiceProvider services)
    {
        var file = new SqliteConnectionStringBuilder(FileConnectionString(options, services)) { Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        return Open(options, file.ToString());
    }

    public override string ReadOnlyMeans => "SQLite: the file opened with Mode=ReadOnly";

    public override string DraftView(string view, string query) => $"DROP VIEW IF EXISTS {view};\nCREATE VIEW {view} AS\n{query};\n";
    public override bool TryDiscard(DbDataSource dataSource, DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite)
        {
            return false;
        }
        SqliteConnection.ClearPool(sqlite);
        return true;
    }

    /// <summary>The provider only reads: a SQLite file is opened read-only unless the connection string says otherwise, so a wrong path never creates an empty file.</summary>
    private static string ReadOnlyUnlessSaid(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Mode"))
        {
            builder.Mode = SqliteOpenMode.ReadOnly;
        }
        return builder.ToString();
    }
}
