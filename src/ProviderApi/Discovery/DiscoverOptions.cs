namespace ProviderApi.Discovery;

/// <summary>Configuration section <c>Discover</c>: the bounds of one <c>discover</c> run on a production HIS.</summary>
public sealed class DiscoverOptions
{
    public const string Section = "Discover";

    /// <summary>Rows read from one table at most (a sample, taken the engine's cheap way).</summary>
    public int MaxRowsPerTable { get; set; } = 1000;

    /// <summary>Seconds the whole run may take; past it the tables not yet read are ranked by their names alone (stoppedEarly).</summary>
    public int MaxSeconds { get; set; } = 300;

    /// <summary>Tables sampled at most (the catalog is read whole; the rest are ranked by their names alone).</summary>
    public int MaxTables { get; set; } = 2000;

    /// <summary>The schemas read (MySQL: databases; Oracle: owners); empty: every schema but the system's and imgcloud.</summary>
    public List<string> Schemas { get; set; } = [];

    /// <summary>What is wrong with these settings, each naming its key.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxRowsPerTable is < 1 or > 1_000_000)
        {
            yield return $"Discover:MaxRowsPerTable must be 1 to 1000000, not {MaxRowsPerTable}.";
        }
        if (MaxSeconds is < 0 or > 86_400)
        {
            yield return $"Discover:MaxSeconds must be 0 (the catalog only) to 86400, not {MaxSeconds}.";
        }
        if (MaxTables is < 1 or > 1_000_000)
        {
            yield return $"Discover:MaxTables must be 1 to 1000000, not {MaxTables}.";
        }
    }
}
