using System.Text.Json.Serialization;

namespace ProviderApi.Settlements;

/// <summary>
/// A row of view_setlInfoList (§3.6): the 7 columns in the contract's order, all strings.
/// </summary>
public sealed class Settlement
{
    /// <summary>检查号（与 studyOrderId 二选一）。</summary>
    [JsonPropertyName("accessionNo")]
    public string? AccessionNo { get; init; }

    /// <summary>检查申请单号（与 accessionNo 二选一）。</summary>
    [JsonPropertyName("studyOrderId")]
    public string? StudyOrderId { get; init; }

    /// <summary>医保结算 ID；自费为 20 个 0。</summary>
    [JsonPropertyName("setlId")]
    public string? SetlId { get; init; }

    /// <summary>医疗目录编码。</summary>
    [JsonPropertyName("medListCodg")]
    public string? MedListCodg { get; init; }

    /// <summary>费用明细流水号；自费为 20 个 0。</summary>
    [JsonPropertyName("feedetlSn")]
    public string? FeedetlSn { get; init; }

    /// <summary>WS/T 364.8-2023 检查部位（技术）代码，9 位。</summary>
    [JsonPropertyName("examPart")]
    public string? ExamPart { get; init; }

    /// <summary>医院医保医疗机构编码。</summary>
    [JsonPropertyName("hospitalld")]
    public string? Hospitalld { get; init; }
}
