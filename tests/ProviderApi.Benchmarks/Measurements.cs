using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace ProviderApi.Benchmarks;

/// <summary>An engine the view lines run on: its name in the lines (empty: PostgreSQL, the report's first), its two histories, its hand-written queries, a note added to each line.</summary>
public sealed record ViewEngine(string Name, DbDataSource Big, DbDataSource Small, string RegisterByHand, string SettlementByHand, string Note);

/// <summary>The measurements of the issue, each a line of the report.</summary>
public sealed partial class Measurements(HisDatabases databases, Report report, TextWriter log, string logFolder, HttpClient client)
{
    /// <summary>Rows of a dictionary when the working set is measured.</summary>
    public const int LargeDictionary = 200_000;

    private const string ExamDict = "standardHttp/getExamDict";
    private const string DeptInfo = "standardHttp/getDeptInfo";

    /// <summary>The dictionary cache of the cache engineer's issue, when it is in this build.</summary>
    public static bool CacheBuilt => typeof(Program).Assembly.GetType("ProviderApi.Dictionaries.DictionaryCacheOptions") is not null;

    /// <summary>Access control, the cloud-poll log and the request metrics, when they are in this build.</summary>
    public static bool PipelineBuilt =>
        typeof(Program).Assembly.GetType("ProviderApi.Access.AccessGate") is not null
        && typeof(Program).Assembly.GetType("ProviderApi.Operations.CloudPollLog") is not null;

    /// <summary>The standard views against a hand-written query on the base tables, and the 5M history against the 500k one, on PostgreSQL.</summary>
    public async Task ViewsAsync(HisSize big, HisSize small, CancellationToken cancel)
    {
        await using var bigSource = NpgsqlDataSource.Create(databases.ConnectionString(big.Database));
        await using var smallSource = NpgsqlDataSource.Create(databases.ConnectionString(small.Database));
        await ViewsAsync(new ViewEngine("", bigSource, smallSource, ViewQueries.RegisterByHand, ViewQueries.SettlementByHand, ""), big, small, cancel);
    }

    /// <summary>
    /// The same lines on another engine: <paramref name="engine"/> names it in each line and holds
    /// its two histories and its hand-written queries.
    /// </summary>
    public async Task ViewsAsync(ViewEngine engine, HisSize big, HisSize small, CancellationToken cancel)
    {
        var (on, bigSource, smallSource) = (engine.Name.Length == 0 ? "" : $" on {engine.Name}", engine.Big, engine.Small);
        var extra = engine.Note.Length == 0 ? "" : $"; {engine.Note}";
        (string View, string Sql, string ByHand, string History)[] views =
        [
            ("View_Register_Info", ViewQueries.RegisterView, engine.RegisterByHand, $"{big.Registrations:N0} registrations, {big.Stays:N0} stays"),
            ("view_setlInfoList", ViewQueries.SettlementView, engine.SettlementByHand, $"{big.Settlements:N0} settlements"),
        ];

        foreach (var (view, sql, byHand, history) in views)
        {
            var what = $"{view}{on} ({history}): the view against a hand-written query on the base tables, every row read as strings";
            log.WriteLine($"- {view}{on}: view against hand-written query");
            var difference = await ViewQueries.DifferenceAsync(bigSource, sql, byHand, cancel);
            if (difference is not null)
            {
                report.Add(new ResultLine(what, "", "", "not comparable", "≤ 1.5×", false, $"the two return different rows: {difference}"));
                continue;
            }
            var rows = 0;
            var pairs = await Pairs.RunAsync(
                async () => { var (s, r) = await ViewQueries.ReadAllAsync(bigSource, sql, cancel); rows = r; return s; },
                async () => (await ViewQueries.ReadAllAsync(bigSource, byHand, cancel)).Seconds,
                TimeSpan.FromSeconds(15), minPairs: 7);
            report.Add(new ResultLine(what, Report.Ms(pairs.MedianA), Report.Ms(pairs.MedianB), Report.Times(pairs.Ratio), "≤ 1.5×", pairs.Ratio <= 1.5,
                $"{rows:N0} rows in the window, identical in both (checked once, one snapshot); {pairs.Count} pairs{extra}"));
        }

        foreach (var (view, sql, _, history) in views)
        {
            var what = $"{view}{on}: over the large history against the small one ({history} against a tenth of them; the window's rows are the same)";
            log.WriteLine($"- {view}{on}: large history against small");
            string? difference = null;
            for (var attempt = 0; attempt < 3; attempt++)
            {
                // Two databases, two clocks a moment apart: a row may just cross the window's edge; try again.
                await using var a = await bigSource.OpenConnectionAsync(cancel);
                await using var b = await smallSource.OpenConnectionAsync(cancel);
                difference = ViewQueries.Difference(await ViewQueries.RowsAsync(a, null, sql, cancel), await ViewQueries.RowsAsync(b, null, sql, cancel));
                if (difference is null)
                {
                    break;
                }
            }
            if (difference is not null)
            {
                report.Add(new ResultLine(what, "", "", "not comparable", "≤ 1.3×", false, $"the window's rows differ between the two databases: {difference}"));
                continue;
            }
            var rows = 0;
            var pairs = await Pairs.RunAsync(
                async () => { var (s, r) = await ViewQueries.ReadAllAsync(bigSource, sql, cancel); rows = r; return s; },
                async () => (await ViewQueries.ReadAllAsync(smallSource, sql, cancel)).Seconds,
                TimeSpan.FromSeconds(15), minPairs: 7);
            report.Add(new ResultLine(what, Report.Ms(pairs.MedianA), Report.Ms(pairs.MedianB), Report.Times(pairs.Ratio), "≤ 1.3×", pairs.Ratio <= 1.3,
                $"{rows:N0} rows, identical in both; {pairs.Count} pairs{extra}"));
        }
    }

