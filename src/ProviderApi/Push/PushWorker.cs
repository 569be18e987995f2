using Microsoft.Extensions.Options;
using ProviderApi.Check;
using ProviderApi.Common;
using ProviderApi.Data;
using ProviderApi.Views;

namespace ProviderApi.Push;

/// <summary>
/// Mode 2 (§3.4.2, §3.6.2): reads the views the catalog declares Pushed, finds rows new
/// or changed since their last accepted push, and posts each, one record a call.
/// <list type="bullet">
/// <item>Nothing is written before a call and "delivered" only after the cloud accepted: a crash
/// loses nothing, and re-sends at most the calls that were in flight.</item>
/// <item>Only the holder of the lease in push_control pushes; it keeps the delivery state in
/// memory while it holds it and reloads it when it takes the lease or an operator's verb
/// changed the store.</item>
/// <item>The view is read to the end before any call is made, so no database reader stays open
/// while the cloud is slow; at most Push:BatchSize calls per interface and poll.</item>
/// </list>
/// </summary>
public sealed class PushWorker(
    PushStore store,
    CloudPushClient cloud,
    ViewCatalog catalog,
    ViewReader views,
    DatabaseEngine dialect,
    PushMonitor monitor,
    IOptions<PushOptions> options,
    TimeProvider clock,
    ILogger<PushWorker> logger) : BackgroundService
{
    private readonly string holder = NewHolder();

    /// <summary>
    /// The views the catalog declares Pushed, each with the interface it feeds (in the catalog's
    /// order); a pushed view this version has no interface for stops start-up.
    /// </summary>
    private readonly (PushKind Kind, StandardView View)[] pushed = [.. catalog.In(ViewModes.Pushed).Select(v => (PushStore.KindOf(v), v))];

    /// <summary>This instance's name in push_control.holder: machine, process id, process start (Unix seconds) and a random part.</summary>
    public string Holder => holder;
    private readonly Dictionary<PushKind, Dictionary<string, Delivery>> known = new()
    {
        [PushKind.Registration] = new(StringComparer.Ordinal),
        [PushKind.Settlement] = new(StringComparer.Ordinal),
    };

    private bool leased;
    private long leaseUntilMs;
    private long loadedGeneration = -1;
    private long lastPruneMs;

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
        Log.PushOn(logger, Options.Registrations.Enabled, Options.Settlements.Enabled, store.Location, holder);
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
                    leased = false;
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
            if (leased)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await store.ReleaseAsync(holder, timeout.Token);
                }
                catch (Exception ex)
                {
                    Log.PushReleaseFailed(logger, Masking.Redact(ex.Message));
                }
            }
        }
    }

    /// <summary>One round: lease, both interfaces, alerts. True when a batch was full (a backlog: go on at once).</summary>
    internal async Task<bool> PollAsync(CancellationToken cancellationToken)
    {
        await store.EnsureReadyAsync(cancellationToken);
        var now = NowMs;
        var until = now + (long)(Options.LeaseSeconds * 1000);
        if (!await store.TryLeaseAsync(holder, now, until, cancellationToken))
        {
            var current = await store.ReadControlAsync(cancellationToken);
            if (current.Holder is { } other && IsDeadHereAfterCrash(other) && await store.TakeOverAsync(other, holder, until, cancellationToken))
            {
                Log.PushTookOver(logger, other);
            }
            else
            {
                if (leased || !monitor.Standby)
                {
                    Log.PushStandby(logger, current.Holder ?? "(unknown)");
                }
                leased = false;
                monitor.Standby = true;
                return false;
            }
        }
        leaseUntilMs = until;
        monitor.Standby = false;
        var control = await store.ReadControlAsync(cancellationToken);
        if (!leased || control.Generation != loadedGeneration)
        {
            foreach (var kind in known.Keys)
            {
                known[kind] = (await store.LoadAsync(kind, cancellationToken)).ToDictionary(d => d.Key, StringComparer.Ordinal);
            }
            loadedGeneration = control.Generation;
            leased = true;
        }
        monitor.Paused(control.PausedReason, control.PausedAtMs);

        using var payloads = Options.Registrations.Enabled ? new PushPayloads(await SexMap.ReadTextsAsync(views, dialect, cancellationToken)) : new PushPayloads(new HashSet<string>());
        var more = false;
        var stopped = false;
        foreach (var (kind, view) in pushed.Where(p => Options.For(p.Kind).Enabled))
        {
            // Every interface is read even when sending has stopped (paused, the cloud failing), so
            // that new rows are seen and the overdue clock starts.
            var batch = await ScanAsync(kind, view, payloads, cancellationToken);
            if (stopped)
            {
                continue;
            }
            more |= batch.Count >= Options.BatchSize;
            if (!await SendAsync(kind, batch, control, cancellationToken))
            {
                more = false;
                stopped = true;
            }
        }

        monitor.Observe(known, NowMs, Options);
        if (NowMs - lastPruneMs > TimeSpan.FromHours(1).TotalMilliseconds)
        {
            lastPruneMs = NowMs;
            var cutoff = NowMs - (long)TimeSpan.FromDays(Options.RetainDays).TotalMilliseconds;
            var pruned = await store.PruneAsync(cutoff, cancellationToken);
            foreach (var map in known.Values)
            {
                foreach (var old in map.Values.Where(d => (d.State == DeliveryState.Delivered && d.DeliveredAtMs < cutoff) || (d.State == DeliveryState.Expired && d.FirstSeenMs < cutoff)).ToList())
                {
                    map.Remove(old.Key);
                }
            }
            if (pruned > 0)
            {
                Log.PushPruned(logger, pruned, Options.RetainDays);
            }
        }
        return more;
    }

    /// <summary>
    /// Reads the view to the end; records rows first seen or changed (pending, or invalid with the
    /// rule they break), marks rows that left the view undelivered as expired, and returns the
    /// rows to send now.
    /// </summary>
    private async Task<List<PushItem>> ScanAsync(PushKind kind, StandardView view, PushPayloads payloads, CancellationToken cancellationToken)
    {
        var map = known[kind];
        var now = NowMs;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var changed = new List<Delivery>();
        var batch = new List<PushItem>();
        var duplicates = 0;
        var items = view.Accept(new ItemsOf(views, kind, payloads, cancellationToken));
        await foreach (var item in items)
        {
            if (!seen.Add(item.Key))
            {
                // Two registrations with one outpatientNumber (the check's REG-NUMBER-DUPLICATE), or two identical settlement rows: sent once.
                duplicates++;
                continue;
            }
            map.TryGetValue(item.Key, out var row);
            if (row is not null && row.DeliveredHash == item.Hash)
            {
                if (row.State != DeliveryState.Delivered || row.ContentHash != item.Hash)
                {
                    // Changed and changed back before it was sent: what the cloud has is current.
                    row.State = DeliveryState.Delivered;
                    row.ContentHash = item.Hash;
                    row.Reason = null;
                    changed.Add(row);
                }
                continue;
            }
            if (row is null || row.ContentHash != item.Hash || row.State == DeliveryState.Expired)
            {
                var problems = item.Validate();
                row ??= new Delivery { Kind = kind, Key = item.Key };
                row.Label = item.Label;
                row.ContentHash = item.Hash;
                row.State = problems is null ? DeliveryState.Pending : DeliveryState.Invalid;
                row.Reason = problems;
                row.Attempts = 0;
                row.FirstSeenMs = now;
                row.NextAttemptMs = 0;
                map[item.Key] = row;
                changed.Add(row);
                if (problems is not null)
                {
                    monitor.Counted(kind, "invalid");
                    Log.PushInvalid(logger, PushStore.KindText(kind), item.Label, problems);
                }
            }
            if (row.State == DeliveryState.Pending && row.NextAttemptMs <= now && batch.Count < Options.BatchSize)
            {
                batch.Add(item.Kept());
            }
        }

        // Read to the end: what is not in the view any more and was never accepted has left the window.
        foreach (var gone in map.Values.Where(d => d.IsUndelivered && !seen.Contains(d.Key)))
        {
            Log.PushExpired(logger, PushStore.KindText(kind), gone.Label ?? gone.Key, PushStore.StateText(gone.State));
            gone.State = DeliveryState.Expired;
            changed.Add(gone);
        }
        if (duplicates > 0)
        {
            Log.PushDuplicates(logger, PushStore.KindText(kind), duplicates);
        }
        await store.SaveAsync(changed, cancellationToken);
        return batch;
    }

    /// <summary>Sends a batch one record at a time; false when pushing stopped (paused or the cloud failing).</summary>
    private async Task<bool> SendAsync(PushKind kind, List<PushItem> batch, PushControl control, CancellationToken cancellationToken)
    {
        var map = known[kind];
        if (control.PausedReason is not null)
        {
            // Paused by a 401: one row now and then tells whether the credentials work again.
            if (batch.Count == 0 || NowMs - (control.PausedAtMs ?? 0) < TimeSpan.FromMinutes(Options.PausedProbeMinutes).TotalMilliseconds)
            {
                return false;
            }
            batch = batch[..1];
        }
        foreach (var item in batch)
        {
            if (!await KeepLeaseAsync(cancellationToken))
            {
                return false;
            }
            var row = map[item.Key];
            var answer = await cloud.SendAsync(kind, item.Body, cancellationToken);
            var now = NowMs;
            row.Attempts++;
            row.LastAttemptMs = now;
            monitor.Counted(kind, answer.Outcome.ToString().ToLowerInvariant());
            switch (answer.Outcome)
            {
                case PushOutcome.Delivered:
                    row.State = DeliveryState.Delivered;
                    row.DeliveredHash = item.Hash;
                    row.DeliveredAtMs = now;
                    row.Reason = null;
                    await store.SaveAsync([row], cancellationToken);
                    Log.Pushed(logger, PushStore.KindText(kind), item.Label, row.Attempts);
                    if (control.PausedReason is not null)
                    {
                        await store.ResumeAsync(cancellationToken);
                        loadedGeneration++;
                        control = control with { PausedReason = null };
                        monitor.Paused(null, null);
                        Log.PushResumed(logger);
                    }
                    break;
                case PushOutcome.Rejected:
                    row.State = DeliveryState.Rejected;
                    row.Reason = answer.Detail;
                    await store.SaveAsync([row], cancellationToken);
                    Log.PushRejected(logger, PushStore.KindText(kind), item.Label, answer.Detail);
                    break;
                case PushOutcome.Unauthorized or PushOutcome.Misconfigured:
                    // Not the row's fault: it stays pending, uncounted.
                    row.Attempts--;
                    var reason = $"{answer.Outcome}: {answer.Detail}";
                    await store.PauseAsync(reason, now, cancellationToken);
                    if (control.PausedReason is null)
                    {
                        monitor.Alert("paused");
                        Log.PushPaused(logger, PushStore.KindText(kind), reason);
                    }
                    monitor.Paused(reason, now);
                    return false;
                default:
                    row.NextAttemptMs = now + Backoff(row.Attempts);
                    row.Reason = answer.Detail;
                    await store.SaveAsync([row], cancellationToken);
                    Log.PushFailed(logger, PushStore.KindText(kind), item.Label, answer.Detail, row.Attempts, DateTimeOffset.FromUnixTimeMilliseconds(row.NextAttemptMs));
                    // The cloud is failing: the rest of the batch waits for the next poll.
                    return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Before each call: renews the lease when less than one and a half calls' time remains, so no
    /// other instance can take it while the call is in flight. False when another instance took it
    /// meanwhile (this one stalled longer than the lease): it stops sending and reloads the state
    /// when it holds the lease again.
    /// </summary>
    private async Task<bool> KeepLeaseAsync(CancellationToken cancellationToken)
    {
        var now = NowMs;
        if (leaseUntilMs - now > Options.CallBudget.TotalMilliseconds * 1.5)
        {
            return true;
        }
        var until = now + (long)(Options.LeaseSeconds * 1000);
        if (await store.TryLeaseAsync(holder, now, until, cancellationToken))
        {
            leaseUntilMs = until;
            return true;
        }
        leased = false;
        Log.PushLeaseLost(logger, Options.LeaseSeconds);
        return false;
    }

    /// <summary>One poll interval doubled per failed call, up to Push:MaxBackoffMinutes, with ±20 % jitter.</summary>
    private long Backoff(int attempts)
    {
        var ceiling = TimeSpan.FromMinutes(Options.MaxBackoffMinutes).TotalMilliseconds;
        var delay = Math.Min(ceiling, Options.PollSeconds * 1000 * Math.Pow(2, Math.Min(attempts - 1, 30)));
        return (long)(delay * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }

    /// <summary>
    /// A holder on this machine whose process is gone: this instance restarted after a crash (or
    /// kill), and need not wait for the old lease to expire. A process is known by its id and its
    /// start time, so a restarted container (its service is pid 1 again) is told apart too.
    /// </summary>
    private bool IsDeadHereAfterCrash(string other)
    {
        var parts = other.Split(':');
        if (parts.Length != 4 || parts[0] != Environment.MachineName || other == holder
            || !int.TryParse(parts[1], out var pid) || !long.TryParse(parts[2], out var started))
        {
            return false;
        }
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited || StartedSeconds(process) != started;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private static long StartedSeconds(System.Diagnostics.Process process) =>
        new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeSeconds();

    private static string NewHolder()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return $"{Environment.MachineName}:{Environment.ProcessId}:{StartedSeconds(self)}:{Guid.NewGuid().ToString("N")[..8]}";
    }

    /// <summary>A pushed view's rows as records, typed.</summary>
    private sealed class ItemsOf(ViewReader views, PushKind kind, PushPayloads payloads, CancellationToken cancellationToken)
        : IStandardViewVisitor<IAsyncEnumerable<PushItem>>
    {
        public IAsyncEnumerable<PushItem> Visit<T>(StandardView<T> view) =>
            view.StreamAsync(views, cancellationToken).Select(row => payloads.Item(view, kind, row));
    }
}
