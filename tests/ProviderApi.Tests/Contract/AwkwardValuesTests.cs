using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using ProviderApi.Data;
using ProviderApi.Tests.Hospitals;

namespace ProviderApi.Tests.Contract;

/// <summary>
/// A hospital's source views over HIS tables full of awkward values (CHAR padding, '', blanks,
/// date-only columns, half-cent prices stored as decimal and as double, non-ASCII and
/// lower-case codes, NULL codes, a blank hospital_id), migrated with the provider's own
/// migrate as a DBA would (Database:SourceViewsPath), and the rows the standard views then
/// write: one expected table, the same on every engine (contract.md, 2026-12-01). The windows
/// are checked against "now" = UTC plus imgcloud.settings.utc_offset_minutes, for the default
/// offset and for another one, read from a session in another time zone (the MariaDB test
/// server runs on UTC; the test process on Asia/Shanghai).
/// </summary>
public abstract partial class AwkwardValuesTests
{
    private const string Zeros = "00000000000000000000";

    protected abstract DatabaseEngine Engine { get; }

    /// <summary>Runs migrate with the hospital's own source views in <paramref name="sourceViewsPath"/>; its output, where migrate writes one.</summary>
    protected abstract string? Migrate(string sourceViewsPath);

    /// <summary>The administrator's connection, which made the awkward tables.</summary>
    protected abstract DbConnection OpenAdmin();

    /// <summary>Makes this session's time zone five hours west of UTC, where the engine has one.</summary>
    protected abstract void UseAnotherSessionZone(DbConnection connection);

    protected abstract string Table(string name);

    protected abstract string View(string name);

    protected virtual string Types(string type) => type;

    protected virtual string TableOptions => "";

    protected virtual object DateValue(DateTime day) => day.Date;

    protected virtual string CreateView(string name) => $"CREATE OR REPLACE VIEW {name} AS";

    protected abstract void SkipUnlessAvailable();

    private void Prepare(string priceColumn)
    {
        using (var admin = OpenAdmin())
        {
            // Made once per database; each test's rows are written in a transaction it rolls back.
            admin.Execute($"CREATE TABLE IF NOT EXISTS {Table("awk_item")} (code CHAR(10), name VARCHAR(100), modality VARCHAR(10), body_part VARCHAR(50), price_dec DECIMAL(12, 4), price_float {Types("DOUBLE PRECISION")}, valid INTEGER, source VARCHAR(4), hosp VARCHAR(12)){TableOptions}");
            admin.Execute($"CREATE TABLE IF NOT EXISTS {Table("awk_dept")} (code CHAR(8), name VARCHAR(50), remark VARCHAR(50), hosp VARCHAR(12)){TableOptions}");
            admin.Execute($"CREATE TABLE IF NOT EXISTS {Table("awk_setl")} (accession VARCHAR(20), study VARCHAR(20), setl VARCHAR(30), med VARCHAR(30), sn VARCHAR(30), item CHAR(10), settled {Types("TIMESTAMP")}, self_paid INTEGER, hosp VARCHAR(12)){TableOptions}");
            admin.Execute($"CREATE TABLE IF NOT EXISTS {Table("awk_visit")} (visit_no VARCHAR(20), reg_date DATE, visit_at {Types("TIMESTAMP")}, id_card CHAR(18), phone VARCHAR(20), name VARCHAR(20), sex CHAR(1), birth DATE, dept CHAR(6), dept_name VARCHAR(20), doctor VARCHAR(20), hosp VARCHAR(12)){TableOptions}");
        }

        using var folder = new TempFolder();
        var v = CreateView;
        File.WriteAllText(Path.Combine(folder.Path, "10_awkward.sql"), $"""
            {v(Source("src_exam_item"))}
            SELECT code AS exam_code, name AS exam_name, modality, body_part, {priceColumn} AS price, valid AS is_valid, source AS source_type, hosp AS hospital_id
            FROM {Table("awk_item")};

            {v(Source("src_dept"))}
            SELECT code AS dept_code, name AS dept_name, remark, hosp AS hospital_id FROM {Table("awk_dept")};

            {SettlementViews()}

            {v(Source("src_outpatient_visit"))}
            SELECT visit_no, '1' AS patient_type, reg_date AS register_time, visit_at AS visit_time, id_card AS id_card_no,
                   name AS health_card_no, name AS insurance_card_no, name AS inpatient_no, name AS medicare_no,
                   phone AS mobile_phone, name AS patient_name, sex AS sex_code, birth AS date_of_birth,
                   dept AS dept_code, dept_name, doctor AS doctor_name, doctor AS doctor_his_uid, doctor AS doctor_insurance_code,
                   id_card AS doctor_id_card_no, 0 AS withdrawn, 1 AS seen, dept AS diagnosis_code, dept_name AS diagnosis_name, hosp AS hospital_id
            FROM {Table("awk_visit")};

            {v(Source("src_inpatient_visit"))}
            SELECT visit_no AS admission_no, id_card AS id_card_no, name AS health_card_no, name AS insurance_card_no, name AS inpatient_no,
                   name AS medicare_no, phone AS mobile_phone, name AS patient_name, sex AS sex_code, birth AS date_of_birth,
                   visit_at AS register_time, visit_at AS admission_time, visit_at AS discharge_time, visit_at AS cancel_time,
                   dept AS admit_dept_code, dept_name AS admit_dept_name, doctor AS admit_doctor_name, doctor AS admit_doctor_his_uid,
                   doctor AS admit_doctor_insurance_code, id_card AS admit_doctor_id_card_no, dept AS current_dept_code,
                   dept_name AS current_dept_name, dept AS ward_no, dept AS bed_no, dept AS diagnosis_code, dept_name AS diagnosis_name, hosp AS hospital_id
            FROM {Table("awk_visit")} WHERE 1 = 0;
            """);
        Migrate(folder.Path);
    }

