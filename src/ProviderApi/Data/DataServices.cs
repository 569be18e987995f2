using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using ProviderApi.Data.Demo;

namespace ProviderApi.Data;

public static class DataServices
{
    /// <summary>Binds <c>Database</c>, validates it at start-up, and registers the one data source and the view reader.</summary>
    public static IServiceCollection AddProviderData(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
        services.AddSingleton<DatabaseOptionsSetup>();
        services.AddSingleton<IPostConfigureOptions<DatabaseOptions>>(sp => sp.GetRequiredService<DatabaseOptionsSetup>());
        services.AddSingleton<IValidateOptions<DatabaseOptions>>(sp => sp.GetRequiredService<DatabaseOptionsSetup>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DemoDatabase>();
        services.AddHostedService<DemoDatabaseService>();
        services.AddSingleton(sp => new SqlDialect(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider));
        services.AddSingleton(sp => new SqliteFileWatch(SqliteConnectionString(sp), sp.GetRequiredService<ILogger<SqliteFileWatch>>()));
        services.AddSingleton(CreateDataSource);
        services.AddSingleton<ViewReader>();
        return services;
    }

    private static DbDataSource CreateDataSource(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        return SqliteConnectionString(services) is { } sqlite
            ? new WatchedSqliteDataSource(sqlite, services.GetRequiredService<SqliteFileWatch>())
            : Factory(options).CreateDataSource(WithTimeouts(options, options.ConnectionString!));
    }

    /// <summary>The connection string the Demo and Sqlite providers read with; null for a server database.</summary>
    private static string? SqliteConnectionString(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        return options.Provider switch
        {
            DatabaseProvider.Demo => services.GetRequiredService<DemoDatabase>().ReadOnlyConnectionString,
            DatabaseProvider.Sqlite => ReadOnlyUnlessSaid(options.ConnectionString!),
            _ => null,
        };
    }

    /// <summary>The ADO.NET factory of a server engine (Oracle's loaded at run time).</summary>
    public static DbProviderFactory Factory(DatabaseOptions options) => options.Provider switch
    {
        DatabaseProvider.PostgreSql => NpgsqlFactory.Instance,
        DatabaseProvider.SqlServer => SqlClientFactory.Instance,
        DatabaseProvider.Oracle => OracleDriver.Load(options.OracleDriverPath),
        _ => SqliteFactory.Instance,
    };

    /// <summary>The configured timeouts written into a server's connection string, so a lost server answers within seconds.</summary>
    public static string WithTimeouts(DatabaseOptions options, string connectionString) => options.Provider switch
    {
        DatabaseProvider.PostgreSql => new NpgsqlConnectionStringBuilder(connectionString)
        {
            Timeout = options.ConnectTimeoutSeconds,
            CommandTimeout = options.CommandTimeoutSeconds,
        }.ToString(),
        DatabaseProvider.SqlServer => new SqlConnectionStringBuilder(connectionString)
        {
            ConnectTimeout = options.ConnectTimeoutSeconds,
            CommandTimeout = options.CommandTimeoutSeconds,
        }.ToString(),
        // ODP.NET: seconds to wait for a pooled or new connection; commands carry their own timeout.
        DatabaseProvider.Oracle => new DbConnectionStringBuilder { ConnectionString = connectionString, ["Connection Timeout"] = options.ConnectTimeoutSeconds }.ToString(),
        _ => connectionString,
    };

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
