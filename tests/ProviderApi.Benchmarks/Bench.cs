using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using MySqlConnector;
using Npgsql;

namespace ProviderApi.Benchmarks;

/// <summary>
/// What the provider costs a hospital, each figure a ratio against a reference measured side by
/// side in the same run. Run through tests/ProviderApi.Benchmarks/run.sh, which starts a
/// throwaway PostgreSQL and exports IMGCLOUD_TEST_POSTGRES (an admin connection string), and for
/// the view lines on MariaDB two throwaway MariaDB servers (IMGCLOUD_BENCH_MARIADB_BIG, _SMALL).
/// </summary>
public static class Bench
{
    private const string Usage = """
        usage: ProviderApi.Benchmarks [--out results.md] [--scale 1.0] [--reuse] [--only GROUP[,GROUP...]]
          IMGCLOUD_TEST_POSTGRES must name a throwaway server (run.sh starts one); for views-mariadb,
          IMGCLOUD_BENCH_MARIADB_BIG and IMGCLOUD_BENCH_MARIADB_SMALL two throwaway MariaDB servers
          (MySqlConnector connection strings for root; run.sh starts them with tests/mariadb.sh).
          --scale  a fraction of the issue's history sizes, to try the program quickly (results not comparable)
          --reuse  measure the databases a previous run left on the same server (while developing)
          --only   measure only these groups of lines, generating only the databases they read (a
                   shared machine; the report then holds only their lines): views (lines 1-4),
                   examdict (5), serving (6-9), polling (10-11), memory (12-13), push (14-17),
                   views-mariadb (18-21: lines 1-4 on MariaDB; the only group without PostgreSQL),
                   console (22: the operator console's data endpoint),
                   discover (23: discover's time and rows read on the large HIS, against its bounds)
        """;

    /// <summary>The groups of lines, in the report's order, that --only selects from.</summary>
    private static readonly string[] Groups = ["views", "examdict", "serving", "polling", "memory", "push", "views-mariadb", "console", "discover"];

    /// <summary>The group of lines on MariaDB, whose databases are not PostgreSQL's.</summary>
    private const string ViewsMariaDb = "views-mariadb";

