using System.Data.Common;
using Microsoft.Extensions.Options;
using ProviderApi.Access;
using ProviderApi.Common;
using ProviderApi.Data;

namespace ProviderApi.Push;

public static class PushServices
{
    /// <summary>Binds <c>Push</c>, validates it at start-up, and registers the store, the cloud client and the worker (idle unless enabled).</summary>
    public static IServiceCollection AddPush(this IServiceCollection services)
    {
        services.AddOptions<PushOptions>().BindConfiguration(PushOptions.Section).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<PushOptions>, PushOptionsSetup>();
        services.AddSingleton<IValidateOptions<PushOptions>, PushOptionsValidation>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PushOptions>>().Value;
            return options.Store == PushStoreKind.Database
                ? PushStore.InDatabase(sp.GetRequiredService<DbDataSource>(), sp.GetRequiredService<DatabaseEngine>(), sp.GetRequiredService<IOptions<DatabaseOptions>>().Value)
                : PushStore.Embedded(options.StorePath!);
        });
        services.AddSingleton<CloudPushClient>();
        services.AddSingleton<PushMonitor>();
        services.AddSingleton<PushLease>();
        services.AddSingleton<PushSource>();
        services.AddSingleton<PushScan>();
        services.AddSingleton<PushSender>();
        services.AddSingleton<PushPruning>();
        services.AddHostedService<PushWorker>();
        CloudPushClient.AddClient(services);
        return services;
    }

    /// <summary>GET /operations/push: counts by state, the oldest undelivered age, the paused state and the parked rows with reasons; operators only.</summary>
    public static WebApplication MapPush(this WebApplication app)
    {
        app.MapGet("/operations/push", async (HttpContext http, PushStore store, PushMonitor monitor, IOptions<PushOptions> options, TimeProvider clock) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            PushStatusReport report;
            try
            {
                report = await PushStatusReport.ReadAsync(store, options.Value, clock, http.RequestAborted);
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException or TimeoutException)
            {
                // The store is unreachable (its database is down): say so, and what this instance last saw.
                return Results.Json(new { store = store.Location, error = Masking.Redact(ex.Message), lastPollProblem = monitor.LastPollProblem },
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            report = report with
            {
                LastPollAt = monitor.LastPollMs is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null,
                LastPollProblem = monitor.LastPollProblem,
            };
            using var buffer = new MemoryStream();
            report.WriteJson(buffer);
            return Results.Bytes(buffer.ToArray(), "application/json; charset=utf-8");
        }).ForOperators().ExcludeFromDescription();
        return app;
    }
}
