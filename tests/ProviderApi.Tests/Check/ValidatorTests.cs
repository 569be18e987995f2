using ProviderApi.Check;
using ProviderApi.Common;
using ProviderApi.Dictionaries;
using ProviderApi.Registrations;
using ProviderApi.Settlements;
using static ProviderApi.Tests.Check.Samples;

namespace ProviderApi.Tests.Check;

/// <summary>Each rule of the four validators, on rows that keep it and rows that break it.</summary>
public sealed class ValidatorTests
{
    private static readonly RegistrationValidator Registrations = new(SexTexts);
    private static readonly ExamItemValidator ExamItems = new();
    private static readonly SettlementValidator Settlements = new();
    private static readonly DepartmentValidator Departments = new();

    private const RuleSeverity Error = RuleSeverity.Error;
    private const RuleSeverity Warning = RuleSeverity.Warning;

    [Fact]
    public void Rows_that_keep_the_contract_break_no_rule()
    {
        Assert.Empty(Broken(Registrations, Registration()));
        Assert.Empty(Broken(Registrations, Inpatient()));
        Assert.Empty(Broken(ExamItems, ExamItem()));
        Assert.Empty(Broken(Settlements, Settlement()));
        Assert.Empty(Broken(Departments, Department()));
    }

    // ---- View_Register_Info: required fields ----

    [Theory]
    [InlineData("idCardNo")]
    [InlineData("mobilePhone")]
    [InlineData("patientName")]
    [InlineData("patientSex")]
    [InlineData("patientAge")]
    [InlineData("patientType")]
    [InlineData("outpatientNumber")]
    [InlineData("registDateTime")]
    [InlineData("outpatientDateTime")]
    [InlineData("outpatientDeptName")]
    [InlineData("outpatientDeptCode")]
    [InlineData("outpatientDocName")]
    [InlineData("outpatientDocHisUid")]
    [InlineData("outpatientDocCode")]
    [InlineData("outpatientIdcardNo")]
    [InlineData("quitType")]
    [InlineData("outpatientType")]
    [InlineData("hospitalld")]
    public void A_required_registration_field_that_is_null_empty_or_blank_is_an_error(string field)
    {
        foreach (var empty in new[] { null, "", "  " })
        {
            Assert.Equal([("REG-REQUIRED", field, Error)], Broken(Registrations, Registration((field, empty))));
        }
    }

    [Theory]
    [InlineData("healthNo")]
    [InlineData("insuranceId")]
    [InlineData("hospitalizationId")]
    [InlineData("medicareNo")]
    [InlineData("diagnoseCode")]
    [InlineData("diagnoseName")]
    [InlineData("wardNo")]
    [InlineData("bedNo")]
    [InlineData("dischargedDateTime")]
    [InlineData("admissionDateTime")]
    public void Optional_registration_fields_may_be_null(string field)
    {
        Assert.Empty(Broken(Registrations, Registration((field, null))));
    }

    [Theory]
    [InlineData("admissionRegistDateTime")]
    [InlineData("admissionDeptCode")]
    [InlineData("admissionDeptName")]
    [InlineData("currentDeptCode")]
    [InlineData("currentDeptName")]
    [InlineData("admissionDateTime")]
    public void An_inpatient_in_a_bed_needs_its_admission_and_current_department_fields(string field)
    {
        Assert.Equal([("REG-INPATIENT-REQUIRED", field, Error)], Broken(Registrations, Inpatient((field, null))));
    }

    [Fact]
    public void An_inpatient_waiting_for_a_bed_needs_no_admission_time_and_a_discharge_time_is_optional()
    {
        Assert.Empty(Broken(Registrations, Inpatient(("outpatientType", "0"), ("admissionDateTime", null), ("wardNo", null), ("bedNo", null))));
        Assert.Empty(Broken(Registrations, Inpatient(("dischargedDateTime", "2025-06-15 10:00:00"))));
        Assert.Empty(Broken(Registrations, Inpatient(("dischargedDateTime", null))));
    }

    [Fact]
    public void An_outpatient_needs_none_of_the_inpatient_fields()
    {
        Assert.Empty(Broken(Registrations, Registration(("patientType", "3"))));
        Assert.Empty(Broken(Registrations, Registration(("patientType", "9"))));
    }

    // ---- date-times ----

