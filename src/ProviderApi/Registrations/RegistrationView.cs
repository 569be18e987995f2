using System.Text.Json.Serialization;
using ProviderApi.Check;
using ProviderApi.Contract;
using ProviderApi.Views;

namespace ProviderApi.Registrations;

/// <summary>View_Register_Info (§3.4): read by the cloud, pushed to saveDataStorage (§3.4.2); not served over HTTP.</summary>
public static class RegistrationView
{
    public static readonly StandardView<Registration> Declaration = new(
        "View_Register_Info",
        ViewModes.ReadByCloud | ViewModes.Pushed,
        columns:
        [
            "idCardNo", "healthNo", "insuranceId", "hospitalizationId", "medicareNo", "mobilePhone", "patientName",
            "patientSex", "patientAge", "patientType", "outpatientNumber", "registDateTime", "outpatientDateTime",
            "outpatientDeptName", "outpatientDeptCode", "outpatientDocName", "outpatientDocHisUid", "outpatientDocCode",
            "outpatientIdcardNo", "quitType", "outpatientType", "admissionRegistDateTime", "admissionDateTime",
            "admissionDeptCode", "admissionDeptName", "dischargedDateTime", "currentDeptCode", "currentDeptName",
            "diagnoseCode", "diagnoseName", "wardNo", "bedNo", "hospitalld",
        ],
        key: "outpatientNumber",
        RegistrationJsonContext.Contract.Registration,
        sexTexts => new RegistrationValidator(sexTexts),
        label: (row, _) => row.OutpatientNumber)
    {
        DuplicateRule = CheckRules.RegNumberDuplicate.Id,
        PushedAs = "registration",
        // §3.4.2 does not list them: the visiting doctor's practitioner code and ID number stay in the hospital.
        NotPushed = new HashSet<string>(StringComparer.Ordinal) { "outpatientDocCode", "outpatientIdcardNo" },
    };
}

/// <summary>System.Text.Json metadata for a registration, generated at build time, with the contract's options.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(Registration))]
public sealed partial class RegistrationJsonContext : JsonSerializerContext
{
    public static RegistrationJsonContext Contract { get; } = new(ContractJsonContext.NewOptions());
}
