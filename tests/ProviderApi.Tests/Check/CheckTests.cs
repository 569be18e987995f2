using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using ProviderApi.Check;
using ProviderApi.Common;
using ProviderApi.Data;
using ProviderApi.Tests.Hospitals;

namespace ProviderApi.Tests.Check;

/// <summary>
/// The contract check run as a library over a demo hospital, one class per engine: bad HIS
/// rows written (or a source view replaced) inside a transaction the test rolls back, and
/// exactly the rule they break reported, with the right count and severity.
/// </summary>
public abstract partial class CheckTests
{
    private readonly IHospital hospital;
    private readonly DatabaseProvider provider;

    protected CheckTests(IHospital hospital, DatabaseProvider provider)
    {
        this.hospital = hospital;
        this.provider = provider;
        hospital.SkipUnlessAvailable();
    }

    private const RuleSeverity Error = RuleSeverity.Error;
    private const RuleSeverity Warning = RuleSeverity.Warning;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string Imgcloud(string table) => DatabaseEngine.For(provider).Imgcloud(table);

    /// <summary>Opens a writable connection and a transaction that is rolled back whatever the test does.</summary>
    private async Task<CheckReport> CheckAfterAsync(Action<DbConnection, DbTransaction> change, Action<DbConnection, DbTransaction, CheckReport> assert)
    {
        using var connection = hospital.Open(writable: true);
        using var transaction = connection.BeginTransaction();
        change(connection, transaction);
        var report = await TransactionDataSource.Check(connection, transaction, provider).RunAsync(3, Cancel);
        assert(connection, transaction, report);
        transaction.Rollback();
        return report;
    }

    private static string Patient(DbConnection c, DbTransaction t, string scenario) =>
        c.ExecuteScalar<string>("SELECT patient_id FROM demo_scenario WHERE name = @scenario", new { scenario }, t)!;

    private static long Count(DbConnection c, DbTransaction t, string sql, object? parameters = null) =>
        Convert.ToInt64(c.ExecuteScalar(sql, parameters, t), CultureInfo.InvariantCulture);

    private static long RowsOf(DbConnection c, DbTransaction t, string patient) =>
        Count(c, t, "SELECT count(*) FROM View_Register_Info WHERE insuranceId = @patient", new { patient });

    /// <summary>
    /// The report's findings are exactly <paramref name="expected"/>, besides the demo's two
    /// unmapped exam items (unless <paramref name="expected"/> speaks of them).
    /// </summary>
    private static void AssertFindings(CheckReport report, params (string Rule, string? Field, RuleSeverity Severity, long Count)[] expected)
    {
        var actual = report.Findings
            .Where(f => f.Rule != "EXAM-PART-UNMAPPED" || expected.Any(e => e.Rule == "EXAM-PART-UNMAPPED"))
            .Select(f => (f.Rule, f.Field, f.Severity, f.Count))
            .Order()
            .ToList();
        Assert.All(expected, e => Assert.True(e.Count > 0, $"{e.Rule}: an expected count of 0 proves nothing"));
        Assert.Equal(expected.Order().ToList(), actual);
        Assert.Equal(!expected.Any(e => e.Severity == Error), report.Passed);
    }

    [Fact]
    public async Task The_demo_hospital_passes_with_only_its_two_unmapped_never_billed_items_as_warnings()
    {
        await CheckAfterAsync((_, _) => { }, (c, t, report) =>
        {
            Assert.True(report.Passed);
            Assert.Equal(0, report.ExitCode);
            Assert.Equal(0, report.Errors);
            AssertFindings(report, ("EXAM-PART-UNMAPPED", "examCode", Warning, 2));
            Assert.Equal(["MR0007", "RF0002"], report.Crosswalk.Unmapped.Select(u => u.ExamCode));
            Assert.Equal(["前列腺MR波谱成像", "静脉肾盂造影"], report.Crosswalk.Unmapped.Select(u => u.ExamName));
            Assert.Equal(Imgcloud("exam_part_map"), report.Crosswalk.Table);
            Assert.Equal(
                ["View_Register_Info", "View_ProjectItemCode_Info", "view_setlInfoList", "View_Dept_Info"],
                report.Views.Select(v => v.View));
            Assert.All(report.Views, v => Assert.Equal(Count(c, t, $"SELECT count(*) FROM {v.View}"), v.Rows));
            Assert.All(report.Views, v => Assert.True(v.Rows > 0, v.View));
        });
    }

