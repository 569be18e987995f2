using System.Diagnostics.Metrics;
using ProviderApi.Common;

namespace ProviderApi.Push;

/// <summary>
/// What the push worker shows outside: instruments on the provider's meter (scraped at
/// /metrics), and the alerts. A settlement not delivered within Push:SettlementAlertHours of
/// first appearing in the view opens an incident: one error line and one count of
/// imgcloud.push.alerts when it opens, one information line when the last such row is
/// delivered, never one per retry.
/// </summary>
public sealed class PushMonitor
{
    private readonly Counter<long> calls;
    private readonly Counter<long> alerts;
    private readonly ILogger<PushMonitor> logger;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> raised = new(StringComparer.Ordinal);
    private volatile Snapshot current = new([], 0, null);
    private bool incident;

    public PushMonitor(IMeterFactory meters, ILogger<PushMonitor> logger)
    {
        this.logger = logger;
        var meter = meters.Create(ProviderMetrics.MeterName);
        calls = meter.CreateCounter<long>("imgcloud.push.calls", "{call}", "Push calls and rows judged before a call, by kind and outcome (delivered, rejected, unauthorized, misconfigured, transient; invalid: parked; accepted: sent with problems an accepted exception covers).");
        alerts = meter.CreateCounter<long>("imgcloud.push.alerts", "{alert}", "Push alerts raised, by alert (overdue: a settlement not delivered within Push:SettlementAlertHours; paused: a 401 or a wrong address stopped all pushing).");
        meter.CreateObservableGauge("imgcloud.push.rows", ObserveRows, "{row}", "Rows the push knows, by kind and state (pending, delivered, rejected, invalid, expired); from the instance holding the lease.");
        meter.CreateObservableGauge("imgcloud.push.accepted", ObserveAccepted, "{row}", "Rows the push sent or will send although they break a rule, because an accepted exception covers it (Check:AcceptedExceptionsPath), by kind and state; from the instance holding the lease.");
        meter.CreateObservableGauge("imgcloud.push.oldest_undelivered", ObserveOldest, "s", "Age of the oldest row not yet delivered (pending or parked), by kind; 0 when none.");
        meter.CreateObservableGauge("imgcloud.push.overdue", () => current.Overdue, "{row}", "Settlements not delivered within Push:SettlementAlertHours.");
        meter.CreateObservableGauge("imgcloud.push.paused", () => PausedReason is null ? 0 : 1, "{state}", "1 while pushing is paused (401 or a wrong address), else 0.");
        meter.CreateObservableGauge("imgcloud.push.standby", () => Standby ? 1 : 0, "{state}", "1 while another instance holds the push lease, else 0.");
    }

    /// <summary>True while another instance holds the lease.</summary>
    public bool Standby { get; set; }

    /// <summary>Why pushing is paused; null when it is not.</summary>
    public string? PausedReason { get; private set; }

    public long? PausedAtMs { get; private set; }

    /// <summary>The last poll's failure (database or store unreachable), masked; null after a good poll.</summary>
    public string? LastPollProblem { get; private set; }

    /// <summary>When the last poll ended (Unix ms); null before the first.</summary>
    public long? LastPollMs { get; private set; }

    /// <summary>Rows each interface's view had at its last read (a scan), and when (Unix ms).</summary>
    public IReadOnlyDictionary<PushKind, (long Rows, long AtMs)> LastScans => lastScans;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<PushKind, (long Rows, long AtMs)> lastScans = new();

    internal void Scanned(PushKind kind, long rows) => lastScans[kind] = (rows, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    internal void PollEnded(string? problem)
    {
        LastPollProblem = problem;
        LastPollMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    }

    internal void Paused(string? reason, long? atMs)
    {
        PausedReason = reason;
        PausedAtMs = atMs;
    }

    internal void Counted(PushKind kind, string outcome) =>
        calls.Add(1, new("kind", PushStore.KindText(kind)), new("outcome", outcome));

    internal void Alert(string alert)
    {
        raised.AddOrUpdate(alert, 1, (_, n) => n + 1);
        alerts.Add(1, new KeyValuePair<string, object?>("alert", alert));
    }

    /// <summary>Alerts of this kind (overdue, paused) raised since start-up.</summary>
    public long AlertsRaised(string alert) => raised.GetValueOrDefault(alert);

    /// <summary>After each poll: counts for the gauges, and the overdue incident opened or closed.</summary>
    internal void Observe(IReadOnlyDictionary<PushKind, Dictionary<string, Delivery>> known, long nowMs, PushOptions options)
    {
        var counts = new List<(PushKind, DeliveryState, long, long)>();
        var accepted = new List<(PushKind, DeliveryState, long)>();
        foreach (var (kind, map) in known)
        {
            foreach (var group in map.Values.GroupBy(d => d.State))
            {
                counts.Add((kind, group.Key, group.LongCount(), group.Min(d => d.FirstSeenMs)));
                accepted.Add((kind, group.Key, group.LongCount(d => d.IsAccepted)));
            }
        }
        var deadline = nowMs - (long)TimeSpan.FromHours(options.SettlementAlertHours).TotalMilliseconds;
        var overdue = known[PushKind.Settlement].Values.Where(d => d.IsUndelivered && d.FirstSeenMs < deadline).ToList();
        current = new Snapshot(counts, overdue.Count, nowMs) { Accepted = accepted };

        if (overdue.Count > 0 && !incident)
        {
            incident = true;
            Alert("overdue");
            var oldest = TimeSpan.FromMilliseconds(nowMs - overdue.Min(d => d.FirstSeenMs));
            Log.PushOverdue(logger, overdue.Count, options.SettlementAlertHours, oldest, overdue.MinBy(d => d.FirstSeenMs)!.Reason ?? "(not yet tried)");
        }
        else if (overdue.Count == 0 && incident)
        {
            incident = false;
            Log.PushOverdueCleared(logger);
        }
    }

    private IEnumerable<Measurement<long>> ObserveRows() => current.Counts.Select(c =>
        new Measurement<long>(c.Count, new("kind", PushStore.KindText(c.Kind)), new("state", PushStore.StateText(c.State))));

    private IEnumerable<Measurement<double>> ObserveOldest()
    {
        var snapshot = current;
        foreach (var kind in PushInterfaces.All.Select(i => i.Kind))
        {
            var undelivered = snapshot.Counts.Where(c => c.Kind == kind && c.State is DeliveryState.Pending or DeliveryState.Rejected or DeliveryState.Invalid).ToList();
            var age = undelivered.Count == 0 || snapshot.AtMs is null ? 0 : (snapshot.AtMs.Value - undelivered.Min(c => c.OldestFirstSeenMs)) / 1000.0;
            yield return new Measurement<double>(age, new KeyValuePair<string, object?>("kind", PushStore.KindText(kind)));
        }
    }

    private IEnumerable<Measurement<long>> ObserveAccepted() => current.Accepted
        .Where(c => c.State is DeliveryState.Pending or DeliveryState.Delivered or DeliveryState.Rejected)
        .Select(c => new Measurement<long>(c.Count, new("kind", PushStore.KindText(c.Kind)), new("state", PushStore.StateText(c.State))));

    private sealed record Snapshot(List<(PushKind Kind, DeliveryState State, long Count, long OldestFirstSeenMs)> Counts, int Overdue, long? AtMs)
    {
        public List<(PushKind Kind, DeliveryState State, long Count)> Accepted { get; init; } = [];
    }
}
