using System.Data.Common;

namespace ProviderApi.Data;

/// <summary>
/// One database engine: every decision that differs between engines lives in its subclass
/// (this folder, one file each, after Quartz.NET's StdAdoDelegate and its per-database
/// delegates): the sql/ folder and the order its scripts run in, the driver, how the configured
/// timeouts reach it, how codes are ordered, parameters written, names qualified, a timed-out
/// connection recognised and discarded, the migration runner, and what <c>load-csv</c> writes
/// with. Nothing else in the provider switches on <see cref="DatabaseProvider"/> to pick SQL.
/// Adding an engine: one subclass here (listed in <see cref="All"/>), one <c>sql/&lt;folder&gt;/</c>,
/// one subclass of the contract suite in the tests.
/// </summary>
public abstract partial class DatabaseEngine
{
    private static readonly DatabaseEngine[] Known =
    [
        new SqliteEngine(DatabaseProvider.Demo),
        new SqliteEngine(DatabaseProvider.Sqlite),
        new PostgreSqlEngine(),
        new SqlServerEngine(),
        new OracleEngine(),
        new MySqlEngine(),
    ];

    /// <summary>Every engine the provider knows, in the order they are named to users.</summary>
    public static IReadOnlyList<DatabaseEngine> All => Known;

    /// <summary>The engine of <paramref name="provider"/>; an unknown one is a setting to fix, named as such.</summary>
    public static DatabaseEngine For(DatabaseProvider provider) =>
        TryFor(provider) ?? throw new InvalidOperationException($"Database:Provider '{provider}' is unknown; use {Names(All)}.");

    /// <summary>The engine of <paramref name="provider"/>, or null when none is known.</summary>
    public static DatabaseEngine? TryFor(DatabaseProvider provider) => Array.Find(Known, e => e.Provider == provider);

    /// <summary>"A, B or C": engines as a message names them.</summary>
    public static string Names(IEnumerable<DatabaseEngine> engines)
    {
        var names = engines.Select(e => e.Provider.ToString()).ToList();
        return names.Count <= 1 ? string.Concat(names) : $"{string.Join(", ", names[..^1])} or {names[^1]}";
    }

    /// <summary>The engines whose database is a server: <c>migrate</c> runs against them and the push's database store can live in them.</summary>
    public static IEnumerable<DatabaseEngine> Servers => Known.Where(e => e.IsServer);

    public abstract DatabaseProvider Provider { get; }

    /// <summary>The folder of sql/ that holds this engine's scripts.</summary>
    public abstract string ScriptFolder { get; }

    /// <summary>A database server (migrate, the push's database store), not a file the provider opens itself.</summary>
    public abstract bool IsServer { get; }

    /// <summary>The ADO.NET factory of the engine's driver.</summary>
    public abstract DbProviderFactory Factory(DatabaseOptions options);

    /// <summary>
    /// The connection string with Database:ConnectTimeoutSeconds and CommandTimeoutSeconds written
    /// in the driver's own keys, so a lost server answers within seconds: the one place the
    /// timeouts are applied to connections (reads of the views also set the command timeout on
    /// each command, for drivers such as ODP.NET that have no key for it).
    /// </summary>
    public abstract string WithTimeouts(DatabaseOptions options, string connectionString);

    /// <summary>The data source the provider reads with.</summary>
    public virtual DbDataSource CreateDataSource(DatabaseOptions options, IServiceProvider services) =>
        Factory(options).CreateDataSource(WithTimeouts(options, options.ConnectionString!));

    /// <summary>The SQLite connection string the provider reads with, for the file watch; null for a server.</summary>
    public virtual string? FileConnectionString(DatabaseOptions options, IServiceProvider services) => null;

    /// <summary>What is wrong with the settings for this engine beyond the common checks (a missing driver, say).</summary>
    public virtual IEnumerable<string> Problems(DatabaseOptions options, bool connects) => [];

    /// <summary>
    /// An ORDER BY term that sorts by ordinal (byte) comparison, NULLs last, so every engine returns
    /// <c>datas</c> in the same sequence whatever its default collation.
    /// </summary>
    public abstract string OrdinalOrder(string column);

