using System.Globalization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using ProviderApi.Common;
using BadHttpRequestException = Microsoft.AspNetCore.Http.BadHttpRequestException;

namespace ProviderApi.Contract;

/// <summary>
/// Endpoint metadata: how a group of endpoints words a failure (a status and a message) in its
/// own envelope. Endpoints without it answer the contract's <see cref="FailureEnvelope"/>.
/// </summary>
/// <param name="Answer">The answer for an HTTP status and its message.</param>
public sealed record FailureAnswer(Func<int, string, IResult> Answer)
{
    /// <summary>The contract's envelope: <c>{"code":status,"message":..,"datas":[]}</c>.</summary>
    public static FailureAnswer Contract { get; } = new((status, message) => EnvelopeResults.Failure(new FailureEnvelope(status, message, [])));

    /// <summary>The answer of <paramref name="endpoint"/>, the contract's where it names none.</summary>
    public static FailureAnswer For(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<FailureAnswer>() ?? Contract;
}

/// <summary>
/// A client's fault is not a server failure: a body that arrives too slowly (Kestrel's minimum data
/// rate), short, or malformed at the HTTP level, or a client that goes away mid-request, is one
/// WARN line with no stack trace, and a 4xx in the endpoint's own envelope when someone is left to
/// read it. Every endpoint, whichever reads the body (minimal-API binding or the handler itself).
/// </summary>
public static class ClientFaults
{
    /// <summary>Settings of Kestrel's minimum request-body data rate (Kestrel cannot bind that type from configuration itself).</summary>
    public const string RateSection = "Kestrel:MinRequestBodyDataRate";

    /// <summary>
    /// <c>Kestrel:MinRequestBodyDataRate:BytesPerSecond</c> (default 240, Kestrel's; 0 turns the
    /// check off) and <c>...:GracePeriodSeconds</c> (default 5; more than 1, Kestrel's heartbeat):
    /// a body slower than this after the grace period is answered 408.
    /// </summary>
    public static IServiceCollection AddClientFaults(this IServiceCollection services)
    {
        services.AddOptions<KestrelServerOptions>().Configure<IConfiguration>((kestrel, configuration) =>
        {
            var section = configuration.GetSection(RateSection);
            if (!section.Exists())
            {
                return;
            }
            var bytes = Number(section, "BytesPerSecond", 240);
            var grace = Number(section, "GracePeriodSeconds", 5);
            if (bytes < 0 || grace is <= 1 or > 3600)
            {
                throw new OptionsValidationException(RateSection, typeof(KestrelServerOptions),
                    [$"{RateSection}: BytesPerSecond must be 0 (off) or more and GracePeriodSeconds more than 1 and at most 3600 (were {bytes} and {grace})."]);
            }
            kestrel.Limits.MinRequestBodyDataRate = bytes == 0 ? null : new MinDataRate(bytes, TimeSpan.FromSeconds(grace));
        });
        return services;
    }

    private static double Number(IConfigurationSection section, string key, double fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new OptionsValidationException(RateSection, typeof(KestrelServerOptions), [$"{RateSection}:{key} is not a number ('{text}')."]);
    }

    /// <summary>Catches a client's faults before they reach the exception handler (which would answer 500 and log an ERROR with a stack trace).</summary>
    public static IApplicationBuilder UseClientFaults(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        try
        {
            await next(http);
        }
        catch (Exception ex) when (IsClientFault(ex, http))
        {
            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ProviderApi.Contract");
            var path = http.Request.Path.Value ?? "";
            var caller = http.Connection.RemoteIpAddress?.ToString() ?? "(none)";
            if (ex is BadHttpRequestException bad && !http.RequestAborted.IsCancellationRequested && !http.Response.HasStarted)
            {
                Log.ClientFault(logger, http.Request.Method, path, caller, bad.Message, bad.StatusCode);
                http.Response.Clear();
                await FailureAnswer.For(http.GetEndpoint()).Answer(bad.StatusCode, Message(bad.StatusCode)).ExecuteAsync(http);
                return;
            }
            // Nobody is left to read an answer.
            Log.ClientGone(logger, http.Request.Method, path, caller, ex.Message);
        }
    });

    /// <summary>A malformed or too-slow request (Kestrel's BadHttpRequestException), or a client that went away.</summary>
    private static bool IsClientFault(Exception ex, HttpContext http) =>
        ex is BadHttpRequestException
        || (ex is IOException or OperationCanceledException && http.RequestAborted.IsCancellationRequested);

    private static string Message(int status) => status switch
    {
        StatusCodes.Status408RequestTimeout => "请求超时：请求体到达过慢（request body too slow）",
        StatusCodes.Status413PayloadTooLarge => "请求体过大",
        _ => "请求格式错误（malformed request）",
    };
}
