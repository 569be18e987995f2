using ProviderApi.Data;

namespace ProviderApi.Settlements;

/// <summary>Reads view_setlInfoList as the cloud sees it (for the contract check and the push worker).</summary>
public sealed class SettlementRepository(ViewReader views)
{
    private const string Sql = """
        SELECT accessionNo, studyOrderId, setlId, medListCodg, feedetlSn, examPart, hospitalld
        FROM view_setlInfoList
        """;

    public IAsyncEnumerable<Settlement> StreamAsync(CancellationToken cancellationToken) =>
        views.StreamAsync<Settlement>(Sql, cancellationToken);
}
