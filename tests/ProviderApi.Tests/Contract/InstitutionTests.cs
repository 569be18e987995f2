using System.Data.Common;
using System.Text.Json;
using Dapper;
using ProviderApi.Tests.Hospitals;

namespace ProviderApi.Tests.Contract;

/// <summary>
/// Several institutions in one HIS (contract.md, hospitalld, settled 2026-12-01), on every engine's demo:
/// the hospital and its community centre share exam and department codes; every row carries its own
/// institution's hospitalld, the dictionaries are ordered by code then hospitalld, the crosswalk row of
/// an institution wins over the all-institutions row, and imgcloud.institution keeps only the listed ones.
/// </summary>
public abstract class InstitutionTests
{
    private const string Hospital = "H45010000001";
    private const string Centre = "H45010300002";

    private readonly IHospital hospital;

    protected InstitutionTests(IHospital hospital)
    {
        this.hospital = hospital;
        hospital.SkipUnlessAvailable();
    }

    private static readonly string[] Views = ["View_Register_Info", "View_ProjectItemCode_Info", "view_setlInfoList", "View_Dept_Info"];

    private string Imgcloud(string table) => hospital.Dialect.Imgcloud(table);

    private static List<Dictionary<string, object?>> Rows(DbConnection connection, string sql, DbTransaction? transaction = null) =>
        ViewRows.Query(connection, sql, transaction: transaction);

