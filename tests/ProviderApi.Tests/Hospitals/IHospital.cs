using System.Data.Common;

namespace ProviderApi.Tests.Hospitals;

/// <summary>
/// A demo hospital on one database engine: the provider serving it over HTTP, and a connection
/// that reads the standard views (and the demo HIS tables) unqualified, as the cloud's login would.
/// </summary>
public interface IHospital
{
    HttpClient Client { get; }

    /// <summary>How this engine names the demo HIS's tables and writes parameters.</summary>
    ProviderApi.Data.DatabaseEngine Dialect { get; }

    /// <summary>The moment the demo data was generated relative to.</summary>
    DateTime Anchor { get; }

    /// <summary>A connection to the hospital's database; read-only unless <paramref name="writable"/> (tests then write inside a transaction they roll back).</summary>
    DbConnection Open(bool writable = false);

    /// <summary>Skips the calling test with the reason when this engine cannot be reached here (never under CI for PostgreSQL).</summary>
    void SkipUnlessAvailable();
}
