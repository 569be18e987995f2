using System.Text.Json;
using System.Text.RegularExpressions;
using ProviderApi.Tests.Hospitals;

namespace ProviderApi.Tests.Discovery;

/// <summary>
/// discover through the real executable (<c>dotnet ProviderApi.dll discover --report … --file …</c>,
/// as a DBA runs it) on the two reference HIS shapes, each created for real on each engine from a
/// fixed seed: the report scored field by field against the shape's ground truth and printed
/// (expected, got, rank; totals), a floor on the fields ranked right first, the absent ones flagged,
/// the row bound kept, and no sampled ID number or phone number in the report, the draft or the logs.
/// </summary>
public sealed partial class DiscoverShapeTests : IDisposable
{
    /// <summary>
    /// The floor on present fields ranked right first, per shape and engine (the issue asks for
    /// "most"). Chosen from what the verb achieves at its first version: 61 of 69 (88 %) on shape A,
    /// 69 of 72 (96 %) on shape B, on every engine; the floor leaves a few fields of margin.
    /// </summary>
    private const double RightFirstFloor = 0.8;

    /// <summary>The floor on absent fields correctly flagged (nothing offered, or nothing scoring <see cref="DiscoverScore.AbsentBelow"/> or more): 13 of 14 and 11 of 11 achieved.</summary>
    private const double AbsentFlaggedFloor = 0.8;

    /// <summary>The floor on present fields right first from the values alone (names hidden): 32 of 72 (44 %) achieved, 14 more second.</summary>
    private const double HiddenRightFirstFloor = 0.35;

    private const int MaxRowsPerTable = 1000;

    private static readonly DateTime Anchor = DateTime.SpecifyKind(DateTime.Now.AddTicks(-(DateTime.Now.Ticks % TimeSpan.TicksPerSecond)), DateTimeKind.Unspecified);

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public Task Shape_A_English_vendor_on_PostgreSql()
    {
        PostgresServer.SkipUnlessAvailable();
        return ScoreAsync(English(), his => new PostgresReferenceHis(his));
    }

    [Fact]
    public Task Shape_B_pinyin_on_PostgreSql()
    {
        PostgresServer.SkipUnlessAvailable();
        return ScoreAsync(Pinyin(), his => new PostgresReferenceHis(his));
    }

    [Fact]
    public Task Shape_A_English_vendor_on_MariaDb()
    {
        MariaDbServer.SkipUnlessAvailable();
        return ScoreAsync(English(), his => new MariaDbReferenceHis(his));
    }

    [Fact]
    public Task Shape_B_pinyin_on_MariaDb()
    {
        MariaDbServer.SkipUnlessAvailable();
        return ScoreAsync(Pinyin(), his => new MariaDbReferenceHis(his));
    }

    [Fact]
    public Task Shape_A_English_vendor_on_Sqlite() => ScoreAsync(English(), his => new SqliteReferenceHis(his, folder.Path));

    [Fact]
    public Task Shape_B_pinyin_on_Sqlite() => ScoreAsync(Pinyin(), his => new SqliteReferenceHis(his, folder.Path));

    /// <summary>
    /// Shape B with every name hidden (T01.C01 …): what the values alone give, printed beside the
    /// named shapes' scores. Its floor is lower: without names, the doctor's ID number and the
    /// patient's, a visit time and an insert time, are told apart only by which table holds them.
    /// </summary>
    [Fact]
    public Task Shape_B_with_its_names_hidden_on_MariaDb()
    {
        MariaDbServer.SkipUnlessAvailable();
        return ScoreAsync(new HiddenNamesHis(Pinyin()), his => new MariaDbReferenceHis(his), rightFirstFloor: HiddenRightFirstFloor, absentFlaggedFloor: 0);
    }

    [Fact]
    public void The_shapes_are_the_same_from_the_same_seed_and_their_truth_names_real_columns()
    {
        foreach (var (one, other) in new (ReferenceHis, ReferenceHis)[] { (English(), English()), (Pinyin(), Pinyin()) })
        {
            Assert.Equal(Rows(one), Rows(other));
            var columns = one.Tables.SelectMany(t => t.Columns.Select(c => (t.Name, c.Name))).ToHashSet();
            foreach (var (view, column) in ReferenceHis.Fields())
            {
                var truth = one.TruthFor(view, column);
                Assert.All(truth.Places, p => Assert.True(columns.Contains(p), $"{one.Name}: {view}.{column} names {p.Table}.{p.Column}, which the shape does not have"));
            }
            Assert.True(one.Tables.Sum(t => t.Rows.Count) > 15_000, $"{one.Name}: a few thousand patients and visits");
        }

        static List<string> Rows(ReferenceHis his) =>
            his.Tables.SelectMany(t => t.Rows.Select(r => t.Name + ":" + string.Join('|', r.Select(v => v is DateTime d ? d.ToString("O") : v?.ToString())))).ToList();
    }

