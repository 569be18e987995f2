using Microsoft.Extensions.Options;
using ProviderApi.Check;
using ProviderApi.Common;
using ProviderApi.Data;
using ProviderApi.Views;

namespace ProviderApi.Push;

/// <summary>What one read of a pushed view found: the delivery rows to write, and the records to send now.</summary>
public sealed record ScanResult(List<Delivery> Changed, List<PushItem> Batch);

/// <summary>
/// Where the push's records come from: the views the catalog declares Pushed, each with the
/// interface it feeds (<see cref="Pushed"/>), read row by row into records.
/// </summary>
public sealed class PushSource(ViewCatalog catalog, ViewReader views, DatabaseEngine dialect, IOptions<PushOptions> options, AcceptedExceptions accepted, TimeProvider clock)
{
    /// <summary>The interfaces pushed: each pushed view with the interface it feeds, in the catalog's order.</summary>
    public IReadOnlyList<PushedView> Pushed { get; } = PushedView.In(catalog);

    /// <summary>
    /// The payloads of one poll, validated against the sex code map as it is now (read only when
    /// registrations are pushed) and judged against the accepted exceptions as the file is now (a
    /// refused file fails the poll: nothing is marked, the next poll reads it again).
    /// </summary>
    public async Task<PushPayloads> PayloadsAsync(CancellationToken cancellationToken)
    {
        var list = accepted.Current();
        var today = AcceptedExceptions.Today(clock);
        return options.Value.For(PushKind.Registration).Enabled
            ? new PushPayloads(await SexMap.ReadTextsAsync(views, dialect, cancellationToken), list, today)
            : new PushPayloads(new HashSet<string>(), list, today);
    }

    /// <summary>A pushed view's rows as records, typed.</summary>
    public IAsyncEnumerable<PushItem> Items(PushedView pushed, PushPayloads payloads, CancellationToken cancellationToken) =>
        pushed.View.Accept(new ItemsOf(views, pushed.Kind, payloads, cancellationToken));

    private sealed class ItemsOf(ViewReader views, PushKind kind, PushPayloads payloads, CancellationToken cancellationToken)
        : IStandardViewVisitor<IAsyncEnumerable<PushItem>>
    {
        public IAsyncEnumerable<PushItem> Visit<T>(StandardView<T> view) =>
            view.StreamAsync(views, cancellationToken).Select(row => payloads.Item(view, kind, row));
    }
}

/// <summary>
/// The scan: what is new or changed in a pushed view since its last accepted push, and what
/// left it undelivered, from the records of one read to the end (<see cref="PushSource.Items"/>).
/// </summary>
public sealed class PushScan(PushMonitor monitor, ILogger<PushWorker> logger)
{
    /// <summary>
    /// Reads the records to the end; records rows first seen or changed (pending, or invalid with
    /// the rule they break) in <paramref name="known"/>, marks rows that left the view undelivered
    /// as expired, and returns the rows to write and at most <paramref name="batchSize"/> to send now.
    /// </summary>
    public async Task<ScanResult> Compare(
        PushKind kind, IAsyncEnumerable<PushItem> items, Dictionary<string, Delivery> known, long nowMs, int batchSize, CancellationToken cancellationToken)
    {
        var text = PushStore.KindText(kind);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var changed = new List<Delivery>();
        var batch = new List<PushItem>();
        var duplicates = 0;
        // New or changed rows whose only problems are accepted: judged after the read, once the rows
        // already sent under the same acceptances are counted (maxRows counts against the window).
        var deferred = new List<(PushItem Item, RowVerdict Verdict)>();

        void Record(PushItem item, DeliveryState state, string? reason)
        {
            known.TryGetValue(item.Key, out var row);
            row ??= new Delivery { Kind = kind, Key = item.Key };
            row.Label = item.Label;
            row.ContentHash = item.Hash;
            row.State = state;
            row.Reason = reason;
            row.Attempts = 0;
            row.FirstSeenMs = nowMs;
            row.NextAttemptMs = 0;
            known[item.Key] = row;
            changed.Add(row);
            if (state == DeliveryState.Invalid)
            {
                monitor.Counted(kind, "invalid");
                Log.PushInvalid(logger, text, item.Label, reason!);
            }
            else if (reason is not null)
            {
                monitor.Counted(kind, "accepted");
            }
        }

        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            if (!seen.Add(item.Key))
            {
                // Two registrations with one outpatientNumber (the check's REG-NUMBER-DUPLICATE), or two identical settlement rows: sent once.
                duplicates++;
                continue;
            }
            known.TryGetValue(item.Key, out var row);
            if (row is not null && row.DeliveredHash == item.Hash)
            {
                if (row.State != DeliveryState.Delivered || row.ContentHash != item.Hash)
                {
                    // Changed and changed back before it was sent: what the cloud has is current.
                    row.State = DeliveryState.Delivered;
                    row.ContentHash = item.Hash;
                    row.Reason = Delivery.AcceptedPart(row.Reason);
                    changed.Add(row);
                }
                if (row.IsAccepted)
                {
                    item.Validate().Count();
                }
                continue;
            }
            if (row is null || row.ContentHash != item.Hash || row.State == DeliveryState.Expired)
            {
                var verdict = item.Validate();
                if (verdict.Problems is not null)
                {
                    Record(item, DeliveryState.Invalid, verdict.Problems);
                }
                else if (verdict.HasAccepted)
                {
                    deferred.Add((item.Kept(), verdict));
                    continue;
                }
                else
                {
                    Record(item, DeliveryState.Pending, null);
                }
                row = known[item.Key];
            }
            else if (row.IsAccepted)
            {
                item.Validate().Count();
            }
            if (row.State == DeliveryState.Pending && row.NextAttemptMs <= nowMs && batch.Count < batchSize)
            {
                batch.Add(item.Kept());
            }
        }

        foreach (var (item, verdict) in deferred)
        {
            var (taken, over) = verdict.TryTake();
            Record(item, taken ? DeliveryState.Pending : DeliveryState.Invalid, taken ? verdict.AcceptedReason : over);
            if (taken && batch.Count < batchSize)
            {
                batch.Add(item);
            }
        }

        // Read to the end: what is not in the view any more and was never accepted has left the window.
        foreach (var gone in known.Values.Where(d => d.IsUndelivered && !seen.Contains(d.Key)))
        {
            Log.PushExpired(logger, text, gone.Label ?? gone.Key, PushStore.StateText(gone.State));
            gone.State = DeliveryState.Expired;
            changed.Add(gone);
        }
        monitor.Scanned(kind, seen.Count + duplicates);
        if (duplicates > 0)
        {
            Log.PushDuplicates(logger, text, duplicates);
        }
        return new ScanResult(changed, batch);
    }
}