    /// <summary>getExamDict streamed from the database (cache off) against the raw reader writing the same JSON.</summary>
    public async Task ExamDictAgainstFloorAsync(HisSize big, CancellationToken cancel)
    {
        var what = $"getExamDict, {big.ExamItems:N0} items, cache off: the endpoint against a raw NpgsqlDataReader writing the same JSON with Utf8JsonWriter (same process, same pipeline)";
        log.WriteLine("- getExamDict, cache off, against the raw reader");
        using var host = new ProviderHost(databases.ConnectionString(big.Database), new Dictionary<string, string?> { ["DictionaryCache:Seconds"] = "0" }, logFolder);
        host.Start();
        var provider = new Uri(host.Address, ExamDict);
        var floor = new Uri(host.Address, "bench/floor/getExamDict");

        var mine = await client.GetByteArrayAsync(provider, cancel);
        var theirs = await client.GetByteArrayAsync(floor, cancel);
        var differsAt = FirstDifference(mine, theirs);
        if (differsAt is not null)
        {
            report.Add(new ResultLine(what, "", "", "not comparable", "≤ 1.25×", false,
                $"the two answers differ at byte {differsAt} ({mine.Length:N0} against {theirs.Length:N0} bytes)"));
            return;
        }
        var pairs = await Pairs.RunAsync(() => TimeGetAsync(provider, cancel), () => TimeGetAsync(floor, cancel), TimeSpan.FromSeconds(20), minPairs: 7);
        report.Add(new ResultLine(what, Report.Ms(pairs.MedianA), Report.Ms(pairs.MedianB), Report.Times(pairs.Ratio), "≤ 1.25×", pairs.Ratio <= 1.25,
            $"{Report.MiB(mine.Length)} of JSON, byte for byte the same (checked once); {pairs.Count} pairs; {CacheState()}"));
    }

