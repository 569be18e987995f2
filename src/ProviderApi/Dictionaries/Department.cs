using System.Text.Json.Serialization;

namespace ProviderApi.Dictionaries;

/// <summary>
/// 科室（getDeptInfo 的 datas 元素）。Keys and their order are the contract's (§3.7.2);
/// the view's remark column is not part of the answer. Filled from View_Dept_Info.
/// </summary>
public sealed class Department
{
    /// <summary>科室编码。</summary>
    [JsonPropertyName("deptCode")]
    public string? DeptCode { get; init; }

    /// <summary>科室名称。</summary>
    [JsonPropertyName("deptName")]
    public string? DeptName { get; init; }

    /// <summary>医院医保医疗机构编码（H + 11 位数字）。</summary>
    [JsonPropertyName("hospitalld")]
    public string? Hospitalld { get; init; }
}
