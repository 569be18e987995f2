using System.Text.Json.Serialization;

namespace ProviderApi.Dictionaries;

/// <summary>
/// 检查项目（getExamDict 的 datas 元素）。Keys and their order are the contract's
/// (§3.5.2); every value is a string. Filled by Dapper from View_ProjectItemCode_Info.
/// </summary>
public sealed class ExamItem
{
    /// <summary>医院医保医疗机构编码（H + 11 位数字）。</summary>
    [JsonPropertyName("hospitalld")]
    public string? Hospitalld { get; init; }

    /// <summary>检查类型（设备类型），如 CT、MR、DR、US。</summary>
    [JsonPropertyName("modality")]
    public string? Modality { get; init; }

    /// <summary>检查项目编码（医院 HIS 内的编码，唯一）。</summary>
    [JsonPropertyName("examCode")]
    public string? ExamCode { get; init; }

    /// <summary>检查项目名称。</summary>
    [JsonPropertyName("examName")]
    public string? ExamName { get; init; }

    /// <summary>检查部位。</summary>
    [JsonPropertyName("examBodyPart")]
    public string? ExamBodyPart { get; init; }

    /// <summary>检查价格（元，两位小数，如 500.00）。</summary>
    [JsonPropertyName("examPrice")]
    public string? ExamPrice { get; init; }

    /// <summary>状态：0 有效，1 无效（停用）。</summary>
    [JsonPropertyName("checkStatus")]
    public string? CheckStatus { get; init; }

    /// <summary>来源：1 PACS，2 HIS。</summary>
    [JsonPropertyName("sourceType")]
    public string? SourceType { get; init; }
}
