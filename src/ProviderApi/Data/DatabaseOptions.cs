using Microsoft.Extensions.Options;

namespace ProviderApi.Data;

/// <summary>Which database the provider reads the standard views from.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite demo hospital, created and seeded on first start.</summary>
    Demo,

    /// <summary>A SQLite file holding the standard views (a test or a small site).</summary>
    Sqlite,

    /// <summary>PostgreSQL and the PG-derived KingbaseES, openGauss, HighGo.</summary>
    PostgreSql,

    /// <summary>SQL Server 2008 R2 and later.</summary>
    SqlServer,

    /// <summary>Oracle 11g R2 and later (DM8 in Oracle mode).</summary>
    Oracle,

    /// <summary>MySQL 5.7.7 and later, MariaDB 10.4 and later.</summary>
    MySql,
}

/// <summary>Configuration section <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Demo;

    /// <summary>ADO.NET connection string; required for every provider but Demo.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Where the Demo provider keeps its SQLite file. Default: <c>data/demo-hospital.db</c> under
    /// the application's content root.
    /// </summary>
    public string? DemoPath { get; set; }

    /// <summary>Seconds a query may run before it is abandoned and answered with the 500 envelope.</summary>
    public int CommandTimeoutSeconds { get; set; } = 15;

    /// <summary>Seconds to wait for a connection to a database server before giving up.</summary>
    public int ConnectTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// Seconds one read of a view may take in all, connecting included, whatever the driver does:
    /// past this the request is answered (the 500 envelope, or the last good dictionary). Default:
    /// ConnectTimeoutSeconds + CommandTimeoutSeconds.
    /// </summary>
    public int? RequestTimeoutSeconds { get; set; }

    /// <summary>The bound of one read: <see cref="RequestTimeoutSeconds"/> or connect plus command timeout.</summary>
    public TimeSpan RequestTimeout => TimeSpan.FromSeconds(RequestTimeoutSeconds ?? (ConnectTimeoutSeconds + CommandTimeoutSeconds));

    /// <summary>
    /// The hospital's own folder of source views (*.sql, run in name order), applied by
    /// <c>migrate</c> in place of the shipped reference mapping and never touched by an upgrade.
    /// </summary>
    public string? SourceViewsPath { get; set; }

    /// <summary>The folder holding Oracle.ManagedDataAccess.dll and its dependencies (default: drivers/oracle beside the provider).</summary>
    public string? OracleDriverPath { get; set; }

    /// <summary>The account <c>migrate</c> connects with (it creates schemas, views and roles); defaults to ConnectionString.</summary>
    public string? MigrationConnectionString { get; set; }

    /// <summary>The migration account's connection string, else the provider's own (migrate, load-csv); a setting to fix when neither is set.</summary>
    public string MigrationConnectionStringOrDefault() =>
        (string.IsNullOrWhiteSpace(MigrationConnectionString) ? ConnectionString : MigrationConnectionString)
        ?? throw new MigrationException("Database:MigrationConnectionString or Database:ConnectionString is required for migrate and load-csv.");
}

/// <summary>
/// Whether the running verb connects to the database. <c>print-sql</c> only writes scripts, for a
/// DBA who will not let an application connect: it needs Database:Provider, not a connection
/// string or a driver.
/// </summary>
public sealed record DatabaseUse(bool Connects);

/// <summary>Fills defaults that depend on the host, then rejects settings that cannot work, naming the key.</summary>
internal sealed class DatabaseOptionsSetup(IHostEnvironment environment, DatabaseUse? use = null)
    : IPostConfigureOptions<DatabaseOptions>, IValidateOptions<DatabaseOptions>
{
    private bool Connects => use?.Connects ?? true;

    public void PostConfigure(string? name, DatabaseOptions options)
    {
        if (options.Provider == DatabaseProvider.Demo && string.IsNullOrWhiteSpace(options.DemoPath))
        {
            options.DemoPath = Path.Combine(environment.ContentRootPath, "data", "demo-hospital.db");
        }
        else if (!string.IsNullOrWhiteSpace(options.DemoPath))
        {
            options.DemoPath = Path.GetFullPath(options.DemoPath, environment.ContentRootPath);
        }
        if (!string.IsNullOrWhiteSpace(options.SourceViewsPath))
        {
            options.SourceViewsPath = Path.GetFullPath(options.SourceViewsPath, environment.ContentRootPath);
        }
        if (!string.IsNullOrWhiteSpace(options.OracleDriverPath))
        {
            options.OracleDriverPath = Path.GetFullPath(options.OracleDriverPath, environment.ContentRootPath);
        }
    }

    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var errors = new List<string>();
        var engine = DatabaseEngine.TryFor(options.Provider);
        if (engine is null)
        {
            errors.Add($"Database:Provider '{options.Provider}' is unknown; use {DatabaseEngine.Names(DatabaseEngine.All)}.");
        }
        else
        {
            if (Connects && options.Provider != DatabaseProvider.Demo && string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                errors.Add($"Database:ConnectionString is required when Database:Provider is {options.Provider}.");
            }
            errors.AddRange(engine.Problems(options, Connects));
        }

        if (options.CommandTimeoutSeconds is < 1 or > 600)
        {
            errors.Add($"Database:CommandTimeoutSeconds must be between 1 and 600 (was {options.CommandTimeoutSeconds}).");
        }
        if (options.ConnectTimeoutSeconds is < 1 or > 120)
        {
            errors.Add($"Database:ConnectTimeoutSeconds must be between 1 and 120 (was {options.ConnectTimeoutSeconds}).");
        }
        if (options.RequestTimeoutSeconds is < 1 or > 900)
        {
            errors.Add($"Database:RequestTimeoutSeconds must be between 1 and 900 (was {options.RequestTimeoutSeconds}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
