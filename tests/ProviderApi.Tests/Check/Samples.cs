using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using FluentValidation.Results;
using ProviderApi.Check;
using ProviderApi.Common;
using ProviderApi.Dictionaries;
using ProviderApi.Registrations;
using ProviderApi.Settlements;

namespace ProviderApi.Tests.Check;

/// <summary>Rows that keep every rule, and the same rows with chosen fields changed (by their contract names).</summary>
public static class Samples
{
    public static readonly DateOnly PatientBirth = new(1980, 5, 1);

    /// <summary>The patient's ID number: born 1980-05-01, so 45 at the visit of 2025-06-10.</summary>
    public static readonly string PatientId = ResidentIdNumber.Create("450000", PatientBirth, 123);

    public static readonly string DoctorId = ResidentIdNumber.Create("450000", new DateOnly(1975, 3, 9), 457);

    public static readonly IReadOnlySet<string> SexTexts = new HashSet<string>(["男", "女", "未知"]);

    private static readonly Dictionary<string, string?> Outpatient = new()
    {
        ["idCardNo"] = PatientId,
        ["healthNo"] = null,
        ["insuranceId"] = "P0000001",
        ["hospitalizationId"] = null,
        ["medicareNo"] = null,
        ["mobilePhone"] = "17000001234",
        ["patientName"] = "张三",
        ["patientSex"] = "男",
        ["patientAge"] = "45",
        ["patientType"] = "1",
        ["outpatientNumber"] = "2025061000012",
        ["registDateTime"] = "2025-06-01 10:45:22",
        ["outpatientDateTime"] = "2025-06-10 09:30:00",
        ["outpatientDeptName"] = "心血管内科",
        ["outpatientDeptCode"] = "0101",
        ["outpatientDocName"] = "王医生",
        ["outpatientDocHisUid"] = "E0003",
        ["outpatientDocCode"] = "D450103000123",
        ["outpatientIdcardNo"] = DoctorId,
        ["quitType"] = "0",
        ["outpatientType"] = "1",
        ["admissionRegistDateTime"] = null,
        ["admissionDateTime"] = null,
        ["admissionDeptCode"] = null,
        ["admissionDeptName"] = null,
        ["dischargedDateTime"] = null,
        ["currentDeptCode"] = null,
        ["currentDeptName"] = null,
        ["diagnoseCode"] = null,
        ["diagnoseName"] = null,
        ["wardNo"] = null,
        ["bedNo"] = null,
        ["hospitalld"] = "H45010000001",
    };

    /// <summary>An outpatient row that keeps every rule, with <paramref name="changes"/> applied.</summary>
    public static Registration Registration(params (string Field, string? Value)[] changes) =>
        Build(Outpatient, changes, ProviderApi.Registrations.RegistrationJsonContext.Contract.Registration);

    /// <summary>An inpatient in a bed (patientType 2, outpatientType 1) that keeps every rule, with <paramref name="changes"/> applied.</summary>
    public static Registration Inpatient(params (string Field, string? Value)[] changes) =>
        Build(Outpatient, [
            ("patientType", "2"), ("outpatientNumber", "ZYP000000101"),
            ("registDateTime", "2025-06-09 15:00:00"), ("outpatientDateTime", "2025-06-10 09:30:00"),
            ("admissionRegistDateTime", "2025-06-09 15:00:00"), ("admissionDateTime", "2025-06-10 09:30:00"),
            ("admissionDeptCode", "0101"), ("admissionDeptName", "心血管内科"),
            ("currentDeptCode", "0101"), ("currentDeptName", "心血管内科"), ("wardNo", "3101"), ("bedNo", "12"),
            .. changes,
        ], ProviderApi.Registrations.RegistrationJsonContext.Contract.Registration);

    public static ExamItem ExamItem(params (string Field, string? Value)[] changes) =>
        Build(new()
        {
            ["hospitalld"] = "H45010000001",
            ["modality"] = "CT",
            ["examCode"] = "CT0001",
            ["examName"] = "头颅CT平扫",
            ["examBodyPart"] = "头部",
            ["examPrice"] = "150.00",
            ["checkStatus"] = "0",
            ["sourceType"] = "2",
        }, changes, ProviderApi.Dictionaries.DictionaryJsonContext.Contract.ExamItem);

    public static Settlement Settlement(params (string Field, string? Value)[] changes) =>
        Build(new()
        {
            ["accessionNo"] = "CT2025091823",
            ["studyOrderId"] = "SQ2354435324",
            ["setlId"] = "450120250610000001",
            ["medListCodg"] = "002103000010000",
            ["feedetlSn"] = "MZ202506100001",
            ["examPart"] = "B02010ZZZ",
            ["hospitalld"] = "H45010000001",
        }, changes, ProviderApi.Settlements.SettlementJsonContext.Contract.Settlement);

    public static Department Department(params (string Field, string? Value)[] changes) =>
        Build(new()
        {
            ["deptCode"] = "0101",
            ["deptName"] = "心血管内科",
            ["hospitalld"] = "H45010000001",
        }, changes, ProviderApi.Dictionaries.DictionaryJsonContext.Contract.Department);

    /// <summary>What a validator reports: (rule id, field, severity) for each failure, in a stable order.</summary>
    public static List<(string Rule, string Field, RuleSeverity Severity)> Broken<T>(IValidator<T> validator, T row) =>
        Broken(validator.Validate(row));

    public static List<(string Rule, string Field, RuleSeverity Severity)> Broken(ValidationResult result) =>
        [.. result.Errors
            .Select(e => (e.ErrorCode, JsonNamingPolicy.CamelCase.ConvertName(e.PropertyName), CheckRules.Get(e.ErrorCode).Severity))
            .Order()];

    private static T Build<T>(Dictionary<string, string?> good, (string Field, string? Value)[] changes, JsonTypeInfo<T> type)
    {
        var row = new JsonObject();
        foreach (var (field, value) in good)
        {
            row[field] = value;
        }
        foreach (var (field, value) in changes)
        {
            Assert.True(good.ContainsKey(field), $"no field {field}");
            row[field] = value;
        }
        return row.Deserialize(type)!;
    }
}
