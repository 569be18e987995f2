using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using ProviderApi.Contract;

namespace ProviderApi.Tests;

/// <summary>The four standard views of the demo hospital, read as the cloud reads them.</summary>
public sealed partial class DemoViewTests(DemoHospital demo) : IClassFixture<DemoHospital>
{
    private static readonly string[] RegisterColumns =
    [
        "idCardNo", "healthNo", "insuranceId", "hospitalizationId", "medicareNo", "mobilePhone", "patientName",
        "patientSex", "patientAge", "patientType", "outpatientNumber", "registDateTime", "outpatientDateTime",
        "outpatientDeptName", "outpatientDeptCode", "outpatientDocName", "outpatientDocHisUid", "outpatientDocCode",
        "outpatientIdcardNo", "quitType", "outpatientType", "admissionRegistDateTime", "admissionDateTime",
        "admissionDeptCode", "admissionDeptName", "dischargedDateTime", "currentDeptCode", "currentDeptName",
        "diagnoseCode", "diagnoseName", "wardNo", "bedNo", "hospitalld",
    ];

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
        using var connection = demo.OpenReadOnly();
        string[] expected = view switch
        {
            "View_Register_Info" => RegisterColumns,
            "View_ProjectItemCode_Info" => ["modality", "examCode", "examName", "examBodyPart", "examPrice", "checkStatus", "sourceType", "hospitalld"],
            "view_setlInfoList" => ["accessionNo", "studyOrderId", "setlId", "medListCodg", "feedetlSn", "examPart", "hospitalld"],
            _ => ["deptName", "deptCode", "remark", "hospitalld"],
        };

        Assert.Equal(count, expected.Length);
        Assert.Equal(expected, ViewRows.Columns(connection, view));
    }

    [Theory]
    [InlineData("View_Register_Info")]
    [InlineData("View_ProjectItemCode_Info")]
    [InlineData("view_setlInfoList")]
    [InlineData("View_Dept_Info")]
    public void Every_value_of_every_view_is_text_or_null_and_every_row_has_the_hospital_code(string view)
    {
        using var connection = demo.OpenReadOnly();
        var rows = ViewRows.Query(connection, $"SELECT * FROM {view}");

        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.All(row.Values, value => Assert.True(value is null or string, $"{view}: {value?.GetType().Name}")));
        Assert.All(rows, row => Assert.Equal("H45010000001", row["hospitalld"]));
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
        using var connection = demo.OpenReadOnly();
        var row = Scenario("outpatient_seen")!;
        var doctorId = ViewRows.Query(connection, $"SELECT ID_NO FROM STAFF_DICT WHERE EMP_NO = '{row["outpatientDocHisUid"]}'").Single()["ID_NO"];

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
        using var connection = demo.OpenReadOnly();
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
        using var folder = new TempFolder();
        var copy = folder.File("copy.db");
        File.Copy(demo.DatabasePath, copy);
        using (var connection = new SqliteConnection($"Data Source={copy};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // MR0007 is a rarely used item the crosswalk leaves unmapped on purpose.
            command.CommandText = """
                INSERT INTO EXAM_MASTER (EXAM_NO, APPLY_NO, PATIENT_ID, PATIENT_SOURCE, EXAM_CLASS_CODE, REQ_DATE_TIME)
                VALUES ('T-UNMAPPED', 'SQ-T-UNMAPPED', 'S0000014', '1', '02', datetime('now', 'localtime', '-1 hours'));
                INSERT INTO EXAM_ITEMS (EXAM_NO, EXAM_ITEM_NO, EXAM_ITEM, EXAM_ITEM_CODE, COSTS) VALUES ('T-UNMAPPED', 1, '前列腺MR波谱成像', 'MR0007', 1100);
                INSERT INTO OUTP_RCPT_MASTER (RCPT_NO, PATIENT_ID, VISIT_DATE_TIME, CHARGE_TYPE, TOTAL_CHARGES, INSUR_SETL_ID)
                VALUES ('T-RCPT', 'S0000014', datetime('now', 'localtime', '-30 minutes'), '职工医保', 1100, 'T-SETL-1');
                INSERT INTO OUTP_BILL_ITEMS (RCPT_NO, ITEM_NO, ITEM_CLASS, ITEM_CODE, ITEM_NAME, AMOUNT, CHARGES, EXAM_NO, EXAM_ITEM_NO, MED_LIST_CODG, INSUR_FEEDETL_SN)
                VALUES ('T-RCPT', 1, 'D', 'MR0007', '前列腺MR波谱成像', 1, 1100, 'T-UNMAPPED', 1, '002104000050000', 'T-FEE-1');
                """;
            command.ExecuteNonQuery();
            var row = ViewRows.Query(connection, "SELECT * FROM view_setlInfoList WHERE accessionNo = 'T-UNMAPPED'").Single();

            Assert.Null(row["examPart"]);
            Assert.Equal("T-SETL-1", row["setlId"]);
        }
    }

    [Fact]
    public void Every_seeded_id_number_passes_the_gb11643_checksum_and_is_obviously_fictitious()
    {
        using var connection = demo.OpenReadOnly();
        var ids = ViewRows.Query(connection, "SELECT ID_NO FROM PAT_MASTER_INDEX UNION ALL SELECT ID_NO FROM STAFF_DICT")
            .Select(r => (string)r["ID_NO"]!).ToList();

        Assert.True(ids.Count > 1000);
        Assert.All(ids, id => Assert.True(ResidentIdNumber.IsValid(id), id));
        Assert.All(ids, id => Assert.StartsWith("450000", id, StringComparison.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_seed_has_history_outside_the_windows_as_well_as_rows_inside()
    {
        using var connection = demo.OpenReadOnly();
        var visits = Convert.ToInt64(ViewRows.Query(connection, "SELECT count(*) AS n FROM CLINIC_MASTER").Single()["n"], System.Globalization.CultureInfo.InvariantCulture);
        var inWindow = Convert.ToInt64(ViewRows.Query(connection, "SELECT count(*) AS n FROM View_Register_Info WHERE patientType <> '2'").Single()["n"], System.Globalization.CultureInfo.InvariantCulture);

        Assert.InRange(inWindow, 100, visits / 2);
    }

    private List<Dictionary<string, object?>> Registrations()
    {
        using var connection = demo.OpenReadOnly();
        return ViewRows.Query(connection, "SELECT * FROM View_Register_Info");
    }

    /// <summary>The view's row for a named scenario of the seed (its patient's card number is insuranceId), or null when the window drops it.</summary>
    private Dictionary<string, object?>? Scenario(string name)
    {
        using var connection = demo.OpenReadOnly();
        var rows = ViewRows.Query(connection, $"""
            SELECT r.* FROM View_Register_Info r
            JOIN demo_scenario s ON s.patient_id = r.insuranceId
            WHERE s.name = '{name}'
            """);
        Assert.True(rows.Count <= 1, $"scenario {name} has {rows.Count} rows");
        Assert.Single(ViewRows.Query(connection, $"SELECT 1 FROM demo_scenario WHERE name = '{name}'"));
        return rows.SingleOrDefault();
    }

    private List<Dictionary<string, object?>> Settlements(string accessionNo)
    {
        using var connection = demo.OpenReadOnly();
        return ViewRows.Query(connection, $"SELECT * FROM view_setlInfoList WHERE accessionNo = '{accessionNo}'");
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")]
    private static partial Regex DateTimeFormat();
}