    [Theory]
    [InlineData("2025-6-1 10:45:22")]      // the document's own unpadded example
    [InlineData("2025-06-01 9:30:00")]
    [InlineData("2025-06-01T10:45:22")]
    [InlineData("2025-06-01")]
    [InlineData("2025-02-30 10:00:00")]    // no such day
    [InlineData("2025-06-01 24:00:00")]
    [InlineData("2025/06/01 10:45:22")]
    [InlineData("2025-06-01 10:45:22.000")]
    public void A_date_time_not_written_yyyy_MM_dd_HH_mm_ss_or_not_real_is_an_error(string value)
    {
        foreach (var field in new[] { "registDateTime", "outpatientDateTime", "admissionRegistDateTime", "admissionDateTime", "dischargedDateTime" })
        {
            var broken = Broken(Registrations, Inpatient((field, value)));
            Assert.Contains(("REG-DATETIME-FORMAT", field, Error), broken);
            Assert.All(broken, b => Assert.True(b.Rule is "REG-DATETIME-FORMAT" or "REG-ID-AGE-MISMATCH", b.ToString()));
        }
    }

    [Theory]
    [InlineData("2024-02-29 00:00:00")]
    [InlineData("2025-12-31 23:59:59")]
    public void A_real_date_time_in_the_contracts_format_is_accepted(string value)
    {
        Assert.Empty(Broken(Registrations, Inpatient(("dischargedDateTime", value))));
    }

    // ---- code sets ----

    [Theory]
    [InlineData("patientType", "0", "REG-PATIENT-TYPE")]
    [InlineData("patientType", "4", "REG-PATIENT-TYPE")]
    [InlineData("patientType", "门诊", "REG-PATIENT-TYPE")]
    [InlineData("quitType", "2", "REG-QUIT-TYPE")]
    [InlineData("quitType", "N", "REG-QUIT-TYPE")]
    [InlineData("outpatientType", "4", "REG-OUTPATIENT-TYPE")]   // the document's example
    [InlineData("patientSex", "M", "REG-SEX")]
    [InlineData("patientSex", "1", "REG-SEX")]
    [InlineData("patientAge", "3月", "REG-AGE-FORMAT")]
    [InlineData("patientAge", "-1", "REG-AGE-FORMAT")]
    [InlineData("patientAge", "45.5", "REG-AGE-FORMAT")]
    public void A_value_outside_its_code_set_is_an_error(string field, string value, string rule)
    {
        var broken = Broken(Registrations, Registration((field, value)));

        Assert.Contains((rule, field, Error), broken);
        Assert.All(broken, b => Assert.True(b.Rule == rule || (field == "patientAge" && b.Rule is "REG-ID-AGE-MISMATCH"), b.ToString()));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("3")]
    [InlineData("9")]
    public void Every_patient_type_of_the_contract_is_accepted(string type)
    {
        var row = type == "2" ? Inpatient() : Registration(("patientType", type));
        Assert.Empty(Broken(Registrations, row));
    }

    [Fact]
    public void PatientSex_takes_exactly_the_sex_maps_outputs()
    {
        var codes = new RegistrationValidator(new HashSet<string>(["0", "1", "2", "9"]));

        Assert.Empty(Broken(codes, Registration(("patientSex", "1"))));
        Assert.Equal([("REG-SEX", "patientSex", Error)], Broken(codes, Registration(("patientSex", "男"))));
        Assert.Empty(Broken(Registrations, Registration(("patientSex", "未知"))));
        Assert.Empty(Broken(Registrations, Registration(("patientSex", "女"))));
    }

    // ---- ID numbers ----

    [Theory]
    [InlineData("idCardNo")]
    [InlineData("outpatientIdcardNo")]
    public void An_id_number_with_a_wrong_check_character_is_an_error(string field)
    {
        var id = field == "idCardNo" ? PatientId : DoctorId;
        var wrong = id[..17] + (id[17] == '0' ? '1' : '0');

        Assert.Equal([("REG-ID-CHECKSUM", field, Error)], Broken(Registrations, Registration((field, wrong))));
    }

    [Fact]
    public void A_lower_case_x_check_character_is_accepted()
    {
        Assert.Empty(Broken(Registrations, Registration(("outpatientIdcardNo", "11010519491231002x"))));
    }

