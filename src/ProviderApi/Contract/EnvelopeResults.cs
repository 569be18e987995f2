using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;

namespace ProviderApi.Contract;

/// <summary>Writes the contract's envelopes to HTTP responses.</summary>
public static class EnvelopeResults
{
    /// <summary>
    /// Streams <paramref name="rows"/> as <c>{"code":..,"message":"成功","datas":[..]}</c>
    /// without holding them in memory. The first row is read before the response starts, so
    /// a database that fails to answer still gets the contract's 500 envelope; a failure after
    /// the first bytes were sent aborts the connection, so a client never takes a truncated
    /// dictionary for a complete one.
    /// </summary>
    public static IResult Stream<T>(IAsyncEnumerable<T> rows, JsonTypeInfo<T> itemType, string what) =>
        new StreamedEnvelope<T>(rows, itemType, what);

    /// <summary>The contract's failure envelope with the HTTP status that mirrors its code.</summary>
    public static IResult Failure(FailureEnvelope envelope) =>
        TypedResults.Json(envelope, ContractJsonContext.Contract.FailureEnvelope, statusCode: envelope.Code);

    private sealed class StreamedEnvelope<T>(IAsyncEnumerable<T> rows, JsonTypeInfo<T> itemType, string what) : IResult
    {
        // Flush to the socket whenever this much is buffered: bounded memory, few syscalls.
        private const int FlushThresholdBytes = 32 * 1024;

        public async Task ExecuteAsync(HttpContext http)
        {
            var services = http.RequestServices;
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("ProviderApi.Contract");
            var successCode = services.GetRequiredService<IOptions<ContractOptions>>().Value.SuccessCode;
            var cancel = http.RequestAborted;

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
            var rowCount = 0;
            try
            {
                await using var json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = ContractJsonContext.Encoder });
                json.WriteStartObject();
                json.WriteNumber("code", successCode);
                json.WriteString("message", Envelopes.SuccessMessage);
                json.WriteStartArray("datas");
                while (hasRow)
                {
                    JsonSerializer.Serialize(json, cursor.Current, itemType);
                    rowCount++;
                    if (json.BytesPending >= FlushThresholdBytes)
                    {
                        json.Flush();
                        await body.FlushAsync(cancel);
                    }
                    hasRow = await cursor.MoveNextAsync();
                }
                json.WriteEndArray();
                json.WriteEndObject();
                json.Flush();
                await body.FlushAsync(cancel);
            }
            catch (Exception ex) when (!cancel.IsCancellationRequested)
            {
                Log.ReadFailedMidResponse(logger, ex, what, rowCount);
                http.Abort();
            }
        }
    }
}
