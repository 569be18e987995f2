using System.Text.Json;
using System.Text.Json.Serialization;
using ProviderApi.Contract;

namespace ProviderApi.Discovery;

/// <summary>The report of discover (<c>--report</c>): counts, bounds, and per source-view column its candidates; counts and rates only, never a value.</summary>
public sealed record DiscoverReport(
    string Engine,
    int TablesRead,
    long RowsRead,
    double Seconds,
    bool StoppedEarly,
    IReadOnlyList<FieldReport> Fields,
    IReadOnlyList<JoinReport> Joins)
{
    /// <summary>Tables in the catalog (of the schemas read).</summary>
    public int TablesInCatalog { get; init; }

    public int MaxRowsPerTable { get; init; }

    /// <summary>Keys probed to confirm joins, and the rows they returned (besides rowsRead).</summary>
    public int KeyProbes { get; init; }

    public long KeyProbeRows { get; init; }

    public int MaxSeconds { get; init; }

    /// <summary>How the session was kept read-only.</summary>
    public string ReadOnly { get; init; } = "";

    /// <summary>Per source view, the table it is drawn from in the draft ("schema.table").</summary>
    public IReadOnlyDictionary<string, string> ViewTables { get; init; } = new Dictionary<string, string>();

    /// <summary>Tables whose sample could not be read, with the reason (numbers masked).</summary>
    public IReadOnlyList<string> Unreadable { get; init; } = [];
}

public sealed record FieldReport(string View, string Column, IReadOnlyList<CandidateReport> Candidates);

public sealed record CandidateReport(string Schema, string Table, string Column, double Score, string Evidence);

public sealed record JoinReport(string FromTable, string FromColumn, string ToTable, string ToColumn, double MatchRate)
{
    public string FromSchema { get; init; } = "";

    public string ToSchema { get; init; } = "";
}

[JsonSerializable(typeof(DiscoverReport))]
public sealed partial class DiscoverJsonContext : JsonSerializerContext
{
    public static DiscoverJsonContext Report { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = ContractJsonContext.Encoder,
    });

    /// <summary>The report as built from what was read and ranked.</summary>
    public static DiscoverReport Build(string engine, HisRead read, Ranking ranking, DiscoverOptions options, string readOnly) =>
        new(
            engine,
            read.TablesRead,
            read.RowsRead,
            Math.Round(read.Seconds, 1),
            read.StoppedEarly,
            ranking.Fields.Select(f => new FieldReport(f.Spec.View, f.Spec.Column,
                f.Candidates.Select(c => new CandidateReport(c.Table.Schema, c.Table.Name, c.Column, c.Score, c.Evidence)).ToList())).ToList(),
            ranking.Joins.Select(j => new JoinReport(j.From.Name, j.FromColumn, j.To.Name, j.ToColumn, j.MatchRate) { FromSchema = j.From.Schema, ToSchema = j.To.Schema }).ToList())
        {
            TablesInCatalog = read.Tables.Count,
            MaxRowsPerTable = options.MaxRowsPerTable,
            KeyProbes = read.Probes,
            KeyProbeRows = read.ProbeRows,
            MaxSeconds = options.MaxSeconds,
            ReadOnly = readOnly,
            ViewTables = ranking.MainTables.ToDictionary(m => m.Key, m => m.Value.Label, StringComparer.Ordinal),
            Unreadable = read.Tables.Where(t => t.Problem is not null).Select(t => $"{t.Label}: {t.Problem}").ToList(),
        };
}