    [Fact]
    public void Two_institutions_share_exam_and_department_codes_and_each_row_carries_its_own_hospitalld()
    {
        using var connection = hospital.Open();

        var items = Rows(connection, "SELECT examCode, examName, examPrice, hospitalld FROM View_ProjectItemCode_Info WHERE examCode = 'CT0001'")
            .ToDictionary(r => (string)r["hospitalld"]!, r => ((string)r["examName"]!, (string)r["examPrice"]!));
        Assert.Equal(("头颅CT平扫", "150.00"), items[Hospital]);
        Assert.Equal(("头颅CT平扫（社区）", "135.00"), items[Centre]);
        Assert.Equal(2, items.Count);

        var departments = Rows(connection, "SELECT deptCode, deptName, hospitalld FROM View_Dept_Info WHERE deptCode IN ('0101', '2001')")
            .Select(r => $"{r["deptCode"]} {r["hospitalld"]} {r["deptName"]}").Order(StringComparer.Ordinal);
        Assert.Equal([$"0101 {Hospital} 心血管内科", $"0101 {Centre} 全科医疗科", $"2001 {Hospital} 放射科", $"2001 {Centre} 放射科"], departments);
        // The centre's administrative department stays out, as the hospital's do.
        Assert.Equal(0L, connection.ExecuteScalar<long>($"SELECT count(*) FROM View_Dept_Info WHERE hospitalld = '{Centre}' AND deptCode = '9001'"));

        var visits = Rows(connection, "SELECT hospitalld, outpatientDeptName FROM View_Register_Info WHERE insuranceId = (SELECT patient_id FROM demo_scenario WHERE name = 'community_centre_settlement')");
        Assert.Equal([(Centre, "全科医疗科")], visits.Select(r => ((string)r["hospitalld"]!, (string)r["outpatientDeptName"]!)));
        Assert.Equal(
            [Hospital, Centre],
            Views.SelectMany(v => connection.Query<string>($"SELECT DISTINCT hospitalld FROM {v}")).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/standardHttp/getExamDict", "examCode", "CT0001")]
    [InlineData("/standardHttp/getDeptInfo", "deptCode", "0101")]
    public async Task The_dictionaries_datas_are_ordered_by_code_then_hospitalld(string path, string code, string shared)
    {
        var body = await hospital.Client.GetStringAsync(path, TestContext.Current.CancellationToken);
        var datas = JsonDocument.Parse(body).RootElement.GetProperty("datas").EnumerateArray()
            .Select(d => (Code: d.GetProperty(code).GetString()!, Hospital: d.GetProperty("hospitalld").GetString()!))
            .ToList();

        var ordered = datas.OrderBy(d => d.Code, StringComparer.Ordinal).ThenBy(d => d.Hospital, StringComparer.Ordinal).ToList();
        Assert.Equal(ordered, datas);
        Assert.Equal([(shared, Hospital), (shared, Centre)], datas.Where(d => d.Code == shared));
        Assert.Equal(datas.Count, datas.Distinct().Count());
    }

    [Fact]
    public void An_institutions_own_crosswalk_row_wins_and_the_all_institutions_row_serves_the_rest()
    {
        using var connection = hospital.Open(writable: true);
        using var transaction = connection.BeginTransaction();
        string ExamPart(string medListCode) => connection.ExecuteScalar<string>(
            $"SELECT examPart FROM view_setlInfoList WHERE accessionNo = 'S-ACC-COMMUNITY' AND medListCodg = '{medListCode}'", transaction: transaction)!;
        List<string> HospitalRows() => [.. Rows(connection, $"SELECT * FROM view_setlInfoList WHERE hospitalld = '{Hospital}'", transaction)
            .Select(r => string.Join('|', r.Values)).Order(StringComparer.Ordinal)];

        // The centre's DR0001 (002102000010000) has a row of its own; its CT0001 (002103000010000) takes the '*' row.
        Assert.Equal("A03019ZZZ", ExamPart("002102000010000"));
        Assert.Equal("B01010ZZZ", ExamPart("002103000010000"));
        Assert.Equal("A03010ZZZ", connection.ExecuteScalar<string>(
            $"SELECT exam_part FROM {Imgcloud("exam_part_map")} WHERE exam_code = 'DR0001' AND hospital_id = '*'", transaction: transaction));

        // A row of the centre's own for CT0001 changes the centre's settlements only.
        var hospitalRows = HospitalRows();
        Assert.NotEmpty(hospitalRows);
        connection.Execute(
            $"INSERT INTO {Imgcloud("exam_part_map")} (exam_code, exam_part, note, hospital_id) VALUES ('CT0001', 'B01019ZZZ', '社区', '{Centre}')", transaction: transaction);
        Assert.Equal("B01019ZZZ", ExamPart("002103000010000"));
        Assert.Equal(hospitalRows, HospitalRows());

        // Without its own row, the centre's DR0001 falls back to the '*' row.
        connection.Execute($"DELETE FROM {Imgcloud("exam_part_map")} WHERE exam_code = 'DR0001' AND hospital_id = '{Centre}'", transaction: transaction);
        Assert.Equal("A03010ZZZ", ExamPart("002102000010000"));
        transaction.Rollback();
    }

    [Fact]
    public void Only_the_institutions_listed_as_connected_are_in_the_views_and_none_listed_means_all()
    {
        using var connection = hospital.Open(writable: true);
        using var transaction = connection.BeginTransaction();
        Dictionary<string, long> Counts(string? institution = null) => Views.ToDictionary(v => v, v => connection.ExecuteScalar<long>(
            $"SELECT count(*) FROM {v}" + (institution is null ? "" : $" WHERE hospitalld = '{institution}'"), transaction: transaction));
        var all = Counts();
        var hospitalOnly = Counts(Hospital);
        var centreOnly = Counts(Centre);
        Assert.All(Views, v => Assert.True(centreOnly[v] > 0 && hospitalOnly[v] > 0, v));
        Assert.All(Views, v => Assert.Equal(all[v], hospitalOnly[v] + centreOnly[v]));

        connection.Execute($"INSERT INTO {Imgcloud("institution")} (hospital_id, name) VALUES ('{Centre}', '城东社区卫生服务中心')", transaction: transaction);
        Assert.Equal(centreOnly, Counts());

        connection.Execute($"INSERT INTO {Imgcloud("institution")} (hospital_id, name) VALUES ('{Hospital}', '人民医院')", transaction: transaction);
        Assert.Equal(all, Counts());

        connection.Execute($"DELETE FROM {Imgcloud("institution")} WHERE hospital_id = '{Centre}'", transaction: transaction);
        Assert.Equal(hospitalOnly, Counts());
        transaction.Rollback();
    }
}

/// <summary>Two institutions on the embedded demo hospital (SQLite).</summary>
public sealed class SqliteInstitutionTests(DemoHospital hospital) : InstitutionTests(hospital), IClassFixture<DemoHospital>;

/// <summary>Two institutions on PostgreSQL, over the very files in sql/postgresql/.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresInstitutionTests(PostgresHospital hospital) : InstitutionTests(hospital), IClassFixture<PostgresHospital>;

/// <summary>Two institutions on MariaDB, over the very files in sql/mysql/.</summary>
[Collection(MariaDbTests.Name)]
public sealed class MySqlInstitutionTests(MariaDbHospital hospital) : InstitutionTests(hospital), IClassFixture<MariaDbHospital>;