    private static EnglishVendorHis English() => new(seed: 18, Anchor);

    private static PinyinHis Pinyin() => new(seed: 1818, Anchor);

    private async Task ScoreAsync(ReferenceHis his, Func<ReferenceHis, ReferenceHisDatabase> create,
        double rightFirstFloor = RightFirstFloor, double absentFlaggedFloor = AbsentFlaggedFloor)
    {
        using var database = create(his);
        var report = folder.File($"{his.Schema}-{database.Provider}.json");
        var draft = folder.File($"{his.Schema}-{database.Provider}.sql");
        var logs = Directory.CreateDirectory(folder.File($"logs-{his.Schema}-{database.Provider}")).FullName;
        string[] schema = database.Provider == "Sqlite" ? [] : ["--schema", database.Schema];
        var (exitCode, output, error) = await ProviderProcess.RunAsync(
            ["discover", "--report", report, "--file", draft, .. schema,
             $"--Database:Provider={database.Provider}", $"--Database:ConnectionString={database.ConnectionString}"],
            new Dictionary<string, string?> { ["Logging__File__Path"] = logs }, folder.Path);
        Assert.True(exitCode == 0, $"discover exited with {exitCode}:\n{error}\n{output}");

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken));
        var root = json.RootElement;
        var score = DiscoverScore.Of(his, root);
        var summary = score.Summary(his.Name, database.Engine);
        var cost = $"{root.GetProperty("tablesRead").GetInt32()} tables, {root.GetProperty("rowsRead").GetInt64()} rows read in {root.GetProperty("seconds").GetDouble():0.0} s, stopped early: {root.GetProperty("stoppedEarly").GetBoolean()}";
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        TestContext.Current.TestOutputHelper?.WriteLine(cost);
        TestContext.Current.TestOutputHelper?.WriteLine(score.Table());
        // Also on the console of tests/run.sh, passed or failed (xunit.runner.json: diagnosticMessages).
        TestContext.Current.SendDiagnosticMessage($"discover: {summary}; {cost}");

        // Every source-view column of the contract, each once.
        Assert.Equal(
            ReferenceHis.Fields().Select(f => $"{f.View}.{f.Column}").Order(StringComparer.Ordinal),
            score.Fields.Select(f => $"{f.View}.{f.Column}").Order(StringComparer.Ordinal));
        Assert.True(score.RightFirstRate > rightFirstFloor, $"{summary}\n{score.Table()}");
        Assert.True(score.AbsentFlagged >= absentFlaggedFloor * score.Absent, $"{summary}\n{score.Table()}");
        // Every table sampled, within the bound (rows found by join probes count too), and nothing more.
        var header = string.Join('\n', File.ReadLines(draft).Where(l => l.StartsWith("--", StringComparison.Ordinal)).Take(40));
        Assert.False(root.GetProperty("stoppedEarly").GetBoolean(), cost);
        Assert.True(root.GetProperty("tablesRead").GetInt32() == his.Tables.Count, $"{cost}; {his.Tables.Count} tables in the shape\n{error}\n{header}");
        Assert.InRange(root.GetProperty("rowsRead").GetInt64(), 1, (long)his.Tables.Count * MaxRowsPerTable);

        // Never a sampled value in clear: no ID or phone number of the shape in anything discover wrote.
        var written = new Dictionary<string, string>
        {
            ["the report"] = await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken),
            ["the draft"] = await File.ReadAllTextAsync(draft, TestContext.Current.CancellationToken),
            ["standard output"] = output,
            ["standard error"] = error,
        };
        foreach (var file in Directory.EnumerateFiles(logs, "*", SearchOption.AllDirectories))
        {
            written[Path.GetFileName(file)] = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        }
        foreach (var (what, text) in written)
        {
            var leaked = Tokens().Matches(text).Select(m => m.Value).Where(his.Secrets.Contains).Take(3).ToList();
            Assert.True(leaked.Count == 0, $"{what} holds {leaked.Count}+ of the shape's ID or phone numbers in clear");
            Assert.False(IdOrMobile().IsMatch(text), $"{what} holds an ID-number or mobile-number shaped value");
        }
    }

    [GeneratedRegex(@"[0-9A-Za-z-]+")]
    private static partial Regex Tokens();

    /// <summary>tests/run.sh's scan of the logs: 18 or 15 digits, or a mobile number, standing alone.</summary>
    [GeneratedRegex(@"(?<![0-9])(?:[1-9][0-9]{16}[0-9Xx]|[1-9][0-9]{14}|1[3-9][0-9]{9})(?![0-9])")]
    private static partial Regex IdOrMobile();
}
