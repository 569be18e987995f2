using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using ProviderApi.Common;

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
/// <param name="Body">The envelope's UTF-8 JSON bytes, held at their length (no copy, no spare buffer).</param>
/// <param name="Rows">Rows in <c>datas</c>.</param>
/// <param name="ReadAt">When the rows were read from the database.</param>
public sealed record BufferedEnvelope(ChunkedBytes Body, int Rows, DateTimeOffset ReadAt);

/// <summary>Writes the contract's envelopes to HTTP responses.</summary>
public static class EnvelopeResults
{
    /// <summary>Set on an answer served from the last good read while the database fails.</summary>
    public const string StaleHeader = "X-Imgcloud-Stale";

    // Flush to the socket whenever this much was written since the last flush: bounded memory,
    // few syscalls. Counted from BytesCommitted, not BytesPending alone: over a PipeWriter the
    // writer hands each 4 KiB block to the pipe as it fills (BytesPending never reaches 32 KiB),
    // and a pipe that is never flushed keeps everything written to it, a whole 40 MiB answer
    // in the server's pinned buffers, until the end.
    private const int FlushThresholdBytes = 32 * 1024;

    /// <summary>
    /// Streams <paramref name="rows"/> as <c>{"code":..,"message":"成功","datas":[..]}</c>
    /// without holding them in memory. The first row is read before the response starts, so
    /// a database that fails to answer still gets the contract's 500 envelope; a failure after
    /// the first bytes were sent aborts the connection, so a client never takes a truncated
    /// dictionary for a complete one.
    /// </summary>
    public static IResult Stream<T>(IAsyncEnumerable<T> rows, JsonTypeInfo<T> itemType, string what) =>
        Stream(rows, Serialized(itemType), what);

    /// <summary>As <see cref="Stream{T}(IAsyncEnumerable{T}, JsonTypeInfo{T}, string)"/>, each row written by <paramref name="writeRow"/>.</summary>
    public static IResult Stream<T>(IAsyncEnumerable<T> rows, Action<Utf8JsonWriter, T> writeRow, string what) =>
        new StreamedEnvelope<T>(rows, writeRow, what);

    /// <summary>
    /// Reads every row and writes the whole envelope into memory (chunks kept as they are, never
    /// copied): the same writer as the streamed answer, so a cached answer is byte for byte a
    /// streamed one. A failure throws: there is nothing to abort yet.
    /// </summary>
    public static Task<BufferedEnvelope> BufferAsync<T>(
        IAsyncEnumerable<T> rows, JsonTypeInfo<T> itemType, int successCode, TimeProvider clock, CancellationToken cancellationToken) =>
        BufferAsync(rows, Serialized(itemType), successCode, clock, cancellationToken);

    /// <summary>As <see cref="BufferAsync{T}(IAsyncEnumerable{T}, JsonTypeInfo{T}, int, TimeProvider, CancellationToken)"/>, each row written by <paramref name="writeRow"/>.</summary>
    public static async Task<BufferedEnvelope> BufferAsync<T>(
        IAsyncEnumerable<T> rows, Action<Utf8JsonWriter, T> writeRow, int successCode, TimeProvider clock, CancellationToken cancellationToken)
    {
        var buffer = new ChunkedBytes();
        var record = new EnvelopeRecord();
        await using (var cursor = rows.GetAsyncEnumerator(cancellationToken))
        {
            var hasRow = await cursor.MoveNextAsync();
            await using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ContractJsonContext.Encoder });
            await WriteAsync(json, successCode, cursor, hasRow, writeRow, null, record, cancellationToken);
        }
        return new BufferedEnvelope(buffer.Seal(), record.Rows, clock.GetUtcNow());
    }

    /// <summary>A buffered envelope as the response, marked with <see cref="StaleHeader"/> when it is the last good read served during a database failure.</summary>
    public static IResult Buffered(BufferedEnvelope envelope, bool stale) => new BufferedResult(envelope, stale);

    /// <summary>The contract's failure envelope with the HTTP status that mirrors its code.</summary>
    public static IResult Failure(FailureEnvelope envelope) =>
        TypedResults.Json(envelope, ContractJsonContext.Contract.FailureEnvelope, statusCode: envelope.Code);

    /// <summary>The envelope around the rows of <paramref name="cursor"/>; flushes to <paramref name="body"/> (when streaming) as it goes.</summary>
    private static async Task WriteAsync<T>(
        Utf8JsonWriter json, int successCode, IAsyncEnumerator<T> cursor, bool hasRow, Action<Utf8JsonWriter, T> writeRow,
        PipeWriter? body, EnvelopeRecord record, CancellationToken cancel)
    {
        json.WriteStartObject();
        json.WriteNumber("code", successCode);
        json.WriteString("message", Envelopes.SuccessMessage);
        json.WriteStartArray("datas");
        var flushed = 0L;
        while (hasRow)
        {
            writeRow(json, cursor.Current);
            record.Rows++;
            if (json.BytesCommitted + json.BytesPending - flushed >= FlushThresholdBytes)
            {
                json.Flush();
                flushed = json.BytesCommitted;
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

    /// <summary>A row written as the serializer writes it.</summary>
    private static Action<Utf8JsonWriter, T> Serialized<T>(JsonTypeInfo<T> itemType) =>
        (json, row) => JsonSerializer.Serialize(json, row, itemType);

    private sealed class StreamedEnvelope<T>(IAsyncEnumerable<T> rows, Action<Utf8JsonWriter, T> writeRow, string what) : IResult
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
                await WriteAsync(json, successCode, cursor, hasRow, writeRow, body, record, cancel);
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
            return envelope.Body.WriteToAsync(http.Response.Body, http.RequestAborted);
        }
    }
}