    [Fact]
    public void An_id_number_whose_birth_date_is_not_a_real_date_is_an_error()
    {
        var body = "45000019801301123"; // month 13
        var id = body + ResidentIdNumber.CheckCharacter(body);

        Assert.Equal([("REG-ID-BIRTH-DATE", "outpatientIdcardNo", Error)], Broken(Registrations, Registration(("outpatientIdcardNo", id))));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("12345")]
    [InlineData("4500001980050112")]      // 16 digits
    [InlineData("45000019800501123Y")]    // 17 digits and not a check character
    [InlineData("４５００００１９８００５０１１２３４")] // full-width digits
    [InlineData("身份证")]
    public void A_number_of_no_known_shape_is_an_error(string value)
    {
        Assert.Equal([("REG-ID-FORMAT", "idCardNo", Error)], Broken(Registrations, Registration(("idCardNo", value))));
        Assert.Equal([("REG-ID-FORMAT", "outpatientIdcardNo", Error)], Broken(Registrations, Registration(("outpatientIdcardNo", value))));
    }

    [Fact]
    public void A_15_digit_legacy_id_number_is_a_warning()
    {
        Assert.Equal([("REG-ID-LEGACY-15", "idCardNo", Warning)], Broken(Registrations, Registration(("idCardNo", "450000800501123"))));
        Assert.Equal([("REG-ID-LEGACY-15", "outpatientIdcardNo", Warning)], Broken(Registrations, Registration(("outpatientIdcardNo", "450000750309457"))));
    }

    [Theory]
    [InlineData("E12345678")]        // 中国护照
    [InlineData("EA1234567")]        // 中国护照（新版）
    [InlineData("G12345678")]        // 中国护照（旧版）
    [InlineData("H12345678")]        // 港澳居民来往内地通行证（回乡证）
    [InlineData("M1234567801")]      // 同上，11 位新版
    [InlineData("12345678")]         // 台湾居民来往大陆通行证
    [InlineData("1234567890(B)")]    // 台胞证（旧版）
    [InlineData("P1234567")]         // 外国护照
    [InlineData("USA123456789012")]  // 外国人永久居留证（旧版）
    public void A_passport_or_permit_number_is_a_warning_not_an_error(string value)
    {
        Assert.Equal([("REG-ID-FOREIGN", "idCardNo", Warning)], Broken(Registrations, Registration(("idCardNo", value))));
    }

    [Fact]
    public void A_newborn_registered_under_a_guardians_id_number_is_a_warning()
    {
        // Age 0 at the visit, under the (adult) guardian's number.
        Assert.Equal([("REG-ID-GUARDIAN", "idCardNo", Warning)], Broken(Registrations, Registration(("patientAge", "0"))));
    }

    [Fact]
    public void An_id_number_whose_birth_date_disagrees_with_the_age_is_a_warning()
    {
        Assert.Equal([("REG-ID-AGE-MISMATCH", "idCardNo", Warning)], Broken(Registrations, Registration(("patientAge", "30"))));
        // The age is taken at the visit: the day before the 46th birthday the patient is still 45.
        Assert.Empty(Broken(Registrations, Registration(("outpatientDateTime", "2026-04-30 09:00:00"))));
        Assert.Equal([("REG-ID-AGE-MISMATCH", "idCardNo", Warning)], Broken(Registrations, Registration(("outpatientDateTime", "2026-05-01 09:00:00"))));
    }

    [Fact]
    public void A_newborn_with_its_own_id_number_is_fine()
    {
        var own = ResidentIdNumber.Create("450000", new DateOnly(2025, 5, 20), 12);
        Assert.Empty(Broken(Registrations, Registration(("idCardNo", own), ("patientAge", "0"))));
    }

    [Theory]
    [InlineData("无名氏")]
    [InlineData("无名氏1号")]
    [InlineData("未知男")]
    [InlineData("未知")]
    public void An_unidentified_emergency_patient_without_id_or_phone_is_a_warning(string name)
    {
        Assert.Equal([("REG-ID-UNIDENTIFIED", "idCardNo", Warning)],
            Broken(Registrations, Registration(("patientName", name), ("idCardNo", null), ("mobilePhone", null))));
    }

    [Fact]
    public void A_named_patient_without_an_id_number_is_an_error_and_an_unidentified_one_with_an_id_number_is_checked_as_usual()
    {
        Assert.Equal([("REG-REQUIRED", "idCardNo", Error)], Broken(Registrations, Registration(("idCardNo", null))));
        Assert.Empty(Broken(Registrations, Registration(("patientName", "无名氏"))));
    }

