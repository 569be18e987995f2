using System.Data.Common;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;
using ProviderApi.Data;
using ProviderApi.Tests.Contract;
using ProviderApi.Tests.Hospitals;

namespace ProviderApi.Tests.Check;

/// <summary>
/// check and load-csv through the real executable (<c>dotnet ProviderApi.dll ...</c>), as a DBA
/// runs them, one class per engine. A test that commits puts back what it changed.
/// </summary>
public abstract partial class CheckCommandTests : IDisposable
{
    private readonly IHospital hospital;
    private readonly DatabaseProvider provider;
    private readonly string[] settings;
    private readonly TempFolder folder = new();

    protected CheckCommandTests(IHospital hospital, DatabaseProvider provider, string[] settings)
    {
        this.hospital = hospital;
        this.provider = provider;
        this.settings = settings;
        hospital.SkipUnlessAvailable();
    }

    public virtual void Dispose()
    {
        folder.Dispose();
        GC.SuppressFinalize(this);
    }

    private string Imgcloud(string table) => DatabaseEngine.For(provider).Imgcloud(table);

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        ProviderProcess.RunAsync([.. args, .. settings], workingDirectory: folder.Path);

    /// <summary>Runs <paramref name="change"/> committed, then <paramref name="test"/>, then puts the rows of <paramref name="table"/> that <paramref name="where"/> selects back as they were.</summary>
    private async Task WithCommittedAsync(string table, Action<DbConnection> change, Func<Task> test, string where = "1 = 1")
    {
        List<Dictionary<string, object?>> before;
        using (var connection = hospital.Open(writable: true))
        {
            before = ViewRows.Query(connection, $"SELECT * FROM {table} WHERE {where}");
            change(connection);
        }
        try
        {
            await test();
        }
        finally
        {
            using var connection = hospital.Open(writable: true);
            using var transaction = connection.BeginTransaction();
            connection.Execute($"DELETE FROM {table} WHERE {where}", transaction: transaction);
            foreach (var row in before)
            {
                var columns = string.Join(", ", row.Keys);
                var values = string.Join(", ", row.Keys.Select(k => "@" + k));
                connection.Execute($"INSERT INTO {table} ({columns}) VALUES ({values})", new DynamicParameters(row), transaction);
            }
            transaction.Commit();
        }
    }

    private List<string> Crosswalk()
    {
        using var connection = hospital.Open();
        return ViewRows.Query(connection, $"SELECT exam_code, exam_part, note FROM {Imgcloud("exam_part_map")} ORDER BY exam_code, hospital_id")
            .Select(r => string.Join('|', r.Values)).ToList();
    }

