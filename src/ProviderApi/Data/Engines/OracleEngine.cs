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
        connects && OracleDriver.Problem(options.OracleDriverPath) is { } problem ? [problem] : [];

    public override DriverReport? Driver(DatabaseOptions options) =>
        OracleDriver.TryLoad(options.OracleDriverPath) is { } driver ? new DriverReport(driver.Describe(), driver.Warning is not null) : null;

    /// <summary>
    /// Says which driver was loaded (a warning for the 19c line, or a release under a security
    /// advisory), then opens one connection: a server that refuses this driver (<see cref="RefusedPair"/>)
    /// stops start-up with the advice, since the pair cannot work until the driver or the server's
    /// sqlnet.ora changes; any other failure (a server not up yet, say) is logged and the provider starts.
    /// </summary>
    public override async Task StartingAsync(DatabaseOptions options, IServiceProvider services, ILogger logger, CancellationToken cancellationToken)
    {
        var driver = OracleDriver.TryLoad(options.OracleDriverPath);
        if (driver is null)
        {
            return;
        }
        var described = driver.Describe();
        DriverLoaded(logger, driver.Warning is null ? LogLevel.Information : LogLevel.Warning, described);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(options.ConnectTimeoutSeconds + 1));
        try
        {
            await using var connection = await services.GetRequiredService<DbDataSource>().OpenWithinAsync(deadline.Token);
            ServerAccepted(logger, connection.ServerVersion);
        }
        catch (Exception ex) when (Error(ex) is { Number: var number } && RefusedPair.Contains(number))
        {
            throw;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var advice = Advice(ex);
            var problem = ex is OperationCanceledException
                ? $"no answer within Database:ConnectTimeoutSeconds ({options.ConnectTimeoutSeconds} s)"
                : $"{ex.GetType().Name}: {ex.Message.Split('\n', 2)[0].Trim()}";
            NoConnectionAtStart(logger, advice is null ? LogLevel.Warning : LogLevel.Error, problem, advice ?? "");
        }
    }

    [LoggerMessage(Message = "Oracle driver: {Driver}")]
    private static partial void DriverLoaded(ILogger logger, LogLevel level, string driver);

    [LoggerMessage(Level = LogLevel.Information, Message = "Oracle server {Version} accepted the driver")]
    private static partial void ServerAccepted(ILogger logger, string version);

    [LoggerMessage(Message = "Oracle: no connection at start-up ({Problem}); the provider starts and connects at each request. {Advice}")]
    private static partial void NoConnectionAtStart(ILogger logger, LogLevel level, string problem, string advice);

    /// <summary>Refusals that mean this driver and this server do not pair: start-up stops on them (ORA-01017 may be a wrong password, so it does not).</summary>
    private static readonly HashSet<int> RefusedPair = [28040, 28041, 3134, 12650, 12660];

    /// <summary>What the driver says when the server cannot be reached or refuses the login: a setting to fix, said in one line.</summary>
    private static readonly HashSet<int> Refused =
    [
        .. RefusedPair,
        28001, // password expired (a wrong user or password and a locked account: IsLoginRefused)
        12154, 12170, 12505, 12514, 12541, 12543, 12545, // no such alias, service or SID; timeout; no listener; host unreachable
    ];

    public override bool IsSettingProblem(Exception exception) =>
        (Error(exception) is { Number: var number } && Refused.Contains(number)) || IsLoginRefused(exception);

    /// <summary>ORA-01017 invalid user name or password, ORA-28000 account locked.</summary>
    public override bool IsLoginRefused(Exception exception) => Error(exception) is { Number: 1017 or 28000 };

    /// <summary>
    /// The advice for a driver and server that do not pair, from the driver's error number and the
    /// line of the driver that raised it (an incompatible pair usually cannot connect long enough
    /// to learn the server's version).
    /// </summary>
    public override string? Advice(Exception exception)
    {
        if (Error(exception) is not { } error)
        {
            return null;
        }
        var line = OracleDriver.Of(error.Exception.GetType().Assembly)?.Line ?? OracleDriverLine.Unknown;
        const string Lines = "the 23ai line 23.x for Oracle 19c and later, the 21c line 3.21.x for 12.1.0.2 to 18c, the 19c line 2.19.x (2.19.180 or later) for 11g R2 and 12.1.0.1";
        var loaded = $"The driver loaded is the {line.Name} ({line.Servers})";
        const string LogonVersion =
            "the DBA checks SQLNET.ALLOWED_LOGON_VERSION_SERVER in the server's sqlnet.ora ($ORACLE_HOME/network/admin): 11 or 12 admits every driver line this provider takes; " +
            "after changing it, reset the provider account's password (ALTER USER ... IDENTIFIED BY ...) so that DBA_USERS.PASSWORD_VERSIONS has 11G or 12C";
        return error.Number switch
        {
            3134 => line.Of switch
            {
                OracleDriverLine.Kind.Line23ai => $"{loaded}: this server is older than 19c. Point Database:OracleDriverPath at the 21c line 3.21.x for Oracle 12.1.0.2 to 18c, or at the 19c line 2.19.x (2.19.180 or later) for 11g R2 and 12.1.0.1 (sql/README.md: Oracle driver and server version).",
                OracleDriverLine.Kind.Line21c => $"{loaded}: this server is older than 12.1.0.2 (11g R2 or 12.1.0.1). Point Database:OracleDriverPath at the 19c line 2.19.x, 2.19.180 or later, which Oracle does not support on .NET 10 (sql/README.md: Oracle driver and server version).",
                OracleDriverLine.Kind.Line19c => $"{loaded}: this server is older than 11g R2, which no driver this provider takes reaches: the database must be upgraded.",
                _ => $"{loaded}: this server is older than it reaches. Use {Lines}.",
            },
            28040 or 28041 => $"{loaded}. Driver and server agree on no logon protocol. If the server is older than the line reaches, use {Lines}. Otherwise {LogonVersion} (sql/README.md: Oracle driver and server version).",
            1017 => $"If the user name and password in Database:ConnectionString are right, the account has no stored password version (DBA_USERS.PASSWORD_VERSIONS) that both this driver and the server accept: " +
                "typical after SQLNET.ALLOWED_LOGON_VERSION_SERVER was raised, for a password last set on 10g (10G only), or with SEC_CASE_SENSITIVE_LOGON=FALSE on 12c and later. " +
                $"Keep SEC_CASE_SENSITIVE_LOGON TRUE; {LogonVersion}. {loaded}.",
            12650 or 12660 => "The server requires Oracle Net encryption or checksumming (SQLNET.ENCRYPTION_SERVER or SQLNET.CRYPTO_CHECKSUM_SERVER = REQUIRED in its sqlnet.ora) " +
                "with algorithms this driver does not offer: the DBA lists AES256 in SQLNET.ENCRYPTION_TYPES_SERVER and SHA256 (12c and later) or SHA1 in SQLNET.CRYPTO_CHECKSUM_TYPES_SERVER. " +
                $"{loaded}.",
            _ => null,
        };
    }

    /// <summary>
    /// The driver's error among <paramref name="exception"/> and its inner exceptions, with its number
    /// (OracleException.Number, read by reflection: the type is the driver's, loaded at run time).
    /// </summary>
    private static (Exception Exception, int Number)? Error(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e.GetType().FullName == "Oracle.ManagedDataAccess.Client.OracleException"
                && e.GetType().GetProperty("Number", BindingFlags.Public | BindingFlags.Instance)?.GetValue(e) is int number)
            {
                return (e, number);
            }
        }
        return null;
    }

    public override string OrdinalOrder(string column) => $"NLSSORT({column}, 'NLS_SORT=BINARY') NULLS LAST";

    /// <summary>Oracle binds :name.</summary>
    public override string Parameters(string sql) => ParameterMarker().Replace(sql, ":$1");

    public override bool MigratesInOneTransaction => false;

    public override void Migrate(DatabaseOptions options, string connectionString, IReadOnlyList<SqlScript> scripts, TextWriter log)
    {
        using var connection = Open(options, connectionString);
        OracleScripts.Run(connection, scripts, log);
    }


    /// <summary>ALL_TAB_COLUMNS of the tables in ALL_TABLES (what the account may read) outside Oracle's own schemas; NUM_ROWS (the optimizer's statistics) as the approximate rows.</summary>
    public override string DiscoveryCatalog => """
        SELECT c.OWNER, c.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE, c.COLUMN_ID, NVL(t.NUM_ROWS, -1),
               CASE WHEN EXISTS (SELECT 1 FROM ALL_CONSTRAINTS k
                                 JOIN ALL_CONS_COLUMNS kc ON kc.OWNER = k.OWNER AND kc.CONSTRAINT_NAME = k.CONSTRAINT_NAME
                                 WHERE k.CONSTRAINT_TYPE = 'P' AND k.OWNER = c.OWNER AND k.TABLE_NAME = c.TABLE_NAME
                                   AND kc.COLUMN_NAME = c.COLUMN_NAME) THEN 1 ELSE 0 END
        FROM ALL_TAB_COLUMNS c
        JOIN ALL_TABLES t ON t.OWNER = c.OWNER AND t.TABLE_NAME = c.TABLE_NAME
        WHERE c.OWNER NOT IN ('SYS', 'SYSTEM', 'OUTLN', 'DBSNMP', 'XDB', 'MDSYS', 'CTXSYS', 'ORDSYS', 'ORDDATA', 'ORDPLUGINS',
                              'WMSYS', 'EXFSYS', 'OLAPSYS', 'SYSMAN', 'MGMT_VIEW', 'APPQOSSYS', 'ORACLE_OCM', 'DIP', 'FLOWS_FILES',
                              'APEX_030200', 'APEX_PUBLIC_USER', 'SI_INFORMTN_SCHEMA', 'OWBSYS', 'OWBSYS_AUDIT', 'LBACSYS',
                              'DVSYS', 'AUDSYS', 'GSMADMIN_INTERNAL', 'OJVMSYS', 'DBSFWUSER', 'REMOTE_SCHEDULER_AGENT', 'GGSYS',
                              'ANONYMOUS', 'XS$NULL', 'SPATIAL_CSW_ADMIN_USR', 'SPATIAL_WFS_ADMIN_USR', 'SYSDM', 'SYSAUDITOR', 'SYSSSO')
        ORDER BY c.OWNER, c.TABLE_NAME, c.COLUMN_ID
        """;

    /// <summary>SAMPLE (p) (blocks of rows) on a table much larger than the bound, ROWNUM for the bound (11g has no FETCH FIRST).</summary>
    public override string DiscoverySample(string schema, string table, IReadOnlyList<string> columns, int rows, long approximateRows) =>
        $"SELECT {SelectList(columns)} FROM {QualifiedName(schema, table)}"
        + (SampledByBlocks(rows, approximateRows) ? $" SAMPLE ({SamplePercent(rows, approximateRows)})" : "")
        + $" WHERE ROWNUM <= {rows.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Unquoted names fold to upper case: a name with a lower-case letter is quoted.</summary>
    protected override bool FoldsAway(string name) => !string.Equals(name, name.ToUpperInvariant(), StringComparison.Ordinal);

    public override DbTransaction? BeginReadOnly(DbConnection connection)
    {
        var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SET TRANSACTION READ ONLY";
        command.ExecuteNonQuery();
        return transaction;
    }

    public override string ReadOnlyMeans => "Oracle: SET TRANSACTION READ ONLY; SELECTs only";

    /// <summary>As 03_source_views.sql: the statement ended by a slash on its own line (SQL*Plus).</summary>
    public override string DraftView(string view, string query) => $"CREATE OR REPLACE VIEW {Imgcloud(view)} AS\n{query}\n/\n";
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
    public override bool IsMissingObject(Exception exception) => Error(exception) is { Number: 942 or 1918 };

    /// <summary>ORA-00904 invalid identifier (a column the view or table does not have).</summary>
    public override bool IsMissingColumn(Exception exception) => Error(exception) is { Number: 904 };

    /// <summary>ORA-01031 insufficient privileges, ORA-01720 grant option does not exist.</summary>
    public override bool IsMissingRight(Exception exception) => Error(exception) is { Number: 1031 or 1720 };

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex ParameterMarker();
}