    [Fact]
    public async Task A_patients_id_number_with_a_wrong_check_character_is_an_error_shown_masked()
    {
        string wrong = "";
        await CheckAfterAsync((c, t) =>
        {
            var patient = Patient(c, t, "outpatient_seen");
            var id = c.ExecuteScalar<string>("SELECT ID_NO FROM PAT_MASTER_INDEX WHERE PATIENT_ID = @patient", new { patient }, t)!;
            wrong = id[..17] + (id[17] == '0' ? '1' : '0');
            c.Execute("UPDATE PAT_MASTER_INDEX SET ID_NO = @wrong WHERE PATIENT_ID = @patient", new { wrong, patient }, t);
        }, (c, t, report) =>
        {
            AssertFindings(report, ("REG-ID-CHECKSUM", "idCardNo", Error, RowsOf(c, t, Patient(c, t, "outpatient_seen"))));
            var example = report.Finding("REG-ID-CHECKSUM")!.Examples[0];
            Assert.Equal(Masking.IdNumber(wrong), example.Value);
            Assert.Equal(1, report.ExitCode);
        });
    }

    [Theory]
    [InlineData("450000800501123", "REG-ID-LEGACY-15")]
    [InlineData("E12345678", "REG-ID-FOREIGN")]
    [InlineData("H12345678", "REG-ID-FOREIGN")]
    [InlineData("M1234567801", "REG-ID-FOREIGN")]
    [InlineData("12345678", "REG-ID-FOREIGN")]
    public async Task A_legacy_id_number_a_passport_or_a_permit_is_a_warning_and_the_check_still_passes(string number, string rule)
    {
        await CheckAfterAsync((c, t) =>
            c.Execute("UPDATE PAT_MASTER_INDEX SET ID_NO = @number WHERE PATIENT_ID = @patient", new { number, patient = Patient(c, t, "outpatient_seen") }, t),
        (c, t, report) =>
        {
            AssertFindings(report, (rule, "idCardNo", Warning, RowsOf(c, t, Patient(c, t, "outpatient_seen"))));
            Assert.Equal(0, report.ExitCode);
        });
    }

    [Fact]
    public async Task A_newborn_registered_under_a_guardians_id_number_is_a_warning()
    {
        await CheckAfterAsync((c, t) =>
        {
            // The seen patient becomes a month-old baby; its ID number stays an adult's.
            var patient = Patient(c, t, "outpatient_seen");
            var visit = c.ExecuteScalar<string>("SELECT min(outpatientDateTime) FROM View_Register_Info WHERE insuranceId = @patient", new { patient }, t)!;
            var born = DateTime.ParseExact(visit, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture).Date.AddDays(-30);
            c.Execute("UPDATE PAT_MASTER_INDEX SET DATE_OF_BIRTH = @born WHERE PATIENT_ID = @patient", new { born, patient }, t);
        }, (c, t, report) =>
        {
            var patient = Patient(c, t, "outpatient_seen");
            Assert.Equal("0", c.ExecuteScalar<string>("SELECT max(patientAge) FROM View_Register_Info WHERE insuranceId = @patient", new { patient }, t));
            AssertFindings(report, ("REG-ID-GUARDIAN", "idCardNo", Warning, RowsOf(c, t, patient)));
        });
    }

    [Fact]
    public async Task An_id_number_whose_birth_date_disagrees_with_the_age_is_a_warning()
    {
        await CheckAfterAsync((c, t) =>
        {
            var patient = Patient(c, t, "outpatient_seen");
            var born = c.ExecuteScalar<DateTime>("SELECT DATE_OF_BIRTH FROM PAT_MASTER_INDEX WHERE PATIENT_ID = @patient", new { patient }, t);
            c.Execute("UPDATE PAT_MASTER_INDEX SET DATE_OF_BIRTH = @born WHERE PATIENT_ID = @patient", new { born = born.AddYears(-5), patient }, t);
        }, (c, t, report) =>
            AssertFindings(report, ("REG-ID-AGE-MISMATCH", "idCardNo", Warning, RowsOf(c, t, Patient(c, t, "outpatient_seen")))));
    }

