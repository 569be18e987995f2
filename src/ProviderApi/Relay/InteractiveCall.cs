using System.Globalization;
using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.Extensions.Options;
using ProviderApi.Common;

namespace ProviderApi.Relay;

/// <summary>The two calls the HIS makes to the cloud.</summary>
public enum CallKind
{
    /// <summary>§3.2 外院检查数据调阅: a patient is selected.</summary>
    SwipingIdCardNo,

    /// <summary>§3.3 精准提醒: an exam is ordered.</summary>
    CheckAgain,
}

/// <summary>One exam of a §3.3 call.</summary>
public sealed record ExamEntry(string? ExamCode, string? ExamName)
{
    /// <summary>必填。检查项目编码（医院 HIS 里的编码）。</summary>
    public string? ExamCode { get; init; } = ExamCode;

    /// <summary>必填。检查项目名称。</summary>
    public string? ExamName { get; init; } = ExamName;
}

/// <summary>The fields of a §3.2 or §3.3 body the relay checks; every other field passes through as the HIS sent it.</summary>
public sealed class InteractiveCall
{
    public CallKind Kind { get; init; }

    /// <summary>Fields whose JSON type cannot be a string (an object, an array, a boolean), in body order.</summary>
    public IReadOnlyList<string> Malformed { get; init; } = [];

    public string? IdCardNo { get; init; }

    public string? PatientName { get; init; }

    public string? MobilePhone { get; init; }

    public string? HisUserId { get; init; }

    public string? PatientType { get; init; }

    public string? Hospitalld { get; init; }

    public string? ClientIp { get; init; }

    public string? Mac { get; init; }

    public string? DoctorType { get; init; }

    public string? DoctorCode { get; init; }

    public string? DoctorIdCardNo { get; init; }

    /// <summary>§3.3 only; null when absent, and also when it is not an array of objects (see <see cref="ExamListMalformed"/>).</summary>
    public IReadOnlyList<ExamEntry>? ExamList { get; init; }

    public bool ExamListMalformed { get; init; }

    public static InteractiveCall From(JsonObject body, CallKind kind)
    {
        var malformed = new List<string>();
        string? Text(string key) => RelayBody.Text(body, key, malformed);

        // The optional fields are read only to see that they are text.
        foreach (var optional in (string[])["outpatientId", "insuranceId", "hospitalizationId", "medicareNo", "healthNo", "hisUserName", "messageType"])
        {
            Text(optional);
        }

        List<ExamEntry>? exams = null;
        var examListMalformed = false;
        if (body.TryGetPropertyValue("examList", out var list) && list is not null)
        {
            if (list is JsonArray array)
            {
                exams = [];
                foreach (var item in array)
                {
                    if (item is JsonObject exam)
                    {
                        var itemMalformed = new List<string>();
                        exams.Add(new ExamEntry(RelayBody.Text(exam, "examCode", itemMalformed), RelayBody.Text(exam, "examName", itemMalformed)));
                        examListMalformed |= itemMalformed.Count > 0;
                    }
                    else
                    {
                        examListMalformed = true;
                    }
                }
            }
            else
            {
                examListMalformed = true;
            }
        }

        return new InteractiveCall
        {
            Kind = kind,
            IdCardNo = Text("idCardNo"),
            PatientName = Text("patientName"),
            MobilePhone = Text("mobilePhone"),
            HisUserId = Text("hisUserId"),
            PatientType = Text("patientType"),
            Hospitalld = Text("hospitalld"),
            ClientIp = Text("clientIp"),
            Mac = Text("mac"),
            DoctorType = Text("doctorType"),
            DoctorCode = Text("doctorCode"),
            DoctorIdCardNo = Text("doctorIdCardNo"),
            ExamList = exams,
            ExamListMalformed = examListMalformed && kind == CallKind.CheckAgain,
            Malformed = malformed,
        };
    }
}

/// <summary>What an ID number field holds.</summary>
public enum IdForm
{
    /// <summary>Neither a resident ID number nor cipher text of the configured layout.</summary>
    Invalid,

    /// <summary>A resident ID number in clear: the relay encrypts it.</summary>
    Clear,

    /// <summary>Cipher text of the configured layout: passed on unchanged.</summary>
    Cipher,
}

