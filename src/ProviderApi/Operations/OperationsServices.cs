using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using ProviderApi.Access;
using ProviderApi.Common;
using ProviderApi.Operations.OperatorConsole;

namespace ProviderApi.Operations;

/// <summary>Health, metrics, the cloud's access log and the alert when it falls silent.</summary>
public static class OperationsServices
{
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddOptions<MonitoringOptions>().BindConfiguration(MonitoringOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MonitoringOptions>, MonitoringOptionsValidation>();
        services.AddSelfTestSettings();
        services.AddSingleton<ProviderMetrics>();
        services.AddSingleton<ViewProbe>();
        services.AddHostedService<CloudSilenceWatchdog>();
        services.AddOperatorConsole();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        // The probe keeps its own bound; this one holds should anything around it not: /health/ready never hangs.
        services.AddOptions<HealthCheckServiceOptions>().Configure<IOptions<Data.DatabaseOptions>>((health, database) =>
        {
            foreach (var check in health.Registrations)
            {
                check.Timeout = database.Value.RequestTimeout + TimeSpan.FromSeconds(2);
            }
        });
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ProviderMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>The access log and request metrics of the cloud's endpoints (after routing, before the access gate, so refusals are counted too).</summary>
    public static WebApplication UseCloudPollLog(this WebApplication app)
    {
        app.UseMiddleware<CloudPollLog>();
        return app;
    }

    /// <summary>
    /// /health/live (the process answers) and /health/ready (the database and the four views),
    /// to anyone as one word and an HTTP status, with details to operators only; /metrics to operators.
    /// </summary>
    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealthAsync })
            .ForAnyone().ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = WriteHealthAsync })
            .ForAnyone().ExcludeFromDescription();
        app.MapPrometheusScrapingEndpoint("/metrics").ForOperators();
        app.MapOperatorConsole();
        return app;
    }

    private static Task WriteHealthAsync(HttpContext http, HealthReport report)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (!AccessServices.IsOperator(http))
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            return http.Response.WriteAsync(report.Status.ToString());
        }
        http.Response.ContentType = "application/json; charset=utf-8";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = Contract.ContractJsonContext.Encoder }))
        {
            json.WriteStartObject();
            json.WriteString("status", report.Status.ToString());
            json.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 1));
            json.WriteStartObject("checks");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteStartObject(name);
                json.WriteString("status", entry.Status.ToString());
                json.WriteString("description", entry.Description);
                json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
                foreach (var (key, value) in entry.Data)
                {
                    json.WriteString(key, value?.ToString());
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return http.Response.Body.WriteAsync(buffer.ToArray()).AsTask();
    }
}

/// <summary>Ready: the database answers and the four standard views exist and can be read.</summary>
internal sealed class DatabaseHealthCheck(ViewProbe probe, IOptions<Data.DatabaseOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = await probe.RunAsync(cancellationToken);
        var data = new Dictionary<string, object>
        {
            ["provider"] = options.Value.Provider.ToString(),
        };
        foreach (var view in result.Views)
        {
            data[view.View] = view.Problem ?? "ok";
        }
        if (!result.Reachable)
        {
            return HealthCheckResult.Unhealthy($"database not reachable: {result.Problem}", data: data);
        }
        var broken = result.Views.Where(v => v.Problem is not null).Select(v => v.View).ToList();
        if (result.TimedOut)
        {
            return HealthCheckResult.Unhealthy(
                $"database connected, but the views timed out after {result.Elapsed.TotalMilliseconds:0} ms (a table they read is locked, or the server is overloaded): {string.Join(", ", broken)}",
                data: data);
        }
        return broken.Count == 0
            ? HealthCheckResult.Healthy($"database answered; the four views are readable ({result.Elapsed.TotalMilliseconds:0} ms)", data)
            : HealthCheckResult.Unhealthy($"views not readable: {string.Join(", ", broken)}", data: data);
    }
}