    /// <summary>
    /// A standard view named with its schema (imgcloud.View_Register_Info), so that any account
    /// granted the view finds it, whatever its default schema or search_path (a DBA's own).
    /// </summary>
    public virtual string StandardView(string name) => $"imgcloud.{name}";

    /// <summary>The name of one of the project's own tables (the imgcloud schema).</summary>
    public virtual string Imgcloud(string table) => $"imgcloud.{table}";

    /// <summary>A table of the demo HIS (the his schema).</summary>
    public virtual string His(string table) => $"his.{table}";

    /// <summary>
    /// INSERT of one row that replaces the row of the same key instead (an upsert): the key is the
    /// first <paramref name="keyColumns"/> columns; each column's value is the @parameter named beside it.
    /// </summary>
    public string Upsert(string table, int keyColumns, params (string Column, string Parameter)[] columns) =>
        $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Column))}) VALUES ({string.Join(", ", columns.Select(c => "@" + c.Parameter))})\n" +
        ReplaceOnConflict(columns.Take(keyColumns).Select(c => c.Column).ToArray(), columns.Skip(keyColumns).Select(c => c.Column).ToArray());

    /// <summary>The clause of <see cref="Upsert"/> that updates the row of the same key: ON CONFLICT … DO UPDATE, as PostgreSQL 9.5+ and SQLite 3.24+ write it.</summary>
    protected virtual string ReplaceOnConflict(string[] key, string[] others) =>
        $"ON CONFLICT ({string.Join(", ", key)}) DO UPDATE SET {string.Join(", ", others.Select(c => $"{c} = excluded.{c}"))}";

    /// <summary>
    /// Whether <paramref name="exception"/>, thrown while starting, says the database cannot be
    /// reached or refuses the login (a setting to fix, said in one line), as opposed to a defect.
    /// </summary>
    public virtual bool IsSettingProblem(Exception exception) => false;

    /// <summary>
    /// Whether the server refused the login itself (unknown account, wrong password, a login not
    /// enabled or locked): the accounts 05 creates cannot log in until the DBA enables them.
    /// </summary>
    public virtual bool IsLoginRefused(Exception exception) => false;

    /// <summary>What to do about a refused login (<see cref="IsLoginRefused"/>), in English and Chinese.</summary>
    public static string LoginAdvice(string setting) =>
        $"The server refused the login of {setting}. The accounts migrate creates (imgcloud_provider, imgcloud_cloud) cannot log in " +
        "until the DBA enables them with a password (docs/go-live.md, \"Enabling logins\"); otherwise check the user name and password. " +
        $"服务器拒绝了 {setting} 中的登录：migrate 建立的账号在 DBA 设置密码并启用之前不能登录（见 docs/go-live.md“启用登录”），否则请核对用户名与密码。";

    /// <summary>
    /// What to do about <paramref name="exception"/> where the engine knows more than the driver's
    /// message says (an Oracle driver and server that do not pair, say): added to start-up's one
    /// line and to selftest's; null when there is nothing to add.
    /// </summary>
    public virtual string? Advice(Exception exception) => null;

    /// <summary>
    /// What this engine's source views differ in from the other engines' (sql/README.md), said
    /// when migrate finds one of them missing; null when they are the common set.
    /// </summary>
    public virtual string? SourceViewsNote => null;

    /// <summary>The views that give the contract's source view <paramref name="contractView"/> on this engine (sql/README.md): itself, except where <see cref="SourceViewsNote"/> says otherwise.</summary>
    public virtual IEnumerable<string> SourceViewsFor(string contractView) => [contractView];

    /// <summary>The driver file and version this engine loaded, for selftest (Warn: one to act on); null where there is nothing to say.</summary>
    public virtual DriverReport? Driver(DatabaseOptions options) => null;

    /// <summary>Run once as the provider starts to serve (<see cref="DatabaseStartup"/>): a throw stops start-up. Nothing by default.</summary>
    public virtual Task StartingAsync(DatabaseOptions options, IServiceProvider services, ILogger logger, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Writes @name parameters as the engine expects them.</summary>
    public virtual string Parameters(string sql) => sql;

    /// <summary>
    /// What a migration runs, in order. <paramref name="hospitalSourceViews"/>, when given (the
    /// hospital's folder, Database:SourceViewsPath), takes the place of the shipped reference source views.
    /// </summary>
    public abstract IReadOnlyList<SqlScript> Plan(bool withDemo, IReadOnlyList<SqlScript>? hospitalSourceViews);

    /// <summary>Whether <see cref="Migrate"/> runs the whole plan in one transaction (false where DDL commits implicitly: Oracle, MySQL).</summary>
    public virtual bool MigratesInOneTransaction => true;

    /// <summary>Runs <paramref name="scripts"/> (from <see cref="Plan"/>) on the database of <paramref name="connectionString"/>.</summary>
    public abstract void Migrate(DatabaseOptions options, string connectionString, IReadOnlyList<SqlScript> scripts, TextWriter log);

    /// <summary>A read-write connection, opened, for <c>load-csv</c> (the provider itself only reads).</summary>
    public virtual DbConnection OpenWritable(DatabaseOptions options, IServiceProvider services) =>
        throw new NotSupportedException(
            $"Database:Provider {Provider}: load-csv runs against {Names(Known.Where(e => e.LoadsCsv))} in this version; load the file with the database's own tool.");

    /// <summary>Whether <see cref="OpenWritable"/> is implemented.</summary>
    protected virtual bool LoadsCsv => false;

    /// <summary>Whether <paramref name="exception"/> is this driver's word for a command that ran out of time or was cancelled (not, say, "no such view").</summary>
    public virtual bool IsTimeout(Exception exception) => false;

    /// <summary>A statement naming a table, view or schema (database) the server does not have.</summary>
    public virtual bool IsMissingObject(Exception exception) => false;

    /// <summary>A statement naming a column its table or view does not have.</summary>
    public virtual bool IsMissingColumn(Exception exception) => false;

    /// <summary>A statement the account may not run: a right (grant) is missing.</summary>
    public virtual bool IsMissingRight(Exception exception) => false;

    /// <summary>
    /// The statement that grants what <paramref name="exception"/> (a missing right) says is
    /// lacking, to the account of <paramref name="connectionString"/>; null where the driver's
    /// message does not say enough to write it.
    /// </summary>
    public virtual string? MissingGrant(Exception exception, string connectionString) => null;

    /// <summary>
    /// Runs <paramref name="read"/> on the database as <paramref name="scripts"/> (the start of a
    /// plan) leave it, to say why the next script failed. Where DDL commits as it goes (the
    /// default) the database already stands so after a failed migration: it is read as it is.
    /// Where <see cref="Migrate"/> runs in one transaction, the failure rolled everything back:
    /// the scripts run again in a transaction that is rolled back after the read.
    /// </summary>
    public virtual T ReadAsLeftBy<T>(DatabaseOptions options, string connectionString, IReadOnlyList<SqlScript> scripts, Func<DbConnection, DbTransaction?, T> read)
    {
        using var connection = Open(options, connectionString);
        return read(connection, null);
    }

    /// <summary>Makes sure <paramref name="connection"/> is closed, not pooled, when it is disposed; false when it is not this engine's.</summary>
    public abstract bool TryDiscard(DbDataSource dataSource, DbConnection connection);

    /// <summary>A script shipped in this engine's folder of sql/.</summary>
    protected SqlScript Shipped(string file, bool runAlways) =>
        new($"{ScriptFolder}/{file}", runAlways, SqlScripts.Read($"sql/{ScriptFolder}/{file}"));

    /// <summary>Opens a connection of this engine with <paramref name="connectionString"/> as given.</summary>
    public DbConnection Open(DatabaseOptions options, string connectionString)
    {
        var connection = Factory(options).CreateConnection()
            ?? throw new MigrationException($"Database:Provider '{Provider}': the driver cannot create connections.");
        connection.ConnectionString = connectionString;
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public override string ToString() => Provider.ToString();
}

/// <summary>What selftest says about an engine's driver: <paramref name="Text"/>, a WARN line when <paramref name="Warn"/>.</summary>
public sealed record DriverReport(string Text, bool Warn);
