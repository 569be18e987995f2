using System.Data.Common;
using DbUp;
using Npgsql;

namespace ProviderApi.Data;

/// <summary>PostgreSQL 9.5+ and the PG-derived KingbaseES, openGauss, HighGo (Npgsql; DbUp's PostgreSQL provider).</summary>
public sealed class PostgreSqlEngine : ServerEngine
{
    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public override string ScriptFolder => "postgresql";

    public override DbProviderFactory Factory(DatabaseOptions options) => NpgsqlFactory.Instance;

    public override string WithTimeouts(DatabaseOptions options, string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString)
        {
            Timeout = options.ConnectTimeoutSeconds,
            CommandTimeout = options.CommandTimeoutSeconds,
        }.ToString();

    public override string OrdinalOrder(string column) => $"{column} COLLATE \"C\" NULLS LAST";

    public override void Migrate(DatabaseOptions options, string connectionString, IReadOnlyList<SqlScript> scripts, TextWriter log) =>
        MigrateWithDbUp(options, connectionString, scripts, log,
            "CREATE SCHEMA IF NOT EXISTS imgcloud",
            cs => DeployChanges.To.PostgresqlDatabase(cs).JournalToPostgresqlTable("imgcloud", "schema_versions"));

    public override DbConnection OpenWritable(DatabaseOptions options, IServiceProvider services) => OpenAsMigrator(options);

    protected override bool LoadsCsv => true;

    // query_canceled (a cancel or statement_timeout), lock_not_available (lock_timeout).
    public override bool IsTimeout(Exception exception) => exception is PostgresException { SqlState: "57014" or "55P03" };

    /// <summary>42P01 undefined table, 3F000 invalid schema name.</summary>
    public override bool IsMissingObject(Exception exception) => exception is PostgresException { SqlState: "42P01" or "3F000" };

    /// <summary>42703 undefined column.</summary>
    public override bool IsMissingColumn(Exception exception) => exception is PostgresException { SqlState: "42703" };

    public override T ReadAsLeftBy<T>(DatabaseOptions options, string connectionString, IReadOnlyList<SqlScript> scripts, Func<DbConnection, DbTransaction?, T> read) =>
        ReadInRolledBackRun(options, connectionString, scripts, new DbUp.Postgresql.PostgresqlConnectionManager(connectionString).SplitScriptIntoCommands, read);

    /// <summary>42501 insufficient privilege.</summary>
    public override bool IsMissingRight(Exception exception) => exception is PostgresException { SqlState: "42501" };

    /// <summary>From "permission denied for table x" (view, schema, database, function): the GRANT that gives it to the migrating role.</summary>
    public override string? MissingGrant(Exception exception, string connectionString)
    {
        if (exception is not PostgresException { SqlState: "42501" } denied
            || System.Text.RegularExpressions.Regex.Match(denied.MessageText, @"^permission denied for (?<kind>table|view|relation|sequence|schema|database|function) (?<name>\S+)$") is not { Success: true } match)
        {
            return null;
        }
        var role = new NpgsqlConnectionStringBuilder(connectionString).Username;
        var name = match.Groups["name"].Value;
        return match.Groups["kind"].Value switch
        {
            "schema" => $"GRANT USAGE ON SCHEMA {name} TO {role};",
            "database" => $"GRANT CONNECT, CREATE ON DATABASE {name} TO {role};",
            "function" => $"GRANT EXECUTE ON FUNCTION {name} TO {role};",
            _ => $"GRANT SELECT ON {name} TO {role};   ({name} qualified by its schema: PostgreSQL's message gives the name alone)",
        };
    }

    /// <summary>A server that cannot be reached, or refuses the login, the password or the database.</summary>
    public override bool IsSettingProblem(Exception exception) => exception is
        NpgsqlException { InnerException: System.Net.Sockets.SocketException or TimeoutException }
        or PostgresException { SqlState: "3D000" }
        || IsLoginRefused(exception);

    /// <summary>28P01 password authentication failed (also a NOLOGIN role without a password), 28000 not permitted to log in.</summary>
    public override bool IsLoginRefused(Exception exception) => exception is PostgresException { SqlState: "28P01" or "28000" };


    /// <summary>pg_catalog (not information_schema, slow on a catalog of thousands of columns): ordinary tables the account may SELECT; reltuples as the approximate rows.</summary>
    public override string DiscoveryCatalog => """
        SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnum,
               CAST(CASE WHEN c.reltuples < 0 THEN -1 ELSE c.reltuples END AS bigint),
               CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum = ANY (i.indkey)) THEN 1 ELSE 0 END
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE c.relkind = 'r'
          AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname NOT LIKE 'pg\_%'
          AND has_table_privilege(c.oid, 'SELECT')
        ORDER BY n.nspname, c.relname, a.attnum
        """;

    /// <summary>TABLESAMPLE SYSTEM (whole pages, 9.5+) where the statistics say the table is much larger than the bound; LIMIT bounds the rows either way.</summary>
    public override string DiscoverySample(string schema, string table, IReadOnlyList<string> columns, int rows, long approximateRows) =>
        $"SELECT {SelectList(columns)} FROM {QualifiedName(schema, table)}"
        + (SampledByBlocks(rows, approximateRows) ? $" TABLESAMPLE SYSTEM ({SamplePercent(rows, approximateRows)})" : "")
        + $" LIMIT {rows.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Unquoted names fold to lower case: a name with an upper-case letter is quoted.</summary>
    protected override bool FoldsAway(string name) => !string.Equals(name, name.ToLowerInvariant(), StringComparison.Ordinal);

    /// <summary>The session starts read-only (default_transaction_read_only in the connection's options), and each read runs in a READ ONLY transaction.</summary>
    public override DbConnection OpenForDiscovery(DatabaseOptions options, IServiceProvider services)
    {
        var builder = new NpgsqlConnectionStringBuilder(WithTimeouts(options, options.ConnectionString!)) { Pooling = false };
        builder.Options = $"{builder.Options} -c default_transaction_read_only=on".Trim();
        return Open(options, builder.ToString());
    }

    public override DbTransaction? BeginReadOnly(DbConnection connection)
    {
        var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SET TRANSACTION READ ONLY";
        command.ExecuteNonQuery();
        return transaction;
    }

    public override string ReadOnlyMeans => "PostgreSQL: default_transaction_read_only=on for the session and SET TRANSACTION READ ONLY; SELECTs only";
    /// <summary>Npgsql keeps the pool of a data source in the data source (NpgsqlConnection.ClearPool does not reach it).</summary>
    public override bool TryDiscard(DbDataSource dataSource, DbConnection connection)
    {
        if (dataSource is not NpgsqlDataSource npgsql)
        {
            return false;
        }
        npgsql.Clear();
        return true;
    }
}