    public static async Task<int> Main(string[] args)
    {
        string? output = null;
        var scale = 1.0;
        var reuse = false;
        var only = new HashSet<string>(Groups, StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--reuse":
                    reuse = true;
                    break;
                case "--only" when i + 1 < args.Length && args[i + 1].Split(',').All(g => Groups.Contains(g, StringComparer.Ordinal)):
                    only = new HashSet<string>(args[++i].Split(','), StringComparer.Ordinal);
                    break;
                case "--out" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "--scale" when i + 1 < args.Length && double.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var s) && s > 0 && s <= 1:
                    scale = s;
                    i++;
                    break;
                default:
                    await Console.Error.WriteLineAsync(Usage);
                    return 2;
            }
        }
        var admin = Environment.GetEnvironmentVariable("IMGCLOUD_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(admin) && only.Any(g => g != ViewsMariaDb))
        {
            await Console.Error.WriteLineAsync($"IMGCLOUD_TEST_POSTGRES is not set. {Usage}");
            return 2;
        }
        var mariaDb = (Big: Environment.GetEnvironmentVariable("IMGCLOUD_BENCH_MARIADB_BIG"), Small: Environment.GetEnvironmentVariable("IMGCLOUD_BENCH_MARIADB_SMALL"));
        if (only.Contains(ViewsMariaDb) && (string.IsNullOrWhiteSpace(mariaDb.Big) || string.IsNullOrWhiteSpace(mariaDb.Small)))
        {
            await Console.Error.WriteLineAsync($"IMGCLOUD_BENCH_MARIADB_BIG and IMGCLOUD_BENCH_MARIADB_SMALL are not set. {Usage}");
            return 2;
        }

        // WebApplicationFactory finds the provider's content root through MvcTestingAppManifest.json
        // in the current directory: the build output's.
        output = output is null ? null : Path.GetFullPath(output);
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);

        // The in-process provider logs every poll to the console: keep that out of the report by
        // sending the process's console to a file, as a service manager would take it.
        var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        var logFolder = Directory.CreateTempSubdirectory("imgcloud-bench-").FullName;
        await using var console = new StreamWriter(Path.Combine(logFolder, "console.log")) { AutoFlush = false };
        Console.SetOut(console);
        try
        {
            var status = await RunAsync(admin ?? "", (mariaDb.Big ?? "", mariaDb.Small ?? ""), scale, reuse, only, output, logFolder, stdout);
            // Every poll was logged: hundreds of megabytes, kept only when something went wrong.
            Console.SetOut(stdout);
            await console.DisposeAsync();
            Directory.Delete(logFolder, recursive: true);
            return status;
        }
        catch
        {
            Console.SetOut(stdout);
            await stdout.WriteLineAsync($"The provider's logs of this run: {logFolder}");
            throw;
        }
    }

    private static async Task<int> RunAsync(string admin, (string Big, string Small) mariaDbServers, double scale, bool reuse, HashSet<string> only, string? output, string logFolder, TextWriter log)
    {
        var watch = Stopwatch.StartNew();
        var cancel = CancellationToken.None;
        int Scaled(int n) => Math.Max(1, (int)(n * scale));
        var big = new HisSize("bench_big", Patients: 1_000_000, Departments: 500, Staff: 5_000, ExamItems: 50_000,
            Registrations: Scaled(5_000_000), Stays: Scaled(250_000), Settlements: Scaled(2_000_000));
        var small = big with { Database = "bench_small", Registrations = Scaled(500_000), Stays = Scaled(25_000), Settlements = Scaled(200_000) };
        var dictionary = new HisSize("bench_dict", Patients: 1_000, Departments: 500, Staff: 100, ExamItems: Measurements.LargeDictionary,
            Registrations: 0, Stays: 0, Settlements: 0);

        // Only the databases the selected lines read: the large history (views, the served
        // dictionaries), the small one (the views' comparison, the push), the 200,000-item dictionary.
        var histories = new List<HisSize>();
        if (only.Overlaps(["views", "examdict", "serving", "polling", "discover"]))
        {
            histories.Add(big);
        }
        if (only.Overlaps(["views", "push", "console"]))
        {
            histories.Add(small);
        }
        var others = only.Contains("memory") ? new List<HisSize> { dictionary } : [];
        var postgres = only.Any(g => g != ViewsMariaDb);
        var mariaDb = only.Contains(ViewsMariaDb) ? new MariaDbDatabases(mariaDbServers.Big, mariaDbServers.Small, log) : null;
        mariaDb?.Place(big, small);

        var report = new Report();
        var databases = new HisDatabases(admin, log);
        report.Fact("When", DateTimeOffset.Now.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture));
        report.Fact("Machine", $"{Environment.ProcessorCount} cores ({Cpu()}), {Memory()} memory; load average at start {LoadAverage()}; load generator, provider and database on the same cores");
        report.Fact("OS", $"{OsName()}, kernel {Kernel()}");
        report.Fact(".NET", $"{RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC");
        if (postgres)
        {
            report.Fact("PostgreSQL", await ServerVersionAsync(databases, cancel));
        }
        var mariaDbVersion = "";
        if (mariaDb is not null)
        {
            mariaDbVersion = await MariaDbDatabases.VersionAsync(mariaDbServers.Big, cancel);
            report.Fact("MariaDB", $"{mariaDbVersion}: two throwaway servers (tests/mariadb.sh), the large history on one and the small on the other "
                + "(the product's MySQL scripts name their databases his and imgcloud: one hospital to a server), each with MySQL 5.7's default sql_mode, "
                + $"a latin1 server default, UTC, InnoDB buffer pool {MariaDbDatabases.BufferPoolBytes >> 30} GiB; the HIS from sql/mysql/demo/01_his_schema.sql, "
                + "then the provider's migrate (sql/mysql). The lines on MariaDB speak for MariaDB and MySQL 8, not for MySQL 5.7: 5.7 plans views differently "
                + "(it does not push a reader's predicates into a view it materialises, and a view with UNION, GROUP BY, DISTINCT, aggregates, LIMIT or a subquery in its select list is "
                + "materialised, ALGORITHM=TEMPTABLE); see the notes under the lines");
        }
        report.Fact("wrk", await Wrk.VersionAsync());
        report.Fact("Source", Git());
        if (only.Count < Groups.Length)
        {
            report.Fact("Lines measured", $"only {string.Join(", ", Groups.Where(only.Contains))} (--only): the numbering below is this run's, not the full report's");
        }
        report.Fact("In this build", $"dictionary cache: {(Measurements.CacheBuilt ? "yes" : "no")}; access control, poll log and metrics: {(Measurements.PipelineBuilt ? "yes" : "no")}");

        log.WriteLine($"Generating the reference HIS (scale {scale.ToString(CultureInfo.InvariantCulture)}) ...");
        var loading = Stopwatch.StartNew();
        if (!reuse && histories.Count + others.Count > 0)
        {
            await databases.CreateAndFillAsync(histories, others, await databases.AnchorAsync(cancel), cancel);
        }
        if (!reuse && mariaDb is not null)
        {
            await mariaDb.CreateAndFillAsync(big, small, await mariaDb.AnchorAsync(cancel), cancel);
        }
        loading.Stop();
        report.Fact("Data", $"large HIS: {big.Registrations:N0} registrations over ten years, {big.Stays:N0} stays, {big.Settlements:N0} settlements, "
            + $"{big.ExamItems:N0} exam items, {big.Departments:N0} departments, {big.Patients:N0} patients, {big.Staff:N0} staff; "
            + $"small HIS: the newest {small.Registrations:N0} registrations, {small.Stays:N0} stays, {small.Settlements:N0} settlements of the same; "
            + $"dictionary HIS: {dictionary.ExamItems:N0} exam items. "
            + (mariaDb is null ? "" : "The large and small HIS on MariaDB are the same rows, generated by the same statements in MySQL's terms (but the bed numbers, from each engine's own string hash). ")
            + $"Generated set-based and analysed in {loading.Elapsed.TotalSeconds:0} s"
            + (scale < 1 ? $" (scale {scale.ToString(CultureInfo.InvariantCulture)}: NOT the issue's sizes)" : ""));

        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromMinutes(2) };
        var measurements = new Measurements(databases, report, log, logFolder, client);
        log.WriteLine("Measuring ...");
        if (only.Contains("views"))
        {
            await measurements.ViewsAsync(big, small, cancel);
        }
        if (only.Contains("examdict"))
        {
            await measurements.ExamDictAgainstFloorAsync(big, cancel);
        }
        if (only.Contains("serving"))
        {
            await measurements.ServingAsync(big, wrkSeconds: 5, pairs: 5, cancel);
        }
        if (only.Contains("polling"))
        {
            await measurements.PollingAsync(big, seconds: 10, cancel);
        }
        if (only.Contains("memory"))
        {
            await measurements.MemoryAsync(dictionary, cancel);
        }
        if (only.Contains("push"))
        {
            await measurements.PushAsync(small, cancel);
        }
        if (mariaDb is not null)
        {
            await using var bigSource = new MySqlDataSource(mariaDb.ConnectionString(big.Database));
            await using var smallSource = new MySqlDataSource(mariaDb.ConnectionString(small.Database));
            var name = $"MariaDB {mariaDbVersion.Split('-', ' ')[0]}";
            await measurements.ViewsAsync(new ViewEngine(name, bigSource, smallSource, ViewQueries.RegisterByHandMySql, ViewQueries.SettlementByHandMySql,
                "speaks for MariaDB and MySQL 8, not 5.7 (see MariaDB above)"), big, small, cancel);
            MySqlConnection.ClearAllPools();
        }
        if (only.Contains("console"))
        {
            await measurements.ConsoleAsync(small, cancel);
        }
        if (only.Contains("discover"))
        {
            await measurements.DiscoverAsync(big, cancel);
        }

        NpgsqlConnection.ClearAllPools();
        report.Fact("Benchmark time", $"{watch.Elapsed.TotalMinutes:0.0} min, of which generating the data {loading.Elapsed.TotalMinutes:0.0} min (build and server start not included)");
        var markdown = report.Markdown();
        log.WriteLine();
        log.WriteLine(markdown);
        if (output is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            await File.WriteAllTextAsync(output, markdown, cancel);
            log.WriteLine($"Written to {output}");
        }
        return 0;
    }

    private static async Task<string> ServerVersionAsync(HisDatabases databases, CancellationToken cancel)
    {
        await using var connection = new NpgsqlConnection(databases.ConnectionString("postgres", pooling: false));
        await connection.OpenAsync(cancel);
        await using var command = new NpgsqlCommand("SELECT version()", connection);
        return (string)(await command.ExecuteScalarAsync(cancel))!;
    }

    private static string Cpu() => ReadFirst("/proc/cpuinfo", "model name")?.Split(':', 2)[1].Trim() ?? "CPU unknown";

    private static string Memory()
    {
        var kilobytes = ReadFirst("/proc/meminfo", "MemTotal")?.Split(':', 2)[1].Trim().Split(' ')[0];
        return kilobytes is null ? "unknown" : $"{long.Parse(kilobytes, CultureInfo.InvariantCulture) / (1024.0 * 1024):0.0} GiB";
    }

    private static string Kernel() => File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : Environment.OSVersion.VersionString;

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string OsName() => ReadFirst("/etc/os-release", "PRETTY_NAME=")?.Split('=', 2)[1].Trim('"') ?? RuntimeInformation.OSDescription;

    private static string? ReadFirst(string path, string prefix) =>
        File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) : null;

    /// <summary>The commit measured, and whether the provider's sources differ from it.</summary>
    private static string Git()
    {
        try
        {
            var commit = RunGit("rev-parse --short HEAD");
            var changed = RunGit("status --porcelain -- :/src :/sql");
            return changed.Length == 0
                ? $"commit {commit}"
                : $"commit {commit} plus uncommitted changes in src/ or sql/ ({changed.Split('\n').Length} files)";
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "unknown (git not available)";
        }
    }

    private static string RunGit(string arguments)
    {
        var start = new ProcessStartInfo("git", arguments)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("git did not start");
        var text = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return process.ExitCode == 0 ? text : throw new InvalidOperationException($"git {arguments} failed");
    }
}
