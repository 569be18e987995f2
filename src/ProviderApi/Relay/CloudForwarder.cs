using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;
using ProviderApi.Common;

namespace ProviderApi.Relay;

/// <summary>
/// Drains the relay's queues to the cloud. Each call is sent with a deadline at its age cap
/// (Relay:MaxAgeSeconds after the HIS's call): a call that reaches the front of its queue too old
/// is dropped, and one still being sent or retried at the cap is abandoned. Never delivered late.
/// </summary>
public sealed class CloudForwarder(
    RelayOutbox queue,
    IHttpClientFactory clients,
    IOptions<RelayOptions> options,
    RelayStatistics statistics,
    TimeProvider clock,
    ILogger<CloudForwarder> logger) : BackgroundService
{
    /// <summary>The named HttpClient the relay posts with.</summary>
    public const string ClientName = "imgcloud-relay";

    private const int MaxAnswerBytes = 16 * 1024;

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var value = options.Value;
        if (!value.Enabled)
        {
            Log.RelayOff(logger);
            return Task.CompletedTask;
        }
        Log.RelayOn(logger, value.CloudBaseAddress!, value.Sm2.Format.ToString(), value.MaxAgeSeconds, queue.Workers, value.QueueCapacity);
        var baseAddress = value.CloudBaseAddress!.TrimEnd('/');
        return Task.WhenAll(Enumerable.Range(0, queue.Workers).Select(worker => DrainAsync(worker, baseAddress, value.MaxAge, stoppingToken)));
    }

    private async Task DrainAsync(int worker, string baseAddress, TimeSpan maxAge, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var call in queue.Reader(worker).ReadAllAsync(stoppingToken))
            {
                await DeliverAsync(call, new Uri($"{baseAddress}/iuWorkStation/{call.Name}"), maxAge, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Calls still queued at shutdown are dropped with the process; say how many (never late anyway).
            var dropped = 0;
            while (queue.Reader(worker).TryRead(out var call))
            {
                dropped++;
                Log.RelayDroppedAtShutdown(logger, call.Name, call.Patient);
            }
            if (dropped > 0)
            {
                statistics.CountDroppedAtShutdown(dropped);
            }
        }
    }

    private async Task DeliverAsync(RelayCall call, Uri target, TimeSpan maxAge, CancellationToken stoppingToken)
    {
        var age = clock.GetElapsedTime(call.ReceivedAt);
        if (age >= maxAge)
        {
            statistics.CountTooOld();
            Log.RelayTooOld(logger, call.Name, call.Patient, age, (int)maxAge.TotalSeconds);
            return;
        }

        using var deadline = new CancellationTokenSource(maxAge - age, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stoppingToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, target)
        {
            Content = new ByteArrayContent(call.Body) { Headers = { ContentType = Json } },
        };
        foreach (var (name, headerValue) in call.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, headerValue);
        }

        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var code = await ReadCodeAsync(response, linked.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                statistics.CountDelivered();
                Log.Relayed(logger, call.Name, call.Patient, status, code ?? "(none)", clock.GetElapsedTime(call.ReceivedAt).TotalMilliseconds);
            }
            else if (status < 500)
            {
                statistics.CountRefusedByCloud();
                Log.RelayRefusedByCloud(logger, call.Name, call.Patient, status, code ?? "(none)");
            }
            else
            {
                statistics.CountFailed();
                Log.RelayFailed(logger, call.Name, call.Patient, $"HTTP {status}, code {code ?? "(none)"}", clock.GetElapsedTime(call.ReceivedAt).TotalMilliseconds);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            statistics.CountTooOld();
            Log.RelayTooOld(logger, call.Name, call.Patient, clock.GetElapsedTime(call.ReceivedAt), (int)maxAge.TotalSeconds);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or IOException)
        {
            statistics.CountFailed();
            Log.RelayFailed(logger, call.Name, call.Patient, ex.Message, clock.GetElapsedTime(call.ReceivedAt).TotalMilliseconds);
        }
    }

    /// <summary>The <c>code</c> of the cloud's JSON answer, for the log (never its message: it might echo a value).</summary>
    private static async Task<string?> ReadCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[MaxAnswerBytes];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }
            using var answer = JsonDocument.Parse(buffer.AsMemory(0, length));
            return answer.RootElement.ValueKind == JsonValueKind.Object && answer.RootElement.TryGetProperty("code", out var code)
                ? code.ToString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The relay's HttpClient: no overall timeout of its own (each call carries its deadline), a
    /// per-attempt timeout, and retries on network errors, timeouts and HTTP 5xx only. A 4xx
    /// means the cloud read the call and refused it: sending it again cannot help.
    /// </summary>
    internal static void AddClient(IServiceCollection services) =>
        services.AddCloudClient(ClientName, provider =>
        {
            var value = provider.GetRequiredService<IOptions<RelayOptions>>().Value;
            var log = provider.GetRequiredService<ILogger<CloudForwarder>>();
            return new CloudCallPolicy(
                TimeSpan.FromSeconds(value.AttemptTimeoutSeconds),
                value.MaxRetries,
                TimeSpan.FromMilliseconds(200),
                (outcome, _) => ValueTask.FromResult(IsRetriable(outcome)),
                (attempt, outcome, delay) => Log.RelayRetrying(log, attempt, Describe(outcome), delay.TotalMilliseconds));
        });

    /// <summary>Network errors, an attempt's timeout, HTTP 5xx: worth another attempt within the age cap.</summary>
    internal static bool IsRetriable(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException or IOException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500,
        _ => false,
    };

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } ex ? ex.GetType().Name : $"HTTP {(int?)outcome.Result?.StatusCode}";
}
