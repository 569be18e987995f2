using System.Text.Json.Serialization;

namespace ProviderApi.Registrations;

/// <summary>
/// A row of View_Register_Info (§3.4): the 33 columns in the contract's order, all strings.
/// </summary>
public sealed class Registration
{
    /// <summary>患者身份证号。</summary>
    [JsonPropertyName("idCardNo")]
    public string? IdCardNo { get; init; }

    /// <summary>电子健康卡号。</summary>
    [JsonPropertyName("healthNo")]
    public string? HealthNo { get; init; }

    /// <summary>就诊卡号。</summary>
    [JsonPropertyName("insuranceId")]
    public string? InsuranceId { get; init; }

    /// <summary>住院号。</summary>
    [JsonPropertyName("hospitalizationId")]
    public string? HospitalizationId { get; init; }

    /// <summary>电子医保码号。</summary>
    [JsonPropertyName("medicareNo")]
    public string? MedicareNo { get; init; }

    /// <summary>手机号。</summary>
    [JsonPropertyName("mobilePhone")]
    public string? MobilePhone { get; init; }

    /// <summary>患者姓名。</summary>
    [JsonPropertyName("patientName")]
    public string? PatientName { get; init; }

    /// <summary>性别：男 / 女 / 未知。</summary>
    [JsonPropertyName("patientSex")]
    public string? PatientSex { get; init; }

    /// <summary>就诊时年龄（周岁）。</summary>
    [JsonPropertyName("patientAge")]
    public string? PatientAge { get; init; }

    /// <summary>患者类型：1 门急诊，2 住院，3 体检，9 其他。</summary>
    [JsonPropertyName("patientType")]
    public string? PatientType { get; init; }

    /// <summary>就诊登记流水号（住院为住院登记流水号），唯一。</summary>
    [JsonPropertyName("outpatientNumber")]
    public string? OutpatientNumber { get; init; }

    /// <summary>挂号（登记）时间。</summary>
    [JsonPropertyName("registDateTime")]
    public string? RegistDateTime { get; init; }

    /// <summary>就诊时间。</summary>
    [JsonPropertyName("outpatientDateTime")]
    public string? OutpatientDateTime { get; init; }

    /// <summary>就诊科室名称。</summary>
    [JsonPropertyName("outpatientDeptName")]
    public string? OutpatientDeptName { get; init; }

    /// <summary>就诊科室编码。</summary>
    [JsonPropertyName("outpatientDeptCode")]
    public string? OutpatientDeptCode { get; init; }

    /// <summary>就诊医生姓名。</summary>
    [JsonPropertyName("outpatientDocName")]
    public string? OutpatientDocName { get; init; }

    /// <summary>就诊医生 HIS 账号。</summary>
    [JsonPropertyName("outpatientDocHisUid")]
    public string? OutpatientDocHisUid { get; init; }

    /// <summary>就诊医生国家医保医师代码。</summary>
    [JsonPropertyName("outpatientDocCode")]
    public string? OutpatientDocCode { get; init; }

    /// <summary>就诊医生身份证号。</summary>
    [JsonPropertyName("outpatientIdcardNo")]
    public string? OutpatientIdcardNo { get; init; }

    /// <summary>是否退号：0 否，1 是。</summary>
    [JsonPropertyName("quitType")]
    public string? QuitType { get; init; }

    /// <summary>是否已就诊：0 否，1 是。</summary>
    [JsonPropertyName("outpatientType")]
    public string? OutpatientType { get; init; }

    /// <summary>入院登记时间。</summary>
    [JsonPropertyName("admissionRegistDateTime")]
    public string? AdmissionRegistDateTime { get; init; }

    /// <summary>入院时间。</summary>
    [JsonPropertyName("admissionDateTime")]
    public string? AdmissionDateTime { get; init; }

    /// <summary>入院科室编码。</summary>
    [JsonPropertyName("admissionDeptCode")]
    public string? AdmissionDeptCode { get; init; }

    /// <summary>入院科室名称。</summary>
    [JsonPropertyName("admissionDeptName")]
    public string? AdmissionDeptName { get; init; }

    /// <summary>出院时间。</summary>
    [JsonPropertyName("dischargedDateTime")]
    public string? DischargedDateTime { get; init; }

    /// <summary>当前科室编码。</summary>
    [JsonPropertyName("currentDeptCode")]
    public string? CurrentDeptCode { get; init; }

    /// <summary>当前科室名称。</summary>
    [JsonPropertyName("currentDeptName")]
    public string? CurrentDeptName { get; init; }

    /// <summary>诊断编码。</summary>
    [JsonPropertyName("diagnoseCode")]
    public string? DiagnoseCode { get; init; }

    /// <summary>诊断名称。</summary>
    [JsonPropertyName("diagnoseName")]
    public string? DiagnoseName { get; init; }

    /// <summary>病区。</summary>
    [JsonPropertyName("wardNo")]
    public string? WardNo { get; init; }

    /// <summary>床号。</summary>
    [JsonPropertyName("bedNo")]
    public string? BedNo { get; init; }

    /// <summary>医院医保医疗机构编码。</summary>
    [JsonPropertyName("hospitalld")]
    public string? Hospitalld { get; init; }
}