    [Fact]
    public async Task A_birth_date_after_the_visit_gives_no_age_which_is_an_error_on_patientAge()
    {
        await CheckAfterAsync((c, t) =>
        {
            // The HIS contradicts itself: the seen patient is born the day after the visit.
            var patient = Patient(c, t, "outpatient_seen");
            var visit = c.ExecuteScalar<string>("SELECT max(outpatientDateTime) FROM View_Register_Info WHERE insuranceId = @patient", new { patient }, t)!;
            var born = DateTime.ParseExact(visit, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture).Date.AddDays(1);
            c.Execute("UPDATE PAT_MASTER_INDEX SET DATE_OF_BIRTH = @born WHERE PATIENT_ID = @patient", new { born, patient }, t);
        }, (c, t, report) =>
        {
            var patient = Patient(c, t, "outpatient_seen");
            var rows = RowsOf(c, t, patient);
            Assert.True(rows > 0);
            Assert.Equal(rows, Count(c, t, "SELECT count(*) FROM View_Register_Info WHERE insuranceId = @patient AND patientAge IS NULL", new { patient }));
            AssertFindings(report, ("REG-REQUIRED", "patientAge", Error, rows));
            Assert.Equal(1, report.ExitCode);
        });
    }

    [Fact]
    public async Task An_unidentified_emergency_patient_without_id_or_phone_is_a_warning_but_a_named_one_is_an_error()
    {
        await CheckAfterAsync((c, t) =>
        {
            c.Execute("UPDATE PAT_MASTER_INDEX SET NAME = '无名氏', ID_NO = NULL, MOBILE_PHONE = NULL WHERE PATIENT_ID = @patient", new { patient = Patient(c, t, "outpatient_seen") }, t);
            c.Execute("UPDATE PAT_MASTER_INDEX SET ID_NO = NULL WHERE PATIENT_ID = @patient", new { patient = Patient(c, t, "physical_exam") }, t);
        }, (c, t, report) => AssertFindings(report,
            ("REG-ID-UNIDENTIFIED", "idCardNo", Warning, RowsOf(c, t, Patient(c, t, "outpatient_seen"))),
            ("REG-REQUIRED", "idCardNo", Error, RowsOf(c, t, Patient(c, t, "physical_exam")))));
    }

    [Fact]
    public async Task A_landline_is_a_warning_and_a_number_of_no_shape_an_error_both_masked()
    {
        await CheckAfterAsync((c, t) =>
        {
            c.Execute("UPDATE PAT_MASTER_INDEX SET MOBILE_PHONE = '0771-5678901' WHERE PATIENT_ID = @patient", new { patient = Patient(c, t, "outpatient_seen") }, t);
            c.Execute("UPDATE PAT_MASTER_INDEX SET MOBILE_PHONE = '1700000123' WHERE PATIENT_ID = @patient", new { patient = Patient(c, t, "physical_exam") }, t);
        }, (c, t, report) =>
        {
            AssertFindings(report,
                ("REG-PHONE-LANDLINE", "mobilePhone", Warning, RowsOf(c, t, Patient(c, t, "outpatient_seen"))),
                ("REG-PHONE-FORMAT", "mobilePhone", Error, RowsOf(c, t, Patient(c, t, "physical_exam"))));
            Assert.Equal("077*****8901", report.Finding("REG-PHONE-LANDLINE")!.Examples[0].Value);
            Assert.Equal("170***0123", report.Finding("REG-PHONE-FORMAT")!.Examples[0].Value);
        });
    }

    [Fact]
    public async Task A_doctors_id_number_with_a_wrong_check_character_is_an_error_on_every_row_of_that_doctor()
    {
        string doctor = "";
        await CheckAfterAsync((c, t) =>
        {
            doctor = c.ExecuteScalar<string>("SELECT outpatientDocHisUid FROM View_Register_Info WHERE insuranceId = @patient", new { patient = Patient(c, t, "outpatient_seen") }, t)!;
            var id = c.ExecuteScalar<string>("SELECT ID_NO FROM STAFF_DICT WHERE EMP_NO = @doctor", new { doctor }, t)!;
            c.Execute("UPDATE STAFF_DICT SET ID_NO = @wrong WHERE EMP_NO = @doctor", new { wrong = id[..17] + (id[17] == '0' ? '1' : '0'), doctor }, t);
        }, (c, t, report) =>
            AssertFindings(report, ("REG-ID-CHECKSUM", "outpatientIdcardNo", Error,
                Count(c, t, "SELECT count(*) FROM View_Register_Info WHERE outpatientDocHisUid = @doctor", new { doctor }))));
    }

