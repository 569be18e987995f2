using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ProviderApi.Common;

/// <summary>
/// The provider's own instruments (meter <c>ProviderApi</c>), scraped at /metrics beside ASP.NET
/// Core's. Tags are bounded: endpoint names, outcomes, dictionary names, and the addresses of the
/// cloud's callers (only those admitted, so no more than the cloud's networks hold).
/// </summary>
public sealed class ProviderMetrics
{
    public const string MeterName = "ProviderApi";

    /// <summary>Callers remembered for the last-poll gauge; beyond this the oldest is forgotten.</summary>
    private const int MaxCallers = 256;

    private readonly TimeProvider clock;
    private readonly Counter<long> cloudRequests;
    private readonly Counter<long> rowsServed;
    private readonly Counter<long> databaseReads;
    private readonly Histogram<double> databaseReadDuration;
    private readonly Counter<long> cacheHits;
    private readonly Counter<long> staleServes;
    private readonly Counter<long> refused;
    private readonly Counter<long> silenceAlerts;
    private readonly ConcurrentDictionary<string, DateTimeOffset> lastPolls = new(StringComparer.Ordinal);

    public ProviderMetrics(IMeterFactory meters, TimeProvider clock)
    {
        this.clock = clock;
        var meter = meters.Create(MeterName);
        cloudRequests = meter.CreateCounter<long>("imgcloud.cloud.requests", "{request}", "Requests to the cloud's endpoints, by endpoint and outcome (ok, stale, error, refused, aborted).");
        rowsServed = meter.CreateCounter<long>("imgcloud.rows.served", "{row}", "Dictionary rows sent to the cloud, by endpoint.");
        databaseReads = meter.CreateCounter<long>("imgcloud.db.reads", "{query}", "Queries of the standard views, by outcome (ok, error).");
        databaseReadDuration = meter.CreateHistogram<double>("imgcloud.db.read.duration", "s", "Time from opening a connection to the last row of a view query.");
        cacheHits = meter.CreateCounter<long>("imgcloud.cache.hits", "{request}", "Dictionary answers served from the cache, by dictionary.");
        staleServes = meter.CreateCounter<long>("imgcloud.cache.stale", "{request}", "Dictionary answers served stale because the database failed, by dictionary.");
        refused = meter.CreateCounter<long>("imgcloud.access.refused", "{request}", "Callers refused with 401, by the list they were not on.");
        silenceAlerts = meter.CreateCounter<long>("imgcloud.cloud.silence.alerts", "{alert}", "Times the cloud was found not to have polled within Monitoring:CloudSilenceMinutes.");
        meter.CreateObservableGauge("imgcloud.cloud.last_poll", ObserveLastPolls, "s", "When each cloud address last polled (Unix time), by client.address.");
        meter.CreateObservableGauge("imgcloud.cloud.silent", () => Silent ? 1 : 0, "{alert}", "1 while the cloud has not polled within Monitoring:CloudSilenceMinutes, else 0.");
    }

    /// <summary>When any cloud address last polled; null before the first poll.</summary>
    public DateTimeOffset? LastPoll { get; private set; }

    /// <summary>Set by the silence watchdog.</summary>
    public bool Silent { get; set; }

    public IReadOnlyDictionary<string, DateTimeOffset> LastPolls => lastPolls;

    public void CloudRequest(string endpoint, string outcome, int rows, string? caller)
    {
        cloudRequests.Add(1, new("endpoint", endpoint), new("outcome", outcome));
        if (rows > 0)
        {
            rowsServed.Add(rows, new KeyValuePair<string, object?>("endpoint", endpoint));
        }
        if (caller is not null && outcome is not "refused")
        {
            var now = clock.GetUtcNow();
            LastPoll = now;
            if (lastPolls.Count >= MaxCallers && !lastPolls.ContainsKey(caller))
            {
                var oldest = lastPolls.MinBy(p => p.Value).Key;
                lastPolls.TryRemove(oldest, out _);
            }
            lastPolls[caller] = now;
        }
    }

    public void DatabaseRead(bool ok, TimeSpan elapsed)
    {
        var outcome = new KeyValuePair<string, object?>("outcome", ok ? "ok" : "error");
        databaseReads.Add(1, outcome);
        databaseReadDuration.Record(elapsed.TotalSeconds, outcome);
    }

    public void CacheHit(string dictionary) => cacheHits.Add(1, new KeyValuePair<string, object?>("dictionary", dictionary));

    public void StaleServe(string dictionary) => staleServes.Add(1, new KeyValuePair<string, object?>("dictionary", dictionary));

    public void Refused(Audience audience) => refused.Add(1, new KeyValuePair<string, object?>("audience", audience.ToString()));

    public void SilenceAlert() => silenceAlerts.Add(1);

    private IEnumerable<Measurement<double>> ObserveLastPolls() =>
        lastPolls.Select(p => new Measurement<double>(p.Value.ToUnixTimeMilliseconds() / 1000.0, new KeyValuePair<string, object?>("client.address", p.Key)));
}
