using System.Data.Common;
using DbUp;
using Microsoft.Data.SqlClient;

namespace ProviderApi.Data;

/// <summary>SQL Server 2008 R2 and later (Microsoft.Data.SqlClient; DbUp's SQL Server provider).</summary>
public sealed class SqlServerEngine : ServerEngine
{
    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public override string ScriptFolder => "sqlserver";

    public override DbProviderFactory Factory(DatabaseOptions options) => SqlClientFactory.Instance;

    public override string WithTimeouts(DatabaseOptions options, string connectionString) =>
        new SqlConnectionStringBuilder(connectionString)
        {
            ConnectTimeout = options.ConnectTimeoutSeconds,
            CommandTimeout = options.CommandTimeoutSeconds,
        }.ToString();

    public override string OrdinalOrder(string column) => $"CASE WHEN {column} IS NULL THEN 1 ELSE 0 END, {column} COLLATE Latin1_General_BIN2";

    public override void Migrate(DatabaseOptions options, string connectionString, IReadOnlyList<SqlScript> scripts, TextWriter log) =>
        MigrateWithDbUp(options, connectionString, scripts, log,
            "IF SCHEMA_ID('imgcloud') IS NULL EXEC('CREATE SCHEMA imgcloud AUTHORIZATION dbo')",
            cs => DeployChanges.To.SqlDatabase(cs).JournalToSqlTable("imgcloud", "schema_versions"));

    // -2: the client's timeout; 1222: lock request time out period exceeded.
    public override bool IsTimeout(Exception exception) => exception is SqlException { Number: -2 or 1222 };

    /// <summary>208 invalid object name, 2760 the specified schema name does not exist.</summary>
    public override bool IsMissingObject(Exception exception) => exception is SqlException { Number: 208 or 2760 };

    /// <summary>207 invalid column name.</summary>
    public override bool IsMissingColumn(Exception exception) => exception is SqlException { Number: 207 };

    public override T ReadAsLeftBy<T>(DatabaseOptions options, string connectionString, IReadOnlyList<SqlScript> scripts, Func<DbConnection, DbTransaction?, T> read) =>
        ReadInRolledBackRun(options, connectionString, scripts, new DbUp.SqlServer.SqlConnectionManager(connectionString).SplitScriptIntoCommands, read);

    /// <summary>229 permission denied on an object, 262 permission denied in the database, 1088 cannot find the object or no permission.</summary>
    public override bool IsMissingRight(Exception exception) => exception is SqlException { Number: 229 or 262 or 1088 };

    /// <summary>A server that cannot be reached (-1, 2, 53: network; -2 the client's timeout while connecting) or refuses the login or the database (4060).</summary>
    public override bool IsSettingProblem(Exception exception) => exception is SqlException { Number: -1 or 2 or 53 or 4060 } || IsLoginRefused(exception);

    /// <summary>18456 login failed (user or password), 18470 login disabled, 18486 locked out by the password policy.</summary>
    public override bool IsLoginRefused(Exception exception) => exception is SqlException { Number: 18456 or 18470 or 18486 };


    /// <summary>sys.tables (what the login may see), rows of the heap or clustered index from sys.partitions, the primary key from sys.indexes.</summary>
    public override string DiscoveryCatalog => """
        SELECT s.name, t.name, c.name, ty.name, c.column_id,
               CAST(COALESCE((SELECT SUM(p.rows) FROM sys.partitions p WHERE p.object_id = t.object_id AND p.index_id IN (0, 1)), -1) AS bigint),
               CASE WHEN EXISTS (SELECT 1 FROM sys.indexes i
                                 JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
                                 WHERE i.object_id = t.object_id AND i.is_primary_key = 1 AND ic.column_id = c.column_id) THEN 1 ELSE 0 END
        FROM sys.tables t
        JOIN sys.schemas s ON s.schema_id = t.schema_id
        JOIN sys.columns c ON c.object_id = t.object_id
        JOIN sys.types ty ON ty.user_type_id = c.user_type_id
        WHERE t.is_ms_shipped = 0 AND s.name NOT IN ('sys', 'INFORMATION_SCHEMA')
        ORDER BY s.name, t.name, c.column_id
        """;

    /// <summary>TOP (n), with TABLESAMPLE SYSTEM (pages) on a table much larger than the bound; NOLOCK so that a sample never waits on, or blocks, the HIS's writers.</summary>
    public override string DiscoverySample(string schema, string table, IReadOnlyList<string> columns, int rows, long approximateRows) =>
        $"SELECT TOP ({rows.ToString(System.Globalization.CultureInfo.InvariantCulture)}) {SelectList(columns)} FROM {QualifiedName(schema, table)}"
        + (SampledByBlocks(rows, approximateRows) ? $" TABLESAMPLE SYSTEM ({SamplePercent(rows, approximateRows)} PERCENT)" : "")
        + " WITH (NOLOCK)";

    protected override string Quote(string name) => "[" + name.Replace("]", "]]", StringComparison.Ordinal) + "]";

    /// <summary>ApplicationIntent=ReadOnly (an availability group routes it to a readable secondary); discover sends SELECTs only.</summary>
    public override DbConnection OpenForDiscovery(DatabaseOptions options, IServiceProvider services) =>
        Open(options, new SqlConnectionStringBuilder(WithTimeouts(options, options.ConnectionString!)) { ApplicationIntent = ApplicationIntent.ReadOnly, Pooling = false }.ToString());

    public override string ReadOnlyMeans => "SQL Server: ApplicationIntent=ReadOnly and SELECTs only (WITH (NOLOCK): no shared locks held on the HIS's tables)";

    /// <summary>As 03_source_views.sql: a stub made once, then ALTERed (keeps the view's grants), one batch each.</summary>
    public override string DraftView(string view, string query) =>
        $"IF OBJECT_ID('{Imgcloud(view)}', 'V') IS NULL EXEC('CREATE VIEW {Imgcloud(view)} AS SELECT 1 AS x');\nGO\nALTER VIEW {Imgcloud(view)} AS\n{query};\nGO\n";
    public override bool TryDiscard(DbDataSource dataSource, DbConnection connection)
    {
        if (connection is not SqlConnection sql)
        {
            return false;
        }
        SqlConnection.ClearPool(sql);
        return true;
    }
}