    [Fact]
    public async Task An_inpatient_admitted_to_a_department_missing_from_the_dictionary_lacks_its_department_names()
    {
        await CheckAfterAsync((c, t) =>
            c.Execute("UPDATE PAT_VISIT SET DEPT_ADMISSION_TO = '9999' WHERE PATIENT_ID = @patient", new { patient = Patient(c, t, "inpatient_waiting") }, t),
        (c, t, report) => AssertFindings(report,
            ("REG-REQUIRED", "outpatientDeptName", Error, 1),
            ("REG-INPATIENT-REQUIRED", "admissionDeptName", Error, 1),
            ("REG-INPATIENT-REQUIRED", "currentDeptName", Error, 1)));
    }

    [Fact]
    public async Task A_registration_number_given_twice_is_an_error()
    {
        await CheckAfterAsync((c, t) =>
        {
            // A HIS whose registration numbers restart: a second visit the same day with the same number.
            var patient = Patient(c, t, "outpatient_seen");
            var visit = c.ExecuteScalar<string>("SELECT outpatientDateTime FROM View_Register_Info WHERE insuranceId = @patient", new { patient }, t)!;
            var at = DateTime.ParseExact(visit, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            var later = at.AddMinutes(at.Hour < 23 ? 1 : -1); // the same day, so the same number
            c.Execute("""
                INSERT INTO CLINIC_MASTER (VISIT_DATE, VISIT_NO, CLINIC_LABEL, VISIT_TIME_DESC, PATIENT_ID, NAME, SEX, AGE, CHARGE_TYPE, INSURANCE_NO,
                    CLINIC_TYPE, VISIT_DEPT, DOCTOR, DOCTOR_NO, REGISTRATION_STATUS, REGISTERING_DATE, REGIST_FEE, OPERATOR)
                SELECT @later, VISIT_NO, CLINIC_LABEL, VISIT_TIME_DESC, PATIENT_ID, NAME, SEX, AGE, CHARGE_TYPE, INSURANCE_NO,
                    CLINIC_TYPE, VISIT_DEPT, DOCTOR, DOCTOR_NO, REGISTRATION_STATUS, REGISTERING_DATE, REGIST_FEE, OPERATOR
                FROM CLINIC_MASTER WHERE PATIENT_ID = @patient
                """, new { later, patient }, t);
        }, (c, t, report) =>
        {
            AssertFindings(report, ("REG-NUMBER-DUPLICATE", "outpatientNumber", Error, 1));
            var number = c.ExecuteScalar<string>("SELECT min(outpatientNumber) FROM View_Register_Info WHERE insuranceId = @patient", new { patient = Patient(c, t, "outpatient_seen") }, t);
            Assert.Equal(number, report.Finding("REG-NUMBER-DUPLICATE")!.Examples.Single().Row);
        });
    }

    [Fact]
    public async Task PatientSex_is_checked_against_the_sex_map_the_dba_maintains()
    {
        // Writing the codes themselves is a DBA's choice: the check follows the map.
        await CheckAfterAsync((c, t) => c.Execute($"UPDATE {Imgcloud("sex_map")} SET sex_text = sex_code", transaction: t),
            (_, _, report) => AssertFindings(report));

        // A code the map lacks leaves patientSex empty.
        await CheckAfterAsync((c, t) => c.Execute($"DELETE FROM {Imgcloud("sex_map")} WHERE sex_code = '2'", transaction: t),
            (c, t, report) => AssertFindings(report, ("REG-REQUIRED", "patientSex", Error, Count(c, t, "SELECT count(*) FROM View_Register_Info WHERE patientSex IS NULL"))));
    }

    [Theory]
    [InlineData("H00000000000")]   // the placeholder the scripts insert, never set
    [InlineData("H450100001")]
    public async Task A_hospital_code_left_at_the_placeholder_or_mistyped_breaks_every_row_of_every_view(string code)
    {
        // Every row that takes the default: all of the hospital's; the demo's community centre has a code of its own.
        await CheckAfterAsync((c, t) => c.Execute($"UPDATE {Imgcloud("settings")} SET hospital_id = @code", new { code }, t),
            (c, t, report) =>
            {
                Assert.Equal(0, Count(c, t, "SELECT count(*) FROM View_Dept_Info WHERE hospitalld NOT IN (@code, 'H45010300002')", new { code }));
                AssertFindings(report,
                    ("REG-HOSPITALLD", "hospitalld", Error, Count(c, t, "SELECT count(*) FROM View_Register_Info WHERE hospitalld = @code", new { code })),
                    ("EXAM-HOSPITALLD", "hospitalld", Error, Count(c, t, "SELECT count(*) FROM View_ProjectItemCode_Info WHERE hospitalld = @code", new { code })),
                    ("SETL-HOSPITALLD", "hospitalld", Error, Count(c, t, "SELECT count(*) FROM view_setlInfoList WHERE hospitalld = @code", new { code })),
                    ("DEPT-HOSPITALLD", "hospitalld", Error, Count(c, t, "SELECT count(*) FROM View_Dept_Info WHERE hospitalld = @code", new { code })));
                Assert.Equal(1, report.ExitCode);
            });
    }

    [Fact]
    public async Task A_billed_item_missing_from_the_crosswalk_is_an_error_in_the_settlements_and_a_gap_in_the_crosswalk()
    {
        string item = "";
        await CheckAfterAsync((c, t) =>
        {
            item = c.ExecuteScalar<string>("SELECT EXAM_ITEM_CODE FROM EXAM_ITEMS WHERE EXAM_NO = 'S-ACC-INSURED'", transaction: t)!;
            c.Execute($"DELETE FROM {Imgcloud("exam_part_map")} WHERE exam_code = @item", new { item }, t);
        }, (c, t, report) =>
        {
            AssertFindings(report,
                ("SETL-EXAM-PART-MISSING", "examPart", Error, Count(c, t, "SELECT count(*) FROM view_setlInfoList WHERE examPart IS NULL")),
                // The two never-billed items, and the deleted code in every institution that lists it (the demo's pick may be a code both have).
                ("EXAM-PART-UNMAPPED", "examCode", Warning, 2 + Count(c, t, "SELECT count(*) FROM View_ProjectItemCode_Info WHERE examCode = @item", new { item })));
            Assert.Contains(item, report.Crosswalk.Unmapped.Select(u => u.ExamCode));
        });
    }

    [Fact]
    public async Task A_settlement_without_accession_number_or_study_order_is_an_error()
    {
        long rows = 0;
        await CheckAfterAsync((c, t) =>
        {
            rows = Count(c, t, "SELECT count(*) FROM view_setlInfoList WHERE accessionNo = 'S-ACC-INSURED'");
            c.Execute("""
                UPDATE EXAM_MASTER SET EXAM_NO = ' ', APPLY_NO = NULL WHERE EXAM_NO = 'S-ACC-INSURED';
                UPDATE EXAM_ITEMS SET EXAM_NO = ' ' WHERE EXAM_NO = 'S-ACC-INSURED';
                UPDATE OUTP_BILL_ITEMS SET EXAM_NO = ' ' WHERE EXAM_NO = 'S-ACC-INSURED';
                """, transaction: t);
        }, (_, _, report) => AssertFindings(report, ("SETL-ACCESSION-OR-ORDER", "accessionNo|studyOrderId", Error, rows)));
        Assert.True(rows > 0);
    }

    [Fact]
    public async Task A_settlement_without_its_insurance_id_or_with_a_short_placeholder_is_an_error()
    {
        await CheckAfterAsync((c, t) => c.Execute("""
                UPDATE OUTP_RCPT_MASTER SET INSUR_SETL_ID = NULL
                WHERE RCPT_NO IN (SELECT RCPT_NO FROM OUTP_BILL_ITEMS WHERE EXAM_NO = 'S-ACC-INSURED')
                """, transaction: t),
            (c, t, report) => AssertFindings(report, ("SETL-REQUIRED", "setlId", Error, Count(c, t, "SELECT count(*) FROM view_setlInfoList WHERE setlId IS NULL"))));

        await CheckAfterAsync((c, t) => c.Execute("""
                UPDATE OUTP_RCPT_MASTER SET INSUR_SETL_ID = '0000000000'
                WHERE RCPT_NO IN (SELECT RCPT_NO FROM OUTP_BILL_ITEMS WHERE EXAM_NO = 'S-ACC-INSURED')
                """, transaction: t),
            (c, t, report) => AssertFindings(report, ("SETL-PLACEHOLDER", "setlId", Error, Count(c, t, "SELECT count(*) FROM view_setlInfoList WHERE setlId = '0000000000'"))));
    }

    [Fact]
    public async Task An_exam_item_without_a_price_is_an_error()
    {
        await CheckAfterAsync((c, t) => c.Execute("DELETE FROM CLINIC_VS_CHARGE WHERE CLINIC_ITEM_CODE = 'CT0002'", transaction: t),
            (_, _, report) =>
            {
                AssertFindings(report, ("EXAM-REQUIRED", "examPrice", Error, 1));
                Assert.Equal(new FindingExample("CT0002", null), report.Finding("EXAM-REQUIRED")!.Examples.Single());
            });
    }

    [Fact]
    public async Task A_department_without_a_name_is_an_error()
    {
        // 检验科: in the dictionary view, no registration names it.
        await CheckAfterAsync((c, t) => c.Execute("UPDATE DEPT_DICT SET DEPT_NAME = '' WHERE DEPT_CODE = '2101'", transaction: t),
            (_, _, report) => AssertFindings(report, ("DEPT-REQUIRED", "deptName", Error, 1)));
    }

    [Theory]
    // Codes of the hospital alone: the community centre's CT0001 and 0101 would repeat too (once per institution).
    [InlineData("src_exam_item", "exam_code", "CT0002", "EXAM-CODE-DUPLICATE", "examCode")]
    [InlineData("src_dept", "dept_code", "0102", "DEPT-CODE-DUPLICATE", "deptCode")]
    public async Task A_source_view_that_repeats_a_code_breaks_the_dictionarys_uniqueness(string view, string column, string code, string rule, string field)
    {
        // The DBA's join multiplied one row: the source view now gives it twice.
        try
        {
            await CheckAfterAsync((c, t) => RepeatInSourceView(c, t, view, $"{column} = '{code}'"),
                (_, _, report) =>
                {
                    AssertFindings(report, (rule, field, Error, 1));
                    Assert.Equal(new FindingExample(code, $"{code} (hospitalld H45010000001)"), report.Finding(rule)!.Examples.Single());
                });
        }
        finally
        {
            restoreView?.Invoke();
        }
    }

    /// <summary>Puts back a source view that a test redefined where DDL is not rolled back (MySQL commits it at once).</summary>
    private Action? restoreView;

    /// <summary>Replaces a source view with itself plus its rows matching <paramref name="where"/> once more, as a hospital's faulty mapping would.</summary>
    private void RepeatInSourceView(DbConnection c, DbTransaction t, string view, string where)
    {
        if (provider == DatabaseProvider.MySql)
        {
            var original = c.ExecuteScalar<string>(
                "SELECT VIEW_DEFINITION FROM information_schema.VIEWS WHERE TABLE_SCHEMA = 'imgcloud' AND TABLE_NAME = @view", new { view }, t)!;
            restoreView = () =>
            {
                using var connection = hospital.Open(writable: true);
                connection.Execute($"CREATE OR REPLACE SQL SECURITY DEFINER VIEW imgcloud.{view} AS {original}");
            };
            c.Execute($"CREATE OR REPLACE SQL SECURITY DEFINER VIEW imgcloud.{view} AS SELECT * FROM ({original}) a UNION ALL SELECT * FROM ({original}) b WHERE b.{where}", transaction: t);
            return;
        }
        if (provider == DatabaseProvider.PostgreSql)
        {
            var body = c.ExecuteScalar<string>($"SELECT pg_get_viewdef('imgcloud.{view}'::regclass)", transaction: t)!.Trim().TrimEnd(';');
            c.Execute($"CREATE OR REPLACE VIEW imgcloud.{view} AS SELECT * FROM ({body}) a UNION ALL SELECT * FROM ({body}) b WHERE b.{where}", transaction: t);
            return;
        }
        var create = c.ExecuteScalar<string>("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = @view", new { view }, t)!;
        var body2 = ViewBody().Replace(create, "", 1);
        c.Execute($"DROP VIEW {view}; CREATE VIEW {view} AS SELECT * FROM ({body2}) a UNION ALL SELECT * FROM ({body2}) b WHERE b.{where}", transaction: t);
    }

    [GeneratedRegex(@"^CREATE VIEW \w+ AS\s*", RegexOptions.IgnoreCase)]
    private static partial Regex ViewBody();
}
