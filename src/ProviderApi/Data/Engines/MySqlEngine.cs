using System.Data.Common;
using MySqlConnector;
using ProviderApi.Data.Migrations;

namespace ProviderApi.Data;

/// <summary>
/// MySQL 5.7.7 and later, MariaDB 10.4 and later (MySqlConnector). A MySQL "schema" is a
/// database: the project's tables and the standard views live in the database imgcloud, the
/// demo HIS in his. No DbUp provider is served for MySQL: the scripts run through
/// <see cref="JournaledScriptRunner"/>, statement by statement, and since MySQL commits DDL as
/// it goes a migration is not one transaction: every script is safe to run again.
/// </summary>
public sealed class MySqlEngine : ServerEngine
{
    public override DatabaseProvider Provider => DatabaseProvider.MySql;

    public override string ScriptFolder => "mysql";

    public override DbProviderFactory Factory(DatabaseOptions options) => MySqlConnectorFactory.Instance;

    public override string WithTimeouts(DatabaseOptions options, string connectionString) =>
        new MySqlConnectionStringBuilder(connectionString)
        {
            ConnectionTimeout = (uint)options.ConnectTimeoutSeconds,
            DefaultCommandTimeout = (uint)options.CommandTimeoutSeconds,
        }.ToString();

    /// <summary>
    /// The provider reads in the database imgcloud (a MySQL account has no default schema of its
    /// own): named in the connection string unless the hospital names another.
    /// </summary>
    public override DbDataSource CreateDataSource(DatabaseOptions options, IServiceProvider services)
    {
        var builder = new MySqlConnectionStringBuilder(WithTimeouts(options, options.ConnectionString!));
        if (string.IsNullOrEmpty(builder.Database))
        {
            builder.Database = "imgcloud";
        }
        return MySqlConnectorFactory.Instance.CreateDataSource(builder.ToString());
    }

    /// <summary>MySQL sorts NULL first; NULLs last, then the codes by their bytes (utf8mb4_bin, the collation of the views' columns).</summary>
    public override string OrdinalOrder(string column) => $"{column} IS NULL, {column} COLLATE utf8mb4_bin";

    /// <summary>MySQL has no ON CONFLICT: ON DUPLICATE KEY UPDATE, with VALUES() (5.7 has no row alias).</summary>
    protected override string ReplaceOnConflict(string[] key, string[] others) =>
        $"ON DUPLICATE KEY UPDATE {string.Join(", ", others.Select(c => $"{c} = VALUES({c})"))}";

    /// <summary>
    /// The settlements are two source views here, not one src_settlement: a view holding a UNION
    /// is materialised whole by MySQL/MariaDB, the window applied only afterwards
    /// (sql/mysql/03_source_views.sql).
    /// </summary>
    public override string SourceViewsNote =>
        "On MySQL/MariaDB the settlements are two source views, imgcloud.src_outpatient_settlement and imgcloud.src_inpatient_settlement, " +
        "each with the columns of the other engines' src_settlement and without UNION (a HIS with one settlement table maps it in one " +
        "and gives the other an empty SELECT ... WHERE 1 = 0); a src_settlement is no longer read. " +
        "MySQL/MariaDB 上的结算是两个源视图 src_outpatient_settlement 与 src_inpatient_settlement，列与其他数据库的 src_settlement 相同，不用 UNION" +
        "（HIS 只有一张结算表时，另一个写成空的 SELECT ... WHERE 1 = 0）；不再读取 src_settlement。";

    public override IEnumerable<string> SourceViewsFor(string contractView) =>
        contractView == "src_settlement" ? ["src_outpatient_settlement", "src_inpatient_settlement"] : [contractView];

    public override bool MigratesInOneTransaction => false;

    /// <summary>
    /// Runs the scripts statement by statement, journaled. User variables are allowed on this
    /// connection (MySqlConnector refuses an unknown @name by default, taking it for a missing
    /// parameter): 04 chooses a statement into @imgcloud_ddl and prepares it, and a hospital's
    /// own source views may use @variables too.
    /// </summary>
    public override void Migrate(DatabaseOptions options, string connectionString, IReadOnlyList<SqlScript> scripts, TextWriter log)
    {
        // User variables allowed: a one-time script decides a DDL step from information_schema (SET @step = IF(...);
        // PREPARE ... FROM @step), MySQL 5.7's only way to make a step conditional without a stored routine.
        using var connection = Open(options, new MySqlConnectionStringBuilder(connectionString) { AllowUserVariables = true }.ConnectionString);
        new JournaledScriptRunner(connection, "imgcloud.schema_versions", MySqlScripts.Split, TimeProvider.System, log, commandTimeoutSeconds: Math.Max(options.CommandTimeoutSeconds, 300))
            .Run(scripts);
    }

    public override DbConnection OpenWritable(DatabaseOptions options, IServiceProvider services) => OpenAsMigrator(options);

