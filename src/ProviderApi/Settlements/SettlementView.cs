using System.Text.Json.Serialization;
using ProviderApi.Check;
using ProviderApi.Common;
using ProviderApi.Contract;
using ProviderApi.Views;

namespace ProviderApi.Settlements;

/// <summary>view_setlInfoList (§3.6): read by the cloud, pushed to saveSetlInfoList (§3.6.2); not served over HTTP; no key of its own.</summary>
public static class SettlementView
{
    public static readonly StandardView<Settlement> Declaration = new(
        "view_setlInfoList",
        ViewModes.ReadByCloud | ViewModes.Pushed,
        columns: ["accessionNo", "studyOrderId", "setlId", "medListCodg", "feedetlSn", "examPart", "hospitalld"],
        key: null,
        SettlementJsonContext.Contract.Settlement,
        _ => new SettlementValidator(),
        Label)
    {
        PushedAs = "settlement",
        PushLabel = row => Masking.Value("label", $"accessionNo {row.AccessionNo ?? "-"}, studyOrderId {row.StudyOrderId ?? "-"}")!,
    };

    /// <summary>A settlement row has no key of its own: its accession number, else its study order id, else its place in the read.</summary>
    private static string Label(Settlement row, long number) =>
        !ContractFormats.IsEmpty(row.AccessionNo) ? row.AccessionNo!
        : !ContractFormats.IsEmpty(row.StudyOrderId) ? $"studyOrderId {row.StudyOrderId}"
        : $"#{number}";
}

/// <summary>System.Text.Json metadata for a settlement, generated at build time, with the contract's options.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(Settlement))]
public sealed partial class SettlementJsonContext : JsonSerializerContext
{
    public static SettlementJsonContext Contract { get; } = new(ContractJsonContext.NewOptions());
}
