using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Telemetry;

namespace ProviderApi.Common;

/// <summary>How one kind of call to the cloud is made: a timeout per attempt and bounded retries on what <see cref="IsTransient"/> says.</summary>
/// <param name="AttemptTimeout">One attempt, connection included.</param>
/// <param name="MaxRetries">Further attempts within the call; 0 for none.</param>
/// <param name="FirstRetryDelay">The first retry's delay, doubling with jitter.</param>
/// <param name="IsTransient">Whether an attempt's outcome is worth another attempt.</param>
/// <param name="OnRetry">Logs a retry: the attempt about to be made, the outcome that caused it, the delay.</param>
internal sealed record CloudCallPolicy(
    TimeSpan AttemptTimeout,
    int MaxRetries,
    TimeSpan FirstRetryDelay,
    Func<Outcome<HttpResponseMessage>, CancellationToken, ValueTask<bool>> IsTransient,
    Action<int, Outcome<HttpResponseMessage>, TimeSpan> OnRetry);

/// <summary>The HttpClients the relay and the push call the cloud with, built one way.</summary>
internal static class CloudHttpClient
{
    /// <summary>
    /// A named client with no overall timeout of its own (callers bound each call), connections
    /// renewed every 5 minutes, no redirects, and a resilience pipeline: bounded exponential
    /// retries with jitter around a per-attempt timeout.
    /// </summary>
    public static IHttpClientBuilder AddCloudClient(this IServiceCollection services, string name, Func<IServiceProvider, CloudCallPolicy> policy)
    {
        // Polly reports a timed-out or failed attempt at Error and a retry at Warning; all are handled here
        // and logged by the caller's own OnRetry line, so Polly's copies are information only.
        services.Configure<TelemetryOptions>(telemetry => telemetry.SeverityProvider = arguments =>
            arguments.Event.EventName is "OnTimeout" or "OnRetry" or "ExecutionAttempt" ? ResilienceEventSeverity.Information : arguments.Event.Severity);
        var builder = services.AddHttpClient(name)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                ConnectTimeout = policy(provider).AttemptTimeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AllowAutoRedirect = false,
            });
        builder.AddResilienceHandler(name, (pipeline, context) =>
        {
            var value = policy(context.ServiceProvider);
            if (value.MaxRetries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = value.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    Delay = value.FirstRetryDelay,
                    UseJitter = true,
                    ShouldRetryAfterHeader = false,
                    ShouldHandle = arguments => value.IsTransient(arguments.Outcome, arguments.Context.CancellationToken),
                    OnRetry = arguments =>
                    {
                        value.OnRetry(arguments.AttemptNumber + 1, arguments.Outcome, arguments.RetryDelay);
                        return ValueTask.CompletedTask;
                    },
                });
            }
            pipeline.AddTimeout(value.AttemptTimeout);
        });
        return builder;
    }
}
