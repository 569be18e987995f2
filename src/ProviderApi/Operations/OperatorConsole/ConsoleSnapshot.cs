using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using ProviderApi.Common;
using ProviderApi.Dictionaries;
using ProviderApi.Push;
using ProviderApi.Relay;
using ProviderApi.Views;

namespace ProviderApi.Operations.OperatorConsole;

/// <summary>A chart's data: one label per bar, and one row of values per series (stacked).</summary>
public sealed record Chart(IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series);

public sealed record ChartSeries(string Name, IReadOnlyList<long> Values)
{
    public long Total => Values.Sum();
}

/// <summary>One cloud address: its last poll, and its polls over 24 hours (hourly) and 7 days (daily), answers and failures.</summary>
public sealed record CloudCaller(string Address, DateTimeOffset? LastPoll, double? AgeMinutes, bool Silent, Chart Day, Chart Week);

public sealed record CloudSection(int SilenceMinutes, bool Silent, IReadOnlyList<CloudCaller> Callers);

/// <summary>A dictionary's cache: when its rows were last read from the database, how many, and whether the last answer was served stale.</summary>
public sealed record DictionaryState(string Name, string View, int CacheSeconds, DateTimeOffset? LastDatabaseRead, double? CacheAgeSeconds, long? Rows, string? LastSource, bool Stale);

/// <summary>A standard view's rows as last read to the end (by a poll, the push or the check); never read for the console.</summary>
public sealed record ViewState(string View, long? Rows, string? ReadBy, DateTimeOffset? ReadAt);

public sealed record DatabaseSection(DateTimeOffset? LastReadAt, bool? LastReadOk, double? LastReadMs, IReadOnlyList<ViewState> Views, Chart Reads);

public sealed record PushSection(PushStatusReport? Status, string? Problem);

public sealed record RelaySection(bool Enabled, Chart Calls);

public sealed record CheckSection(bool Running, DateTimeOffset? LastAt, CheckSummary? Last);

public sealed record SelfTestSection(bool Running, DateTimeOffset? LastAt, SelfTestSummary? Last);

public sealed record HistorySection(string Location, string? Problem, int KeepDays);

/// <summary>Everything the operator console shows (GET /operations/console.json; the page is drawn from the same).</summary>
public sealed record ConsoleSnapshot(
    DateTimeOffset GeneratedAt,
    CloudSection Cloud,
    IReadOnlyList<DictionaryState> Dictionaries,
    DatabaseSection Database,
    PushSection? Push,
    RelaySection Relay,
    CheckSection Check,
    SelfTestSection SelfTest,
    HistorySection History);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ConsoleSnapshot))]
[JsonSerializable(typeof(CheckSummary))]
[JsonSerializable(typeof(SelfTestSummary))]
[JsonSerializable(typeof(ViewRows))]
[JsonSerializable(typeof(DatabaseRead))]
internal sealed partial class ConsoleJsonContext : JsonSerializerContext;

