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