    /// <summary>
    /// The settlements' source views: one src_settlement, or on MySQL/MariaDB the two it is split
    /// into there (sql/mysql/03_source_views.sql), each given rows on both sides of its window.
    /// </summary>
    private string SettlementViews()
    {
        var select = $"""
            SELECT accession AS accession_no, study AS study_order_id, setl AS setl_id, med AS med_list_code, sn AS fee_detail_sn,
                   item AS exam_item_code, settled AS settle_time, self_paid, hosp AS hospital_id
            FROM {Table("awk_setl")}
            """;
        return Engine.Provider is DatabaseProvider.MySql
            ? $"""
                {CreateView(Source("src_outpatient_settlement"))}
                {select} WHERE study IN ('O1', 'O2', 'O5');

                {CreateView(Source("src_inpatient_settlement"))}
                {select} WHERE study NOT IN ('O1', 'O2', 'O5');
                """
            : $"""
                {CreateView(Source("src_settlement"))}
                {select};
                """;
    }

    private string Source(string view) => Engine.Provider is DatabaseProvider.Sqlite ? view : $"imgcloud.{view}";

    /// <summary>Inserts the awkward rows for a hospital whose "now" is <paramref name="now"/>.</summary>
    private void Seed(DbConnection connection, DbTransaction transaction, DateTime now, int offsetMinutes)
    {
        void Run(string sql, object? values = null) => connection.Execute(Engine.Parameters(sql), values, transaction);

        Run($"UPDATE {Engine.Imgcloud("settings")} SET utc_offset_minutes = @offsetMinutes WHERE id = 1", new { offsetMinutes });
        Run($"DELETE FROM {Engine.Imgcloud("exam_part_map")} WHERE exam_code IN ('CT01', '超声04', 'ct01')");
        // The crosswalk is the two rows below alone: a demo's rules (MariaDB's suite runs on the demo hospital) would map US03.
        Run($"DELETE FROM {Engine.Imgcloud("exam_part_rule")}");
        Run($"INSERT INTO {Engine.Imgcloud("exam_part_map")} (exam_code, exam_part) VALUES ('CT01', 'B02010ZZZ')");
        Run($"INSERT INTO {Engine.Imgcloud("exam_part_map")} (exam_code, exam_part) VALUES ('超声04', 'C01020ZZZ')");

        const string item = "INSERT INTO {0} (code, name, modality, body_part, price_dec, price_float, valid, source, hosp) VALUES (@code, @name, @modality, @body, @price, @price, @valid, @source, @hosp)";
        foreach (var row in new object[]
        {
            new { code = "CT01      ", name = "头颅CT平扫  ", modality = "CT", body = "头部", price = 0.125m, valid = 1, source = "2", hosp = (string?)null },
            new { code = "MR02", name = "", modality = "MR ", body = "   ", price = 1.005m, valid = 0, source = "2", hosp = (string?)"" },
            new { code = "US03", name = "腹部超声", modality = "US", body = "腹部", price = 2.675m, valid = 1, source = " ", hosp = (string?)"   " },
            new { code = "超声04", name = "心脏彩超", modality = "US", body = "心脏", price = 1234567.895m, valid = 1, source = "1", hosp = (string?)"H12345678901" },
            new { code = "", name = "无编码项目", modality = "DR", body = "胸部", price = 480.5m, valid = 1, source = "2", hosp = (string?)null },
        })
        {
            Run(string.Format(CultureInfo.InvariantCulture, item, Table("awk_item")), row);
        }
        connection.Execute(Engine.Parameters($"INSERT INTO {Table("awk_item")} (code, name, modality, body_part, price_dec, price_float, valid, source, hosp) VALUES ('NOPRICE', 'x', 'CT', 'x', NULL, NULL, 1, '2', NULL)"), transaction: transaction);

        Run($"INSERT INTO {Table("awk_dept")} (code, name, remark, hosp) VALUES ('0101    ', '内科 ', '', '')");
        Run($"INSERT INTO {Table("awk_dept")} (code, name, remark, hosp) VALUES ('2001', '放射科', '  ', NULL)");

        const string setl = "INSERT INTO {0} (accession, study, setl, med, sn, item, settled, self_paid, hosp) VALUES (@accession, @study, @setl, @med, @sn, @item, @settled, @selfPaid, NULL)";
        var yesterday = now.AddDays(-1);
        foreach (var row in new object[]
        {
            new { accession = "A1", study = "O1", setl = "S1", med = "M1", sn = "F1  ", item = "CT01      ", settled = yesterday, selfPaid = 0 },
            new { accession = "A2", study = "O2", setl = "S1", med = "M2", sn = (string?)null, item = "ct01", settled = yesterday, selfPaid = 0 },
            new { accession = "A3", study = "", setl = "S1 ", med = "", sn = "", item = "超声04", settled = yesterday, selfPaid = 0 },
            new { accession = "  ", study = "O4", setl = "X", med = "M4", sn = (string?)"Y", item = "US03", settled = yesterday, selfPaid = 1 },
            new { accession = "A5", study = "O5", setl = "S5", med = "M5", sn = (string?)"F5", item = "CT01", settled = now.AddDays(-7).AddMinutes(-30), selfPaid = 0 },
            new { accession = "A6", study = "O6", setl = "S6", med = "M6", sn = (string?)"F6", item = "CT01", settled = now.AddDays(-7).AddMinutes(30), selfPaid = 0 },
            new { accession = "A7", study = "O7", setl = "S7", med = "M7", sn = (string?)"F7", item = "CT01", settled = now.AddDays(-7).AddMinutes(-30), selfPaid = 1 },
        })
        {
            Run(string.Format(CultureInfo.InvariantCulture, setl, Table("awk_setl")), row);
        }

        const string visit = "INSERT INTO {0} (visit_no, reg_date, visit_at, id_card, phone, name, sex, birth, dept, dept_name, doctor, hosp) VALUES (@no, @regDate, @at, '11010519491231002X', '13800138000 ', '张三', @sex, @birth, '0101  ', '内科', '李医生', NULL)";
        foreach (var (no, at, sex) in new[]
        {
            ("V-IN-BACK", now.AddDays(-7).AddMinutes(30), " "),
            ("V-OUT-BACK", now.AddDays(-7).AddMinutes(-30), "1"),
            ("V-IN-AHEAD", now.AddDays(30).AddMinutes(-30), "2"),
            ("V-OUT-AHEAD", now.AddDays(30).AddMinutes(30), "1"),
        })
        {
            Run(string.Format(CultureInfo.InvariantCulture, visit, Table("awk_visit")),
                new { no, regDate = DateValue(at.AddDays(-1)), at, sex, birth = DateValue(new DateTime(1949, 12, 31)) });
        }
    }

