using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProviderApi.Relay;

/// <summary>固定为空对象 {}（The empty object of <c>"data": {}</c>）。</summary>
public sealed class EmptyData
{
    public static EmptyData Instance { get; } = new();
}

/// <summary>The answer of §3.2 and §3.3: <c>{"code":200,"data":{},"message":""}</c> (note <c>data</c>, not <c>datas</c>).</summary>
/// <param name="Code">结果编码，与 HTTP 状态码一致：200 已受理（随后异步转发云平台）；400 请求参数有误（xx:不能为空 / xx参数值异常）或请求格式错误；401 调用方不在 Relay:HisNetworks 内；408 请求体到达过慢；503 转发或启动串未配置；500 服务异常。</param>
/// <param name="Data">固定为空对象 {}。</param>
/// <param name="Message">成功时为空字符串；失败时为原因，措辞同云平台（如 idCardNo:不能为空、doctorIdCardNo参数值异常）。</param>
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
/// <param name="Code">结果编码：200 成功；失败时见 RelayAnswer（400/401/408/503/500）。</param>
/// <param name="Data">三种启动串。</param>
/// <param name="Message">成功时为空字符串。</param>
public sealed record LaunchAnswer(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("data")] LaunchForms Data,
    [property: JsonPropertyName("message")] string Message);

/// <summary>
/// The HIS-facing body of §3.2 swipingIdCardNo and §3.3 checkAgain, for the OpenAPI document (the
/// endpoints read the raw JSON: keys are trimmed, numbers are taken as text, unknown fields pass through).
/// </summary>
public sealed class InteractiveCallDocument
{
    /// <summary>必填。患者身份证号：明文（中继校验 GB 11643 校验码后以 SM2 加密）或已按 Relay:Sm2 配置格式加密的密文（原样转发）。</summary>
    [Required]
    public string? IdCardNo { get; set; }

    /// <summary>必填。患者姓名。</summary>
    [Required]
    public string? PatientName { get; set; }

    /// <summary>选填。门诊号。</summary>
    public string? OutpatientId { get; set; }

    /// <summary>选填。就诊卡号。</summary>
    public string? InsuranceId { get; set; }

    /// <summary>选填。住院号。</summary>
    public string? HospitalizationId { get; set; }

    /// <summary>选填。电子医保码号。</summary>
    public string? MedicareNo { get; set; }

    /// <summary>选填。电子健康卡号（许多患者没有，故不强制）。</summary>
    public string? HealthNo { get; set; }

    /// <summary>必填。患者手机号（原样转发，日志中不出现）。</summary>
    [Required]
    public string? MobilePhone { get; set; }

    /// <summary>必填。HIS 当前登录账号（唯一标识）；同一账号的调用按顺序转发。</summary>
    [Required]
    public string? HisUserId { get; set; }

    /// <summary>选填。HIS 当前登录账号用户名。</summary>
    public string? HisUserName { get; set; }

    /// <summary>必填。患者类型：1 门急诊患者、2 住院患者、3 体检、9 其他（原样转发，不校验取值）。</summary>
    [Required]
    public string? PatientType { get; set; }

    /// <summary>必填。医院医保医疗机构代码（拼写同接口文档：两个小写 l）。</summary>
    [Required]
    [JsonPropertyName("hospitalld")]
    public string? Hospitalld { get; set; }

    /// <summary>当前 HIS 用户登录 IP 地址，与 mac 选其一（账号多点登录精准推送使用）。</summary>
    public string? ClientIp { get; set; }

    /// <summary>当前 HIS 用户登录 MAC 地址，与 clientIp 选其一（账号多点登录精准推送使用）。</summary>
    public string? Mac { get; set; }

    /// <summary>必填。人员类型，数据字典【人员类型doctorType】（原样转发，不校验取值）。</summary>
    [Required]
    public string? DoctorType { get; set; }

    /// <summary>必填。人员代码，按人员类型提供：医师为国家医保医师代码，医技为国家医保医技人员代码，护士为国家医保护士代码。</summary>
    [Required]
    public string? DoctorCode { get; set; }

    /// <summary>必填。调阅医生身份证号：明文（中继校验后以 SM2 加密）或密文（原样转发）。</summary>
    [Required]
    public string? DoctorIdCardNo { get; set; }

    /// <summary>仅精准提醒（checkAgain）必填且非空：检查项目编码及名称集合，按开单检查项目数量传递。</summary>
    public IReadOnlyList<ExamEntry>? ExamList { get; set; }

    /// <summary>仅精准提醒（checkAgain）选填：消息类型，有则原样转发。</summary>
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

    /// <summary>A failure outside the relay's own checks (a client's fault, an unhandled error) in the relay's envelope: <c>{"code":status,"data":{},"message":..}</c>.</summary>
    public static Contract.FailureAnswer Failure { get; } = new((status, message) => Answer(new RelayAnswer(status, EmptyData.Instance, message), status));
}
