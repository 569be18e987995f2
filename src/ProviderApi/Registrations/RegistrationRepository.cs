using ProviderApi.Data;

namespace ProviderApi.Registrations;

/// <summary>Reads View_Register_Info as the cloud sees it (for the contract check and the push worker).</summary>
public sealed class RegistrationRepository(ViewReader views)
{
    private const string Sql = """
        SELECT idCardNo, healthNo, insuranceId, hospitalizationId, medicareNo, mobilePhone, patientName,
               patientSex, patientAge, patientType, outpatientNumber, registDateTime, outpatientDateTime,
               outpatientDeptName, outpatientDeptCode, outpatientDocName, outpatientDocHisUid, outpatientDocCode,
               outpatientIdcardNo, quitType, outpatientType, admissionRegistDateTime, admissionDateTime,
               admissionDeptCode, admissionDeptName, dischargedDateTime, currentDeptCode, currentDeptName,
               diagnoseCode, diagnoseName, wardNo, bedNo, hospitalld
        FROM View_Register_Info
        """;

    public IAsyncEnumerable<Registration> StreamAsync(CancellationToken cancellationToken) =>
        views.StreamAsync<Registration>(Sql, cancellationToken);
}