    /// <summary>
    /// Cached answers under wrk against the same bytes from a bare endpoint in the same pipeline;
    /// and that pipeline against no middleware at all.
    /// </summary>
    public async Task ServingAsync(HisSize big, int wrkSeconds, int pairs, CancellationToken cancel)
    {
        var examWhat = $"getExamDict from the cache ({big.ExamItems:N0} items), wrk -t2 -c32 -d{wrkSeconds}s: requests/s against a bare endpoint writing the same bytes in the same pipeline";
        var deptWhat = $"getDeptInfo from the cache ({big.Departments:N0} departments, a small answer where per-request costs show), as above";
        var pipelineWhat = "The pipeline (reverse-proxy headers, contract errors, routing, poll log, access control, metrics) against no middleware at all: requests/s of the same bare bytes (small answer)";
        if (!CacheBuilt)
        {
            const string why = "the dictionary cache (src/ProviderApi/Dictionaries/DictionaryCache.cs) is not in this build";
            report.Add(ResultLine.NotMeasured(examWhat, "≥ 0.9×", why));
            report.Add(ResultLine.NotMeasured(deptWhat, "", why));
            report.Add(ResultLine.NotMeasured(pipelineWhat, "", why));
            return;
        }
        log.WriteLine("- cached answers under wrk");
        using var host = new ProviderHost(databases.ConnectionString(big.Database), new Dictionary<string, string?>(), logFolder);
        host.Start();
        host.Bare["exam"] = await client.GetByteArrayAsync(new Uri(host.Address, ExamDict), cancel);
        host.Bare["dept"] = await client.GetByteArrayAsync(new Uri(host.Address, DeptInfo), cancel);
        var marks = host.CopiedMetadata.Count == 0 ? "none" : string.Join(", ", host.CopiedMetadata);

        Task<double> Load(string path) => Wrk.RequestsPerSecondAsync(new Uri(host.Address, path), 32, wrkSeconds);

        var exam = await Alternation(() => Load(ExamDict), () => Load("bench/bare/exam"), pairs);
        report.Add(new ResultLine(examWhat, Report.Rps(exam.MedianA), Report.Rps(exam.MedianB), Report.Times(exam.Ratio), "≥ 0.9×", exam.Ratio >= 0.9,
            $"{Report.MiB(host.Bare["exam"].Length)} an answer; {exam.Count} pairs of {wrkSeconds} s; bare endpoint carries the provider's marks: {marks}"));

        var dept = await Alternation(() => Load(DeptInfo), () => Load("bench/bare/dept"), pairs);
        report.Add(new ResultLine(deptWhat, Report.Rps(dept.MedianA), Report.Rps(dept.MedianB), Report.Times(dept.Ratio), "", null,
            $"{host.Bare["dept"].Length:N0} bytes an answer; {dept.Count} pairs of {wrkSeconds} s"));

        const string quietWhat = "The same, with the per-poll log line turned off (Logging:LogLevel:ProviderApi.Operations.CloudPollLog = Warning)";
        if (!PipelineBuilt)
        {
            const string why = "access control and the poll log (src/ProviderApi/Access, Operations) are not in this build";
            report.Add(ResultLine.NotMeasured(pipelineWhat, "", why));
            report.Add(ResultLine.NotMeasured(quietWhat, "", why));
            return;
        }
        var pipeline = await Alternation(() => Load("bench/bare/dept"), () => Load("bench/outside/dept"), pairs);
        report.Add(new ResultLine(pipelineWhat, Report.Rps(pipeline.MedianA), Report.Rps(pipeline.MedianB), Report.Times(pipeline.Ratio), "", null,
            $"{pipeline.Count} pairs of {wrkSeconds} s; each poll writes a line to the console (here a file) and to the daily log file"));

        using var quiet = new ProviderHost(databases.ConnectionString(big.Database),
            new Dictionary<string, string?> { ["Logging:LogLevel:ProviderApi.Operations.CloudPollLog"] = "Warning" }, logFolder);
        quiet.Start();
        quiet.Bare["dept"] = host.Bare["dept"];
        Task<double> LoadQuiet(string path) => Wrk.RequestsPerSecondAsync(new Uri(quiet.Address, path), 32, wrkSeconds);
        var withoutLog = await Alternation(() => LoadQuiet("bench/bare/dept"), () => LoadQuiet("bench/outside/dept"), pairs);
        report.Add(new ResultLine(quietWhat, Report.Rps(withoutLog.MedianA), Report.Rps(withoutLog.MedianB), Report.Times(withoutLog.Ratio), "", null,
            $"{withoutLog.Count} pairs of {wrkSeconds} s; what is left is access control, routing, metrics and the contract's error handling"));
    }

