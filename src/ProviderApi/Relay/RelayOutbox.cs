using System.Threading.Channels;
using Microsoft.Extensions.Options;
using ProviderApi.Common;

namespace ProviderApi.Relay;

/// <summary>One HIS call waiting to go to the cloud, its ID numbers already encrypted.</summary>
/// <param name="Kind">Which of the two calls.</param>
/// <param name="Body">The UTF-8 JSON the cloud receives.</param>
/// <param name="ReceivedAt">When the HIS called (a <see cref="TimeProvider"/> timestamp): its age decides whether it may still go.</param>
/// <param name="Patient">The patient's ID number as log lines show it (masked).</param>
/// <param name="HisUser">The HIS account: one account's calls go out in the order they came.</param>
/// <param name="Headers">The HIS's headers named in Relay:ForwardHeaders.</param>
public sealed record RelayCall(CallKind Kind, byte[] Body, long ReceivedAt, string Patient, string HisUser, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>The cloud's path segment, as in the URL.</summary>
    public string Name => Kind == CallKind.SwipingIdCardNo ? "swipingIdCardNo" : "checkAgain";
}

/// <summary>Counters of what became of the calls, for tests and operators.</summary>
public sealed class RelayStatistics
{
    private long accepted, delivered, refusedByCloud, failed, tooOld, queueFull, droppedAtShutdown;

    /// <summary>Exports the counts as imgcloud.relay.calls{outcome} on the provider's meter (scraped at /metrics).</summary>
    public RelayStatistics(System.Diagnostics.Metrics.IMeterFactory meters) =>
        meters.Create(new System.Diagnostics.Metrics.MeterOptions(ProviderMetrics.MeterName)).CreateObservableCounter("imgcloud.relay.calls", Observe, "{call}",
            "HIS calls taken by the relay (accepted) and what became of them: delivered, refused_by_cloud, failed, too_old, queue_full, dropped_at_shutdown.");

    private IEnumerable<System.Diagnostics.Metrics.Measurement<long>> Observe()
    {
        yield return Outcome(Accepted, "accepted");
        yield return Outcome(Delivered, "delivered");
        yield return Outcome(RefusedByCloud, "refused_by_cloud");
        yield return Outcome(Failed, "failed");
        yield return Outcome(TooOld, "too_old");
        yield return Outcome(QueueFull, "queue_full");
        yield return Outcome(DroppedAtShutdown, "dropped_at_shutdown");
    }

    private static System.Diagnostics.Metrics.Measurement<long> Outcome(long value, string outcome) =>
        new(value, new KeyValuePair<string, object?>("outcome", outcome));

    public long Accepted => Interlocked.Read(ref accepted);

    /// <summary>Answered 2xx by the cloud.</summary>
    public long Delivered => Interlocked.Read(ref delivered);

    /// <summary>Answered 4xx by the cloud: reached it, not retried.</summary>
    public long RefusedByCloud => Interlocked.Read(ref refusedByCloud);

    /// <summary>Still failing (network, timeout, 5xx) when the retries ran out.</summary>
    public long Failed => Interlocked.Read(ref failed);

    /// <summary>Past Relay:MaxAgeSeconds before or while being sent: never delivered.</summary>
    public long TooOld => Interlocked.Read(ref tooOld);

    /// <summary>Pushed out of a full queue by a newer call.</summary>
    public long QueueFull => Interlocked.Read(ref queueFull);

    internal void CountAccepted() => Interlocked.Increment(ref accepted);

    internal void CountDelivered() => Interlocked.Increment(ref delivered);

    internal void CountRefusedByCloud() => Interlocked.Increment(ref refusedByCloud);

    internal void CountFailed() => Interlocked.Increment(ref failed);

    internal void CountTooOld() => Interlocked.Increment(ref tooOld);

    internal void CountQueueFull() => Interlocked.Increment(ref queueFull);

    /// <summary>Still queued when the provider stopped.</summary>
    public long DroppedAtShutdown => Interlocked.Read(ref droppedAtShutdown);

    internal void CountDroppedAtShutdown(int count) => Interlocked.Add(ref droppedAtShutdown, count);
}

/// <summary>
/// Bounded in-memory queues between the HIS's requests and the cloud, one per worker. A call goes
/// to the queue of its HIS account, so one doctor's calls are sent in order (a patient selected
/// after another must not pop up before it); different accounts' calls go side by side. A full
/// queue drops its oldest call: that one was closest to the age cap anyway.
/// </summary>
public sealed class RelayOutbox
{
    private readonly Channel<RelayCall>[] queues;

    public RelayOutbox(IOptions<RelayOptions> options, RelayStatistics statistics, TimeProvider clock, ILogger<RelayOutbox> logger)
    {
        var value = options.Value;
        var workers = Math.Max(1, value.Workers);
        var capacity = Math.Max(1, (value.QueueCapacity + workers - 1) / workers);
        queues = new Channel<RelayCall>[workers];
        for (var i = 0; i < workers; i++)
        {
            queues[i] = Channel.CreateBounded<RelayCall>(
                new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
                dropped =>
                {
                    statistics.CountQueueFull();
                    Log.RelayQueueFull(logger, dropped.Name, dropped.Patient, clock.GetElapsedTime(dropped.ReceivedAt));
                });
        }
    }

    public int Workers => queues.Length;

    /// <summary>Queues the call; never waits (a full queue makes room by dropping its oldest).</summary>
    public void Enqueue(RelayCall call) => queues[Partition(call.HisUser)].Writer.TryWrite(call);

    public ChannelReader<RelayCall> Reader(int worker) => queues[worker].Reader;

    private int Partition(string hisUser) =>
        (int)((uint)StringComparer.Ordinal.GetHashCode(hisUser) % (uint)queues.Length);
}