    [Theory]
    [InlineData("price_dec")]
    [InlineData("price_float")]
    public void The_awkward_values_table_gives_the_same_rows_on_every_engine(string priceColumn)
    {
        SkipUnlessAvailable();
        Prepare(priceColumn);
        using var connection = OpenAdmin();
        using var transaction = connection.BeginTransaction();
        var now = HospitalNow(480);
        Seed(connection, transaction, now, 480);
        var defaultHospital = connection.ExecuteScalar<string>($"SELECT hospital_id FROM {Engine.Imgcloud("settings")}", transaction: transaction);

        var items = Rows(connection, transaction, "View_ProjectItemCode_Info", "examCode");
        Assert.Equal(
            new string?[][]
            {
                ["DR", null, "无编码项目", "胸部", "480.50", "0", "2", defaultHospital],
                ["CT", "CT01", "头颅CT平扫", "头部", "0.13", "0", "2", defaultHospital],
                ["MR", "MR02", null, null, "1.01", "1", "2", defaultHospital],
                ["CT", "NOPRICE", "x", "x", null, "0", "2", defaultHospital],
                ["US", "US03", "腹部超声", "腹部", "2.68", "0", null, defaultHospital],
                ["US", "超声04", "心脏彩超", "心脏", "1234567.90", "0", "1", "H12345678901"],
            },
            items);

        var departments = Rows(connection, transaction, "View_Dept_Info", "deptCode");
        Assert.Equal(new string?[][] { ["内科", "0101", null, defaultHospital], ["放射科", "2001", null, defaultHospital] }, departments);

        var settlements = Rows(connection, transaction, "view_setlInfoList", "studyOrderId");
        Assert.Equal(
            new string?[][]
            {
                ["A3", null, "S1", null, Zeros, "C01020ZZZ", defaultHospital],
                ["A1", "O1", "S1", "M1", "F1", "B02010ZZZ", defaultHospital],
                ["A2", "O2", "S1", "M2", Zeros, null, defaultHospital],
                [null, "O4", Zeros, "M4", Zeros, null, defaultHospital],
                ["A6", "O6", "S6", "M6", "F6", "B02010ZZZ", defaultHospital],
            },
            settlements);

        var visits = Rows(connection, transaction, "View_Register_Info", "outpatientNumber");
        Assert.Equal(["V-IN-AHEAD", "V-IN-BACK"], visits.Select(v => v[10]));
        var first = visits.Single(v => v[10] == "V-IN-BACK");
        var at = now.AddDays(-7).AddMinutes(30);
        Assert.Equal("11010519491231002X", first[0]);
        Assert.Equal("13800138000", first[5]);
        Assert.Equal("未知", first[7]);                                     // a blank sex code is the unknown one
        Assert.Equal(at.AddDays(-1).ToString("yyyy-MM-dd 00:00:00", CultureInfo.InvariantCulture), first[11]); // a date-only column
        Assert.Equal(at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), first[12]);
        Assert.Equal("0101", first[14]);
        Assert.Equal(defaultHospital, first[32]);

