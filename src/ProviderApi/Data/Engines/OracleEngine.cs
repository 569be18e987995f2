using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using ProviderApi.Data.Migrations;

namespace ProviderApi.Data;

/// <summary>
/// Oracle 11g R2 and later, DM8 in Oracle mode (ODP.NET, loaded at run time: see
/// <see cref="OracleDriver"/>). No DbUp provider is served for it: its scripts run through
/// <see cref="OracleScripts"/>, split as SQL*Plus splits them.
/// </summary>
public sealed partial class OracleEngine : ServerEngine
{
    public override DatabaseProvider Provider => DatabaseProvider.Oracle;

    public override string ScriptFolder => "oracle";

    public override DbProviderFactory Factory(DatabaseOptions options) => OracleDriver.Load(options.OracleDriverPath);

    /// <summary>ODP.NET: seconds to wait for a pooled or new connection; it has no key for a command timeout, so commands carry their own.</summary>
    public override string WithTimeouts(DatabaseOptions options, string connectionString) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString, ["Connection Timeout"] = options.ConnectTimeoutSeconds }.ToString();

    public override IEnumerable<string> Problems(DatabaseOptions options, bool connects) =>
        connects && OracleDriver.TryLoad(options.OracleDriverPath) is null
            ? [OracleDriver.MissingMessage(options.OracleDriverPath ?? OracleDriver.DefaultFolder)]
            : [];

    public override string OrdinalOrder(string column) => $"NLSSORT({column}, 'NLS_SORT=BINARY') NULLS LAST";

    /// <summary>Oracle binds :name.</summary>
    public override string Parameters(string sql) => ParameterMarker().Replace(sql, ":$1");

    public override bool MigratesInOneTransaction => false;

    public override void Migrate(DatabaseOptions options, string connectionString, IReadOnlyList<SqlScript> scripts, TextWriter log)
    {
        using var connection = Open(options, connectionString);
        OracleScripts.Run(connection, scripts, log);
    }

    /// <summary>ODP.NET, loaded at run time: OracleConnection.ClearPool(OracleConnection).</summary>
    public override bool TryDiscard(DbDataSource dataSource, DbConnection connection)
    {
        var clearPool = connection.GetType().Namespace == "Oracle.ManagedDataAccess.Client"
            ? connection.GetType().GetMethod("ClearPool", BindingFlags.Public | BindingFlags.Static, [connection.GetType()])
            : null;
        clearPool?.Invoke(null, [connection]);
        return clearPool is not null;
    }

    /// <summary>ORA-00942 table or view does not exist, ORA-01918 user (schema) does not exist.</summary>
    public override bool IsMissingObject(Exception exception) => OracleErrorNumber(exception) is 942 or 1918;

    /// <summary>ORA-01031 insufficient privileges, ORA-01720 grant option does not exist.</summary>
    public override bool IsMissingRight(Exception exception) => OracleErrorNumber(exception) is 1031 or 1720;

    /// <summary>OracleException.Number, read by reflection since the driver is loaded at run time.</summary>
    private static int? OracleErrorNumber(Exception exception) =>
        exception.GetType().FullName == "Oracle.ManagedDataAccess.Client.OracleException"
            ? exception.GetType().GetProperty("Number")?.GetValue(exception) as int?
            : null;

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex ParameterMarker();
}