/// <summary>
/// Gathers the console's snapshot from the history file, the metrics and the push state: never
/// from the standard views, so a page load costs the hospital's database nothing (the push state,
/// when kept in the hospital's database, is read as GET /operations/push reads it).
/// </summary>
public sealed class ConsoleData(
    ConsoleHistory history,
    ConsoleJobs jobs,
    ProviderMetrics metrics,
    PushMonitor monitor,
    PushStore store,
    ViewCatalog catalog,
    IOptions<MonitoringOptions> monitoring,
    IOptions<DictionaryCacheOptions> cache,
    IOptions<PushOptions> push,
    IOptions<RelayOptions> relay,
    TimeProvider clock)
{
    private static readonly string[] Answers = ["ok", "stale"];
    private static readonly string[] Failures = ["error", "aborted", "other"];
    private static readonly string[] RelayOutcomes = ["delivered", "refused_by_cloud", "failed", "too_old", "queue_full", "dropped_at_shutdown"];

    public async Task<ConsoleSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var hours = await history.HoursAsync(now.AddDays(-7).ToUnixTimeMilliseconds(), cancellationToken);
        var state = await history.StateAsync(cancellationToken);
        RememberPushScans(state);

        return new ConsoleSnapshot(
            now,
            Cloud(now, hours, state),
            Dictionaries(now, state),
            Database(now, hours, state),
            await PushAsync(cancellationToken),
            new RelaySection(relay.Value.Enabled, DayChart(now, hours.Where(h => h.Series == "relay").ToList(),
                [.. RelayOutcomes.Select(o => (o, new[] { o }))])),
            new CheckSection(jobs.CheckRunning, At(state, "check"), Parse(state, "check", ConsoleJsonContext.Default.CheckSummary)),
            new SelfTestSection(jobs.SelfTestRunning, At(state, "selftest"), Parse(state, "selftest", ConsoleJsonContext.Default.SelfTestSummary)),
            new HistorySection(history.Location, history.Problem, ConsoleHistory.KeepDays));
    }

    public async Task WriteJsonAsync(Stream output, CancellationToken cancellationToken) =>
        await JsonSerializer.SerializeAsync(output, await ReadAsync(cancellationToken), ConsoleJsonContext.Default.ConsoleSnapshot, cancellationToken);

    private CloudSection Cloud(DateTimeOffset now, List<HourCount> hours, IReadOnlyDictionary<string, StateEntry> state)
    {
        var minutes = monitoring.Value.CloudSilenceMinutes;
        var polls = hours.Where(h => h.Series == "poll").ToList();
        var addresses = polls.Select(h => h.Item)
            .Concat(state.Keys.Where(k => k.StartsWith("lastpoll:", StringComparison.Ordinal)).Select(k => k["lastpoll:".Length..]))
            .Concat(metrics.LastPolls.Keys)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var callers = addresses.Select(address =>
        {
            DateTimeOffset? last = metrics.LastPolls.TryGetValue(address, out var seen) ? seen
                : state.TryGetValue($"lastpoll:{address}", out var entry) ? DateTimeOffset.FromUnixTimeMilliseconds(entry.AtMs) : null;
            var age = last is { } l ? Math.Round((now - l).TotalMinutes, 1) : (double?)null;
            var mine = polls.Where(h => h.Item == address).ToList();
            (string, string[])[] series = [("answers", Answers), ("failures", Failures)];
            return new CloudCaller(address, last, age, minutes > 0 && (age is null || age >= minutes), DayChart(now, mine, series), WeekChart(now, mine, series));
        }).ToList();
        return new CloudSection(minutes, metrics.Silent || (minutes > 0 && callers.Count > 0 && callers.All(c => c.Silent)), callers);
    }

    private List<DictionaryState> Dictionaries(DateTimeOffset now, IReadOnlyDictionary<string, StateEntry> state) =>
    [
        .. catalog.In(ViewModes.ServedOverHttp).Select(view =>
        {
            var name = view.Http!.Name;
            var read = Parse(state, $"view:{view.Name}", ConsoleJsonContext.Default.ViewRows) is { By: "poll" } ? At(state, $"view:{view.Name}") : null;
            var rows = read is null ? null : Parse(state, $"view:{view.Name}", ConsoleJsonContext.Default.ViewRows)?.Rows;
            var source = state.TryGetValue($"served:{name}", out var served) ? served.Value : null;
            return new DictionaryState(name, view.Name, cache.Value.Seconds, read,
                read is { } at && cache.Value.Seconds > 0 ? Math.Round((now - at).TotalSeconds) : null, rows, source, source == "stale");
        }),
    ];

    private DatabaseSection Database(DateTimeOffset now, List<HourCount> hours, IReadOnlyDictionary<string, StateEntry> state)
    {
        var last = Parse(state, "db:last", ConsoleJsonContext.Default.DatabaseRead);
        var views = catalog.All.Select(view =>
        {
            var rows = Parse(state, $"view:{view.Name}", ConsoleJsonContext.Default.ViewRows);
            return new ViewState(view.Name, rows?.Rows, rows?.By, At(state, $"view:{view.Name}"));
        }).ToList();
        return new DatabaseSection(At(state, "db:last"), last?.Ok, last?.Ms, views,
            DayChart(now, hours.Where(h => h.Series == "db").ToList(), [("ok", ["ok"]), ("error", ["error"])]));
    }

    private async Task<PushSection?> PushAsync(CancellationToken cancellationToken)
    {
        if (!PushInterfaces.All.Any(i => i.Options(push.Value).Enabled))
        {
            return null;
        }
        try
        {
            var report = await PushStatusReport.ReadAsync(store, push.Value, clock, cancellationToken);
            report = report with
            {
                Parked = [.. report.Parked.Select(Masked)],
                Retrying = [.. report.Retrying.Select(Masked)],
                LastPollAt = monitor.LastPollMs is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null,
                LastPollProblem = monitor.LastPollProblem,
            };
            return new PushSection(report, null);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or IOException)
        {
            return new PushSection(null, Masking.Redact(ex.Message));
        }
    }

    private static ParkedRow Masked(ParkedRow row) => row with { Label = Masking.Text(row.Label), Reason = row.Reason is null ? null : Masking.Text(row.Reason) };

    /// <summary>The push's reads of its views are kept like a poll's: the console shows them after a restart too.</summary>
    private void RememberPushScans(IReadOnlyDictionary<string, StateEntry> state)
    {
        foreach (var pushed in PushedView.In(catalog))
        {
            if (monitor.LastScans.TryGetValue(pushed.Kind, out var scan)
                && (!state.TryGetValue($"view:{pushed.View.Name}", out var kept) || kept.AtMs < scan.AtMs))
            {
                history.ViewRead(pushed.View.Name, scan.Rows, "push");
            }
        }
    }

    /// <summary>24 hourly bars ending with the current hour, labelled with the local hour.</summary>
    private static Chart DayChart(DateTimeOffset now, List<HourCount> counts, (string Name, string[] Outcomes)[] series)
    {
        var first = ConsoleHistory.Hour(now.ToUnixTimeMilliseconds()) - (23 * 3_600_000L);
        var hours = Enumerable.Range(0, 24).Select(i => first + (i * 3_600_000L)).ToList();
        var labels = hours.Select(h => Local(h).ToString("HH", CultureInfo.InvariantCulture)).ToList();
        return new Chart(labels, [.. series.Select(s => new ChartSeries(s.Name,
            [.. hours.Select(h => counts.Where(c => c.HourMs == h && s.Outcomes.Contains(c.Outcome)).Sum(c => c.Count))]))]);
    }

    /// <summary>7 daily bars (local days) ending today.</summary>
    private static Chart WeekChart(DateTimeOffset now, List<HourCount> counts, (string Name, string[] Outcomes)[] series)
    {
        var today = DateOnly.FromDateTime(Local(now.ToUnixTimeMilliseconds()).DateTime);
        var days = Enumerable.Range(0, 7).Select(i => today.AddDays(i - 6)).ToList();
        return new Chart([.. days.Select(d => d.ToString("MM-dd", CultureInfo.InvariantCulture))], [.. series.Select(s => new ChartSeries(s.Name,
            [.. days.Select(d => counts.Where(c => DateOnly.FromDateTime(Local(c.HourMs).DateTime) == d && s.Outcomes.Contains(c.Outcome)).Sum(c => c.Count))]))]);
    }

    private static DateTimeOffset Local(long ms) => TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(ms), TimeZoneInfo.Local);

    private static DateTimeOffset? At(IReadOnlyDictionary<string, StateEntry> state, string name) =>
        state.TryGetValue(name, out var entry) ? DateTimeOffset.FromUnixTimeMilliseconds(entry.AtMs) : null;

    private static T? Parse<T>(IReadOnlyDictionary<string, StateEntry> state, string name, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        if (!state.TryGetValue(name, out var entry))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(entry.Value, type);
        }
        catch (JsonException)
        {
            // Written by another version: shown as unknown.
            return null;
        }
    }
}
