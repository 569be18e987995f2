using Microsoft.Extensions.Options;
using ProviderApi.Common;

namespace ProviderApi.Push;

/// <summary>
/// Mode 2 (§3.4.2, §3.6.2): reads the views the catalog declares Pushed, finds rows new
/// or changed since their last accepted push, and posts each, one record a call.
/// <list type="bullet">
/// <item>Nothing is written before a call and "delivered" only after the cloud accepted: a crash
/// loses nothing, and re-sends at most the calls that were in flight.</item>
/// <item>Only the holder of the lease in push_control pushes (<see cref="PushLease"/>); it keeps
/// the delivery state in memory while it holds it and reloads it when it takes the lease or an
/// operator's verb changed the store.</item>
/// <item>The view is read to the end before any call is made (<see cref="PushScan"/>), so no
/// database reader stays open while the cloud is slow; at most Push:BatchSize calls per
/// interface and poll (<see cref="PushSender"/>).</item>
/// <item>Rows long delivered or expired are forgotten (<see cref="PushPruning"/>).</item>
/// </list>
/// One poll composes these parts over the list of pushed interfaces (<see cref="PushSource.Pushed"/>).
/// </summary>
public sealed class PushWorker(
    PushStore store,
    PushLease lease,
    PushSource source,
    PushScan scan,
    PushSender sender,
    PushPruning pruning,
    PushMonitor monitor,
    IOptions<PushOptions> options,
    TimeProvider clock,
    ILogger<PushWorker> logger) : BackgroundService
{
    /// <summary>The delivery state of each interface, while this instance holds the lease.</summary>
    private readonly Dictionary<PushKind, Dictionary<string, Delivery>> known =
        PushInterfaces.All.ToDictionary(i => i.Kind, _ => new Dictionary<string, Delivery>(StringComparer.Ordinal));

    private long loadedGeneration = -1;

    /// <summary>This instance's name in push_control.holder.</summary>
    public string Holder => lease.Holder;

    private PushOptions Options => options.Value;

    private long NowMs => clock.GetUtcNow().ToUnixTimeMilliseconds();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.Enabled)
        {
            Log.PushOff(logger);
            return;
        }
        // Let the host finish starting (and the demo database be made) before the first read.
        await Task.Yield();
        Log.PushOn(logger, Options.Registrations.Enabled, Options.Settlements.Enabled, store.Location, lease.Holder);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var more = false;
                try
                {
                    more = await PollAsync(stoppingToken);
                    monitor.PollEnded(null);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // The database or the store is down: nothing is lost (nothing was marked), the next poll tries again.
                    lease.Forget();
                    monitor.PollEnded(Masking.Redact(ex.Message));
                    Log.PushPollFailed(logger, ex.GetType().Name, Masking.Redact(ex.Message));
                }
                await Task.Delay(more ? TimeSpan.Zero : TimeSpan.FromSeconds(Options.PollSeconds), clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await lease.ReleaseAsync();
        }
    }

    /// <summary>One round: lease, every interface (scan, then send), alerts, pruning. True when a batch was full (a backlog: go on at once).</summary>
    internal async Task<bool> PollAsync(CancellationToken cancellationToken)
    {
        await store.EnsureReadyAsync(cancellationToken);
        if (await lease.TakeAsync(cancellationToken) is not { } heldBefore)
        {
            monitor.Standby = true;
            return false;
        }
        monitor.Standby = false;
        var control = await store.ReadControlAsync(cancellationToken);
        if (!heldBefore || control.Generation != loadedGeneration)
        {
            // A failure here leaves the lease forgotten (ExecuteAsync): the next poll loads again.
            foreach (var kind in known.Keys)
            {
                known[kind] = (await store.LoadAsync(kind, cancellationToken)).ToDictionary(d => d.Key, StringComparer.Ordinal);
            }
            loadedGeneration = control.Generation;
        }
        monitor.Paused(control.PausedReason, control.PausedAtMs);

        using var payloads = await source.PayloadsAsync(cancellationToken);
        var more = false;
        var stopped = false;
        foreach (var view in source.Pushed.Where(p => p.Interface.Options(Options).Enabled))
        {
            // Every interface is read even when sending has stopped (paused, the cloud failing), so
            // that new rows are seen and the overdue clock starts.
            var map = known[view.Kind];
            var found = await scan.Compare(view.Kind, source.Items(view, payloads, cancellationToken), map, NowMs, Options.BatchSize, cancellationToken);
            await store.SaveAsync(found.Changed, cancellationToken);
            if (stopped)
            {
                continue;
            }
            more |= found.Batch.Count >= Options.BatchSize;
            var sent = await sender.SendAsync(view.Kind, found.Batch, map, control, lease.KeepAsync, cancellationToken);
            if (sent.Resumed)
            {
                loadedGeneration++;
            }
            if (!sent.GoOn)
            {
                more = false;
                stopped = true;
            }
        }

        monitor.Observe(known, NowMs, Options);
        await pruning.PruneIfDueAsync(known.Values, cancellationToken);
        return more;
    }
}
