using Microsoft.Extensions.Options;
using ProviderApi.Access;
using ProviderApi.Common;
using ProviderApi.Contract;

namespace ProviderApi.Operations;

/// <summary>Configuration section <c>Monitoring</c>.</summary>
public sealed class MonitoringOptions
{
    public const string Section = "Monitoring";

    /// <summary>Minutes without a poll from the cloud after which an alert is raised (an error log line and the imgcloud.cloud.silent gauge); 0 turns the alert off.</summary>
    public int CloudSilenceMinutes { get; set; } = 24 * 60;

    /// <summary>The operator console's history (an SQLite file of the provider's own). Default: <c>data/console-history.db</c> under the content root.</summary>
    public string? HistoryPath { get; set; }
}

/// <summary>Resolves the console's history file against the content root.</summary>
internal sealed class MonitoringOptionsSetup(IHostEnvironment environment) : IPostConfigureOptions<MonitoringOptions>
{
    public void PostConfigure(string? name, MonitoringOptions options) =>
        options.HistoryPath = Path.GetFullPath(
            string.IsNullOrWhiteSpace(options.HistoryPath) ? Path.Combine("data", "console-history.db") : options.HistoryPath,
            environment.ContentRootPath);
}

internal sealed class MonitoringOptionsValidation : IValidateOptions<MonitoringOptions>
{
    public ValidateOptionsResult Validate(string? name, MonitoringOptions options)
    {
        var errors = new List<string>();
        if (options.CloudSilenceMinutes is < 0 or > 30 * 24 * 60)
        {
            errors.Add($"Monitoring:CloudSilenceMinutes must be between 0 (off) and 43200, 30 days (was {options.CloudSilenceMinutes}).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>
/// The access log of the cloud's endpoints: one compact line for every poll (caller, endpoint,
/// status, rows, where they came from, duration; the time is the line's own), and the request
/// metrics. A refused request is counted here but not logged: the access gate's per-minute
/// summary (<see cref="RefusalLog"/>) tells of it, so a flood of them writes no line each.
/// </summary>
internal sealed class CloudPollLog(RequestDelegate next, ProviderMetrics metrics, OperatorConsole.ConsoleHistory history, ILogger<CloudPollLog> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (AccessServices.AudienceOf(http) != Audience.Cloud)
        {
            await next(http);
            return;
        }
        var record = EnvelopeRecord.Of(http);
        var started = TimeProvider.System.GetTimestamp();
        var threw = false;
        try
        {
            await next(http);
        }
        catch
        {
            threw = true;
            throw;
        }
        finally
        {
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            var status = threw && !http.Response.HasStarted ? StatusCodes.Status500InternalServerError : http.Response.StatusCode;
            var outcome = (threw && http.Response.HasStarted) || (status == 200 && http.RequestAborted.IsCancellationRequested) ? "aborted"
                : status switch
                {
                    StatusCodes.Status401Unauthorized => "refused",
                    >= 500 => "error",
                    StatusCodes.Status200OK => record.Source == "stale" ? "stale" : "ok",
                    _ => "other",
                };
            var caller = http.Connection.RemoteIpAddress is { } address ? Networks.Normalise(address).ToString() : "(none)";
            var endpoint = http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "other";
            metrics.CloudRequest(endpoint, outcome, status == 200 ? record.Rows : 0, outcome == "refused" ? null : caller);
            if (outcome != "refused")
            {
                history.Poll(caller, outcome);
                if (status == 200)
                {
                    history.Served(endpoint, record.Source, record.Rows);
                }
                Log.CloudPoll(logger, endpoint, caller, status, outcome, record.Rows, record.Source, Math.Round(elapsed.TotalMilliseconds, 1));
            }
        }
    }
}

/// <summary>
/// Raises an alert when the cloud has not polled for Monitoring:CloudSilenceMinutes: an error
/// line in the log and the gauge imgcloud.cloud.silent at 1, until a poll comes again. Checks
/// every minute on the injected clock (a fake clock in tests).
/// </summary>
internal sealed class CloudSilenceWatchdog(
    IOptions<MonitoringOptions> options, ProviderMetrics metrics, TimeProvider clock, ILogger<CloudSilenceWatchdog> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    // Before the first poll, silence is counted from start-up.
    private readonly DateTimeOffset started = clock.GetUtcNow();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = options.Value.CloudSilenceMinutes;
        if (minutes == 0)
        {
            return;
        }
        var limit = TimeSpan.FromMinutes(minutes);
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.NextAsync(stoppingToken))
        {
            Check(limit, minutes, started);
        }
    }

    internal void Check(TimeSpan limit, int minutes, DateTimeOffset since)
    {
        var now = clock.GetUtcNow();
        var last = metrics.LastPoll;
        var silence = now - (last ?? since);
        if (silence >= limit && !metrics.Silent)
        {
            metrics.Silent = true;
            metrics.SilenceAlert();
            Log.CloudSilent(logger, silence, minutes, last?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "never since start-up");
        }
        else if (silence < limit && metrics.Silent)
        {
            metrics.Silent = false;
            var caller = metrics.LastPolls.MaxBy(p => p.Value).Key ?? "?";
            Log.CloudPollsAgain(logger, caller);
        }
    }
}