/// <summary>ID numbers as the relay takes them.</summary>
public static class RelayIds
{
    /// <summary>
    /// A GB 11643 number (18 characters, the check character right; a lower-case x is written X)
    /// or a legacy 15-digit number (digits only, a real yyMMdd birth date in the 1900s) is clear
    /// text, normalised in <paramref name="normalised"/>. A value with the configured cipher
    /// text's shape passes through. Anything else (a passport or permit number) is invalid: the
    /// cloud indexes studies by resident ID number.
    /// </summary>
    public static IdForm Classify(string? value, Sm2Format format, out string normalised)
    {
        normalised = (value ?? "").Trim();
        if (normalised.Length == 18 && ResidentIdNumber.IsValid(normalised))
        {
            normalised = normalised.ToUpperInvariant();
            return IdForm.Clear;
        }
        if (normalised.Length == 15 && IsLegacy(normalised))
        {
            return IdForm.Clear;
        }
        return normalised.Length > 0 && format.LooksLikeCipherText(normalised) ? IdForm.Cipher : IdForm.Invalid;
    }

    private static bool IsLegacy(string value) =>
        value.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0
        && DateOnly.TryParseExact("19" + value[6..12], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>For log lines: a clear number masked (first 6 and last 4), cipher text not shown at all.</summary>
    public static string ForLog(string? value, IdForm form) => form switch
    {
        IdForm.Clear => Masking.IdNumber(value),
        IdForm.Cipher => "(encrypted by the HIS)",
        _ => "(invalid)",
    };
}

/// <summary>
/// The checks of a §3.2/§3.3 body, as the contract settles them: presence (clientIp or mac, one
/// of them; healthNo and hisUserName optional; examList for §3.3 only) and the checksum of the ID
/// numbers in clear. Codes and formats pass through unchecked. The first problem is answered, in
/// the order of the document's table, worded as the cloud words its own: <c>xx:不能为空</c>,
/// <c>xx参数值异常</c>.
/// </summary>
public sealed class InteractiveCallValidator : AbstractValidator<InteractiveCall>
{
    public InteractiveCallValidator(IOptions<RelayOptions> options)
    {
        var format = options.Value.Sm2.Format;
        ClassLevelCascadeMode = CascadeMode.Stop;
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(c => c.Malformed).Must(m => m.Count == 0).WithMessage(c => $"{c.Malformed[0]}参数值异常");

        Required(c => c.IdCardNo, "idCardNo")
            .Must(v => RelayIds.Classify(v, format, out _) != IdForm.Invalid).WithMessage("idCardNo参数值异常");
        Required(c => c.PatientName, "patientName");
        Required(c => c.MobilePhone, "mobilePhone");
        Required(c => c.HisUserId, "hisUserId");
        Required(c => c.PatientType, "patientType");
        Required(c => c.Hospitalld, "hospitalld");
        RuleFor(c => c.ClientIp).Must((call, ip) => !IsBlank(ip) || !IsBlank(call.Mac)).WithMessage("clientIp:不能为空（与mac选其一）");
        Required(c => c.DoctorType, "doctorType");
        Required(c => c.DoctorCode, "doctorCode");
        Required(c => c.DoctorIdCardNo, "doctorIdCardNo")
            .Must(v => RelayIds.Classify(v, format, out _) != IdForm.Invalid).WithMessage("doctorIdCardNo参数值异常");

        When(c => c.Kind == CallKind.CheckAgain, () =>
        {
            RuleFor(c => c.ExamListMalformed).Equal(false).WithMessage("examList参数值异常");
            RuleFor(c => c.ExamList).Must(list => list is { Count: > 0 }).WithMessage("examList:不能为空");
            RuleFor(c => c.ExamList).Custom((list, context) =>
            {
                for (var i = 0; i < list!.Count; i++)
                {
                    var field = IsBlank(list[i].ExamCode) ? "examCode" : IsBlank(list[i].ExamName) ? "examName" : null;
                    if (field is not null)
                    {
                        context.AddFailure($"examList[{i}].{field}", $"examList[{i}].{field}:不能为空");
                        return;
                    }
                }
            });
        });
    }

    private IRuleBuilderOptions<InteractiveCall, string?> Required(System.Linq.Expressions.Expression<Func<InteractiveCall, string?>> field, string name) =>
        RuleFor(field).Must(v => !IsBlank(v)).WithMessage($"{name}:不能为空");

    internal static bool IsBlank(string? value) => string.IsNullOrWhiteSpace(value);
}
