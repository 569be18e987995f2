using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProviderApi.Data;
using ProviderApi.Push;

namespace ProviderApi.Benchmarks;

/// <summary>The push (mode 2): throughput against a fake cloud, and what a poll costs the HIS once nothing is left to send.</summary>
public sealed partial class Measurements
{
    /// <summary>Push:PollSeconds: the pause after a poll that sent nothing, long enough for the reference read to fit in it.</summary>
    private const int PushPollSeconds = 4;

    /// <summary>Polls measured once nothing is left to send, each against a reference read (as many as the views' lines have).</summary>
    private const int QuietPolls = 7;

    /// <summary>Records a second below which a day's rows, or the window on the day push is switched on, would wait on the provider.</summary>
    private const double PushFloor = 200;

    private static readonly TimeSpan PushPatience = TimeSpan.FromMinutes(5);

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    /// <summary>
    /// With each store, one provider pushing the window of the small HIS (the same rows as the
    /// large one's, read quicker) to a <see cref="PushCloud"/>: polls of a full batch of each
    /// interface against bare POSTs of the same bodies, then, everything delivered, a poll
    /// against a plain read of the two views.
    /// </summary>
    public async Task PushAsync(HisSize small, CancellationToken cancel)
    {
        var throughput = new List<ResultLine>();
        var polls = new List<ResultLine>();
        foreach (var store in new[] { PushStoreKind.Embedded, PushStoreKind.Database })
        {
            var (pushed, polled) = await PushWithAsync(small, store, cancel);
            throughput.Add(pushed);
            polls.Add(polled);
        }
        foreach (var line in throughput.Concat(polls))
        {
            report.Add(line);
        }
    }

