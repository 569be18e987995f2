using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using ProviderApi.Common;

namespace ProviderApi.Push;

/// <summary>
/// Posts one record to the cloud and judges the answer. Retries within a call (network errors,
/// timeouts, 500 in the status or in the body's code) are Microsoft.Extensions.Http.Resilience's,
/// told to read the body's code, since by default it judges the HTTP status alone.
/// </summary>
public sealed class CloudPushClient(IHttpClientFactory clients, IOptions<PushOptions> options)
{
    /// <summary>The named HttpClient of the push.</summary>
    public const string ClientName = "imgcloud-push";

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    public async Task<CloudAnswer> SendAsync(PushKind kind, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Value.For(kind).Path.TrimStart('/'))
        {
            Content = new ReadOnlyMemoryContent(body) { Headers = { ContentType = Json } },
        };
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
            return await CloudAnswer.ReadAsync(response, options.Value.SuccessCode, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or IOException or OperationCanceledException or Polly.Timeout.TimeoutRejectedException)
        {
            return CloudAnswer.Failed(ex);
        }
    }

    /// <summary>
    /// The push's HttpClient: the cloud's base address and the on-boarding headers
    /// (Cloud:Headers), no timeout of its own, and a resilience pipeline of bounded retries
    /// with exponential backoff and jitter around a per-attempt timeout.
    /// </summary>
    internal static void AddClient(IServiceCollection services) =>
        services.AddCloudClient(ClientName, provider =>
            {
                var value = provider.GetRequiredService<IOptions<PushOptions>>().Value;
                var log = provider.GetRequiredService<ILogger<CloudPushClient>>();
                return new CloudCallPolicy(
                    TimeSpan.FromSeconds(value.AttemptTimeoutSeconds),
                    value.MaxRetries,
                    TimeSpan.FromSeconds(value.RetryDelaySeconds),
                    (outcome, cancellationToken) => CloudAnswer.IsTransientAsync(outcome, value.SuccessCode, cancellationToken),
                    (attempt, outcome, delay) => Log.PushRetrying(log, attempt,
                        outcome.Exception is { } ex ? CloudAnswer.Failed(ex).Detail : $"HTTP {(int?)outcome.Result?.StatusCode}", delay.TotalMilliseconds));
            })
            .ConfigureHttpClient((provider, client) =>
            {
                var cloud = provider.GetRequiredService<IOptions<CloudOptions>>().Value;
                if (!string.IsNullOrWhiteSpace(cloud.BaseAddress))
                {
                    client.BaseAddress = new Uri(cloud.BaseAddress.TrimEnd('/') + "/");
                }
                foreach (var (name, value) in cloud.Headers)
                {
                    if (!string.IsNullOrEmpty(value))
                    {
                        client.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
                    }
                }
                client.MaxResponseContentBufferSize = CloudAnswer.MaxAnswerBytes;
            });
}