    protected override bool LoadsCsv => true;

    // The client's command timeout; 1317 query interrupted (KILL QUERY, max_execution_time); 1205 lock wait timeout; 3024 max_execution_time exceeded.
    public override bool IsTimeout(Exception exception) => exception is MySqlException
    {
        ErrorCode: MySqlErrorCode.CommandTimeoutExpired or MySqlErrorCode.QueryInterrupted or MySqlErrorCode.LockWaitTimeout or (MySqlErrorCode)3024,
    };

    /// <summary>1146 no such table, 1049 unknown database (the HIS's database missing).</summary>
    public override bool IsMissingObject(Exception exception) => exception is MySqlException { ErrorCode: MySqlErrorCode.NoSuchTable or MySqlErrorCode.UnknownDatabase };

    /// <summary>1054 unknown column.</summary>
    public override bool IsMissingColumn(Exception exception) => exception is MySqlException { ErrorCode: MySqlErrorCode.BadFieldError };

    /// <summary>1142 table, 1143 column, 1044 database access denied; 1227 a privilege such as SUPER or SET USER missing.</summary>
    /// <summary>From 1142 "SELECT command denied to user 'u'@'h' for table `db`.`t`": the GRANT that gives it.</summary>
    public override string? MissingGrant(Exception exception, string connectionString) =>
        exception is MySqlException { ErrorCode: MySqlErrorCode.TableAccessDenied } denied
        && System.Text.RegularExpressions.Regex.Match(denied.Message, @"^(?<right>[A-Z ]+?) command denied to user (?<user>'[^']*'@'[^']*') for table (?<table>\S+)$") is { Success: true } match
            ? $"GRANT {match.Groups["right"].Value} ON {match.Groups["table"].Value} TO {match.Groups["user"].Value};"
            : null;

    public override bool IsMissingRight(Exception exception) => exception is MySqlException
    {
        ErrorCode: MySqlErrorCode.TableAccessDenied or MySqlErrorCode.ColumnAccessDenied or MySqlErrorCode.SpecifiedAccessDeniedError or MySqlErrorCode.DatabaseAccessDenied,
    };

    /// <summary>A server that cannot be reached, or refuses the login or the database (1045 access denied, 1049 unknown database, 3118/4151 account locked).</summary>
    public override bool IsSettingProblem(Exception exception) =>
        exception is MySqlException { ErrorCode: MySqlErrorCode.UnableToConnectToHost or MySqlErrorCode.UnknownDatabase }
        || IsLoginRefused(exception);

    /// <summary>1045 access denied (user or password), 3118 and 4151 account locked.</summary>
    public override bool IsLoginRefused(Exception exception) =>
        exception is MySqlException { ErrorCode: MySqlErrorCode.AccessDenied or (MySqlErrorCode)3118 or (MySqlErrorCode)4151 };


    /// <summary>information_schema: base tables outside the server's own databases; TABLE_ROWS (InnoDB's estimate) as the approximate rows.</summary>
    public override string DiscoveryCatalog => """
        SELECT c.TABLE_SCHEMA, c.TABLE_NAME, c.COLUMN_NAME, c.COLUMN_TYPE, c.ORDINAL_POSITION,
               CAST(COALESCE(t.TABLE_ROWS, -1) AS SIGNED), CASE WHEN c.COLUMN_KEY = 'PRI' THEN 1 ELSE 0 END
        FROM information_schema.COLUMNS c
        JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
        WHERE t.TABLE_TYPE = 'BASE TABLE'
          AND c.TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
        ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION
        """;

    protected override string Quote(string name) => "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";

    /// <summary>A zero date ('0000-00-00', common in old MySQL HIS tables) is read as a missing value instead of failing the row.</summary>
    public override DbConnection OpenForDiscovery(DatabaseOptions options, IServiceProvider services) =>
        Open(options, new MySqlConnectionStringBuilder(WithTimeouts(options, options.ConnectionString!)) { ConvertZeroDateTime = true, Pooling = false }.ToString());

    public override DbTransaction? BeginReadOnly(DbConnection connection) =>
        ((MySqlConnection)connection).BeginTransaction(System.Data.IsolationLevel.RepeatableRead, isReadOnly: true);

    public override string ReadOnlyMeans => "MySQL/MariaDB: START TRANSACTION READ ONLY; SELECTs only (LIMIT, MySQL has no cheap block sample)";

    public override string DraftView(string view, string query) =>
        $"CREATE OR REPLACE DEFINER = CURRENT_USER SQL SECURITY DEFINER VIEW {Imgcloud(view)} AS\n{query};\n";
    public override bool TryDiscard(DbDataSource dataSource, DbConnection connection)
    {
        if (connection is not MySqlConnection mysql)
        {
            return false;
        }
        MySqlConnection.ClearPool(mysql);
        return true;
    }
}