    private string WriteCsv(string text)
    {
        var path = folder.File($"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text, new UTF8Encoding(true));
        return path;
    }

    /// <summary>No ID number (15 or 18 characters) and no mobile number in clear.</summary>
    private static void AssertNothingInClear(string text)
    {
        Assert.DoesNotMatch(ClearNumber(), text);
    }

    /// <summary>A DBA's own account on this engine, whose default schema (search_path, database) is not imgcloud; null where there is none.</summary>
    protected virtual string[]? DbaAccount => null;

    [Fact]
    public async Task Check_finds_the_views_under_the_DBAs_own_account_whose_default_schema_is_not_imgcloud()
    {
        Assert.SkipWhen(DbaAccount is null, "SQLite has no accounts or schemas.");

        var (exitCode, output, error) = await ProviderProcess.RunAsync(["check", .. DbaAccount!], workingDirectory: folder.Path);

        Assert.True(exitCode == 0, $"check exited {exitCode}: {error}\n{output}");
        Assert.Contains("通过 / PASSED", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_exits_0_on_the_demo_hospital_and_names_its_two_unmapped_items()
    {
        var (exitCode, output, error) = await RunAsync("check");

        Assert.True(exitCode == 0, $"check exited {exitCode}: {error}\n{output}");
        Assert.Contains("EXAM-PART-UNMAPPED", output, StringComparison.Ordinal);
        Assert.Contains("MR0007  前列腺MR波谱成像", output, StringComparison.Ordinal);
        Assert.Contains("RF0002  静脉肾盂造影", output, StringComparison.Ordinal);
        Assert.Contains("通过 / PASSED", output, StringComparison.Ordinal);
        Assert.DoesNotContain("错误 ERROR", output, StringComparison.Ordinal);
        AssertNothingInClear(output + error);
    }

    [Fact]
    public async Task Check_writes_a_json_report_a_program_can_read()
    {
        var (exitCode, output, error) = await RunAsync("check", "--format", "json");

        Assert.True(exitCode == 0, $"check exited {exitCode}: {error}\n{output}");
        using var json = JsonDocument.Parse(output); // standard output is the report alone: logs go to standard error
        var root = json.RootElement;
        Assert.True(root.GetProperty("passed").GetBoolean());
        Assert.Equal(0, root.GetProperty("errors").GetInt64());
        Assert.Equal(2, root.GetProperty("warnings").GetInt64());
        Assert.Equal(
            ["View_Register_Info", "View_ProjectItemCode_Info", "view_setlInfoList", "View_Dept_Info"],
            root.GetProperty("views").EnumerateArray().Select(v => v.GetProperty("view").GetString()));
        Assert.All(root.GetProperty("views").EnumerateArray(), v => Assert.True(v.GetProperty("rows").GetInt64() > 0));
        var crosswalk = root.GetProperty("crosswalk");
        Assert.Equal("EXAM-PART-UNMAPPED", crosswalk.GetProperty("rule").GetString());
        Assert.Equal("warning", crosswalk.GetProperty("severity").GetString());
        Assert.Equal(["MR0007", "RF0002"], crosswalk.GetProperty("unmapped").EnumerateArray().Select(u => u.GetProperty("examCode").GetString()));
        Assert.Contains("前列腺MR波谱成像", output, StringComparison.Ordinal); // Chinese unescaped
        Assert.DoesNotContain("\\u", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_exits_1_on_an_error_and_shows_the_row_with_its_id_number_masked()
    {
        // The seen patient of the demo (S0000006) gets a wrong check character, committed, and back afterwards.
        string id;
        using (var connection = hospital.Open())
        {
            id = connection.ExecuteScalar<string>("SELECT ID_NO FROM PAT_MASTER_INDEX WHERE PATIENT_ID = 'S0000006'")!;
        }
        var wrong = id[..17] + (id[17] == '0' ? '1' : '0');
        await WithCommittedAsync("PAT_MASTER_INDEX",
            connection => connection.Execute("UPDATE PAT_MASTER_INDEX SET ID_NO = @wrong WHERE PATIENT_ID = 'S0000006'", new { wrong }),
            where: "PATIENT_ID = 'S0000006'",
            test: async () =>
            {
                var (exitCode, output, error) = await RunAsync("check", "--format", "json", "--examples", "1");
                Assert.True(exitCode == 1, $"check exited {exitCode}: {error}\n{output}");
                using var json = JsonDocument.Parse(output);
                Assert.False(json.RootElement.GetProperty("passed").GetBoolean());
                var finding = json.RootElement.GetProperty("views")[0].GetProperty("findings").EnumerateArray().Single();
                Assert.Equal("REG-ID-CHECKSUM", finding.GetProperty("rule").GetString());
                Assert.Equal("error", finding.GetProperty("severity").GetString());
                Assert.Equal("idCardNo", finding.GetProperty("field").GetString());
                Assert.Equal(ProviderApi.Common.Masking.IdNumber(wrong), finding.GetProperty("examples")[0].GetProperty("value").GetString());
                Assert.DoesNotContain(wrong, output, StringComparison.Ordinal);
                AssertNothingInClear(output + error);

                (exitCode, output, error) = await RunAsync("check");
                Assert.Equal(1, exitCode);
                Assert.Contains("错误 ERROR   REG-ID-CHECKSUM  idCardNo", output, StringComparison.Ordinal);
                Assert.Contains("未通过 / FAILED", output, StringComparison.Ordinal);
                AssertNothingInClear(output + error);
            });
    }

    [Fact]
    public async Task Check_exits_1_when_the_HIS_has_a_patient_born_after_the_visit_and_names_the_empty_age()
    {
        // The seen patient of the demo (S0000006, seen two days ago) is born tomorrow, committed, and back afterwards.
        await WithCommittedAsync("PAT_MASTER_INDEX",
            connection => connection.Execute("UPDATE PAT_MASTER_INDEX SET DATE_OF_BIRTH = @born WHERE PATIENT_ID = 'S0000006'", new { born = DateTime.Today.AddDays(1) }),
            where: "PATIENT_ID = 'S0000006'",
            test: async () =>
            {
                var (exitCode, output, error) = await RunAsync("check", "--format", "json", "--examples", "1");
                Assert.True(exitCode == 1, $"check exited {exitCode}: {error}\n{output}");
                using var json = JsonDocument.Parse(output);
                var finding = json.RootElement.GetProperty("views")[0].GetProperty("findings").EnumerateArray().Single();
                Assert.Equal(("REG-REQUIRED", "error", "patientAge", 1), (finding.GetProperty("rule").GetString(), finding.GetProperty("severity").GetString(), finding.GetProperty("field").GetString(), finding.GetProperty("count").GetInt32()));

                (exitCode, output, error) = await RunAsync("check");
                Assert.Equal(1, exitCode);
                Assert.Contains("错误 ERROR   REG-REQUIRED  patientAge", output, StringComparison.Ordinal);
                AssertNothingInClear(output + error);
            });
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--examples", "some")]
    public async Task Check_with_words_it_does_not_take_exits_2_with_the_usage(string option, string value)
    {
        var (exitCode, _, error) = await RunAsync("check", option, value);

        Assert.Equal(2, exitCode);
        Assert.Contains("ProviderApi check [--format text|json]", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_csv_loads_a_good_crosswalk_file_replacing_its_codes_and_keeping_the_others()
    {
        var before = Crosswalk();
        var file = WriteCsv("exam_code,exam_part,note\nMR0007,C04550ZZZ,前列腺MR波谱成像\n\"RF0002\",\"G04510ZZZ\",\"静脉肾盂造影, IVP\"\nCT0001,B01011ZZZ,\n");

        await WithCommittedAsync(Imgcloud("exam_part_map"), _ => { }, async () =>
        {
            var (exitCode, output, error) = await RunAsync("load-csv", "--table", "exam-part-map", "--file", file);

            Assert.True(exitCode == 0, $"load-csv exited {exitCode}: {error}\n{output}");
            Assert.Contains("loaded 3 rows", output, StringComparison.Ordinal);
            Assert.Contains("2 new, 1 replaced", output, StringComparison.Ordinal);
            var after = Crosswalk();
            Assert.Equal(before.Count + 2, after.Count);
            Assert.Contains("MR0007|C04550ZZZ|前列腺MR波谱成像", after);
            Assert.Contains("RF0002|G04510ZZZ|静脉肾盂造影, IVP", after);
            Assert.Contains("CT0001|B01011ZZZ|", after); // the code's row replaced, its note included
            Assert.Equal(before.Where(r => !r.StartsWith("CT0001|", StringComparison.Ordinal)), after.Where(r => !Regex.IsMatch(r, "^(CT0001|MR0007|RF0002)[|]")));

            // Every item mapped now: the check has nothing left to warn about.
            (exitCode, output, _) = await RunAsync("check", "--format", "json");
            Assert.True(exitCode == 0, output);
            using var json = JsonDocument.Parse(output);
            Assert.Equal(0, json.RootElement.GetProperty("warnings").GetInt64());
        });
    }

    [Fact]
    public async Task Load_csv_refuses_a_file_with_one_bad_line_loads_nothing_and_names_the_line()
    {
        var before = Crosswalk();
        var file = WriteCsv("exam_code,exam_part,note\nMR0007,C04550ZZZ,ok\nRF0002,g04510zzz,lower case\nCT0001,B01011ZZZ,ok\n");

        var (exitCode, output, error) = await RunAsync("load-csv", "--table", "exam-part-map", "--file", file);

        Assert.True(exitCode == 1, $"load-csv exited {exitCode}: {error}\n{output}");
        Assert.Contains("line 3: ", error, StringComparison.Ordinal);
        Assert.Contains("g04510zzz", error, StringComparison.Ordinal);
        Assert.Contains("nothing was loaded", error, StringComparison.Ordinal);
        Assert.DoesNotContain("line 2", error, StringComparison.Ordinal);
        Assert.Equal(before, Crosswalk());
    }

    [Fact]
    public async Task Load_csv_without_the_file_exits_2()
    {
        var (exitCode, _, error) = await RunAsync("load-csv", "--table", "sex-map", "--file", folder.File("missing.csv"));

        Assert.Equal(2, exitCode);
        Assert.Contains("missing.csv", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_csv_loads_the_sex_map_and_the_check_then_takes_the_new_texts()
    {
        var file = WriteCsv("sex_code,sex_text\n0,0\n1,1\n2,2\n9,9\n");

        await WithCommittedAsync(Imgcloud("sex_map"), _ => { }, async () =>
        {
            var (exitCode, output, error) = await RunAsync("load-csv", "--table", "sex-map", "--file", file);
            Assert.True(exitCode == 0, $"load-csv exited {exitCode}: {error}\n{output}");
            Assert.Contains("0 new, 4 replaced", output, StringComparison.Ordinal);

            using (var connection = hospital.Open())
            {
                Assert.Empty(ViewRows.Query(connection, "SELECT 1 FROM View_Register_Info WHERE patientSex NOT IN ('0', '1', '2', '9')"));
            }
            (exitCode, output, error) = await RunAsync("check");
            Assert.True(exitCode == 0, $"check exited {exitCode}: {error}\n{output}");
        });
    }

    // 15 or 18 characters of an ID number, or an 11-digit mobile number, not inside a longer run of digits.
    [GeneratedRegex("(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15}|1[3-9][0-9]{9})(?![0-9])")]
    private static partial Regex ClearNumber();
}

/// <summary>check and load-csv on the demo hospital: the Demo provider over the fixture's file.</summary>
public sealed class SqliteCheckCommandTests(DemoHospital hospital)
    : CheckCommandTests(hospital, DatabaseProvider.Demo, ["--Database:Provider=Demo", $"--Database:DemoPath={hospital.DatabasePath}"]), IClassFixture<DemoHospital>;

/// <summary>
/// check and load-csv on PostgreSQL as in production: the check under the provider's own login
/// (imgcloud_provider, which reads only the standard views and the imgcloud tables), load-csv
/// through Database:MigrationConnectionString.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresCheckCommandTests : CheckCommandTests, IClassFixture<PostgresHospital>
{
    private const string Password = "provider-test-password";

    private readonly PostgresHospital hospital;

    public PostgresCheckCommandTests(PostgresHospital hospital)
        : base(hospital, DatabaseProvider.PostgreSql, Settings(hospital))
    {
        this.hospital = hospital;
        PostgresServer.Execute($"ALTER ROLE imgcloud_provider WITH LOGIN PASSWORD '{Password}'");
    }

    public override void Dispose()
    {
        if (PostgresServer.UnavailableReason is null)
        {
            PostgresServer.Execute("ALTER ROLE imgcloud_provider WITH NOLOGIN PASSWORD NULL");
        }
        base.Dispose();
    }

    // The administrator with search_path public: the views are found only by their schema.
    protected override string[]? DbaAccount => PostgresServer.UnavailableReason is not null ? null :
        ["--Database:Provider=PostgreSql", $"--Database:ConnectionString={PostgresServer.ConnectionString(hospital.Database, "public")}"];

    private static string[] Settings(PostgresHospital hospital)
    {
        if (PostgresServer.UnavailableReason is not null)
        {
            return [];
        }
        var login = new NpgsqlConnectionStringBuilder(hospital.ConnectionString)
        {
            Username = "imgcloud_provider",
            Password = Password,
            SearchPath = null, // the role's own search_path resolves the views
        };
        return
        [
            "--Database:Provider=PostgreSql",
            $"--Database:ConnectionString={login}",
            $"--Database:MigrationConnectionString={PostgresServer.ConnectionString(hospital.Database, "public")}",
        ];
    }
}

/// <summary>
/// check and load-csv on MariaDB as in production: the check under the provider's own account
/// (imgcloud_provider, which reads only the standard views and the imgcloud tables), load-csv
/// through Database:MigrationConnectionString.
/// </summary>
[Collection(MariaDbTests.Name)]
public sealed class MySqlCheckCommandTests(MariaDbHospital hospital)
    : CheckCommandTests(hospital, DatabaseProvider.MySql, MariaDbServer.UnavailableReason is not null ? [] :
    [
        "--Database:Provider=MySql",
        $"--Database:ConnectionString={hospital.ProviderConnectionString}",
        $"--Database:MigrationConnectionString={MariaDbServer.ConnectionString()}",
    ]), IClassFixture<MariaDbHospital>
{
    // The administrator working in the database mysql: the views are found only by their schema (database).
    protected override string[]? DbaAccount => MariaDbServer.UnavailableReason is not null ? null :
        ["--Database:Provider=MySql", $"--Database:ConnectionString={MariaDbServer.ConnectionString("mysql")}"];
}