    /// <summary>
    /// Database queries while 50 clients poll a dictionary that expires every second: the large
    /// exam-item dictionary (whose read takes longer than the expiry) and the small department one
    /// (whose read is quick, so each expiry is followed by a read).
    /// </summary>
    public async Task PollingAsync(HisSize big, int seconds, CancellationToken cancel)
    {
        const int ttl = 1;
        (string Path, string Name)[] dictionaries =
        [
            (ExamDict, $"getExamDict ({big.ExamItems:N0} items)"),
            (DeptInfo, $"getDeptInfo ({big.Departments:N0} departments)"),
        ];
        string What(string name) => $"Database queries while 50 clients poll {name} for {seconds} s, the cache expiring every {ttl} s (wrk -t2 -c50)";
        if (!CacheBuilt)
        {
            foreach (var (_, name) in dictionaries)
            {
                report.Add(ResultLine.NotMeasured(What(name), "≤ 1 per expiry", "the dictionary cache is not in this build: every request is a query"));
            }
            return;
        }
        using var reads = new DatabaseUse();

        foreach (var (path, name) in dictionaries)
        {
            log.WriteLine($"- queries while 50 clients poll {path}, expiring every {ttl} s");
            var host = new ProviderHost(databases.ConnectionString(big.Database), new Dictionary<string, string?> { ["DictionaryCache:Seconds"] = $"{ttl}" }, logFolder);
            long transactionsBefore;
            long counted;
            double elapsed;
            double rate;
            try
            {
                host.Start();
                await client.GetByteArrayAsync(new Uri(host.Address, path), cancel);
                transactionsBefore = await TransactionsAsync(big.Database, cancel);
                var before = reads.Now.Reads;
                var watch = Stopwatch.StartNew();
                rate = await Wrk.RequestsPerSecondAsync(new Uri(host.Address, path), 50, seconds);
                elapsed = watch.Elapsed.TotalSeconds;
                counted = reads.Now.Reads - before;
            }
            finally
            {
                host.Dispose();
            }
            var expiries = (int)Math.Floor(elapsed / ttl) + 1;
            string source;
            if (reads.ReadsSeen)
            {
                source = "the provider's imgcloud.db.reads counter";
            }
            else
            {
                // Without the provider's counter: PostgreSQL's own count, once the provider's connections have closed and reported.
                await Task.Delay(TimeSpan.FromSeconds(2), cancel);
                counted = await TransactionsAsync(big.Database, cancel) - transactionsBefore;
                source = "pg_stat_database.xact_commit (the provider's counter is not in this build)";
            }
            var perExpiry = (double)counted / expiries;
            report.Add(new ResultLine(What(name), $"{counted} queries", $"{expiries} expiries", perExpiry.ToString("0.00", CultureInfo.InvariantCulture) + " per expiry",
                "≤ 1 per expiry", counted <= expiries,
                $"counted by {source}; {elapsed:0.0} s of load at {rate:N0} req/s"));
        }
    }