    // ---- phone numbers ----

    [Theory]
    [InlineData("13800138000")]
    [InlineData("15912345678")]
    [InlineData("19912345678")]
    public void An_11_digit_mobile_number_is_accepted(string value)
    {
        Assert.Empty(Broken(Registrations, Registration(("mobilePhone", value))));
    }

    [Theory]
    [InlineData("0771-1234567")]
    [InlineData("0771-12345678")]
    [InlineData("010-87654321")]
    [InlineData("07715678901")]
    [InlineData("(0771)5678901")]
    [InlineData("5678901")]
    [InlineData("0771-5678901-8023")]
    public void A_landline_number_is_a_warning(string value)
    {
        Assert.Equal([("REG-PHONE-LANDLINE", "mobilePhone", Warning)], Broken(Registrations, Registration(("mobilePhone", value))));
    }

    [Theory]
    [InlineData("12812345678")]     // 12x is no mobile prefix
    [InlineData("1380013800")]      // 10 digits
    [InlineData("138001380001")]    // 12 digits
    [InlineData("+8613800138000")]
    [InlineData("138 0013 8000")]
    [InlineData("无")]
    [InlineData("1234")]
    public void A_phone_number_of_no_known_shape_is_an_error(string value)
    {
        Assert.Equal([("REG-PHONE-FORMAT", "mobilePhone", Error)], Broken(Registrations, Registration(("mobilePhone", value))));
    }

    // ---- hospitalld, in every view ----

    [Theory]
    [InlineData("H00000000000")]   // the placeholder the scripts insert
    [InlineData("H4501000000")]
    [InlineData("h45010000001")]
    [InlineData("45010000001")]
    [InlineData("123456")]         // the document's example
    public void A_hospital_code_that_is_not_H_and_11_digits_or_is_the_placeholder_is_an_error(string value)
    {
        Assert.Equal([("REG-HOSPITALLD", "hospitalld", Error)], Broken(Registrations, Registration(("hospitalld", value))));
        Assert.Equal([("EXAM-HOSPITALLD", "hospitalld", Error)], Broken(ExamItems, ExamItem(("hospitalld", value))));
        Assert.Equal([("SETL-HOSPITALLD", "hospitalld", Error)], Broken(Settlements, Settlement(("hospitalld", value))));
        Assert.Equal([("DEPT-HOSPITALLD", "hospitalld", Error)], Broken(Departments, Department(("hospitalld", value))));
    }

    // ---- View_ProjectItemCode_Info ----

    [Theory]
    [InlineData("hospitalld")]
    [InlineData("modality")]
    [InlineData("examCode")]
    [InlineData("examName")]
    [InlineData("examBodyPart")]
    [InlineData("examPrice")]
    [InlineData("checkStatus")]
    [InlineData("sourceType")]
    public void A_required_exam_item_field_that_is_empty_is_an_error(string field)
    {
        Assert.Equal([("EXAM-REQUIRED", field, Error)], Broken(ExamItems, ExamItem((field, null))));
        Assert.Equal([("EXAM-REQUIRED", field, Error)], Broken(ExamItems, ExamItem((field, ""))));
    }

    [Theory]
    [InlineData("500", false)]
    [InlineData("500.0", false)]
    [InlineData("500.000", false)]
    [InlineData("¥500.00", false)]
    [InlineData("1,200.00", false)]
    [InlineData("-5.00", false)]
    [InlineData("500.00", true)]
    [InlineData("0.50", true)]
    [InlineData("480.50", true)]
    public void An_exam_price_has_exactly_two_decimals(string price, bool valid)
    {
        Assert.Equal(valid ? [] : [("EXAM-PRICE-FORMAT", "examPrice", Error)], Broken(ExamItems, ExamItem(("examPrice", price))));
    }

    [Theory]
    [InlineData("checkStatus", "2", "EXAM-CHECK-STATUS")]
    [InlineData("checkStatus", "有效", "EXAM-CHECK-STATUS")]
    [InlineData("sourceType", "0", "EXAM-SOURCE-TYPE")]
    [InlineData("sourceType", "3", "EXAM-SOURCE-TYPE")]
    public void Exam_item_codes_outside_their_sets_are_errors(string field, string value, string rule)
    {
        Assert.Equal([(rule, field, Error)], Broken(ExamItems, ExamItem((field, value))));
    }