        // The dictionaries' order: codes by byte, NULL last, on the engine's own ORDER BY.
        var codes = connection.Query<string?>(
            $"SELECT examCode FROM {View("View_ProjectItemCode_Info")} ORDER BY {Engine.OrdinalOrder("examCode")}", transaction: transaction).ToList();
        Assert.Equal(["CT01", "MR02", "NOPRICE", "US03", "超声04", null], codes);
    }

    [Theory]
    [InlineData(480)]
    [InlineData(-300)]
    public void The_windows_follow_the_offset_setting_whatever_the_server_or_session_zone(int offsetMinutes)
    {
        SkipUnlessAvailable();
        Prepare("price_dec");
        using var connection = OpenAdmin();
        UseAnotherSessionZone(connection);
        using var transaction = connection.BeginTransaction();
        var now = HospitalNow(offsetMinutes);
        Seed(connection, transaction, now, offsetMinutes);

        var visits = Rows(connection, transaction, "View_Register_Info", "outpatientNumber").Select(v => v[10]);
        var settlements = Rows(connection, transaction, "view_setlInfoList", "studyOrderId").Select(s => s[1]);

        Assert.Equal(["V-IN-AHEAD", "V-IN-BACK"], visits);
        Assert.Equal([null, "O1", "O2", "O4", "O6"], settlements);
    }

    /// <summary>Whole seconds of UTC plus the offset: the hospital's "now" as the views compute it.</summary>
    private static DateTime HospitalNow(int offsetMinutes)
    {
        var now = DateTime.UtcNow.AddMinutes(offsetMinutes);
        return DateTime.SpecifyKind(now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)), DateTimeKind.Unspecified);
    }

    /// <summary>Every row of a standard view as strings in the view's column order, sorted by one column (ordinal, NULL first).</summary>
    private List<string?[]> Rows(DbConnection connection, DbTransaction transaction, string view, string sortBy)
    {
        var rows = ViewRows.Query(connection, $"SELECT * FROM {View(view)}", transaction: transaction);
        return rows
            .OrderBy(r => r[sortBy] as string, StringComparer.Ordinal)
            .Select(r => r.Values.Select(v => v is null ? null : Convert.ToString(v, CultureInfo.InvariantCulture)).ToArray())
            .ToList();
    }
}

