using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using ProviderApi.Common;
using ProviderApi.Tests.Hospitals;

namespace ProviderApi.Tests.Contract;

/// <summary>
/// The contract suite, one class for every engine (a small subclass each): the endpoints over
/// HTTP and the four standard views, read as the cloud reads them, on the demo hospital's seed.
/// </summary>
public abstract partial class ContractTests
{
    private readonly IHospital hospital;

    protected ContractTests(IHospital hospital)
    {
        this.hospital = hospital;
        hospital.SkipUnlessAvailable();
    }

    private static readonly string[] ExamKeys =
        ["hospitalld", "modality", "examCode", "examName", "examBodyPart", "examPrice", "checkStatus", "sourceType"];

    private static readonly string[] DeptKeys = ["deptCode", "deptName", "hospitalld"];

    private async Task<(HttpResponseMessage Response, string Body, JsonElement Json)> GetAsync(string path)
    {
        var response = await hospital.Client.GetAsync(path, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response, body, JsonDocument.Parse(body).RootElement);
    }

    [Theory]
    [InlineData("/standardHttp/getExamDict")]
    [InlineData("/standardHttp/getDeptInfo")]
    public async Task The_envelope_is_code_message_datas_in_that_order_with_success_200(string path)
    {
        var (response, _, json) = await GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["code", "message", "datas"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Number, json.GetProperty("code").ValueKind);
        Assert.Equal(200, json.GetProperty("code").GetInt32());
        Assert.Equal("成功", json.GetProperty("message").GetString());
        Assert.True(json.GetProperty("datas").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Exam_items_have_exactly_the_contracts_keys_in_order_and_every_value_is_a_string()
    {
        var (_, _, json) = await GetAsync("/standardHttp/getExamDict");

        foreach (var item in json.GetProperty("datas").EnumerateArray())
        {
            Assert.Equal(ExamKeys, item.EnumerateObject().Select(p => p.Name));
            Assert.All(item.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
        }
    }

    [Fact]
    public async Task Exam_item_values_follow_the_contracts_formats_and_codes()
    {
        var (_, _, json) = await GetAsync("/standardHttp/getExamDict");
        var items = json.GetProperty("datas").EnumerateArray().ToList();

        Assert.All(items, i => Assert.Matches(PriceFormat(), i.GetProperty("examPrice").GetString()));
        Assert.All(items, i => Assert.Contains(i.GetProperty("checkStatus").GetString(), new[] { "0", "1" }));
        Assert.All(items, i => Assert.Contains(i.GetProperty("sourceType").GetString(), new[] { "1", "2" }));
        Assert.All(items, i => Assert.Matches(HospitalCode(), i.GetProperty("hospitalld").GetString()));
        // Both valid and retired items are in the dictionary.
        Assert.Contains(items, i => i.GetProperty("checkStatus").GetString() == "1");
        Assert.Contains(items, i => i.GetProperty("checkStatus").GetString() == "0");
        // The current price, not the one stopped two years ago, and two decimals kept.
        var enhanced = items.Single(i => i.GetProperty("examCode").GetString() == "CT0005");
        Assert.Equal("480.50", enhanced.GetProperty("examPrice").GetString());
    }

    [Fact]
    public async Task Departments_have_exactly_the_contracts_keys_in_order_without_remark()
    {
        var (_, _, json) = await GetAsync("/standardHttp/getDeptInfo");

        foreach (var item in json.GetProperty("datas").EnumerateArray())
        {
            Assert.Equal(DeptKeys, item.EnumerateObject().Select(p => p.Name));
            Assert.All(item.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
        }
    }

    [Fact]
    public async Task Departments_are_clinical_and_medical_technical_ones_only()
    {
        var (_, _, json) = await GetAsync("/standardHttp/getDeptInfo");
        var codes = json.GetProperty("datas").EnumerateArray().Select(d => d.GetProperty("deptCode").GetString()).ToList();

        Assert.Contains("0101", codes);   // 心血管内科, clinical
        Assert.Contains("2001", codes);   // 放射科, 医技
        Assert.DoesNotContain("9004", codes); // 信息科, administrative
        Assert.DoesNotContain("3101", codes); // a nursing unit
        Assert.DoesNotContain("0199", codes); // a stopped department
    }

    [Theory]
    [InlineData("/standardHttp/getExamDict", "examCode")]
    [InlineData("/standardHttp/getDeptInfo", "deptCode")]
    public async Task Datas_are_ordered_by_code_with_ordinal_comparison(string path, string key)
    {
        var (_, _, json) = await GetAsync(path);
        var codes = json.GetProperty("datas").EnumerateArray().Select(d => d.GetProperty(key).GetString()!).ToList();

        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        // Unique per institution: the demo's community centre shares some of the hospital's codes (InstitutionTests).
        var keys = json.GetProperty("datas").EnumerateArray().Select(d => (d.GetProperty(key).GetString(), d.GetProperty("hospitalld").GetString())).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public async Task Chinese_text_is_written_as_utf8_not_escaped()
    {
        var (_, body, _) = await GetAsync("/standardHttp/getExamDict");

        Assert.Contains("\"examName\":\"头颅CT平扫\"", body, StringComparison.Ordinal);
        Assert.Contains("\"message\":\"成功\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/standardHttp/getExamDict", "View_ProjectItemCode_Info", "examCode")]
    [InlineData("/standardHttp/getDeptInfo", "View_Dept_Info", "deptCode")]
    public async Task The_dictionary_over_http_equals_the_views_rows(string path, string view, string code)
    {
        var keys = view == "View_Dept_Info" ? DeptKeys : ExamKeys;
        var (_, _, json) = await GetAsync(path);
        using var connection = hospital.Open();
        var viewRows = ViewRows.Query(connection, $"SELECT * FROM {view} ORDER BY {code}, hospitalld"); // codes repeat across the demo's two institutions

        var served = json.GetProperty("datas").EnumerateArray()
            .Select(item => keys.ToDictionary(k => k, k => item.GetProperty(k).GetString()));
        var expected = viewRows.Select(row => keys.ToDictionary(k => k, k => (string?)row[k]));
        Assert.Equal(expected, served);
    }

    private static readonly string[] RegisterColumns = ContractColumns.Register;

    private static readonly string[] RegisterOptional =
        ["healthNo", "insuranceId", "hospitalizationId", "medicareNo", "admissionDateTime", "dischargedDateTime", "diagnoseCode", "diagnoseName", "wardNo", "bedNo"];

    private static readonly string[] InpatientRequired =
        ["admissionRegistDateTime", "admissionDeptCode", "admissionDeptName", "currentDeptCode", "currentDeptName"];

    private static readonly string[] DateTimeColumns =
        ["registDateTime", "outpatientDateTime", "admissionRegistDateTime", "admissionDateTime", "dischargedDateTime"];

    private const string TwentyZeros = "00000000000000000000";

    [Theory]
    [InlineData("View_Register_Info", 33)]
    [InlineData("View_ProjectItemCode_Info", 8)]
    [InlineData("view_setlInfoList", 7)]
    [InlineData("View_Dept_Info", 4)]
    public void Each_view_has_exactly_the_contracts_columns_in_order(string view, int count)
    {
        using var connection = hospital.Open();
        var expected = ContractColumns.ByView[view];

        Assert.Equal(count, expected.Length);
        Assert.Equal(expected, ViewRows.Columns(connection, view), StringComparer.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("View_Register_Info")]
    [InlineData("View_ProjectItemCode_Info")]
    [InlineData("view_setlInfoList")]
    [InlineData("View_Dept_Info")]
    public void Every_value_of_every_view_is_text_or_null_and_every_row_has_the_hospital_code(string view)
    {
        using var connection = hospital.Open();
        var rows = ViewRows.Query(connection, $"SELECT * FROM {view}");

        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.All(row.Values, value => Assert.True(value is null or string, $"{view}: {value?.GetType().Name}")));
        // The hospital's code (the settings' default), or the demo's community centre's own (ORG_DICT).
        Assert.All(rows, row => Assert.Contains((string?)row["hospitalld"], new[] { "H45010000001", "H45010300002" }));
        Assert.Contains(rows, row => (string?)row["hospitalld"] == "H45010000001");
    }

    [Fact]
    public void Registration_rows_hold_required_values_formats_and_codes()
    {
        var rows = Registrations();

        Assert.All(rows, row =>
        {
            foreach (var column in RegisterColumns.Except(RegisterOptional).Except(InpatientRequired))
            {
                Assert.False(string.IsNullOrEmpty((string?)row[column]), $"{column} is empty in {row["outpatientNumber"]}");
            }
            foreach (var column in DateTimeColumns.Where(c => row[c] is not null))
            {
                Assert.Matches(DateTimeFormat(), (string)row[column]!);
            }
            Assert.Contains((string)row["patientSex"]!, new[] { "男", "女", "未知" });
            Assert.Contains((string)row["patientType"]!, new[] { "1", "2", "3", "9" });
            Assert.Contains((string)row["quitType"]!, new[] { "0", "1" });
            Assert.Contains((string)row["outpatientType"]!, new[] { "0", "1" });
            Assert.Matches(@"^\d{1,3}$", (string)row["patientAge"]!);
            Assert.True(ResidentIdNumber.IsValid((string)row["idCardNo"]!));
            Assert.True(ResidentIdNumber.IsValid((string)row["outpatientIdcardNo"]!));
        });
    }

    [Fact]
    public void Outpatient_numbers_are_unique_and_inpatient_ones_carry_the_ZY_prefix()
    {
        var rows = Registrations();
        var numbers = rows.Select(r => (string)r["outpatientNumber"]!).ToList();

        Assert.Equal(numbers.Count, numbers.Distinct(StringComparer.Ordinal).Count());
        Assert.All(rows.Where(r => (string?)r["patientType"] == "2"), r => Assert.StartsWith("ZY", (string)r["outpatientNumber"]!, StringComparison.Ordinal));
        Assert.All(rows.Where(r => (string?)r["patientType"] != "2"), r => Assert.DoesNotMatch("^ZY", (string)r["outpatientNumber"]!));
    }

    [Fact]
    public void Inpatient_rows_carry_admission_and_current_department_outpatient_rows_do_not()
    {
        var rows = Registrations();

        Assert.All(rows.Where(r => (string?)r["patientType"] == "2"), row =>
        {
            foreach (var column in InpatientRequired)
            {
                Assert.False(string.IsNullOrEmpty((string?)row[column]), $"{column} is empty for inpatient {row["outpatientNumber"]}");
            }
            Assert.Equal(row["admissionRegistDateTime"], row["registDateTime"]);
            Assert.Equal(row["admissionDeptCode"], row["outpatientDeptCode"]);
        });
        Assert.All(rows.Where(r => (string?)r["patientType"] != "2"), row =>
            Assert.All(InpatientRequired.Concat(["admissionDateTime", "dischargedDateTime", "wardNo", "bedNo"]), c => Assert.Null(row[c])));
    }

    [Fact]
    public void The_outpatient_window_keeps_a_visit_just_inside_and_drops_one_just_outside()
    {
        Assert.NotNull(Scenario("outpatient_just_inside"));
        Assert.Null(Scenario("outpatient_just_outside"));
        Assert.Null(Scenario("outpatient_beyond_window"));
    }

    [Fact]
    public void A_future_appointment_is_in_the_window_with_its_booking_and_visit_times()
    {
        var row = Scenario("outpatient_future_appointment")!;

        Assert.Equal("0", row["outpatientType"]);
        Assert.EndsWith("09:30:00", (string)row["outpatientDateTime"]!, StringComparison.Ordinal);
        Assert.True(string.CompareOrdinal((string)row["registDateTime"]!, (string)row["outpatientDateTime"]!) < 0);
        Assert.True(DateTime.Parse((string)row["outpatientDateTime"]!, System.Globalization.CultureInfo.InvariantCulture) > DateTime.Now.AddDays(2));
    }

    [Fact]
    public void Withdrawn_and_seen_registrations_carry_their_codes()
    {
        var withdrawn = Scenario("outpatient_withdrawn")!;
        var seen = Scenario("outpatient_seen")!;

        Assert.Equal(("1", "0"), ((string?)withdrawn["quitType"], (string?)withdrawn["outpatientType"]));
        Assert.Equal(("0", "1"), ((string?)seen["quitType"], (string?)seen["outpatientType"]));
        Assert.Equal("3", Scenario("physical_exam")!["patientType"]);
        Assert.Equal("1", seen["patientType"]);
    }

    [Fact]
    public void The_patients_age_is_taken_at_the_visit_not_today()
    {
        // The patient turned 40 yesterday; the visit was three days ago.
        Assert.Equal("39", Scenario("age_at_visit")!["patientAge"]);
    }

    [Fact]
    public void The_doctors_id_number_is_in_outpatientIdcardNo_and_matches_the_staff_dictionary()
    {
        using var connection = hospital.Open();
        var row = Scenario("outpatient_seen")!;
        var doctorId = ViewRows.Query(connection, $"SELECT ID_NO FROM {His("STAFF_DICT")} WHERE EMP_NO = '{row["outpatientDocHisUid"]}'").Single()["ID_NO"];

        Assert.Equal(doctorId, row["outpatientIdcardNo"]);
        Assert.NotEqual(row["idCardNo"], row["outpatientIdcardNo"]);
        Assert.Matches(@"^D\d{12}$", (string)row["outpatientDocCode"]!);
    }

    [Fact]
    public void An_inpatient_waiting_for_a_bed_is_registered_but_not_yet_in_one()
    {
        var row = Scenario("inpatient_waiting")!;

        Assert.Equal("2", row["patientType"]);
        Assert.Equal("0", row["outpatientType"]);
        Assert.Null(row["admissionDateTime"]);
        Assert.Equal(row["registDateTime"], row["outpatientDateTime"]);
        Assert.Null(row["bedNo"]);
    }

    [Fact]
    public void An_admitted_inpatient_is_in_a_bed_of_a_ward()
    {
        var row = Scenario("inpatient_admitted")!;

        Assert.Equal("1", row["outpatientType"]);
        Assert.Equal("0", row["quitType"]);
        Assert.Equal(row["admissionDateTime"], row["outpatientDateTime"]);
        Assert.NotNull(row["wardNo"]);
        Assert.NotNull(row["bedNo"]);
        Assert.Null(row["dischargedDateTime"]);
    }

    [Fact]
    public void Inpatients_stay_in_the_window_for_seven_days_after_discharge()
    {
        var discharged6 = Scenario("inpatient_discharged_6_days");

        Assert.NotNull(discharged6);
        Assert.NotNull(discharged6["dischargedDateTime"]);
        Assert.Equal("1", discharged6["outpatientType"]);
        Assert.Null(Scenario("inpatient_discharged_8_days"));
    }

    [Fact]
    public void A_cancelled_admission_is_marked_withdrawn()
    {
        var row = Scenario("inpatient_cancelled")!;

        Assert.Equal("1", row["quitType"]);
        Assert.Equal("0", row["outpatientType"]);
    }

    [Fact]
    public void Settlements_carry_insurance_ids_or_the_twenty_zero_placeholder()
    {
        var insured = Settlements("S-ACC-INSURED");
        var selfPaid = Settlements("S-ACC-SELFPAID");

        Assert.NotEmpty(insured);
        Assert.All(insured, r =>
        {
            Assert.NotEqual(TwentyZeros, r["setlId"]);
            Assert.False(string.IsNullOrEmpty((string?)r["setlId"]));
            Assert.False(string.IsNullOrEmpty((string?)r["feedetlSn"]));
        });
        Assert.NotEmpty(selfPaid);
        Assert.All(selfPaid, r => Assert.Equal((TwentyZeros, TwentyZeros), ((string?)r["setlId"], (string?)r["feedetlSn"])));
        Assert.Empty(Settlements("S-ACC-OLD"));
    }

    [Fact]
    public void Every_seeded_settlement_row_is_complete_and_mapped()
    {
        using var connection = hospital.Open();
        var rows = ViewRows.Query(connection, "SELECT * FROM view_setlInfoList");

        Assert.All(rows, r =>
        {
            Assert.False(string.IsNullOrEmpty((string?)r["accessionNo"]) && string.IsNullOrEmpty((string?)r["studyOrderId"]));
            Assert.Matches("^[A-Z0-9]{9}$", (string)r["examPart"]!);
            Assert.False(string.IsNullOrEmpty((string?)r["medListCodg"]));
        });
    }

    [Fact]
    public void A_settlement_of_an_unmapped_item_has_a_null_examPart()
    {
        using var connection = hospital.Open(writable: true);
        using var transaction = connection.BeginTransaction();
        // MR0007 is a rarely used item the crosswalk leaves unmapped on purpose.
        var at = new { Requested = LocalNow.AddHours(-1), Settled = LocalNow.AddMinutes(-30) };
        string[] statements =
        [
            $"""
            INSERT INTO {His("EXAM_MASTER")} (EXAM_NO, APPLY_NO, PATIENT_ID, PATIENT_SOURCE, EXAM_CLASS_CODE, REQ_DATE_TIME)
            VALUES ('T-UNMAPPED', 'SQ-T-UNMAPPED', 'S0000014', '1', '02', @Requested)
            """,
            $"INSERT INTO {His("EXAM_ITEMS")} (EXAM_NO, EXAM_ITEM_NO, EXAM_ITEM, EXAM_ITEM_CODE, COSTS) VALUES ('T-UNMAPPED', 1, '前列腺MR波谱成像', 'MR0007', 1100)",
            $"""
            INSERT INTO {His("OUTP_RCPT_MASTER")} (RCPT_NO, PATIENT_ID, VISIT_DATE_TIME, CHARGE_TYPE, TOTAL_CHARGES, INSUR_SETL_ID)
            VALUES ('T-RCPT', 'S0000014', @Settled, '职工医保', 1100, 'T-SETL-1')
            """,
            $"""
            INSERT INTO {His("OUTP_BILL_ITEMS")} (RCPT_NO, ITEM_NO, ITEM_CLASS, ITEM_CODE, ITEM_NAME, AMOUNT, CHARGES, EXAM_NO, EXAM_ITEM_NO, MED_LIST_CODG, INSUR_FEEDETL_SN)
            VALUES ('T-RCPT', 1, 'D', 'MR0007', '前列腺MR波谱成像', 1, 1100, 'T-UNMAPPED', 1, '002104000050000', 'T-FEE-1')
            """,
        ];
        foreach (var statement in statements)
        {
            var sql = hospital.Dialect.Parameters(statement);
            connection.Execute(sql, sql.Contains("REQ_DATE_TIME", StringComparison.Ordinal) ? new { at.Requested } : sql.Contains("VISIT_DATE_TIME", StringComparison.Ordinal) ? new { at.Settled } : null, transaction);
        }

        using var reader = connection.ExecuteReader("SELECT examPart, setlId FROM view_setlInfoList WHERE accessionNo = 'T-UNMAPPED'", transaction: transaction);
        Assert.True(reader.Read());
        Assert.True(reader.IsDBNull(0));
        Assert.Equal("T-SETL-1", reader.GetString(1));
        Assert.False(reader.Read());
    }

    /// <summary>A demo HIS table as this engine names it (his.X on server engines).</summary>
    private string His(string table) => hospital.Dialect.His(table);

    private static DateTime LocalNow => DateTime.SpecifyKind(DateTime.Now.AddTicks(-(DateTime.Now.Ticks % TimeSpan.TicksPerSecond)), DateTimeKind.Unspecified);

    [Fact]
    public void Every_seeded_id_number_passes_the_gb11643_checksum_and_is_obviously_fictitious()
    {
        using var connection = hospital.Open();
        var ids = ViewRows.Query(connection, $"SELECT ID_NO FROM {His("PAT_MASTER_INDEX")} UNION ALL SELECT ID_NO FROM {His("STAFF_DICT")}")
            .Select(r => (string)r["ID_NO"]!).ToList();

        Assert.True(ids.Count > 1000);
        Assert.All(ids, id => Assert.True(ResidentIdNumber.IsValid(id), id));
        Assert.All(ids, id => Assert.StartsWith("450000", id, StringComparison.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_seed_has_history_outside_the_windows_as_well_as_rows_inside()
    {
        using var connection = hospital.Open();
        var visits = Convert.ToInt64(ViewRows.Query(connection, $"SELECT count(*) AS n FROM {His("CLINIC_MASTER")}").Single()["n"], System.Globalization.CultureInfo.InvariantCulture);
        var inWindow = Convert.ToInt64(ViewRows.Query(connection, "SELECT count(*) AS n FROM View_Register_Info WHERE patientType <> '2'").Single()["n"], System.Globalization.CultureInfo.InvariantCulture);

        Assert.InRange(inWindow, 100, visits / 2);
    }

    private List<Dictionary<string, object?>> Registrations()
    {
        using var connection = hospital.Open();
        return ViewRows.Query(connection, "SELECT * FROM View_Register_Info");
    }

    /// <summary>The view's row for a named scenario of the seed (its patient's card number is insuranceId), or null when the window drops it.</summary>
    private Dictionary<string, object?>? Scenario(string name)
    {
        using var connection = hospital.Open();
        var rows = ViewRows.Query(connection, $"""
            SELECT r.* FROM View_Register_Info r
            JOIN {His("demo_scenario")} s ON s.patient_id = r.insuranceId
            WHERE s.name = '{name}'
            """);
        Assert.True(rows.Count <= 1, $"scenario {name} has {rows.Count} rows");
        Assert.Single(ViewRows.Query(connection, $"SELECT 1 FROM {His("demo_scenario")} WHERE name = '{name}'"));
        return rows.SingleOrDefault();
    }

    private List<Dictionary<string, object?>> Settlements(string accessionNo)
    {
        using var connection = hospital.Open();
        return ViewRows.Query(connection, $"SELECT * FROM view_setlInfoList WHERE accessionNo = '{accessionNo}'");
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")]
    private static partial Regex DateTimeFormat();

    [GeneratedRegex(@"^\d+\.\d{2}$")]
    private static partial Regex PriceFormat();

    [GeneratedRegex(@"^H\d{11}$")]
    private static partial Regex HospitalCode();
}
