using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ProviderApi.Common;

namespace ProviderApi.Access;

/// <summary>
/// The refused requests (HTTP 401), summarised so that a flood of them cannot fill a disk: one
/// warning line per network (/24 for IPv4, /64 for IPv6) per minute, saying how many requests
/// were refused, from which addresses, on which paths and why. A minute's lines are written once
/// the minute is over (looked at every <see cref="FlushInterval"/> on the injected clock) and at
/// shutdown. At most <see cref="MaxNetworks"/> networks a minute get a line of their own; the
/// others share one, so even a flood from many networks writes a bounded number of lines.
/// </summary>
public sealed class RefusalLog : BackgroundService
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(10);

    /// <summary>Networks a minute with a line of their own.</summary>
    public const int MaxNetworks = 100;

    private const int MaxPaths = 5;
    private const int MaxReasons = 5;
    private const int MaxPathLength = 80;
    private const int ListedAddresses = 3;

    // Distinct addresses (and, in the shared line, networks) counted per line; past this "more than".
    private const int MaxCounted = 256;

    private readonly TimeProvider clock;
    private readonly ILogger<RefusalLog> logger;

    // Created with the service, before any request can be refused, so a test's clock finds it waiting.
    private readonly PeriodicTimer timer;
    private readonly Lock gate = new();
    private readonly Dictionary<(long Minute, string Network), Tally> tallies = [];
    private readonly Dictionary<long, int> networksByMinute = [];

    public RefusalLog(TimeProvider clock, ILogger<RefusalLog> logger)
    {
        this.clock = clock;
        this.logger = logger;
        timer = new PeriodicTimer(FlushInterval, clock);
    }

    /// <summary>Counts one refused request; written in its network's line when the minute is over.</summary>
    public void Refused(IPAddress? address, string path, string reason)
    {
        var minute = clock.GetUtcNow().UtcTicks / TimeSpan.TicksPerMinute;
        var network = address is null ? "(no address)" : NetworkOf(address);
        lock (gate)
        {
            if (!tallies.TryGetValue((minute, network), out var tally))
            {
                var networks = networksByMinute.GetValueOrDefault(minute);
                if (networks < MaxNetworks)
                {
                    networksByMinute[minute] = networks + 1;
                    tally = tallies[(minute, network)] = new Tally();
                }
                else
                {
                    // Past the limit: one shared line for the minute, counting the networks in it.
                    ref var shared = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(tallies, (minute, ""), out _);
                    tally = shared ??= new Tally();
                    tally.Networks.Count(network);
                }
            }
            tally.Count++;
            tally.Addresses.Count(address is null ? "(none)" : Networks.Normalise(address).ToString());
            tally.Paths.Add(Shorten(path));
            tally.Reasons.Add(reason);
        }
    }

    /// <summary>The /24 (IPv4) or /64 (IPv6) that holds <paramref name="address"/>, e.g. 10.1.2.0/24.</summary>
    public static string NetworkOf(IPAddress address)
    {
        address = Networks.Normalise(address);
        return Networks.Enclosing(address, address.AddressFamily == AddressFamily.InterNetwork ? 24 : 64).ToString();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await timer.NextAsync(stoppingToken))
        {
            Flush(everything: false);
        }
    }

    /// <summary>At shutdown the minute under way is written too, even when stopping runs out of time: nothing counted is lost.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await base.StopAsync(cancellationToken);
        }
        finally
        {
            Flush(everything: true);
        }
    }

    public override void Dispose()
    {
        timer.Dispose();
        base.Dispose();
    }

    /// <summary>Writes the lines of every minute that is over (or of all, at shutdown).</summary>
    internal void Flush(bool everything)
    {
        var current = clock.GetUtcNow().UtcTicks / TimeSpan.TicksPerMinute;
        List<KeyValuePair<(long Minute, string Network), Tally>> due;
        lock (gate)
        {
            due = [.. tallies.Where(t => everything || t.Key.Minute < current)];
            foreach (var (key, _) in due)
            {
                tallies.Remove(key);
                networksByMinute.Remove(key.Minute);
            }
        }
        foreach (var ((minute, network), tally) in due.OrderBy(d => d.Key.Minute).ThenBy(d => d.Key.Network.Length == 0).ThenBy(d => d.Key.Network, StringComparer.Ordinal))
        {
            var from = TimeZoneInfo.ConvertTime(new DateTimeOffset(minute * TimeSpan.TicksPerMinute, TimeSpan.Zero), clock.LocalTimeZone);
            Log.CallerRefused(
                logger,
                tally.Count,
                network.Length > 0 ? network : tally.Networks.Number("other networks"),
                tally.Addresses.Listed("addresses"),
                from.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture),
                tally.Paths.Text(),
                tally.Reasons.Text());
        }
    }

    /// <summary>Masked before it is cut, so that a cut can never leave part of an ID number in clear.</summary>
    private static string Shorten(string path)
    {
        path = Masking.Text(path);
        return path.Length <= MaxPathLength ? path : string.Concat(path.AsSpan(0, MaxPathLength - 3), "...");
    }

    private sealed class Tally
    {
        public int Count { get; set; }

        public Distinct Addresses { get; } = new();

        public Distinct Networks { get; } = new();

        public TopCounts Paths { get; } = new(MaxPaths);

        public TopCounts Reasons { get; } = new(MaxReasons);
    }

    /// <summary>Distinct values, counted up to <see cref="MaxCounted"/>; a few are named.</summary>
    private sealed class Distinct
    {
        private readonly List<string> listed = [];
        private readonly HashSet<string> seen = new(StringComparer.Ordinal);
        private bool more;

        public void Count(string value)
        {
            if (seen.Count >= MaxCounted)
            {
                more |= !seen.Contains(value);
                return;
            }
            if (seen.Add(value) && listed.Count < ListedAddresses)
            {
                listed.Add(value);
            }
        }

        /// <summary>"37 addresses", or the values themselves when there are only a few.</summary>
        public string Listed(string noun) => !more && seen.Count <= ListedAddresses ? string.Join(", ", listed) : Number(noun);

        /// <summary>"37 addresses", "more than 256 addresses".</summary>
        public string Number(string noun) => more ? $"more than {MaxCounted} {noun}" : $"{seen.Count} {noun}";
    }

    /// <summary>Counts of the first few distinct values; later ones only add to "other".</summary>
    private sealed class TopCounts(int limit)
    {
        private readonly Dictionary<string, int> counts = new(StringComparer.Ordinal);
        private int others;

        public void Add(string value)
        {
            if (counts.TryGetValue(value, out var count))
            {
                counts[value] = count + 1;
            }
            else if (counts.Count < limit)
            {
                counts[value] = 1;
            }
            else
            {
                others++;
            }
        }

        public string Text()
        {
            var text = string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => $"{c.Key} ({c.Value})"));
            return others == 0 ? text : $"{text}, others ({others})";
        }
    }
}
