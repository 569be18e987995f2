using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics.Metrics;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ProviderApi.Common;
using ProviderApi.Relay;

namespace ProviderApi.Operations.OperatorConsole;

/// <summary>One hour's count of one series (poll, relay, db), item (a cloud address, or empty) and outcome.</summary>
public sealed record HourCount(long HourMs, string Series, string Item, string Outcome, long Count);

/// <summary>A remembered fact (the last check, the last selftest, a view's rows as last read, a cloud address's last poll) and when it was recorded.</summary>
public sealed record StateEntry(string Value, long AtMs);

/// <summary>
/// The counts behind the operator console's charts, and the last facts it shows, kept in an SQLite
/// file of the provider's own (Monitoring:HistoryPath, beside the push state by default) so they
/// survive a restart. Counted in memory as things happen (a poll, a relay outcome, a database read),
/// written once a minute and at shutdown, hourly buckets, kept <see cref="KeepDays"/> days. Never a
/// patient value: cloud addresses, outcomes, view names, counts and masked texts only.
/// </summary>
public sealed class ConsoleHistory : IDisposable, IAsyncDisposable
{
    public const int KeepDays = 30;

    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS console_hourly (
            hour_ms  INTEGER NOT NULL,
            series   TEXT    NOT NULL,
            item     TEXT    NOT NULL,
            outcome  TEXT    NOT NULL,
            count    INTEGER NOT NULL,
            PRIMARY KEY (hour_ms, series, item, outcome)
        );
        CREATE TABLE IF NOT EXISTS console_state (
            name   TEXT    NOT NULL PRIMARY KEY,
            value  TEXT    NOT NULL,
            at_ms  INTEGER NOT NULL
        );
        """;

    private static readonly long HourMs = (long)TimeSpan.FromHours(1).TotalMilliseconds;

    private readonly TimeProvider clock;
    private readonly RelayStatistics relay;
    private readonly ILogger<ConsoleHistory> logger;
    private readonly DbDataSource dataSource;
    private readonly MeterListener listener = new();
    private readonly object gate = new();
    private readonly SemaphoreSlim writing = new(1, 1);
    private Dictionary<(long Hour, string Series, string Item, string Outcome), long> pending = [];
    private readonly ConcurrentDictionary<string, StateEntry> state = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, StateEntry> dirty = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> relaySeen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> views;
    private volatile bool loaded;
    private int disposed;

    public ConsoleHistory(IOptions<MonitoringOptions> options, TimeProvider clock, RelayStatistics relay, Views.ViewCatalog catalog, IMeterFactory meters, ILogger<ConsoleHistory> logger)
    {
        views = catalog.In(Views.ViewModes.ServedOverHttp).ToDictionary(v => v.Http!.Name, v => v.Name, StringComparer.Ordinal);
        this.clock = clock;
        this.relay = relay;
        this.logger = logger;
        Location = options.Value.HistoryPath!;
        var builder = new SqliteConnectionStringBuilder { DataSource = Location, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 10, Pooling = true };
        dataSource = SqliteFactory.Instance.CreateDataSource(builder.ToString());
        foreach (var (name, value) in RelayTotals())
        {
            relaySeen[name] = value;
        }

        // The database reads of this host's views (the provider's meter, not another host's in the same process).
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == "imgcloud.db.read.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) =>
        {
            var ok = true;
            foreach (var tag in tags)
            {
                ok &= tag.Key != "outcome" || (tag.Value as string) == "ok";
            }
            DatabaseRead(ok, seconds * 1000);
        });
        listener.Start();
    }

    /// <summary>The SQLite file.</summary>
    public string Location { get; }

    /// <summary>Why the file could not be read or written last time (the counts stay in memory meanwhile); null when it could.</summary>
    public string? Problem { get; private set; }

    /// <summary>Adds to the current hour's count.</summary>
    public void Count(string series, string item, string outcome, long count = 1) => CountAt(clock.GetUtcNow(), series, item, outcome, count);

    /// <summary>Adds to the count of the hour holding <paramref name="at"/> (tests and the benchmark fill past hours this way).</summary>
    public void CountAt(DateTimeOffset at, string series, string item, string outcome, long count)
    {
        var hour = Hour(at.ToUnixTimeMilliseconds());
        lock (gate)
        {
            pending[(hour, series, item, outcome)] = pending.GetValueOrDefault((hour, series, item, outcome)) + count;
        }
    }

    /// <summary>Remembers a fact (written with the next counts).</summary>
    public void Remember(string name, string value)
    {
        var entry = new StateEntry(value, clock.GetUtcNow().ToUnixTimeMilliseconds());
        state[name] = entry;
        dirty[name] = entry;
    }

    /// <summary>A poll of the cloud's (refused callers are not counted: they are not the cloud).</summary>
    public void Poll(string caller, string outcome) => PollAt(clock.GetUtcNow(), caller, outcome, 1);

    /// <summary>Polls counted in the hour holding <paramref name="at"/>, the last of them then (tests and the benchmark fill past hours this way).</summary>
    public void PollAt(DateTimeOffset at, string caller, string outcome, long count)
    {
        CountAt(at, "poll", caller, outcome, count);
        var name = $"lastpoll:{caller}";
        var atMs = at.ToUnixTimeMilliseconds();
        if (!state.TryGetValue(name, out var last) || last.AtMs < atMs)
        {
            var entry = new StateEntry(atMs.ToString(System.Globalization.CultureInfo.InvariantCulture), atMs);
            state[name] = entry;
            dirty[name] = entry;
        }
    }

    /// <summary>A dictionary answered: where its rows came from (database, cache, stale) and, read from the database, how many.</summary>
    public void Served(string endpoint, string source, int rows)
    {
        Remember($"served:{endpoint}", source);
        if (source == "database" && views.TryGetValue(endpoint, out var view))
        {
            ViewRead(view, rows, "poll");
        }
    }

    /// <summary>A standard view read to the end: its rows then, and by what (poll, push, check).</summary>
    public void ViewRead(string view, long rows, string by) =>
        Remember($"view:{view}", System.Text.Json.JsonSerializer.Serialize(new ViewRows(rows, by), ConsoleJsonContext.Default.ViewRows));

    private void DatabaseRead(bool ok, double ms)
    {
        Count("db", "", ok ? "ok" : "error");
        Remember("db:last", System.Text.Json.JsonSerializer.Serialize(new DatabaseRead(ok, Math.Round(ms, 1)), ConsoleJsonContext.Default.DatabaseRead));
    }

    /// <summary>Every fact remembered, from the file and since.</summary>
    public async Task<IReadOnlyDictionary<string, StateEntry>> StateAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return state;
    }

    /// <summary>Counts of the hours from <paramref name="sinceMs"/> on: the file's and those not yet written.</summary>
    public async Task<List<HourCount>> HoursAsync(long sinceMs, CancellationToken cancellationToken)
    {
        TakeRelay();
        var counts = new Dictionary<(long, string, string, string), long>();
        if (await LoadAsync(cancellationToken))
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                var rows = await connection.QueryAsync<HourRow>(new CommandDefinition(
                    "SELECT hour_ms AS HourMs, series AS Series, item AS Item, outcome AS Outcome, count AS Total FROM console_hourly WHERE hour_ms >= @sinceMs",
                    new { sinceMs = Hour(sinceMs) }, cancellationToken: cancellationToken));
                foreach (var row in rows)
                {
                    counts[(row.HourMs, row.Series, row.Item, row.Outcome)] = row.Total;
                }
            }
            catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
            {
                Failed(ex);
            }
        }
        lock (gate)
        {
            foreach (var (key, count) in pending.Where(p => p.Key.Hour >= Hour(sinceMs)))
            {
                counts[key] = counts.GetValueOrDefault(key) + count;
            }
        }
        return [.. counts.Select(c => new HourCount(c.Key.Item1, c.Key.Item2, c.Key.Item3, c.Key.Item4, c.Value))];
    }

    /// <summary>Writes the counts and facts gathered since the last write, and forgets what is older than <see cref="KeepDays"/> days.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => FlushAsync(closing: false, cancellationToken);

    private async Task FlushAsync(bool closing, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref disposed) == 1 && !closing)
        {
            return;
        }
        TakeRelay();
        await writing.WaitAsync(cancellationToken);
        try
        {
            Dictionary<(long Hour, string Series, string Item, string Outcome), long> counts;
            ConcurrentDictionary<string, StateEntry> facts;
            lock (gate)
            {
                counts = pending;
                pending = [];
                facts = Interlocked.Exchange(ref dirty, new ConcurrentDictionary<string, StateEntry>(StringComparer.Ordinal));
            }
            if ((counts.Count == 0 && facts.IsEmpty) || !await LoadAsync(cancellationToken))
            {
                Restore(counts, facts);
                return;
            }
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                foreach (var ((hour, series, item, outcome), count) in counts)
                {
                    await connection.ExecuteAsync(new CommandDefinition("""
                        INSERT INTO console_hourly (hour_ms, series, item, outcome, count) VALUES (@hour, @series, @item, @outcome, @count)
                        ON CONFLICT (hour_ms, series, item, outcome) DO UPDATE SET count = count + excluded.count
                        """, new { hour, series, item, outcome, count }, transaction, cancellationToken: cancellationToken));
                }
                foreach (var (name, entry) in facts)
                {
                    await connection.ExecuteAsync(new CommandDefinition("""
                        INSERT INTO console_state (name, value, at_ms) VALUES (@name, @value, @atMs)
                        ON CONFLICT (name) DO UPDATE SET value = excluded.value, at_ms = excluded.at_ms
                        """, new { name, value = entry.Value, atMs = entry.AtMs }, transaction, cancellationToken: cancellationToken));
                }
                var cutoff = clock.GetUtcNow().AddDays(-KeepDays).ToUnixTimeMilliseconds();
                await connection.ExecuteAsync(new CommandDefinition("DELETE FROM console_hourly WHERE hour_ms < @cutoff", new { cutoff }, transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition("DELETE FROM console_state WHERE at_ms < @cutoff", new { cutoff }, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                Problem = null;
            }
            catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
            {
                Failed(ex);
                Restore(counts, facts);
            }
        }
        finally
        {
            writing.Release();
        }
    }

    /// <summary>Counts not written go back, to be written next time.</summary>
    private void Restore(Dictionary<(long Hour, string Series, string Item, string Outcome), long> counts, ConcurrentDictionary<string, StateEntry> facts)
    {
        lock (gate)
        {
            foreach (var (key, count) in counts)
            {
                pending[key] = pending.GetValueOrDefault(key) + count;
            }
        }
        foreach (var (name, entry) in facts)
        {
            dirty.TryAdd(name, entry);
        }
    }

    /// <summary>Creates the file's tables and reads the facts it holds, once; false while the file cannot be opened.</summary>
    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (loaded)
        {
            return true;
        }
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Location)!);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(Schema, cancellationToken: cancellationToken));
            var rows = await connection.QueryAsync<StateRow>(new CommandDefinition(
                "SELECT name AS Name, value AS Value, at_ms AS AtMs FROM console_state", cancellationToken: cancellationToken));
            foreach (var row in rows)
            {
                // What happened since start-up is newer than the file.
                state.TryAdd(row.Name, new StateEntry(row.Value, row.AtMs));
            }
            loaded = true;
            Problem = null;
            return true;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            Failed(ex);
            return false;
        }
    }

    private void Failed(Exception ex)
    {
        if (Problem is null)
        {
            Log.ConsoleHistoryFailed(logger, Location, Masking.Redact(ex.Message));
        }
        Problem = Masking.Redact(ex.Message);
    }

    /// <summary>The relay's outcomes since the last look, into the current hour.</summary>
    private void TakeRelay()
    {
        lock (relaySeen)
        {
            foreach (var (outcome, total) in RelayTotals())
            {
                var delta = total - relaySeen.GetValueOrDefault(outcome);
                if (delta > 0)
                {
                    Count("relay", "", outcome, delta);
                }
                relaySeen[outcome] = total;
            }
        }
    }

    private IEnumerable<(string, long)> RelayTotals() =>
    [
        ("accepted", relay.Accepted),
        ("delivered", relay.Delivered),
        ("refused_by_cloud", relay.RefusedByCloud),
        ("failed", relay.Failed),
        ("too_old", relay.TooOld),
        ("queue_full", relay.QueueFull),
        ("dropped_at_shutdown", relay.DroppedAtShutdown),
    ];

    public static long Hour(long ms) => ms - (((ms % HourMs) + HourMs) % HourMs);

    /// <summary>Writes what is left (the host stopping writes it too; whichever comes first), then closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }
        listener.Dispose();
        await FlushAsync(closing: true, CancellationToken.None);
        await dataSource.DisposeAsync();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private sealed class HourRow
    {
        public long HourMs { get; set; }

        public string Series { get; set; } = "";

        public string Item { get; set; } = "";

        public string Outcome { get; set; } = "";

        public long Total { get; set; }
    }

    private sealed class StateRow
    {
        public string Name { get; set; } = "";

        public string Value { get; set; } = "";

        public long AtMs { get; set; }
    }
}

/// <summary>A view's rows as last read to the end, and by what.</summary>
public sealed record ViewRows(long Rows, string By);

/// <summary>The last read of a view by the provider: whether it went through and how long it took.</summary>
public sealed record DatabaseRead(bool Ok, double Ms);

/// <summary>Writes the console's counts once a minute, and at shutdown.</summary>
internal sealed class ConsoleHistoryWriter(ConsoleHistory history) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await history.FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the last counts are written below.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await history.FlushAsync(cancellationToken);
    }
}