    [Fact]
    public void Both_exam_item_states_and_both_sources_are_accepted()
    {
        Assert.Empty(Broken(ExamItems, ExamItem(("checkStatus", "1"), ("sourceType", "1"))));
    }

    // ---- view_setlInfoList ----

    [Theory]
    [InlineData("setlId")]
    [InlineData("medListCodg")]
    [InlineData("feedetlSn")]
    [InlineData("hospitalld")]
    public void A_required_settlement_field_that_is_empty_is_an_error(string field)
    {
        Assert.Equal([("SETL-REQUIRED", field, Error)], Broken(Settlements, Settlement((field, null))));
        Assert.Equal([("SETL-REQUIRED", field, Error)], Broken(Settlements, Settlement((field, " "))));
    }

    [Fact]
    public void A_settlement_needs_an_accession_number_or_a_study_order_id()
    {
        Assert.Empty(Broken(Settlements, Settlement(("accessionNo", null))));
        Assert.Empty(Broken(Settlements, Settlement(("studyOrderId", null))));
        Assert.Equal([("SETL-ACCESSION-OR-ORDER", "accessionNo|studyOrderId", Error)],
            Broken(Settlements, Settlement(("accessionNo", null), ("studyOrderId", ""))));
    }

    [Fact]
    public void A_self_paid_settlement_carries_exactly_twenty_zeros()
    {
        Assert.Empty(Broken(Settlements, Settlement(("setlId", ContractFormats.TwentyZeros), ("feedetlSn", ContractFormats.TwentyZeros))));
        Assert.Equal([("SETL-PLACEHOLDER", "feedetlSn", Error), ("SETL-PLACEHOLDER", "setlId", Error)],
            Broken(Settlements, Settlement(("setlId", "0"), ("feedetlSn", new string('0', 21)))));
        // Insurance values may hold zeros among other characters.
        Assert.Empty(Broken(Settlements, Settlement(("setlId", "45000000000000000001"))));
    }

    [Fact]
    public void A_settlement_without_examPart_is_an_error_naming_the_crosswalk()
    {
        Assert.Equal([("SETL-EXAM-PART-MISSING", "examPart", Error)], Broken(Settlements, Settlement(("examPart", null))));
        Assert.Contains("exam_part_map", CheckRules.SetlExamPartMissing.Chinese, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("b02010zzz")]
    [InlineData("B02010ZZ")]
    [InlineData("B02010ZZZZ")]
    [InlineData("B0201-ZZZ")]
    [InlineData("B02010ZZ ")]
    public void An_examPart_that_is_not_9_upper_case_letters_or_digits_is_an_error(string value)
    {
        Assert.Equal([("SETL-EXAM-PART-FORMAT", "examPart", Error)], Broken(Settlements, Settlement(("examPart", value))));
    }

    // ---- View_Dept_Info ----

    [Theory]
    [InlineData("deptCode")]
    [InlineData("deptName")]
    [InlineData("hospitalld")]
    public void A_required_department_field_that_is_empty_is_an_error(string field)
    {
        Assert.Equal([("DEPT-REQUIRED", field, Error)], Broken(Departments, Department((field, null))));
    }

    // ---- the catalogue ----

    [Fact]
    public void Every_rule_has_a_stable_id_a_severity_and_a_message_in_both_languages()
    {
        Assert.All(CheckRules.All, rule =>
        {
            Assert.Matches("^(REG|EXAM|SETL|DEPT)-[A-Z0-9-]+$", rule.Id);
            Assert.True(Enum.IsDefined(rule.Severity));
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", rule.Chinese);
            Assert.Matches("^[a-z]", rule.English);
        });
        Assert.Equal(CheckRules.All.Count, CheckRules.All.Select(r => r.Id).Distinct().Count());
        string[] warnings = ["REG-ID-LEGACY-15", "REG-ID-FOREIGN", "REG-ID-GUARDIAN", "REG-ID-AGE-MISMATCH", "REG-ID-UNIDENTIFIED", "REG-PHONE-LANDLINE", "EXAM-PART-UNMAPPED", "EXAM-PART-RULES-DISAGREE"];
        Assert.Equal(warnings.Order(), CheckRules.All.Where(r => r.Severity == Warning).Select(r => r.Id).Order());
    }
}
