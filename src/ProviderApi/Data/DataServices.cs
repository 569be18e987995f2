using System.Data.Common;
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
        services.AddSingleton(CreateDataSource);
        services.AddSingleton<ViewReader>();
        return services;
    }

    private static DbDataSource CreateDataSource(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        return options.Provider switch
        {
            DatabaseProvider.Demo => SqliteFactory.Instance.CreateDataSource(services.GetRequiredService<DemoDatabase>().ReadOnlyConnectionString),
            DatabaseProvider.Sqlite => SqliteFactory.Instance.CreateDataSource(ReadOnlyUnlessSaid(options.ConnectionString!)),
            DatabaseProvider.PostgreSql => NpgsqlDataSource.Create(PostgreSqlConnectionString(options, options.ConnectionString!)),
            _ => throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not available in this version."),
        };
    }

    /// <summary>The configured timeouts written into a PostgreSQL connection string, so a lost server answers within seconds.</summary>
    public static string PostgreSqlConnectionString(DatabaseOptions options, string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString)
        {
            Timeout = options.ConnectTimeoutSeconds,
            CommandTimeout = options.CommandTimeoutSeconds,
        }.ToString();

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