    /// <summary>The working set while a 200,000-item dictionary streams (cache off), and what the cached copy holds.</summary>
    public async Task MemoryAsync(HisSize dictionary, CancellationToken cancel)
    {
        var what = $"Working set above idle while serving getExamDict with {dictionary.ExamItems:N0} items, cache off (the provider alone in its process)";
        log.WriteLine("- working set while streaming a large dictionary");
        long idle;
        long peak = 0;
        long bytes = 0;
        await using (var child = await ChildProvider.StartAsync(databases.ConnectionString(dictionary.Database), new Dictionary<string, string> { ["DictionaryCache:Seconds"] = "0" }, logFolder, client))
        {
            idle = await IdleAsync(child, cancel);
            for (var i = 0; i < 3; i++)
            {
                var (size, highest) = await SampleWhileAsync(child, new Uri(child.Address, ExamDict), cancel);
                bytes = size;
                peak = Math.Max(peak, highest);
            }
        }
        var above = peak - idle;
        report.Add(new ResultLine(what, $"+{Report.MiB(above)}", $"idle {Report.MiB(idle)}", $"peak {Report.MiB(peak)}", "≤ 48 MiB above idle", above <= 48L * 1024 * 1024,
            $"{Report.MiB(bytes)} of JSON an answer; peak of three answers, sampled every 5 ms from /proc/PID/status VmRSS; idle after start-up and three getDeptInfo; the provider's GC: {ChildProvider.GcSettings()}"));

        var cachedWhat = $"getExamDict with {dictionary.ExamItems:N0} items from the cache: the cached bytes, and the working set holding them";
        if (!CacheBuilt)
        {
            report.Add(ResultLine.NotMeasured(cachedWhat, "≤ 1.5× its bytes above idle", "the dictionary cache is not in this build"));
            return;
        }
        await using (var child = await ChildProvider.StartAsync(databases.ConnectionString(dictionary.Database), new Dictionary<string, string> { ["DictionaryCache:Seconds"] = "3600" }, logFolder, client))
        {
            idle = await IdleAsync(child, cancel);
            var (size, highest) = await SampleWhileAsync(child, new Uri(child.Address, ExamDict), cancel);
            await Task.Delay(TimeSpan.FromSeconds(1), cancel);
            var held = child.ResidentBytes();
            var times = (double)(held - idle) / size;
            report.Add(new ResultLine(cachedWhat, Report.MiB(size), $"idle {Report.MiB(idle)}", $"held +{Report.MiB(held - idle)} ({Report.Times(times)} its bytes)", "≤ 1.5× its bytes above idle", times <= 1.5,
                $"the cache keeps the answer's bytes ({size:N0}); working set +{Report.MiB(held - idle)} a second after the first answer, peak +{Report.MiB(highest - idle)} while it was built"));
        }
    }

    private static async Task<Pairs> Alternation(Func<Task<double>> a, Func<Task<double>> b, int pairs) => await Pairs.RunAsync(a, b, pairs);

    private async Task<long> IdleAsync(ChildProvider child, CancellationToken cancel)
    {
        for (var i = 0; i < 3; i++)
        {
            await client.GetByteArrayAsync(new Uri(child.Address, DeptInfo), cancel);
        }
        await Task.Delay(TimeSpan.FromSeconds(1), cancel);
        return child.ResidentBytes();
    }

    /// <summary>Reads one answer to the end, discarding it, while sampling the child's working set; returns its size and the highest sample.</summary>
    private async Task<(long Bytes, long Peak)> SampleWhileAsync(ChildProvider child, Uri url, CancellationToken cancel)
    {
        using var done = new CancellationTokenSource();
        long peak = 0;
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                peak = Math.Max(peak, child.ResidentBytes());
                await Task.Delay(5, CancellationToken.None);
            }
        }, CancellationToken.None);
        long bytes;
        try
        {
            using var answer = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancel);
            answer.EnsureSuccessStatusCode();
            await using var body = await answer.Content.ReadAsStreamAsync(cancel);
            var counter = new CountingStream();
            await body.CopyToAsync(counter, cancel);
            bytes = counter.Length;
        }
        finally
        {
            await done.CancelAsync();
            await sampler;
        }
        return (bytes, Math.Max(peak, child.ResidentBytes()));
    }

    private async Task<double> TimeGetAsync(Uri url, CancellationToken cancel)
    {
        var watch = Stopwatch.StartNew();
        using var answer = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancel);
        answer.EnsureSuccessStatusCode();
        await using var body = await answer.Content.ReadAsStreamAsync(cancel);
        await body.CopyToAsync(Stream.Null, cancel);
        return watch.Elapsed.TotalSeconds;
    }

    private async Task<long> TransactionsAsync(string database, CancellationToken cancel)
    {
        await using var connection = new NpgsqlConnection(databases.ConnectionString("postgres", pooling: false));
        await connection.OpenAsync(cancel);
        await using var command = new NpgsqlCommand("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", database);
        return (long)(await command.ExecuteScalarAsync(cancel))!;
    }

    private static string CacheState() => CacheBuilt ? "DictionaryCache:Seconds = 0" : "this build has no dictionary cache";

    private static long? FirstDifference(byte[] a, byte[] b)
    {
        var common = a.AsSpan().CommonPrefixLength(b);
        return common == a.Length && a.Length == b.Length ? null : common;
    }

    /// <summary>Counts what is written and keeps nothing.</summary>
    private sealed class CountingStream : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Position;

        public override long Position { get; set; }

        public override void Flush() { }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Position += count;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Position += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