    private async Task<(ResultLine Throughput, ResultLine Poll)> PushWithAsync(HisSize small, PushStoreKind store, CancellationToken cancel)
    {
        var storeName = store == PushStoreKind.Embedded ? "embedded store (an SQLite file, the default)" : "Push:Store = Database (imgcloud.push_delivery in the HIS database)";
        var throughputWhat = $"Push, {storeName}: records/s delivered from a backlog of View_Register_Info and view_setlInfoList to a fake cloud answering at once, against bare POSTs of the same bodies from one HttpClient";
        var pollWhat = $"Push, {storeName}: a poll once everything is delivered (nothing to send) against one plain read of each view it reads, every row read as strings";
        log.WriteLine($"- push to a fake cloud, {storeName}");

        // The window's rows, read as the cloud would (which also warms the reference's pool): the
        // backlog must fill a warm-up poll and the pairs' with a full batch of each interface.
        await using var reference = new NpgsqlDataSourceBuilder(databases.ConnectionString(small.Database)) { Name = DatabaseUse.ReferencePool }.Build();
        var registrations = (await ViewQueries.ReadAllAsync(reference, ViewQueries.RegisterView, cancel)).Rows;
        var settlements = (await ViewQueries.ReadAllAsync(reference, ViewQueries.SettlementView, cancel)).Rows;
        var window = $"{registrations:N0} + {settlements:N0} rows";
        var batch = new PushOptions().BatchSize;
        var pairs = Math.Min(5, (Math.Min(registrations, settlements) / batch) - 1);
        if (pairs < 3)
        {
            var why = $"the window holds too few rows ({window}) for four polls of {batch} of each interface";
            return (ResultLine.NotMeasured(throughputWhat, $"≥ {PushFloor:N0} records/s", why), ResultLine.NotMeasured(pollWhat, "≤ 1.2×", why));
        }

        await databases.ResetPushStateAsync(small.Database, cancel);
        var storePath = Path.Combine(logFolder, $"push-{store.ToString().ToLowerInvariant()}.db");
        await using var cloud = await PushCloud.StartAsync();
        using var host = new ProviderHost(databases.ConnectionString(small.Database), new Dictionary<string, string?>
        {
            ["Cloud:BaseAddress"] = cloud.Address.ToString(),
            ["Push:Registrations:Enabled"] = "true",
            ["Push:Settlements:Enabled"] = "true",
            ["Push:Store"] = store.ToString(),
            ["Push:StorePath"] = storePath,
            ["Push:PollSeconds"] = PushPollSeconds.ToString(CultureInfo.InvariantCulture),
            // A call held at the gate while the reference runs is neither given up nor tried again
            // (and the lease outlasts it, as Push:LeaseSeconds must: twice the longest call).
            ["Push:AttemptTimeoutSeconds"] = "300",
            ["Push:MaxRetries"] = "0",
            ["Push:LeaseSeconds"] = "900",
        }, logFolder);
        var starting = Stopwatch.StartNew();
        host.Start();
        var monitor = host.Services.GetRequiredService<PushMonitor>();
        await WhilePushingAsync(monitor, cloud.Held, cancel);
        var firstPoll = starting.Elapsed.TotalSeconds;

        // Throughput: each sample lets one poll's batches through (a full Push:BatchSize of each
        // interface) and ends when the next poll's first call arrives, so it includes the reads
        // of both views between the batches; the bare POSTs then send the same bodies.
        var perPoll = 2 * batch;
        var sample = (IReadOnlyList<PushCloud.Received>)[];
        var intervals = new List<double>();
        async Task<double> PushedAsync()
        {
            var (opened, next) = cloud.Open(perPoll);
            var held = await WhilePushingAsync(monitor, next, cancel);
            sample = cloud.Passed;
            if (sample.Count != perPoll)
            {
                throw new InvalidOperationException($"a poll made {sample.Count} calls, not {perPoll}");
            }
            // Between two calls of one batch: the call and the row recorded in the store (the first call waited at the gate).
            intervals.Add(Pairs.Median([.. sample.Skip(1).Zip(sample.Skip(2))
                .Where(p => p.First.Path == p.Second.Path)
                .Select(p => Stopwatch.GetElapsedTime(p.First.Arrived, p.Second.Arrived).TotalSeconds)]));
            return perPoll / Stopwatch.GetElapsedTime(opened, held).TotalSeconds;
        }
        async Task<double> BareAsync()
        {
            var watch = Stopwatch.StartNew();
            foreach (var call in sample)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(cloud.Address, call.Path))
                {
                    Content = new ByteArrayContent(call.Body) { Headers = { ContentType = Json } },
                };
                request.Headers.Add(PushCloud.ReferenceHeader, "1");
                using var answer = await client.SendAsync(request, cancel);
                answer.EnsureSuccessStatusCode();
                await answer.Content.ReadAsByteArrayAsync(cancel);
            }
            return sample.Count / watch.Elapsed.TotalSeconds;
        }
        var pushed = await Pairs.RunAsync(PushedAsync, BareAsync, TimeSpan.Zero, minPairs: pairs, maxPairs: pairs);
        var interval = Pairs.Median([.. intervals.Skip(1)]);
        var rest = (perPoll / pushed.MedianA) - (perPoll * interval);
        var throughput = new ResultLine(throughputWhat, Records(pushed.MedianA), Records(pushed.MedianB), Report.Times(pushed.Ratio),
            $"≥ {PushFloor:N0} records/s", pushed.MedianA >= PushFloor,
            $"polls of {perPoll:N0} records ({batch} of each interface, the default Push:BatchSize); {pushed.Count} pairs; "
            + $"sending alone {Records(1 / interval)} (a call and its row recorded every {interval * 1000:0.00} ms, {Report.Times(1 / interval / pushed.MedianB)} of bare POSTs); "
            + $"the rest of each poll, {rest:0.0} s, reads both views again ({window}) before its batches; the first poll, recording them on the empty store, made its first call {firstPoll:0.0} s after start-up"
            + (store == PushStoreKind.Database
                ? "; this PostgreSQL runs with fsync and synchronous_commit off, so a hospital's server makes each recorded row dearer"
                : "; the SQLite file on the same disk as the database, synchronous = FULL"));

        // Everything delivered: what is still pending is marked accepted in the store, as if the
        // cloud had taken it (pushing the rest of the window one call at a time would take
        // minutes), and the worker is told to reload (an operator's verb does the same).
        var marked = await MarkDeliveredAsync(store, storePath, small.Database, cancel);
        var underWay = monitor.LastPollMs;
        cloud.Open(int.MaxValue);
        // The poll under way sends its batches; the next reloads the state and finds nothing to send.
        var last = await PollEndedAsync(monitor, underWay, cancel);
        last = await PollEndedAsync(monitor, last, cancel);

        using var use = new DatabaseUse();
        var mark = use.Now;
        var uses = new List<DatabaseUse.Snapshot>();
        var callsBefore = cloud.Passed.Count;
        var pollTimes = new List<double>();
        var readTimes = new List<double>();
        var overlapped = 0;
        for (var i = 0; i < QuietPolls; i++)
        {
            var seconds = (await ViewQueries.ReadAllAsync(reference, ViewQueries.RegisterView, cancel)).Seconds
                + (await ViewQueries.ReadAllAsync(reference, ViewQueries.SettlementView, cancel)).Seconds;
            if (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() > last + (PushPollSeconds * 1000))
            {
                overlapped++;
            }
            var ended = await PollEndedAsync(monitor, last, cancel);
            pollTimes.Add(((ended - last) / 1000.0) - PushPollSeconds);
            readTimes.Add(seconds);
            uses.Add(use.Now - mark);
            mark = use.Now;
            last = ended;
        }
        double Median(Func<DatabaseUse.Snapshot, double> figure) => Pairs.Median([.. uses.Select(figure)]);
        var calls = cloud.Passed.Count - callsBefore;
        var polled = new Pairs(pollTimes, readTimes);
        var poll = new ResultLine(pollWhat, Report.Ms(polled.MedianA), Report.Ms(polled.MedianB), Report.Times(polled.Ratio), "≤ 1.2×", polled.Ratio <= 1.2,
            $"a poll (medians): {Median(u => u.Commands):0.#} queries in the HIS database taking {Median(u => u.CommandSeconds) * 1000:0} ms (Npgsql's db.client.operation.duration; the reference: 2), "
            + $"of which {Median(u => u.Reads):0.#} view reads (imgcloud.db.reads: sex_map and the two views) taking {Median(u => u.ReadSeconds) * 1000:0} ms from opening to the last row consumed"
            + (store == PushStoreKind.Database ? ", the others the store's (the lease, the control row)" : "; the store's lease and control row in the SQLite file")
            + $"; {(calls == 0 ? "no call made" : $"{calls} calls made (NOT a quiet poll)")}; {polled.Count} pairs; {window} in the window, {marked:N0} still pending marked delivered in the store to get there; "
            + $"a poll's time is the interval between two polls' ends less Push:PollSeconds ({PushPollSeconds} s)"
            + (overlapped == 0 ? "" : $"; in {overlapped} pairs the reference ran into the next poll"));
        return (throughput, poll);
    }

    private static string Records(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture) + " records/s";

    /// <summary>Waits for <paramref name="task"/> while the worker's polls go well; a failed poll (no database, no store) stops the measurement.</summary>
    private static async Task<T> WhilePushingAsync<T>(PushMonitor monitor, Task<T> task, CancellationToken cancel)
    {
        var deadline = Stopwatch.StartNew();
        while (!task.IsCompleted)
        {
            if (monitor.LastPollProblem is { } problem)
            {
                throw new InvalidOperationException($"the push worker's poll failed: {problem}");
            }
            if (deadline.Elapsed > PushPatience)
            {
                throw new TimeoutException($"the push worker did not get there in {PushPatience.TotalMinutes} minutes (a call at the gate, or the end of a poll)");
            }
            await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(100), cancel));
        }
        return await task;
    }

    /// <summary>The end of the next poll after the one that ended at <paramref name="after"/> (Unix ms, as the worker's monitor reports it).</summary>
    private static Task<long> PollEndedAsync(PushMonitor monitor, long? after, CancellationToken cancel) =>
        WhilePushingAsync(monitor, Task.Run(async () =>
        {
            while (monitor.LastPollMs == after)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5), cancel);
            }
            return monitor.LastPollMs!.Value;
        }, cancel), cancel);

    /// <summary>Marks every pending row delivered with the content it has and bumps the store's generation, so the worker reloads it; returns how many.</summary>
    private async Task<int> MarkDeliveredAsync(PushStoreKind store, string storePath, string database, CancellationToken cancel)
    {
        var embedded = store == PushStoreKind.Embedded;
        var dialect = DatabaseEngine.For(embedded ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSql);
        await using DbConnection connection = embedded
            ? new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = storePath, Pooling = false }.ToString())
            : new NpgsqlConnection(databases.ConnectionString(database, pooling: false));
        await connection.OpenAsync(cancel);
        await using var command = connection.CreateCommand();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        command.CommandText = $"""
            UPDATE {dialect.Imgcloud("push_delivery")}
            SET state = 'delivered', delivered_hash = content_hash, delivered_at_ms = {now}, last_attempt_ms = {now}, attempts = 1
            WHERE state = 'pending'
            """;
        var marked = await command.ExecuteNonQueryAsync(cancel);
        command.CommandText = $"UPDATE {dialect.Imgcloud("push_control")} SET generation = generation + 1 WHERE name = 'push'";
        await command.ExecuteNonQueryAsync(cancel);
        if (!embedded)
        {
            // As a hospital's server would have done by then; not autovacuum in the middle of the measurement.
            command.CommandText = "VACUUM (ANALYZE) imgcloud.push_delivery";
            await command.ExecuteNonQueryAsync(cancel);
        }
        return marked;
    }
}
