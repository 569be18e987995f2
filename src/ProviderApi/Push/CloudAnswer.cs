using System.Globalization;
using System.Text.Json;
using Polly;
using Polly.Timeout;
using ProviderApi.Common;

namespace ProviderApi.Push;

/// <summary>What a push call came to.</summary>
public enum PushOutcome
{
    /// <summary>HTTP 2xx and the body's code is the success code: accepted, never sent again unless the row changes.</summary>
    Delivered,

    /// <summary>400 (in the status or the body): the cloud read the row and refused it; parked until the row changes.</summary>
    Rejected,

    /// <summary>401 or 403: the provider's credentials; all pushing pauses.</summary>
    Unauthorized,

    /// <summary>404, 405 and other 4xx that no row can cure (a wrong address or path): all pushing pauses.</summary>
    Misconfigured,

    /// <summary>500 (status or body), a timeout, a network error, an unreadable answer: tried again later.</summary>
    Transient,
}

/// <summary>The cloud's answer to one push, judged on the HTTP status and the body's <c>code</c> together.</summary>
/// <param name="Outcome">What it came to.</param>
/// <param name="Detail">For logs and operators: status, code and the cloud's message (digits masked).</param>
public sealed record CloudAnswer(PushOutcome Outcome, string Detail)
{
    /// <summary>Answers larger than this are not read (the cloud's are a few dozen bytes).</summary>
    public const int MaxAnswerBytes = 64 * 1024;

    /// <summary>
    /// Judges an answer. The body's code decides when the HTTP status is 2xx or 4xx (a cloud
    /// that answers HTTP 200 with <c>{"code":500}</c> failed); any 5xx status is a failure to
    /// try again, whatever the body says.
    /// </summary>
    public static CloudAnswer Judge(int status, ReadOnlySpan<byte> body, int successCode)
    {
        var (code, message) = Read(body);
        var detail = $"HTTP {status}, code {code?.ToString(CultureInfo.InvariantCulture) ?? "(none)"}" + (message is null ? "" : $", {Masking.Redact(message)}");
        if (status >= 500)
        {
            return new(PushOutcome.Transient, detail);
        }
        if (status is 401 or 403 || code is 401 or 403)
        {
            return new(PushOutcome.Unauthorized, detail);
        }
        if (status is >= 200 and < 300)
        {
            return code switch
            {
                null => new(PushOutcome.Transient, detail + " (answer without a code)"),
                _ when code == successCode => new(PushOutcome.Delivered, detail),
                400 or 422 => new(PushOutcome.Rejected, detail),
                _ => new(PushOutcome.Transient, detail),
            };
        }
        return status switch
        {
            400 or 413 or 422 => new(PushOutcome.Rejected, detail),
            408 or 429 => new(PushOutcome.Transient, detail),
            _ => new(PushOutcome.Misconfigured, detail),
        };
    }

    /// <summary>An exception of a call: timeouts and network errors are transient.</summary>
    public static CloudAnswer Failed(Exception exception) => new(PushOutcome.Transient, exception switch
    {
        TimeoutRejectedException => "no answer within Push:AttemptTimeoutSeconds",
        HttpRequestException { HttpRequestError: var error } => $"network error ({error}): {Masking.Redact(exception.Message)}",
        _ => $"{exception.GetType().Name}: {Masking.Redact(exception.Message)}",
    });

    /// <summary>Reads the answer of one attempt (buffered: the retry strategy and the worker both read it).</summary>
    public static async ValueTask<CloudAnswer> ReadAsync(HttpResponseMessage response, int successCode, CancellationToken cancellationToken)
    {
        byte[] body;
        try
        {
            await response.Content.LoadIntoBufferAsync(MaxAnswerBytes, cancellationToken);
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return new(PushOutcome.Transient, $"HTTP {(int)response.StatusCode}, answer unreadable: {Masking.Redact(ex.Message)}");
        }
        return Judge((int)response.StatusCode, body, successCode);
    }

    /// <summary>The retry strategy's question: is this outcome worth another attempt within the call?</summary>
    public static async ValueTask<bool> IsTransientAsync(Outcome<HttpResponseMessage> outcome, int successCode, CancellationToken cancellationToken) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException or IOException } => true,
        { Result: { } response } => (await ReadAsync(response, successCode, cancellationToken)).Outcome == PushOutcome.Transient,
        _ => false,
    };

    private static (int? Code, string? Message) Read(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }
            int? code = root.TryGetProperty("code", out var c) ? c.ValueKind switch
            {
                JsonValueKind.Number when c.TryGetInt32(out var n) => n,
                JsonValueKind.String when int.TryParse(c.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
                _ => null,
            } : null;
            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return (code, message is { Length: > 200 } ? message[..200] + "…" : message);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>For a log line: the outcome's word.</summary>
    public override string ToString() => $"{Outcome}: {Detail}";
}
