using System.Data.Common;
using System.Globalization;
using Dapper;
using MySqlConnector;
using ProviderApi.Tests.Hospitals;

namespace ProviderApi.Tests;

/// <summary>
/// The sql/mysql scripts, run for real on MariaDB (started by tests/run.sh with MySQL 5.7's
/// sql_mode, a latin1 server default and a UTC clock) through the provider's journaled runner,
/// into a database pair of each test's own: the standard views' rows and formats for a small
/// HIS of known rows, the windows on UTC plus the offset setting, re-running, and the accounts.
/// </summary>
public sealed partial class MariaDbScriptTests : IDisposable
{
    private const string Zeros = "00000000000000000000";
    private const string Hospital = "H45010300001";

    private readonly MariaDbServer.DatabasePair pair;

    /// <summary>The hospital's local time as the views compute it (UTC + 480 minutes), to the second.</summary>
    private readonly DateTime now;

    public MariaDbScriptTests()
    {
        MariaDbServer.SkipUnlessAvailable();
        pair = new MariaDbServer.DatabasePair();
        var local = DateTime.UtcNow.AddMinutes(480);
        now = DateTime.SpecifyKind(local.AddTicks(-(local.Ticks % TimeSpan.TicksPerSecond)), DateTimeKind.Unspecified);
    }

    public void Dispose() => pair.Dispose();

    private string His(string table) => $"{pair.His}.{table}";

    private string Img(string table) => $"{pair.Imgcloud}.{table}";

