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
