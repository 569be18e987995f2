using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using ProviderApi.Common;
using ProviderApi.Data;
using ProviderApi.Data.Migrations;
using ProviderApi.Tests.Contract;
using ProviderApi.Tests.Hospitals;

namespace ProviderApi.Tests.Discovery;

/// <summary>
/// discover through the real executable on the demo HIS, one class per engine: what it ranks
/// first, the bounds it keeps, that no sampled ID or phone number leaves it, and its exit codes.
/// </summary>
public abstract class DiscoverCommandTests : IDisposable
{
    private readonly string[] settings;

    protected DiscoverCommandTests(IHospital hospital, string[] settings)
    {
        this.settings = settings;
        hospital.SkipUnlessAvailable();
    }

    protected TempFolder Folder { get; } = new();

    public virtual void Dispose()
    {
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }

    protected Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        ProviderProcess.RunAsync(["discover", .. args, .. settings], workingDirectory: Folder.Path);

    /// <summary>Runs discover with a report and a draft; returns the report, the draft and what it printed.</summary>
    protected async Task<(JsonElement Report, string Draft, string Printed)> DiscoverAsync(params string[] args)
    {
        var report = Folder.File("discover.json");
        var draft = Folder.File("draft.sql");
        var (exitCode, output, error) = await RunAsync(["--report", report, "--file", draft, .. args]);
        Assert.True(exitCode == 0, $"exit {exitCode}: {error}\n{output}");
        return (JsonDocument.Parse(await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken)).RootElement,
            await File.ReadAllTextAsync(draft, TestContext.Current.CancellationToken), output + error);
    }

    /// <summary>The top candidate of a field as "TABLE.COLUMN" (upper case: PostgreSQL keeps the demo's names in lower case).</summary>
    protected static string Top(JsonElement report, string view, string column)
    {
        var field = report.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("view").GetString() == view && f.GetProperty("column").GetString() == column);
        var top = field.GetProperty("candidates").EnumerateArray().FirstOrDefault();
        return top.ValueKind == JsonValueKind.Undefined ? "" : $"{top.GetProperty("table").GetString()}.{top.GetProperty("column").GetString()}".ToUpperInvariant();
    }

    [Fact]
    public async Task Ranks_the_demo_HIS_own_columns_first_and_finds_its_joins()
    {
        var (report, _, _) = await DiscoverAsync();

        // Every source-view column once (src_settlement once, also on MySQL), each with candidates.
        var fields = report.GetProperty("fields").EnumerateArray().ToList();
        Assert.Equal(SourceViewColumns.ByView.Sum(v => v.Value.Count), fields.Count);
        foreach (var field in fields)
        {
            var candidates = field.GetProperty("candidates").EnumerateArray().ToList();
            TestContext.Current.TestOutputHelper?.WriteLine($"{field.GetProperty("view").GetString()}.{field.GetProperty("column").GetString()} -> " +
                string.Join(", ", candidates.Take(2).Select(c => $"{c.GetProperty("table").GetString()}.{c.GetProperty("column").GetString()} {c.GetProperty("score").GetDouble():0.00}")));
            Assert.InRange(candidates.Count, 1, 5);
            Assert.All(candidates, c => Assert.InRange(c.GetProperty("score").GetDouble(), 0, 1));
        }

        Assert.Equal("PAT_MASTER_INDEX.ID_NO", Top(report, "src_patient", "id_card_no"));
        Assert.Equal("PAT_MASTER_INDEX.MOBILE_PHONE", Top(report, "src_patient", "mobile_phone"));
        Assert.Equal("PAT_MASTER_INDEX.NAME", Top(report, "src_patient", "patient_name"));
        Assert.Equal("PAT_MASTER_INDEX.SEX", Top(report, "src_patient", "sex_code"));
        Assert.Equal("PAT_MASTER_INDEX.DATE_OF_BIRTH", Top(report, "src_patient", "date_of_birth"));
        Assert.Equal("PAT_MASTER_INDEX.PATIENT_ID", Top(report, "src_patient", "patient_id"));
        Assert.Equal("CLINIC_MASTER.REGISTERING_DATE", Top(report, "src_outpatient_visit", "register_time"));
        Assert.Equal("CLINIC_MASTER.VISIT_DATE", Top(report, "src_outpatient_visit", "visit_time"));
        Assert.Equal("CLINIC_MASTER.VISIT_DEPT", Top(report, "src_outpatient_visit", "dept_code"));
        Assert.Equal("CLINIC_MASTER.RETURNED_DATE", Top(report, "src_outpatient_visit", "withdrawn"));
        Assert.Equal("PAT_VISIT.ADMISSION_DATE_TIME", Top(report, "src_inpatient_visit", "admission_time"));
        Assert.Equal("PAT_VISIT.DISCHARGE_DATE_TIME", Top(report, "src_inpatient_visit", "discharge_time"));
        Assert.Equal("STAFF_DICT.ID_NO", Top(report, "src_inpatient_visit", "admit_doctor_id_card_no"));
        Assert.Equal("DEPT_DICT.DEPT_NAME", Top(report, "src_dept", "dept_name"));
        Assert.Equal("CLINIC_ITEM_DICT.ITEM_CODE", Top(report, "src_exam_item", "exam_code"));

        var evidence = report.GetProperty("fields").EnumerateArray().First(f => f.GetProperty("column").GetString() == "id_card_no")
            .GetProperty("candidates")[0].GetProperty("evidence").GetString()!;
        Assert.Matches(@"GB 11643 check right \d+/\d+ \(100%\)", evidence);
        Assert.Contains("birth date agrees with", evidence, StringComparison.OrdinalIgnoreCase);

        var joins = report.GetProperty("joins").EnumerateArray()
            .Select(j => $"{j.GetProperty("fromTable").GetString()}.{j.GetProperty("fromColumn").GetString()}>{j.GetProperty("toTable").GetString()}.{j.GetProperty("toColumn").GetString()}".ToUpperInvariant())
            .ToList();
        Assert.Contains("CLINIC_MASTER.PATIENT_ID>PAT_MASTER_INDEX.PATIENT_ID", joins);
        Assert.Contains("CLINIC_MASTER.DOCTOR_NO>STAFF_DICT.EMP_NO", joins);
        Assert.Contains("OUTP_BILL_ITEMS.EXAM_NO>EXAM_MASTER.EXAM_NO", joins);
    }

    [Fact]
    public async Task No_sampled_ID_or_phone_number_appears_in_the_report_the_draft_or_the_output()
    {
        var (report, draft, printed) = await DiscoverAsync();
        Assert.False(Masking.HasSensitiveNumber(report.GetRawText()), "the report holds an ID or phone number");
        Assert.False(Masking.HasSensitiveNumber(draft), "the draft holds an ID or phone number");
        Assert.False(Masking.HasSensitiveNumber(printed), "the output holds an ID or phone number");
        Assert.Contains("TODO", draft, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_at_most_MaxRowsPerTable_rows_from_each_table()
    {
        var (report, _, _) = await DiscoverAsync("--Discover:MaxRowsPerTable=7");
        var tables = report.GetProperty("tablesRead").GetInt32();
        Assert.True(tables >= 15, $"{tables} tables read");
        Assert.InRange(report.GetProperty("rowsRead").GetInt64(), tables, tables * 7L);
        Assert.Equal(7, report.GetProperty("maxRowsPerTable").GetInt32());
        Assert.False(report.GetProperty("stoppedEarly").GetBoolean());
    }

    [Fact]
    public async Task Stops_early_at_MaxSeconds_and_still_ranks_by_names()
    {
        var (report, draft, _) = await DiscoverAsync("--Discover:MaxSeconds=0");
        Assert.True(report.GetProperty("stoppedEarly").GetBoolean());
        Assert.Equal(0, report.GetProperty("tablesRead").GetInt32());
        Assert.Equal(0, report.GetProperty("rowsRead").GetInt64());
        Assert.Equal("PAT_MASTER_INDEX.ID_NO", Top(report, "src_patient", "id_card_no"));
        Assert.Contains("not sampled", report.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("stopped at a bound", draft, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_schema_the_catalog_lacks_and_an_unknown_option_are_usage_errors()
    {
        var (exitCode, _, error) = await RunAsync("--schema", "no_such_schema");
        Assert.True(exitCode == 2, error);
        Assert.Contains("no_such_schema", error, StringComparison.Ordinal);

        (exitCode, _, error) = await RunAsync("--bogus");
        Assert.Equal(2, exitCode);
        Assert.Contains("--bogus", error, StringComparison.Ordinal);
    }
}

/// <summary>discover on the embedded demo (SQLite, opened read-only); the draft runs on a copy of the file.</summary>
public sealed class SqliteDiscoverCommandTests(DemoHospital hospital)
    : DiscoverCommandTests(hospital, ["--Database:Provider=Demo", $"--Database:DemoPath={hospital.DatabasePath}"]), IClassFixture<DemoHospital>
{
    [Fact]
    public async Task The_draft_creates_views_that_can_be_read()
    {
        var (_, draft, _) = await DiscoverAsync();
        var copy = Folder.File("copy.db");
        File.Copy(hospital.DatabasePath, copy);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString());
        connection.Open();
        connection.Execute(draft);
        Assert.True(connection.ExecuteScalar<long>("SELECT COUNT(*) FROM src_patient WHERE id_card_no IS NOT NULL AND sex_code IN ('1', '2')") > 0);
        Assert.True(connection.ExecuteScalar<long>("SELECT COUNT(*) FROM src_outpatient_visit WHERE visit_time IS NOT NULL AND dept_name IS NOT NULL") > 0);
        foreach (var view in SourceViewColumns.ByView.Keys.Where(v => v != SourceViewColumns.Cancelled))
        {
            var columns = connection.Query($"SELECT * FROM {view} LIMIT 1").Cast<IDictionary<string, object>>().FirstOrDefault()?.Keys;
            Assert.Equal(SourceViewColumns.ByView[view], columns?.ToList() ?? SourceViewColumns.ByView[view].ToList());
        }
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_exits_1()
    {
        var (exitCode, _, error) = await ProviderProcess.RunAsync(
            ["discover", "--Database:Provider=PostgreSql", "--Database:ConnectionString=Host=127.0.0.1;Port=1;Username=x;Password=y;Timeout=2"],
            workingDirectory: Folder.Path);
        Assert.True(exitCode == 1, error);
        Assert.Contains("discover stopped: cannot connect", error, StringComparison.Ordinal);
    }
}

/// <summary>discover on PostgreSQL as a DBA's read account would run it (every non-system schema, imgcloud left out).</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresDiscoverCommandTests(PostgresHospital hospital)
    : DiscoverCommandTests(hospital, PostgresServer.UnavailableReason is not null ? [] :
        ["--Database:Provider=PostgreSql", $"--Database:ConnectionString={PostgresServer.ConnectionString(hospital.Database, "public")}"]), IClassFixture<PostgresHospital>
{
    [Fact]
    public async Task The_draft_creates_views_in_a_scratch_schema_that_can_be_read()
    {
        var (report, draft, _) = await DiscoverAsync();
        Assert.DoesNotContain("\"imgcloud\"", report.GetProperty("viewTables").GetRawText(), StringComparison.Ordinal);
        using var connection = new NpgsqlConnection(PostgresServer.ConnectionString(hospital.Database, "public"));
        connection.Open();
        using var transaction = connection.BeginTransaction();
        connection.Execute("CREATE SCHEMA discover_scratch", transaction: transaction);
        connection.Execute(draft.Replace("imgcloud.src_", "discover_scratch.src_", StringComparison.Ordinal), transaction: transaction);
        Assert.True(connection.ExecuteScalar<long>("SELECT COUNT(*) FROM discover_scratch.src_patient WHERE id_card_no IS NOT NULL AND sex_code IN ('1', '2')", transaction: transaction) > 0);
        Assert.True(connection.ExecuteScalar<long>("SELECT COUNT(*) FROM discover_scratch.src_outpatient_visit WHERE visit_time IS NOT NULL", transaction: transaction) > 0);
        foreach (var view in SourceViewColumns.ByView.Keys.Where(v => v != SourceViewColumns.Cancelled))
        {
            var columns = connection.Query<string>(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'discover_scratch' AND table_name = @view ORDER BY ordinal_position",
                new { view }, transaction).ToList();
            Assert.Equal(SourceViewColumns.ByView[view], columns);
        }
        transaction.Rollback();
    }

    [Fact]
    public void The_session_discover_reads_in_refuses_writes()
    {
        var engine = DatabaseEngine.For(DatabaseProvider.PostgreSql);
        var options = new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = PostgresServer.ConnectionString(hospital.Database, "public") };
        using var connection = engine.OpenForDiscovery(options, null!);
        // The session itself is read-only, before any transaction.
        var error = Assert.Throws<PostgresException>(() => connection.Execute("CREATE TABLE his.discover_probe (x int)"));
        Assert.Equal("25006", error.SqlState);
        using var transaction = engine.BeginReadOnly(connection);
        error = Assert.Throws<PostgresException>(() => connection.Execute("UPDATE his.pat_master_index SET name = name WHERE 1 = 0", transaction: transaction));
        Assert.Equal("25006", error.SqlState); // read_only_sql_transaction
    }
}

/// <summary>discover on MariaDB (MySQL's engine unit), on the demo HIS's database his.</summary>
[Collection(MariaDbTests.Name)]
public sealed class MySqlDiscoverCommandTests(MariaDbHospital hospital)
    : DiscoverCommandTests(hospital, MariaDbServer.UnavailableReason is not null ? [] :
        ["--Database:Provider=MySql", $"--Database:ConnectionString={MariaDbServer.ConnectionString()}", "--schema", "his"]), IClassFixture<MariaDbHospital>
{
    [Fact]
    public void The_transaction_discover_reads_in_refuses_writes()
    {
        var engine = DatabaseEngine.For(DatabaseProvider.MySql);
        var options = new DatabaseOptions { Provider = DatabaseProvider.MySql, ConnectionString = MariaDbServer.ConnectionString("his") };
        using var connection = engine.OpenForDiscovery(options, null!);
        using var transaction = engine.BeginReadOnly(connection);
        var error = Assert.Throws<MySqlConnector.MySqlException>(() => connection.Execute("UPDATE his.PAT_MASTER_INDEX SET NAME = NAME WHERE 1 = 0", transaction: transaction));
        Assert.Equal(1792, error.Number); // ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION
    }
}