    private static string Stamp(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Day(DateTime value) => value.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static int Age(DateTime at, DateTime born) =>
        at.Year - born.Year - (at.Month * 100 + at.Day < born.Month * 100 + born.Day ? 1 : 0);

    [Fact]
    public void The_standard_views_write_the_contracts_rows_and_formats_on_MariaDB()
    {
        MariaDbServer.Migrate(pair, MariaDbServer.Plan(pair));
        Seed();

        using var connection = MariaDbServer.Open(pair.Imgcloud);
        // A session in another zone changes nothing: "now" is UTC plus the setting.
        connection.Execute("SET time_zone = '-05:00'");

        var registers = Rows(connection, "SELECT * FROM View_Register_Info").ToDictionary(r => r["outpatientNumber"]!);
        var p1Birth = new DateTime(1980, 6, 15);
        var v1 = now.AddDays(-1);
        var v2 = now.AddDays(-7).AddMinutes(10);
        var v4 = now.AddDays(29);
        var v1Number = Day(v1) + "00007";
        var v2Number = Day(v2) + "123456";
        var v4Number = Day(v4) + "00009";
        Assert.Equal(
            new[] { v1Number, v2Number, v4Number, "ZYP000000101", "ZYP000000301", "ZYP000000204" }.Order(StringComparer.Ordinal),
            registers.Keys.Order(StringComparer.Ordinal));

        var first = registers[v1Number];
        Assert.Equal("450103198006150031", first["idCardNo"]);
        Assert.Null(first["healthNo"]);     // '' in the HIS
        Assert.Null(first["medicareNo"]);   // blanks in the HIS
        Assert.Equal("P0000001", first["insuranceId"]);
        Assert.Equal("王小明", first["patientName"]);
        Assert.Equal("男", first["patientSex"]);
        Assert.Equal(Age(v1, p1Birth).ToString(CultureInfo.InvariantCulture), first["patientAge"]);
        Assert.Equal("1", first["patientType"]);
        Assert.Equal(Stamp(now.AddDays(-2)), first["registDateTime"]);
        Assert.Equal(Stamp(v1), first["outpatientDateTime"]);
        Assert.Equal("内科", first["outpatientDeptName"]);
        Assert.Equal("0101", first["outpatientDeptCode"]);
        Assert.Equal("张医生", first["outpatientDocName"]);
        Assert.Equal("E0001", first["outpatientDocHisUid"]);
        Assert.Equal("D450103000001", first["outpatientDocCode"]);
        Assert.Equal("450103197001010011", first["outpatientIdcardNo"]);
        Assert.Equal("0", first["quitType"]);
        Assert.Equal("1", first["outpatientType"]);
        Assert.Null(first["admissionRegistDateTime"]);
        Assert.Null(first["wardNo"]);
        Assert.Equal(Hospital, first["hospitalld"]);

        // At the window's old edge, a physical exam, withdrawn, a visit number longer than five digits kept whole, born that day.
        var second = registers[v2Number];
        Assert.Equal("3", second["patientType"]);
        Assert.Equal("1", second["quitType"]);
        Assert.Equal("0", second["outpatientType"]);
        Assert.Equal("女", second["patientSex"]);
        Assert.Equal("0", second["patientAge"]);
        Assert.Null(second["outpatientDocName"]);

        // Sex and birth unknown; a department the dictionary lacks.
        var fourth = registers[v4Number];
        Assert.Equal("未知", fourth["patientSex"]);
        Assert.Null(fourth["patientAge"]);
        Assert.Null(fourth["outpatientDeptName"]);
        Assert.Equal("9999", fourth["outpatientDeptCode"]);

        var inBed = registers["ZYP000000101"];
        Assert.Equal("2", inBed["patientType"]);
        Assert.Equal(Stamp(now.AddDays(-3)), inBed["registDateTime"]);
        Assert.Equal(Stamp(now.AddDays(-2)), inBed["outpatientDateTime"]);
        Assert.Equal(Stamp(now.AddDays(-3)), inBed["admissionRegistDateTime"]);
        Assert.Equal(Stamp(now.AddDays(-2)), inBed["admissionDateTime"]);
        Assert.Equal("0101", inBed["admissionDeptCode"]);
        Assert.Equal("内科", inBed["currentDeptName"]);
        Assert.Equal("1", inBed["outpatientType"]);
        Assert.Equal("0", inBed["quitType"]);
        Assert.Null(inBed["dischargedDateTime"]);
        Assert.Equal("W01", inBed["wardNo"]);
        Assert.Equal("12", inBed["bedNo"]);            // '12  ' in the HIS
        Assert.Equal("J18.900", inBed["diagnoseCode"]);
        Assert.Equal("肺炎", inBed["diagnoseName"]);

        var waiting = registers["ZYP000000301"];
        Assert.Equal("0", waiting["outpatientType"]);
        Assert.Equal(Stamp(now.AddHours(-1)), waiting["outpatientDateTime"]);
        Assert.Null(waiting["admissionDateTime"]);
        Assert.Equal("0301", waiting["currentDeptCode"]);

        var cancelled = registers["ZYP000000204"];
        Assert.Equal("1", cancelled["quitType"]);

        var items = Rows(connection, "SELECT * FROM View_ProjectItemCode_Info ORDER BY examCode").ToList();
        Assert.Equal(["CT001", "MR001"], items.Select(i => i["examCode"]));
        Assert.Equal("250.13", items[0]["examPrice"]);  // 2.50 x 100.05 = 250.125, half away from zero; the stopped and the future price left out
        Assert.Equal("CT", items[0]["modality"]);
        Assert.Equal("胸部CT平扫", items[0]["examName"]);
        Assert.Equal("0", items[0]["checkStatus"]);
        Assert.Equal("2", items[0]["sourceType"]);
        Assert.Null(items[1]["examPrice"]);
        Assert.Null(items[1]["modality"]);
        Assert.Equal("1", items[1]["checkStatus"]);
        Assert.All(items, i => Assert.Equal(Hospital, i["hospitalld"]));

        var settlements = Rows(connection, "SELECT * FROM view_setlInfoList").ToList();
        Assert.Equal(4, settlements.Count);
        var insured = Assert.Single(settlements, s => s["accessionNo"] == "E1");
        Assert.Equal(("A1", "S0001", "M001", "F0001", "B02010ZZZ"), (insured["studyOrderId"], insured["setlId"], insured["medListCodg"], insured["feedetlSn"], insured["examPart"]));
        var noSerial = Assert.Single(settlements, s => s["accessionNo"] == "E2");
        Assert.Equal(("S0001", Zeros, null), (noSerial["setlId"], noSerial["feedetlSn"], noSerial["examPart"]));
        Assert.Null(noSerial["studyOrderId"]);
        var selfPaid = Assert.Single(settlements, s => s["accessionNo"] == "E3");
        Assert.Equal((Zeros, Zeros, "B02010ZZZ"), (selfPaid["setlId"], selfPaid["feedetlSn"], selfPaid["examPart"])); // 'CT001 ' meets the crosswalk
        var inpatient = Assert.Single(settlements, s => s["accessionNo"] == "E4");
        Assert.Equal(("S0100", Zeros), (inpatient["setlId"], inpatient["feedetlSn"]));

        // Codes in binary order (B before a), whatever the HIS's utf8mb4_general_ci would say.
        var depts = Rows(connection, "SELECT * FROM View_Dept_Info ORDER BY deptCode").ToList();
        Assert.Equal(["0101", "0301", "B10", "a10"], depts.Select(d => d["deptCode"]));
        Assert.Null(depts[0]["remark"]);                // blanks
        Assert.Equal("影像科", depts[1]["remark"]);
        Assert.Null(depts[2]["remark"]);                // ''
    }

    [Fact]
    public void The_windows_move_with_the_offset_setting_not_with_the_server_or_session_clock()
    {
        MariaDbServer.Migrate(pair, MariaDbServer.Plan(pair));
        Seed();
        using var connection = MariaDbServer.Open(pair.Imgcloud);
        var edge = Day(now.AddDays(-7).AddMinutes(10)) + "123456";

        // The server tests/mariadb.sh starts: a UTC clock, and MySQL 5.7's defaults the scripts must survive.
        Assert.Equal("+00:00", connection.ExecuteScalar<string>("SELECT @@global.time_zone"));
        Assert.Equal("latin1", connection.ExecuteScalar<string>("SELECT @@global.character_set_server"));
        Assert.Contains("ONLY_FULL_GROUP_BY", connection.ExecuteScalar<string>("SELECT @@global.sql_mode"), StringComparison.Ordinal);
        Assert.Contains("STRICT_TRANS_TABLES", connection.ExecuteScalar<string>("SELECT @@global.sql_mode"), StringComparison.Ordinal);
        Assert.Contains(edge, Numbers(connection));

        // Twenty minutes further east: "now" is later, the visit ten minutes inside the old edge falls out.
        connection.Execute($"UPDATE {Img("settings")} SET utc_offset_minutes = 500 WHERE id = 1");
        Assert.DoesNotContain(edge, Numbers(connection));

        connection.Execute($"UPDATE {Img("settings")} SET utc_offset_minutes = 480 WHERE id = 1");
        connection.Execute("SET time_zone = '+13:00'");
        Assert.Contains(edge, Numbers(connection));

        static List<string> Numbers(DbConnection c) => c.Query<string>("SELECT outpatientNumber FROM View_Register_Info").ToList();
    }

    /// <summary>
    /// Issue 16: a read of view_setlInfoList costs what its window holds, not what the history
    /// holds. Behind the seeded rows lie 20,000 older settlements, half outpatient, half
    /// inpatient; the server's own row counters (Handler_read_*) for one read of the view must
    /// stay near the handful of rows in the window. A source view holding the UNION (the shape
    /// before) is materialised whole and reads every one of them.
    /// </summary>
    [Fact]
    public void A_read_of_the_settlement_view_reads_the_window_not_the_whole_history()
    {
        MariaDbServer.Migrate(pair, MariaDbServer.Plan(pair));
        Seed();
        const int History = 10_000;
        using (var c = MariaDbServer.Open(pair.His))
        {
            // MariaDB's sequence engine (seq_1_to_N, a table of the current database) writes the history in one statement per table.
            var eachHalf = $"FROM seq_1_to_{History}";
            c.Execute($"INSERT INTO {His("EXAM_MASTER")} (EXAM_NO, APPLY_NO, PATIENT_ID) SELECT CONCAT('H', seq), CONCAT('HA', seq), 'P0000001' FROM seq_1_to_{2 * History}");
            c.Execute($"INSERT INTO {His("EXAM_ITEMS")} (EXAM_NO, EXAM_ITEM_NO, EXAM_ITEM_CODE) SELECT CONCAT('H', seq), 1, 'CT001' FROM seq_1_to_{2 * History}");
            c.Execute($"INSERT INTO {His("OUTP_RCPT_MASTER")} (RCPT_NO, PATIENT_ID, VISIT_DATE_TIME, CHARGE_TYPE, INSUR_SETL_ID) SELECT CONCAT('HR', seq), 'P0000001', @Old - INTERVAL seq MINUTE, '职工医保', CONCAT('HS', seq) {eachHalf}", new { Old = now.AddDays(-30) });
            c.Execute($"INSERT INTO {His("OUTP_BILL_ITEMS")} (RCPT_NO, ITEM_NO, EXAM_NO, EXAM_ITEM_NO, MED_LIST_CODG, INSUR_FEEDETL_SN) SELECT CONCAT('HR', seq), 1, CONCAT('H', seq), 1, 'M001', CONCAT('HF', seq) {eachHalf}");
            c.Execute($"INSERT INTO {His("INP_SETTLE_MASTER")} (RCPT_NO, PATIENT_ID, VISIT_ID, SETTLING_DATE, CHARGE_TYPE, INSUR_SETL_ID) SELECT CONCAT('HI', seq), 'P0000002', seq, @Old - INTERVAL seq MINUTE, '居民医保', CONCAT('HIS', seq) {eachHalf}", new { Old = now.AddDays(-30) });
            c.Execute($"INSERT INTO {His("INP_BILL_DETAIL")} (PATIENT_ID, VISIT_ID, ITEM_NO, RCPT_NO, EXAM_NO, EXAM_ITEM_NO, MED_LIST_CODG, INSUR_FEEDETL_SN) SELECT 'P0000002', seq, 1, CONCAT('HI', seq), CONCAT('H', {History} + seq), 1, 'M001', CONCAT('HIF', seq) {eachHalf}");
            c.Execute($"ANALYZE TABLE {His("EXAM_MASTER")}, {His("EXAM_ITEMS")}, {His("OUTP_RCPT_MASTER")}, {His("OUTP_BILL_ITEMS")}, {His("INP_SETTLE_MASTER")}, {His("INP_BILL_DETAIL")}");
        }

        using var connection = MariaDbServer.Open(pair.Imgcloud);
        var before = HandlerReads(connection);
        var accessions = Rows(connection, "SELECT * FROM view_setlInfoList").Select(r => r["accessionNo"]).Order(StringComparer.Ordinal);
        var reads = HandlerReads(connection) - before;

        Assert.Equal(["E1", "E2", "E3", "E4"], accessions);
        var plan = string.Join("\n", connection.Query("EXPLAIN SELECT * FROM view_setlInfoList")
            .Select(step => (IDictionary<string, object?>)step)
            .Select(step => string.Join(" ", step.Select(column => $"{column.Key}={column.Value}"))));
        Assert.True(reads < 500, $"one read of view_setlInfoList made {reads} row reads for 4 rows in the window and {2 * History} settlements behind it; the plan:\n{plan}");

        static long HandlerReads(DbConnection c) =>
            c.Query<(string Name, string Value)>("SHOW SESSION STATUS LIKE 'Handler_read%'").Sum(s => long.Parse(s.Value, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Every_script_runs_twice_and_keeps_what_the_DBA_changed()
    {
        var plan = MariaDbServer.Plan(pair);
        var executed = MariaDbServer.Migrate(pair, plan);
        Assert.Equal(plan.Select(s => s.Name), executed);
        MariaDbServer.Execute($"UPDATE {Img("settings")} SET hospital_id = '{Hospital}', settlement_days = 3 WHERE id = 1");
        MariaDbServer.Execute($"UPDATE {Img("sex_map")} SET sex_text = '1' WHERE sex_code = '1'");

        // Through the journal: the one-time scripts are skipped.
        var again = MariaDbServer.Migrate(pair, plan);
        Assert.Equal(plan.Where(s => s.RunAlways).Select(s => s.Name), again);

        // And every one of them run again regardless, as a DBA re-running a file by hand would.
        MariaDbServer.Migrate(pair, plan.Select(s => s with { RunAlways = true }));

        using var connection = MariaDbServer.Open(pair.Imgcloud);
        Assert.Equal((Hospital, 3), connection.QuerySingle<(string, int)>($"SELECT hospital_id, CAST(settlement_days AS SIGNED) FROM {Img("settings")}"));
        Assert.Equal("1", connection.ExecuteScalar<string>($"SELECT sex_text FROM {Img("sex_map")} WHERE sex_code = '1'"));
        Assert.Equal(1, connection.ExecuteScalar<int>($"SELECT COUNT(*) FROM {Img("push_control")}"));
        Assert.Equal(
            plan.Where(s => !s.RunAlways).Select(s => s.Name).Order(StringComparer.Ordinal),
            connection.Query<string>($"SELECT scriptname FROM {Img("schema_versions")} ORDER BY scriptname").ToList());
    }

    [Fact]
    public void The_clouds_account_reads_the_four_views_and_nothing_else_and_both_start_locked()
    {
        MariaDbServer.Migrate(pair, MariaDbServer.Plan(pair));
        Seed();

        // Created locked, without a password: no login until the DBA unlocks it.
        var locked = Assert.Throws<MySqlException>(() => OpenAs(pair.Cloud, ""));
        Assert.Contains("locked", locked.Message, StringComparison.OrdinalIgnoreCase);

        const string password = "Cloud-test-1";
        MariaDbServer.Execute($"ALTER USER '{pair.Cloud}'@'%' IDENTIFIED BY '{password}' ACCOUNT UNLOCK");
        MariaDbServer.Execute($"ALTER USER '{pair.Provider}'@'%' IDENTIFIED BY '{password}' ACCOUNT UNLOCK");
        // Re-running the scripts keeps the DBA's password and unlock.
        MariaDbServer.Migrate(pair, MariaDbServer.Plan(pair));

        using (var cloud = OpenAs(pair.Cloud, password))
        {
            foreach (var view in new[] { "View_Register_Info", "View_ProjectItemCode_Info", "view_setlInfoList", "View_Dept_Info" })
            {
                Assert.True(cloud.ExecuteScalar<long>($"SELECT COUNT(*) FROM {view}") > 0, view);
            }
            foreach (var table in new[] { Img("settings"), Img("exam_part_map"), Img("push_delivery"), Img("src_patient"), Img("schema_versions"), His("PAT_MASTER_INDEX"), "mysql.user" })
            {
                var denied = Assert.Throws<MySqlException>(() => cloud.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table}"));
                Assert.True(denied.ErrorCode == MySqlErrorCode.TableAccessDenied, $"{table}: {denied.ErrorCode} {denied.Message}");
            }
            Assert.Equal(
                [
                    $"GRANT SELECT ON `{pair.Imgcloud}`.`View_Dept_Info` TO `{pair.Cloud}`@`%`",
                    $"GRANT SELECT ON `{pair.Imgcloud}`.`View_ProjectItemCode_Info` TO `{pair.Cloud}`@`%`",
                    $"GRANT SELECT ON `{pair.Imgcloud}`.`View_Register_Info` TO `{pair.Cloud}`@`%`",
                    $"GRANT SELECT ON `{pair.Imgcloud}`.`view_setlInfoList` TO `{pair.Cloud}`@`%`",
                    $"GRANT USAGE ON *.* TO `{pair.Cloud}`@`%` IDENTIFIED BY PASSWORD '*'",
                ],
                cloud.Query<string>("SHOW GRANTS").Select(g => PasswordHash().Replace(g, "'*'")).Order(StringComparer.Ordinal));
        }

        using var provider = OpenAs(pair.Provider, password);
        Assert.Equal(Hospital, provider.ExecuteScalar<string>($"SELECT hospital_id FROM {Img("settings")}"));
        Assert.Equal(1, provider.Execute($"UPDATE {Img("push_control")} SET generation = generation + 1 WHERE name = 'push'"));
        var hisDenied = Assert.Throws<MySqlException>(() => provider.ExecuteScalar<long>($"SELECT COUNT(*) FROM {His("PAT_MASTER_INDEX")}"));
        Assert.Equal(MySqlErrorCode.TableAccessDenied, hisDenied.ErrorCode);
        var writeDenied = Assert.Throws<MySqlException>(() => provider.Execute($"UPDATE {Img("settings")} SET settlement_days = 1"));
        Assert.Equal(MySqlErrorCode.TableAccessDenied, writeDenied.ErrorCode);
    }

    private MySqlConnection OpenAs(string user, string password)
    {
        var connection = new MySqlConnection(MariaDbServer.ConnectionString(pair.Imgcloud, user, password));
        connection.Open();
        return connection;
    }

    /// <summary>Every row of a query, each value checked to be a string or NULL and, when a date-time, in the contract's format.</summary>
    private static List<Dictionary<string, string?>> Rows(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, string?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                Assert.Equal(typeof(string), reader.GetFieldType(i));
                var value = reader.IsDBNull(i) ? null : Assert.IsType<string>(reader.GetValue(i));
                if (value is not null && reader.GetName(i).EndsWith("DateTime", StringComparison.Ordinal))
                {
                    Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", value);
                }
                Assert.NotEqual("", value?.Trim());
                row[reader.GetName(i)] = value;
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>A small HIS of known rows: every case the assertions above name, on both sides of every window.</summary>
    private void Seed()
    {
        using var c = MariaDbServer.Open();
        c.Execute($"UPDATE {Img("settings")} SET hospital_id = @Hospital WHERE id = 1", new { Hospital });
        c.Execute($"INSERT INTO {Img("exam_part_map")} (exam_code, exam_part, note) VALUES ('CT001', 'B02010ZZZ', '胸部CT')");

        c.Execute($"INSERT INTO {His("DEPT_DICT")} (DEPT_CODE, DEPT_NAME, DEPT_ALIAS, CLINIC_ATTR, STOP_INDICATOR) VALUES (@Code, @Name, @Alias, @Attr, @Stop)",
        new[]
        {
            new { Code = "0101", Name = "内科", Alias = (string?)"  ", Attr = "0", Stop = 0 },
            new { Code = "0301", Name = "放射科", Alias = (string?)"影像科", Attr = "1", Stop = 0 },
            new { Code = "B10", Name = "门诊B", Alias = (string?)"", Attr = "0", Stop = 0 },
            new { Code = "a10", Name = "门诊a", Alias = (string?)null, Attr = "0", Stop = 0 },
            new { Code = "9001", Name = "院办", Alias = (string?)null, Attr = "9", Stop = 0 },
            new { Code = "0102", Name = "老内科", Alias = (string?)null, Attr = "0", Stop = 1 },
        });
        c.Execute($"INSERT INTO {His("STAFF_DICT")} (EMP_NO, DEPT_CODE, NAME, JOB, ID_NO, INSUR_DOCTOR_CODE) VALUES ('E0001', '0101', '张医生', '医生', '450103197001010011', 'D450103000001')");

        var v2 = now.AddDays(-7).AddMinutes(10);
        c.Execute($"INSERT INTO {His("PAT_MASTER_INDEX")} (PATIENT_ID, INP_NO, NAME, SEX, DATE_OF_BIRTH, ID_NO, MOBILE_PHONE, HEALTH_CARD_NO, MEDICARE_NO) VALUES (@Id, @Inp, @Name, @Sex, @Birth, @IdNo, @Phone, @Health, @Medicare)",
        new[]
        {
            new { Id = "P0000001", Inp = (string?)null, Name = "王小明", Sex = (string?)"男", Birth = (DateTime?)new DateTime(1980, 6, 15), IdNo = (string?)"450103198006150031", Phone = (string?)"17000000001", Health = (string?)"", Medicare = (string?)"   " },
            new { Id = "P0000002", Inp = (string?)"Z0002", Name = "李红", Sex = (string?)"女", Birth = (DateTime?)v2.Date, IdNo = (string?)null, Phone = (string?)null, Health = (string?)"E123", Medicare = (string?)"M456" },
            new { Id = "P0000003", Inp = (string?)null, Name = "赵六", Sex = (string?)null, Birth = (DateTime?)null, IdNo = (string?)null, Phone = (string?)null, Health = (string?)null, Medicare = (string?)null },
        });

        c.Execute($"INSERT INTO {His("CLINIC_MASTER")} (VISIT_DATE, VISIT_NO, PATIENT_ID, CLINIC_TYPE, VISIT_DEPT, DOCTOR_NO, REGISTRATION_STATUS, REGISTERING_DATE, RETURNED_DATE) VALUES (@At, @No, @Patient, @Type, @Dept, @Doctor, @Status, @Registered, @Returned)",
        new[]
        {
            new { At = now.AddDays(-1), No = 7, Patient = "P0000001", Type = "普通", Dept = "0101", Doctor = (string?)"E0001", Status = "1", Registered = now.AddDays(-2), Returned = (DateTime?)null },
            new { At = v2, No = 123456, Patient = "P0000002", Type = "体检", Dept = "0301", Doctor = (string?)null, Status = "0", Registered = now.AddDays(-8), Returned = (DateTime?)now.AddDays(-7) },
            new { At = now.AddDays(-7).AddMinutes(-10), No = 8, Patient = "P0000001", Type = "普通", Dept = "0101", Doctor = (string?)"E0001", Status = "1", Registered = now.AddDays(-8), Returned = (DateTime?)null },
            new { At = now.AddDays(29), No = 9, Patient = "P0000003", Type = "专家", Dept = "9999", Doctor = (string?)null, Status = "0", Registered = now, Returned = (DateTime?)null },
            new { At = now.AddDays(31), No = 10, Patient = "P0000003", Type = "专家", Dept = "0101", Doctor = (string?)null, Status = "0", Registered = now, Returned = (DateTime?)null },
        });

        c.Execute($"INSERT INTO {His("PAT_VISIT")} (PATIENT_ID, VISIT_ID, REGISTER_DATE_TIME, DEPT_ADMISSION_TO, ADMISSION_DATE_TIME, DEPT_DISCHARGE_FROM, DISCHARGE_DATE_TIME, ADMITTING_DOCTOR_NO, DIAGNOSIS_CODE, DIAGNOSIS_NAME, CANCEL_DATE_TIME) VALUES (@Patient, @Visit, @Registered, @Dept, @Admitted, @From, @Discharged, @Doctor, @Code, @Name, @Cancelled)",
        new[]
        {
            new { Patient = "P0000001", Visit = 1, Registered = now.AddDays(-3), Dept = "0101", Admitted = (DateTime?)now.AddDays(-2), From = (string?)null, Discharged = (DateTime?)null, Doctor = (string?)"E0001", Code = (string?)"J18.900", Name = (string?)"肺炎", Cancelled = (DateTime?)null },
            new { Patient = "P0000002", Visit = 3, Registered = now.AddDays(-20), Dept = "0101", Admitted = (DateTime?)now.AddDays(-19), From = (string?)"0101", Discharged = (DateTime?)now.AddDays(-8), Doctor = (string?)null, Code = (string?)null, Name = (string?)null, Cancelled = (DateTime?)null },
            new { Patient = "P0000003", Visit = 1, Registered = now.AddHours(-1), Dept = "0301", Admitted = (DateTime?)null, From = (string?)null, Discharged = (DateTime?)null, Doctor = (string?)null, Code = (string?)null, Name = (string?)null, Cancelled = (DateTime?)null },
            new { Patient = "P0000002", Visit = 4, Registered = now.AddDays(-10), Dept = "0101", Admitted = (DateTime?)null, From = (string?)null, Discharged = (DateTime?)null, Doctor = (string?)null, Code = (string?)null, Name = (string?)null, Cancelled = (DateTime?)now.AddDays(-6) },
        });
        c.Execute($"INSERT INTO {His("PATS_IN_HOSPITAL")} (PATIENT_ID, VISIT_ID, WARD_CODE, DEPT_CODE, BED_NO) VALUES ('P0000001', 1, 'W01', '0101', '12  ')");

        c.Execute($"INSERT INTO {His("EXAM_CLASS_DICT")} (EXAM_CLASS_CODE, EXAM_CLASS_NAME, MODALITY) VALUES ('CT', 'CT检查', 'CT')");
        c.Execute($"INSERT INTO {His("CLINIC_ITEM_DICT")} (ITEM_CLASS, ITEM_CODE, ITEM_NAME, EXAM_CLASS_CODE, BODY_PART, STOP_INDICATOR) VALUES ('D', 'CT001', '胸部CT平扫', 'CT', '胸部', 0), ('D', 'MR001', '头颅MR平扫', NULL, '头颅', 1), ('C', 'X001', '化验', NULL, NULL, 0)");
        c.Execute($"INSERT INTO {His("CLINIC_VS_CHARGE")} (CLINIC_ITEM_CLASS, CLINIC_ITEM_CODE, CHARGE_ITEM_NO, CHARGE_ITEM_CLASS, CHARGE_ITEM_CODE, CHARGE_ITEM_SPEC, AMOUNT) VALUES ('D', 'CT001', 1, 'C', 'C001', '标准', 2.50), ('D', 'CT001', 2, 'C', 'C002', '标准', 1.00)");
        c.Execute($"INSERT INTO {His("PRICE_LIST")} (ITEM_CLASS, ITEM_CODE, ITEM_SPEC, PRICE, START_DATE, STOP_DATE) VALUES ('C', 'C001', '标准', @Price, @Start, @Stop)",
        new[]
        {
            new { Price = 100.05m, Start = now.AddDays(-10), Stop = (DateTime?)null },
            new { Price = 90.00m, Start = now.AddDays(-100), Stop = (DateTime?)now.AddDays(-10) },
        });
        c.Execute($"INSERT INTO {His("PRICE_LIST")} (ITEM_CLASS, ITEM_CODE, ITEM_SPEC, PRICE, START_DATE) VALUES ('C', 'C002', '标准', 7.00, @Start)", new { Start = now.AddDays(1) });

        c.Execute($"INSERT INTO {His("EXAM_MASTER")} (EXAM_NO, APPLY_NO, PATIENT_ID) VALUES ('E1', 'A1', 'P0000001'), ('E2', '', 'P0000001'), ('E3', 'A3', 'P0000002'), ('E4', 'A4', 'P0000003')");
        c.Execute($"INSERT INTO {His("EXAM_ITEMS")} (EXAM_NO, EXAM_ITEM_NO, EXAM_ITEM_CODE) VALUES ('E1', 1, 'CT001'), ('E2', 1, 'MR001'), ('E3', 1, 'CT001 '), ('E4', 1, 'CT001')");
        c.Execute($"INSERT INTO {His("OUTP_RCPT_MASTER")} (RCPT_NO, PATIENT_ID, VISIT_DATE_TIME, CHARGE_TYPE, INSUR_SETL_ID) VALUES (@No, @Patient, @At, @Type, @Setl)",
        new[]
        {
            new { No = "R1", Patient = "P0000001", At = now.AddDays(-1), Type = "职工医保", Setl = (string?)"S0001" },
            new { No = "R2", Patient = "P0000002", At = now.AddDays(-2), Type = "自费", Setl = (string?)null },
            new { No = "R3", Patient = "P0000001", At = now.AddDays(-8), Type = "职工医保", Setl = (string?)"S0003" },
        });
        c.Execute($"INSERT INTO {His("OUTP_BILL_ITEMS")} (RCPT_NO, ITEM_NO, EXAM_NO, EXAM_ITEM_NO, MED_LIST_CODG, INSUR_FEEDETL_SN) VALUES ('R1', 1, 'E1', 1, 'M001', 'F0001'), ('R1', 2, 'E2', 1, 'M002', ''), ('R2', 1, 'E3', 1, 'M001', 'F0009'), ('R3', 1, 'E1', 1, 'M001', 'F0003')");
        c.Execute($"INSERT INTO {His("INP_SETTLE_MASTER")} (RCPT_NO, PATIENT_ID, VISIT_ID, SETTLING_DATE, CHARGE_TYPE, INSUR_SETL_ID) VALUES ('IR1', 'P0000003', 1, @At, '居民医保', 'S0100')", new { At = now.AddHours(-3) });
        c.Execute($"INSERT INTO {His("INP_BILL_DETAIL")} (PATIENT_ID, VISIT_ID, ITEM_NO, RCPT_NO, EXAM_NO, EXAM_ITEM_NO, MED_LIST_CODG, INSUR_FEEDETL_SN) VALUES ('P0000003', 1, 1, 'IR1', 'E4', 1, 'M001', NULL)");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"'\*[0-9A-F]{40}'")]
    private static partial System.Text.RegularExpressions.Regex PasswordHash();
}
