using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
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
        services.AddHostedService<DatabaseStartup>();
        services.AddSingleton(sp => DatabaseEngine.For(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider));
        services.AddSingleton(sp => new SqliteFileWatch(
            sp.GetRequiredService<DatabaseEngine>().FileConnectionString(Options(sp), sp), sp.GetRequiredService<ILogger<SqliteFileWatch>>()));
        services.AddSingleton(sp => sp.GetRequiredService<DatabaseEngine>().CreateDataSource(Options(sp), sp));
        services.AddSingleton<ViewReader>();
        return services;
    }

    private static DatabaseOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
}
