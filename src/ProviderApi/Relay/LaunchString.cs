using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace ProviderApi.Relay;

/// <summary>
/// What the HIS knows of the doctor who logs in (§3.1), with the doctor's ID number in clear or
/// already encrypted. Every value is trimmed when read: the value checked is the value written.
/// </summary>
public sealed class LaunchParameters
{
    /// <summary>必填。HIS 当前登录账号（唯一标识）。</summary>
    public string? HisUserId { get; set; }

    /// <summary>必填。登录状态：1 登录；2 退出。</summary>
    public string? Type { get; set; }

    /// <summary>必填。医生姓名。</summary>
    public string? DoctorName { get; set; }

    /// <summary>必填。科室名称。</summary>
    public string? Department { get; set; }

    /// <summary>必填。科室编码。</summary>
    public string? DepartmentCode { get; set; }

    /// <summary>必填。医生性别，数据字典【性别sex】（原样写入，不校验取值）。</summary>
    public string? DoctorSex { get; set; }

    /// <summary>必填。调阅医生身份证号：明文（中继校验后以 SM2 加密写入启动串）或已加密的密文（原样写入）。</summary>
    public string? DoctorIdCardNo { get; set; }

    /// <summary>必填。人员代码，按人员类型提供：医师为国家医保医师代码，医技为国家医保医技人员代码，护士为国家医保护士代码。</summary>
    public string? DoctorCode { get; set; }

    /// <summary>必填。人员类型，数据字典【人员类型doctorType】（原样写入，不校验取值）。</summary>
    public string? DoctorType { get; set; }

    /// <summary>必填。医院医保医疗机构代码；请求体写 hospitalId 或 hospitalld（接口文档表格的拼写）均可，启动串中写 hospitalId。</summary>
    public string? HospitalId { get; set; }

    /// <summary>选填。医生手机号（仅启动串模板有此参数）；为空时启动串仍带 phoneNumber= 。</summary>
    public string? PhoneNumber { get; set; }

    /// <summary>Fields whose JSON type cannot be a string, in body order.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> Malformed { get; init; } = [];

    public static LaunchParameters From(JsonObject body)
    {
        var malformed = new List<string>();
        // Trimmed here, once: the value checked is the value written (a HIS's CHAR columns come padded).
        string? Text(string key) => RelayBody.Text(body, key, malformed)?.Trim();
        return new LaunchParameters
        {
            HisUserId = Text("hisUserId"),
            Type = Text("type"),
            DoctorName = Text("doctorName"),
            Department = Text("department"),
            DepartmentCode = Text("departmentCode"),
            DoctorSex = Text("doctorSex"),
            DoctorIdCardNo = Text("doctorIdCardNo"),
            DoctorCode = Text("doctorCode"),
            DoctorType = Text("doctorType"),
            // The table spells it hospitalld, the templates hospitalId: either is read.
            HospitalId = Text("hospitalId") ?? Text("hospitalld"),
            PhoneNumber = Text("phoneNumber"),
            Malformed = malformed,
        };
    }
}

/// <summary>
/// The checks of a launch request: every parameter of §3.1's table present (phoneNumber, which
/// only the templates carry, may be empty), type 1 or 2, the doctor's ID number valid in clear or
/// cipher text of the configured layout, and no value encodeURIComponent cannot encode (a lone surrogate).
/// </summary>
public sealed class LaunchParametersValidator : AbstractValidator<LaunchParameters>
{
    public LaunchParametersValidator(IOptions<RelayOptions> options)
    {
        var format = options.Value.Sm2.Format;
        ClassLevelCascadeMode = CascadeMode.Stop;
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(p => p.Malformed).Must(m => m.Count == 0).WithMessage(p => $"{p.Malformed[0]}参数值异常");
        Required(p => p.HisUserId, "hisUserId");
        Required(p => p.Type, "type").Must(t => t is "1" or "2").WithMessage("type参数值异常");
        Required(p => p.DoctorName, "doctorName");
        Required(p => p.Department, "department");
        Required(p => p.DepartmentCode, "departmentCode");
        Required(p => p.DoctorSex, "doctorSex");
        Required(p => p.DoctorIdCardNo, "doctorIdCardNo")
            .Must(v => RelayIds.Classify(v, format, out _) != IdForm.Invalid).WithMessage("doctorIdCardNo参数值异常");
        Required(p => p.DoctorCode, "doctorCode");
        Required(p => p.DoctorType, "doctorType");
        Required(p => p.HospitalId, "hospitalId");
        RuleFor(p => p).Custom((p, context) =>
        {
            string?[] values = [p.HisUserId, p.Type, p.DoctorName, p.Department, p.DepartmentCode, p.DoctorSex, p.DoctorIdCardNo, p.DoctorCode, p.DoctorType, p.HospitalId, p.PhoneNumber];
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] is { } value && !IsWellFormed(value))
                {
                    context.AddFailure(LaunchString.Keys[i], $"{LaunchString.Keys[i]}参数值异常");
                    return;
                }
            }
        });
    }

    private static bool IsWellFormed(string value)
    {
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out _, out var used) != OperationStatus.Done)
            {
                return false;
            }
            rest = rest[used..];
        }
        return true;
    }

    private IRuleBuilderOptions<LaunchParameters, string?> Required(System.Linq.Expressions.Expression<Func<LaunchParameters, string?>> field, string name) =>
        RuleFor(field).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage($"{name}:不能为空");
}

