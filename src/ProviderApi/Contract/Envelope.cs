using System.Text.Json.Serialization;

namespace ProviderApi.Contract;

/// <summary>The contract's answer when no rows can be given: a failure, with empty <c>datas</c>.</summary>
public sealed record FailureEnvelope(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("datas")] IReadOnlyList<object> Datas)
{
    /// <summary>Server-side failure: HTTP 500, no internals.</summary>
    public static FailureEnvelope ServerError { get; } = new(500, "服务异常", []);

    /// <summary>Refused caller: HTTP 401, the wording of the document's own push answers.</summary>
    public static FailureEnvelope Unauthorized { get; } = new(401, "权限校验不通过", []);
}

/// <summary>The contract's successful answer, for the OpenAPI document; the endpoints stream it.</summary>
/// <typeparam name="T">The item type of <c>datas</c>.</typeparam>
public sealed class SuccessEnvelope<T>
{
    /// <summary>结果编码：200 成功（可配置为 0）；500 失败。</summary>
    [JsonPropertyName("code")]
    public int Code { get; init; }

    /// <summary>结果说明，成功时为“成功”。</summary>
    [JsonPropertyName("message")]
    public string Message { get; init; } = Envelopes.SuccessMessage;

    /// <summary>数据集合，按编码升序（按字节比较）。</summary>
    [JsonPropertyName("datas")]
    public IReadOnlyList<T> Datas { get; init; } = [];
}

public static class Envelopes
{
    public const string SuccessMessage = "成功";
}
