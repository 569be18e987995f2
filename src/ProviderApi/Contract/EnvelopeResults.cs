using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;

namespace ProviderApi.Contract;

/// <summary>What one answer carried, for the access log and the metrics (a request feature).</summary>
public sealed class EnvelopeRecord
{
    /// <summary>Rows written to <c>datas</c>.</summary>
    public int Rows { get; set; }

    /// <summary>Where the rows came from: database (read for this request), cache, or stale (the last good read, the database failing).</summary>
    public string Source { get; set; } = "database";

    public static EnvelopeRecord Of(HttpContext http)
    {
        var record = http.Features.Get<EnvelopeRecord>();
        if (record is null)
        {
            record = new EnvelopeRecord();
            http.Features.Set(record);
        }
        return record;
    }
}

/// <summary>A whole success envelope, serialised: what the dictionary cache holds.</summary>
/// <param name="Body">The envelope's UTF-8 JSON bytes.</param>
/// <param name="Rows">Rows in <c>datas</c>.</param>
/// <param name="ReadAt">When the rows were read from the database.</param>
public sealed record BufferedEnvelope(byte[] Body, int Rows, DateTimeOffset ReadAt);

/// <summary>Writes the contract's envelopes to HTTP responses.</summary>
public static class EnvelopeResults
{
    /// <summary>Set on an answer served from the last good read while the database fails.</summary>
    public const string StaleHeader = "X-Imgcloud-Stale";

    // Flush to the socket whenever this much is buffered: bounded memory, few syscalls.
    private const int FlushThresholdBytes = 32 * 1024;

    /// <summary>
    /// Streams <paramref name="rows"/> as <c>{"code":..,"message":"成功","datas":[..]}</c>
    /// without holding them in memory. The first row is read before the response starts, so
    /// a database that fails to answer still gets the contract's 500 envelope; a failure after
    /// the first bytes were sent aborts the connection, so a client never takes a truncated
    /// dictionary for a complete one.
    /// </summary>
    public static IResult Stream<T>(IAsyncEnumerable<T> rows, JsonTypeInfo<T> itemType, string what) =>
        new StreamedEnvelope<T>(rows, itemType, what);

    /// <summary>
    /// Reads every row and writes the whole envelope into memory (a pooled buffer, copied out
    /// once): the same writer as <see cref="Stream{T}"/>, so a cached answer is byte for byte a
    /// streamed one. A failure throws: there is nothing to abort yet.
    /// </summary>
    public static async Task<BufferedEnvelope> BufferAsync<T>(
        IAsyncEnumerable<T> rows, JsonTypeInfo<T> itemType, int successCode, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var buffer = new PooledBufferWriter();
        var record = new EnvelopeRecord();
        await using (var cursor = rows.GetAsyncEnumerator(cancellationToken))
        {
            var hasRow = await cursor.MoveNextAsync();
            await using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ContractJsonContext.Encoder });
            await WriteAsync(json, successCode, cursor, hasRow, itemType, null, record, cancellationToken);
        }
        return new BufferedEnvelope(buffer.WrittenSpan.ToArray(), record.Rows, clock.GetUtcNow());
    }

    /// <summary>A buffered envelope as the response, marked with <see cref="StaleHeader"/> when it is the last good read served during a database failure.</summary>
    public static IResult Buffered(BufferedEnvelope envelope, bool stale) => new BufferedResult(envelope, stale);

    /// <summary>The contract's failure envelope with the HTTP status that mirrors its code.</summary>
    public static IResult Failure(FailureEnvelope envelope) =>
        TypedResults.Json(envelope, ContractJsonContext.Contract.FailureEnvelope, statusCode: envelope.Code);

    /// <summary>The envelope around the rows of <paramref name="cursor"/>; flushes to <paramref name="body"/> (when streaming) as it goes.</summary>
    private static async Task WriteAsync<T>(
        Utf8JsonWriter json, int successCode, IAsyncEnumerator<T> cursor, bool hasRow, JsonTypeInfo<T> itemType,
        PipeWriter? body, EnvelopeRecord record, CancellationToken cancel)
    {
        json.WriteStartObject();
        json.WriteNumber("code", successCode);
        json.WriteString("message", Envelopes.SuccessMessage);
        json.WriteStartArray("datas");
        while (hasRow)
        {
            JsonSerializer.Serialize(json, cursor.Current, itemType);
            record.Rows++;
            if (json.BytesPending >= FlushThresholdBytes)
            {
                json.Flush();
                if (body is not null)
                {
                    await body.FlushAsync(cancel);
                }
            }
            hasRow = await cursor.MoveNextAsync();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        if (body is not null)
        {
            await body.FlushAsync(cancel);
        }
    }

    private sealed class StreamedEnvelope<T>(IAsyncEnumerable<T> rows, JsonTypeInfo<T> itemType, string what) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            var services = http.RequestServices;
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("ProviderApi.Contract");
            var successCode = services.GetRequiredService<IOptions<ContractOptions>>().Value.SuccessCode;
            var cancel = http.RequestAborted;
            var record = EnvelopeRecord.Of(http);

            await using var cursor = rows.GetAsyncEnumerator(cancel);
            bool hasRow;
            try
            {
                hasRow = await cursor.MoveNextAsync();
            }
            catch (Exception ex) when (!cancel.IsCancellationRequested)
            {
                Log.ReadFailedBeforeResponse(logger, ex, what);
                await Failure(FailureEnvelope.ServerError).ExecuteAsync(http);
                return;
            }

            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = "application/json; charset=utf-8";
            var body = http.Response.BodyWriter;
            try
            {
                await using var json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = ContractJsonContext.Encoder });
                await WriteAsync(json, successCode, cursor, hasRow, itemType, body, record, cancel);
            }
            catch (Exception ex) when (!cancel.IsCancellationRequested)
            {
                Log.ReadFailedMidResponse(logger, ex, what, record.Rows);
                http.Abort();
            }
        }
    }

    private sealed class BufferedResult(BufferedEnvelope envelope, bool stale) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var record = EnvelopeRecord.Of(http);
            record.Rows = envelope.Rows;
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = "application/json; charset=utf-8";
            http.Response.ContentLength = envelope.Body.Length;
            if (stale)
            {
                http.Response.Headers[StaleHeader] = "true";
            }
            return http.Response.Body.WriteAsync(envelope.Body, http.RequestAborted).AsTask();
        }
    }
}
