using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Net.Http.Headers;

namespace ProviderApi.Relay;

/// <summary>A HIS's JSON body, read leniently: keys trimmed, any declared charset honoured.</summary>
internal static class RelayBody
{
    /// <summary>The largest body taken: a §3.3 call with a long examList is a few kilobytes.</summary>
    public const int MaxBytes = 64 * 1024;

    static RelayBody() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>
    /// The body as a JSON object whose keys are trimmed (the document's examples write
    /// <c>"patientName "</c>), or the problem to answer with 400. Text in GBK or another declared
    /// charset (old Delphi and PowerBuilder clients) is decoded as declared; UTF-8 otherwise.
    /// </summary>
    public static async Task<(JsonObject? Body, string? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return (null, "请求体过大");
        }

        var encoding = Encoding.UTF8;
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) && mediaType.Charset.HasValue)
        {
            try
            {
                encoding = Encoding.GetEncoding(mediaType.Charset.Value!.Trim('"'));
            }
            catch (ArgumentException)
            {
                return (null, "请求体字符集参数值异常");
            }
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return (null, "请求体过大");
            }
            buffer.Write(chunk, 0, read);
        }

        JsonObject parsed;
        try
        {
            var text = encoding.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            if (JsonNode.Parse(text, documentOptions: DocumentOptions) is not JsonObject obj)
            {
                return (null, "请求体参数值异常");
            }
            parsed = obj;
            // Materialise the properties now: a duplicate key throws here, not later.
            _ = parsed.Count;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            return (null, "请求体参数值异常");
        }

        var properties = parsed.ToList();
        parsed.Clear();
        var trimmed = new JsonObject();
        foreach (var (key, value) in properties)
        {
            var name = key.Trim();
            if (!trimmed.TryAdd(name, value))
            {
                return (null, $"{name}参数值异常");
            }
        }
        return (trimmed, null);
    }

    /// <summary>
    /// A scalar field as text: a JSON string as it is, a number as written (an old HIS may send
    /// <c>"patientType": 1</c>); absent or null is null. An object, array or boolean is malformed.
    /// </summary>
    public static string? Text(JsonObject body, string key, List<string> malformed)
    {
        if (!body.TryGetPropertyValue(key, out var node) || node is null)
        {
            return null;
        }
        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.String:
                    return value.GetValue<string>();
                case JsonValueKind.Number:
                    return value.ToJsonString();
                default:
                    break;
            }
        }
        malformed.Add(key);
        return null;
    }

    /// <summary>JSON text with only what JSON itself requires escaped (quotes, backslashes, control characters).</summary>
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>Writes the body as UTF-8 JSON, Chinese and '&amp;' as they are (not \uXXXX).</summary>
    public static byte[] ToUtf8(JsonObject body)
    {
        using var output = new MemoryStream();
        using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = Encoder }))
        {
            body.WriteTo(json);
        }
        return output.ToArray();
    }
}
