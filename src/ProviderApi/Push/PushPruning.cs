using Microsoft.Extensions.Options;
using ProviderApi.Common;

namespace ProviderApi.Push;

/// <summary>
/// Which delivery rows are forgotten, written once: a row in one of these states whose time is
/// before the cutoff (Push:RetainDays ago). The store's DELETE and the worker's memory both read
/// this list (<see cref="Where"/>, <see cref="Applies"/>).
/// </summary>
public static class PushRetention
{
    /// <summary>The state, the column that dates it, and the same time on a row in memory.</summary>
    public sealed record Rule(DeliveryState State, string Column, Func<Delivery, long?> TimeOf);

    public static IReadOnlyList<Rule> Rules { get; } =
    [
        new(DeliveryState.Delivered, "delivered_at_ms", d => d.DeliveredAtMs),
        new(DeliveryState.Expired, "first_seen_ms", d => d.FirstSeenMs),
    ];

    /// <summary>The rule as a WHERE condition on push_delivery, with the parameter @cutoffMs.</summary>
    public static string Where { get; } =
        string.Join(" OR ", Rules.Select(r => $"(state = '{PushStore.StateText(r.State)}' AND {r.Column} < @cutoffMs)"));

    /// <summary>The rule on a row in memory.</summary>
    public static bool Applies(Delivery row, long cutoffMs) =>
        Rules.Any(r => r.State == row.State && r.TimeOf(row) < cutoffMs);
}

/// <summary>Pruning: at most once an hour, forgets the rows <see cref="PushRetention"/> says, in the store and in memory.</summary>
public sealed class PushPruning(PushStore store, IOptions<PushOptions> options, TimeProvider clock, ILogger<PushWorker> logger)
{
    private long lastMs;

    /// <summary>Prunes when an hour has passed since the last time; returns how many rows the store forgot.</summary>
    public async Task<int> PruneIfDueAsync(IEnumerable<Dictionary<string, Delivery>> known, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (now - lastMs <= TimeSpan.FromHours(1).TotalMilliseconds)
        {
            return 0;
        }
        lastMs = now;
        var cutoff = now - (long)TimeSpan.FromDays(options.Value.RetainDays).TotalMilliseconds;
        var pruned = await store.PruneAsync(cutoff, cancellationToken);
        foreach (var map in known)
        {
            foreach (var old in map.Values.Where(d => PushRetention.Applies(d, cutoff)).ToList())
            {
                map.Remove(old.Key);
            }
        }
        if (pruned > 0)
        {
            Log.PushPruned(logger, pruned, options.Value.RetainDays);
        }
        return pruned;
    }
}
