using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProviderApi.Relay;

/// <summary>The empty object of <c>"data": {}</c>.</summary>
public sealed class EmptyData
{
    public static EmptyData Instance { get; } = new();
}

/// <summary>The answer of §3.2 and §3.3: <c>{"code":200,"data":{},"message":""}</c> (note <c>data</c>, not <c>datas</c>).</summary>
public sealed record RelayAnswer(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("data")] EmptyData Data,
    [property: JsonPropertyName("message")] string Message)
{
    /// <summary>Taken: the call goes to the cloud without the HIS waiting for it.</summary>
    public static RelayAnswer Accepted { get; } = new(200, EmptyData.Instance, "");

    public static RelayAnswer Unauthorized { get; } = new(401, EmptyData.Instance, "权限校验不通过");

    public static RelayAnswer BadRequest(string message) => new(400, EmptyData.Instance, message);

    public static RelayAnswer NotConfigured(string message) => new(503, EmptyData.Instance, message);
}

/// <summary>The launch-string endpoint's answer: the document's shape, the three forms in <c>data</c>.</summary>
public sealed record LaunchAnswer(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("data")] LaunchForms Data,
    [property: JsonPropertyName("message")] string Message);

/// <summary>The HIS-facing bodies for the OpenAPI document; the endpoints read the raw JSON.</summary>
public sealed class InteractiveCallDocument
{
    /// <summary>患者身份证号：明文（中继以 SM2 加密）或已按配置格式加密的密文（原样转发）。</summary>
    public string? IdCardNo { get; set; }

    public string? PatientName { get; set; }

    public string? OutpatientId { get; set; }

    public string? InsuranceId { get; set; }

    public string? HospitalizationId { get; set; }

    public string? MedicareNo { get; set; }

    public string? HealthNo { get; set; }

    public string? MobilePhone { get; set; }

    public string? HisUserId { get; set; }

    public string? HisUserName { get; set; }

    public string? PatientType { get; set; }

    /// <summary>医院医保医疗机构代码（拼写同接口文档：两个小写 l）。</summary>
    [JsonPropertyName("hospitalld")]
    public string? Hospitalld { get; set; }

    public string? ClientIp { get; set; }

    public string? Mac { get; set; }

    public string? DoctorType { get; set; }

    public string? DoctorCode { get; set; }

    /// <summary>医生身份证号：明文（中继以 SM2 加密）或密文（原样转发）。</summary>
    public string? DoctorIdCardNo { get; set; }

    /// <summary>仅精准提醒（checkAgain）：必填且非空。</summary>
    public IReadOnlyList<ExamEntry>? ExamList { get; set; }

    /// <summary>仅精准提醒，有则原样转发。</summary>
    public string? MessageType { get; set; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RelayAnswer))]
[JsonSerializable(typeof(LaunchAnswer))]
[JsonSerializable(typeof(LaunchParameters))]
[JsonSerializable(typeof(InteractiveCallDocument))]
internal sealed partial class RelayJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Web defaults; Chinese, '&amp;' and quotes' neighbours written as they are, not \uXXXX: the
    /// launch strings are full of '&amp;', and an old HIS's hand-made JSON reader may not undo escapes.
    /// The answers are JSON for programs, never embedded in a page.
    /// </summary>
    public static RelayJsonContext Relay { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = RelayBody.Encoder });
}

internal static class RelayResults
{
    public static IResult Answer(RelayAnswer answer, int status) =>
        TypedResults.Json(answer, RelayJsonContext.Relay.RelayAnswer, statusCode: status);
}
