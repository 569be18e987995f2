using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace ProviderApi.Relay;

/// <summary>What the HIS knows of the doctor who logs in (§3.1), with the doctor's ID number in clear or already encrypted.</summary>
public sealed class LaunchParameters
{
    public string? HisUserId { get; set; }

    /// <summary>1 login, 2 logout.</summary>
    public string? Type { get; set; }

    public string? DoctorName { get; set; }

    public string? Department { get; set; }

    public string? DepartmentCode { get; set; }

    public string? DoctorSex { get; set; }

    public string? DoctorIdCardNo { get; set; }

    public string? DoctorCode { get; set; }

    public string? DoctorType { get; set; }

    /// <summary>The 医保 institution code; read from <c>hospitalId</c> or <c>hospitalld</c>, written as <c>hospitalId</c>.</summary>
    public string? HospitalId { get; set; }

    public string? PhoneNumber { get; set; }

    /// <summary>Fields whose JSON type cannot be a string, in body order.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> Malformed { get; init; } = [];

    public static LaunchParameters From(JsonObject body)
    {
        var malformed = new List<string>();
        string? Text(string key) => RelayBody.Text(body, key, malformed);
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
/// cipher text of the configured layout, and no value encodeURI cannot encode.
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
        Required(p => p.Type, "type").Must(t => t!.Trim() is "1" or "2").WithMessage("type参数值异常");
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
/// <param name="Query">The <c>k=v&amp;...</c> part every form carries.</param>
/// <param name="CommandLine"><c>"&lt;path&gt;" "k=v&amp;..."</c>; null when <c>Relay:Launch:PluginPath</c> is unset.</param>
/// <param name="WyhtUrl"><c>WYHT://k=v&amp;...</c>.</param>
/// <param name="HttpUrl"><c>http://host:port/hrball/?k=v&amp;...</c>; null when <c>Relay:Launch:HrballAddress</c> is unset.</param>
public sealed record LaunchForms(string Query, string? CommandLine, string WyhtUrl, string? HttpUrl);

/// <summary>
/// Builds the plug-in's launch string (§3.1) as the project's contract settles it: eleven keys in
/// a fixed order, each value <c>encodeURI</c>-encoded and every <c>%</c> then written <c>$</c>.
/// </summary>
public static class LaunchString
{
    /// <summary>The keys, in the order the launch string carries them.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["hisUserId", "type", "doctorName", "department", "departmentCode", "doctorSex", "doctorIdCardNo", "doctorCode", "doctorType", "hospitalId", "phoneNumber"];

    // What JavaScript's encodeURI leaves as it is (ECMA-262: uriReserved, uriUnescaped and '#').
    private static readonly SearchValues<char> Unescaped =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789;,/?:@&=+$-_.!~*'()#");

    /// <summary>
    /// The three forms for <paramref name="parameters"/>, whose <c>doctorIdCardNo</c> is cipher
    /// text already (<paramref name="doctorIdCipher"/>).
    /// </summary>
    public static LaunchForms Build(LaunchParameters parameters, string doctorIdCipher, Sm2Encoding cipherEncoding, LaunchOptions options)
    {
        string?[] values =
        [
            parameters.HisUserId, parameters.Type, parameters.DoctorName, parameters.Department, parameters.DepartmentCode,
            parameters.DoctorSex, doctorIdCipher, parameters.DoctorCode, parameters.DoctorType, parameters.HospitalId, parameters.PhoneNumber,
        ];
        var query = new StringBuilder();
        for (var i = 0; i < Keys.Count; i++)
        {
            var encoded = EncodeUri(values[i] ?? "");
            if (Keys[i] == "doctorIdCardNo" && cipherEncoding == Sm2Encoding.Base64)
            {
                // encodeURI leaves these as they are, yet the plug-in splits on '=' and may read '+' as a space.
                encoded = encoded.Replace("+", "%2B", StringComparison.Ordinal).Replace("/", "%2F", StringComparison.Ordinal).Replace("=", "%3D", StringComparison.Ordinal);
            }
            query.Append(i == 0 ? "" : "&").Append(Keys[i]).Append('=').Append(encoded.Replace('%', '$'));
        }

        var text = query.ToString();
        var commandLine = string.IsNullOrWhiteSpace(options.PluginPath) ? null : $"\"{options.PluginPath.Trim()}\" \"{text}\"";
        var hrball = string.IsNullOrWhiteSpace(options.HrballAddress) ? null : HrballBase(options.HrballAddress);
        return new LaunchForms(text, commandLine, "WYHT://" + text, hrball is null ? null : $"{hrball}/hrball/?{text}");
    }

    /// <summary><c>encodeURI(value)</c> with every <c>%</c> then replaced by <c>$</c>, as the plug-in reads its parameters.</summary>
    public static string DollarEncode(string value) => EncodeUri(value).Replace('%', '$');

    /// <summary>
    /// JavaScript's <c>encodeURI</c>: A–Z a–z 0–9 ; , / ? : @ &amp; = + $ - _ . ! ~ * ' ( ) # pass;
    /// every other character is written as the %XX (upper-case hex) of its UTF-8 bytes.
    /// </summary>
    /// <exception cref="ArgumentException">A lone surrogate, which encodeURI also refuses (URIError).</exception>
    public static string EncodeUri(string value)
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
                throw new ArgumentException("The value holds a lone surrogate, which encodeURI cannot encode.", nameof(value));
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