/// <summary>The three forms of one launch string.</summary>
/// <param name="Query">三种形式共有的参数串 k=v&amp;...：十一个参数按固定顺序，值按 encodeURIComponent 编码后将 % 替换为 $。</param>
/// <param name="CommandLine">方案一（CS）命令行："插件路径" "k=v&amp;..."；未配置 Relay:Launch:PluginPath 时为 null。</param>
/// <param name="WyhtUrl">方案二（BS）：WYHT://k=v&amp;...</param>
/// <param name="HttpUrl">方案三（http 接口）：http://host:port/hrball/?k=v&amp;...；未配置 Relay:Launch:HrballAddress 时为 null。</param>
public sealed record LaunchForms(string Query, string? CommandLine, string WyhtUrl, string? HttpUrl);

/// <summary>
/// Builds the plug-in's launch string (§3.1) as the project's contract settles it (2026-12-01):
/// eleven keys in a fixed order, each value <c>encodeURIComponent</c>-encoded and every <c>%</c>
/// then written <c>$</c>. A value cannot cut the string or add a key: <c>&amp; = # ? + / , ; : @ $</c>
/// and spaces are all encoded, and the only <c>$</c> left is the one that starts an escape.
/// </summary>
public static class LaunchString
{
    /// <summary>The keys, in the order the launch string carries them.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["hisUserId", "type", "doctorName", "department", "departmentCode", "doctorSex", "doctorIdCardNo", "doctorCode", "doctorType", "hospitalId", "phoneNumber"];

    // What JavaScript's encodeURIComponent leaves as it is (ECMA-262: uriAlpha, DecimalDigit, uriMark).
    private static readonly SearchValues<char> Unescaped =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()");

    /// <summary>
    /// The three forms for <paramref name="parameters"/>, whose <c>doctorIdCardNo</c> is cipher
    /// text already (<paramref name="doctorIdCipher"/>; Base64's <c>+ / =</c> are encoded like any value's).
    /// </summary>
    public static LaunchForms Build(LaunchParameters parameters, string doctorIdCipher, LaunchOptions options)
    {
        string?[] values =
        [
            parameters.HisUserId, parameters.Type, parameters.DoctorName, parameters.Department, parameters.DepartmentCode,
            parameters.DoctorSex, doctorIdCipher, parameters.DoctorCode, parameters.DoctorType, parameters.HospitalId, parameters.PhoneNumber,
        ];
        var query = new StringBuilder();
        for (var i = 0; i < Keys.Count; i++)
        {
            query.Append(i == 0 ? "" : "&").Append(Keys[i]).Append('=').Append(DollarEncode(values[i] ?? ""));
        }

        var text = query.ToString();
        var commandLine = string.IsNullOrWhiteSpace(options.PluginPath) ? null : $"\"{options.PluginPath.Trim()}\" \"{text}\"";
        var hrball = string.IsNullOrWhiteSpace(options.HrballAddress) ? null : HrballBase(options.HrballAddress);
        return new LaunchForms(text, commandLine, "WYHT://" + text, hrball is null ? null : $"{hrball}/hrball/?{text}");
    }

    /// <summary><c>encodeURIComponent(value)</c> with every <c>%</c> then replaced by <c>$</c>, as the plug-in reads its parameters.</summary>
    public static string DollarEncode(string value) => EncodeUriComponent(value).Replace('%', '$');

    /// <summary>
    /// JavaScript's <c>encodeURIComponent</c>: A–Z a–z 0–9 - _ . ! ~ * ' ( ) pass; every other
    /// character is written as the %XX (upper-case hex) of its UTF-8 bytes.
    /// </summary>
    /// <exception cref="ArgumentException">A lone surrogate, which encodeURIComponent also refuses (URIError).</exception>
    public static string EncodeUriComponent(string value)
    {
        var result = new StringBuilder(value.Length);
        Span<byte> utf8 = stackalloc byte[4];
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Unescaped.Contains(rest[0]))
            {
                result.Append(rest[0]);
                rest = rest[1..];
                continue;
            }
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done)
            {
                throw new ArgumentException("The value holds a lone surrogate, which encodeURIComponent cannot encode.", nameof(value));
            }
            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length])
            {
                result.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            rest = rest[used..];
        }
        return result.ToString();
    }

    /// <summary><c>http://host:port</c> from host:port or an http(s) address without path; null when it is neither.</summary>
    public static string? HrballBase(string text)
    {
        var trimmed = text.Trim().TrimEnd('/');
        if (!trimmed.Contains("://", StringComparison.Ordinal))
        {
            trimmed = "http://" + trimmed;
        }
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }
        return uri.GetLeftPart(UriPartial.Authority);
    }
}