/// <summary>The awkward values on a SQLite file made with the shipped sql/sqlite scripts and the hospital's source views.</summary>
public sealed class SqliteAwkwardValuesTests : AwkwardValuesTests, IDisposable
{
    private readonly TempFolder folder = new();

    private string File => Path.Combine(folder.Path, "hospital.db");

    protected override DatabaseEngine Engine { get; } = DatabaseEngine.For(DatabaseProvider.Sqlite);

    // SQLite has no migrate (the demo makes its own file): the plan's scripts run as they are, and say nothing.
    protected override string? Migrate(string sourceViewsPath)
    {
        using var connection = OpenAdmin();
        foreach (var script in SqlScripts.Plan(DatabaseProvider.Sqlite, withDemo: false, sourceViewsPath))
        {
            connection.Execute(script.Text);
        }
        return null;
    }

    protected override DbConnection OpenAdmin()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = File, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    // SQLite has no session zone: the process's own (Asia/Shanghai in the tests) is what 'localtime' would read.
    protected override void UseAnotherSessionZone(DbConnection connection)
    {
    }

    protected override string Table(string name) => name;

    protected override string View(string name) => name;

    protected override string Types(string type) => type switch { "DOUBLE PRECISION" => "REAL", _ => "TEXT" };

    protected override object DateValue(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected override string CreateView(string name) => $"DROP VIEW IF EXISTS {name};\nCREATE VIEW {name} AS";

    protected override void SkipUnlessAvailable()
    {
    }

    public void Dispose() => folder.Dispose();
}

/// <summary>The awkward values on PostgreSQL, migrated through the provider's migrate (DbUp, one transaction).</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresAwkwardValuesTests(PostgresHospital hospital) : AwkwardValuesTests, IClassFixture<PostgresHospital>
{
    protected override DatabaseEngine Engine => hospital.Dialect;

    protected override string? Migrate(string sourceViewsPath) => hospital.Migrate(withDemo: false, sourceViewsPath);

    protected override DbConnection OpenAdmin() => hospital.Open(writable: true);

    protected override void UseAnotherSessionZone(DbConnection connection) => connection.Execute("SET TIME ZONE 'America/New_York'");

    protected override string Table(string name) => $"his.{name}";

    protected override string View(string name) => $"imgcloud.{name}";

    protected override void SkipUnlessAvailable() => hospital.SkipUnlessAvailable();
}

/// <summary>The awkward values on MariaDB (server on UTC, MySQL 5.7's sql_mode, latin1 server default).</summary>
[Collection(MariaDbTests.Name)]
public sealed class MariaDbAwkwardValuesTests(MariaDbHospital hospital) : AwkwardValuesTests, IClassFixture<MariaDbHospital>
{
    protected override DatabaseEngine Engine => hospital.Dialect;

    protected override string? Migrate(string sourceViewsPath) => hospital.Migrate(sourceViewsPath);

    protected override DbConnection OpenAdmin() => hospital.Open(writable: true);

    protected override void UseAnotherSessionZone(DbConnection connection) => connection.Execute("SET time_zone = '-05:00'");

    protected override string Table(string name) => $"his.{name}";

    protected override string View(string name) => $"imgcloud.{name}";

    protected override string Types(string type) => type switch { "DOUBLE PRECISION" => "DOUBLE", _ => "DATETIME" };

    protected override string TableOptions => " DEFAULT CHARSET = utf8mb4";

    protected override void SkipUnlessAvailable() => hospital.SkipUnlessAvailable();
}
