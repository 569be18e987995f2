using FluentValidation;

namespace ProviderApi.Check;

/// <summary>How much a broken rule matters before go-live.</summary>
public enum RuleSeverity
{
    /// <summary>The cloud cannot use the row as it is: go-live waits until it is fixed.</summary>
    Error,

    /// <summary>What real hospitals legitimately have (a passport, a legacy ID number, ...): worth a look, not a blocker.</summary>
    Warning,
}

/// <summary>
/// One rule of the contract check: a stable id (what a DBA searches for and a report is
/// compared on), its severity, and what it means in Chinese and in English.
/// </summary>
public sealed record CheckRule(string Id, RuleSeverity Severity, string Chinese, string English);

/// <summary>
/// Every rule the check knows, from contract.md. A rule that concerns a field is reported
/// per field (REG-REQUIRED on patientName and on outpatientDeptCode are two lines).
/// </summary>
public static class CheckRules
{
    // View_Register_Info
    public static readonly CheckRule RegRequired = Error("REG-REQUIRED", "必填字段为空", "a required field is empty");
    public static readonly CheckRule RegInpatientRequired = Error("REG-INPATIENT-REQUIRED", "住院患者（patientType 2）的入院/当前科室字段为空；已入床（outpatientType 1）还须有 admissionDateTime", "an inpatient row (patientType 2) lacks an admission or current-department field; once in a bed (outpatientType 1) admissionDateTime too");
    public static readonly CheckRule RegDateTimeFormat = Error("REG-DATETIME-FORMAT", "日期时间不是 yyyy-MM-dd HH:mm:ss 格式的有效时间", "a date-time is not a real time written yyyy-MM-dd HH:mm:ss");
    public static readonly CheckRule RegPatientType = Error("REG-PATIENT-TYPE", "patientType 不在 1/2/3/9 之中", "patientType is not 1, 2, 3 or 9");
    public static readonly CheckRule RegQuitType = Error("REG-QUIT-TYPE", "quitType 不是 0 或 1", "quitType is not 0 or 1");
    public static readonly CheckRule RegOutpatientType = Error("REG-OUTPATIENT-TYPE", "outpatientType 不是 0 或 1", "outpatientType is not 0 or 1");
    public static readonly CheckRule RegSex = Error("REG-SEX", "patientSex 不是性别对照表（sex_map）的输出值", "patientSex is not one of the sex map's outputs (sex_map.sex_text)");
    public static readonly CheckRule RegAgeFormat = Error("REG-AGE-FORMAT", "patientAge 不是整数周岁", "patientAge is not a whole number of years");
    public static readonly CheckRule RegIdChecksum = Error("REG-ID-CHECKSUM", "18 位身份证号校验位错误（GB 11643）", "an 18-character ID number fails the GB 11643 check character");
    public static readonly CheckRule RegIdBirthDate = Error("REG-ID-BIRTH-DATE", "18 位身份证号中的出生日期不是有效日期", "the birth date inside an 18-character ID number is not a real date");
    public static readonly CheckRule RegIdFormat = Error("REG-ID-FORMAT", "证件号既不是身份证号，也不像护照或港澳台通行证", "the number is neither a resident ID number nor shaped like a passport or a Hong Kong/Macao/Taiwan permit");
    public static readonly CheckRule RegIdLegacy15 = Warning("REG-ID-LEGACY-15", "15 位旧身份证号（请尽量更新为 18 位）", "a 15-digit legacy ID number (update it to 18 where possible)");
    public static readonly CheckRule RegIdForeign = Warning("REG-ID-FOREIGN", "护照或港澳台通行证等非身份证号证件", "a passport or Hong Kong/Macao/Taiwan permit, not a resident ID number");
    public static readonly CheckRule RegIdGuardian = Warning("REG-ID-GUARDIAN", "0 岁患者使用的身份证号出生日期不是本人的（新生儿用监护人证件登记？）", "a patient of age 0 under an ID number with another birth date (a newborn registered under a guardian's ID?)");
    public static readonly CheckRule RegIdAgeMismatch = Warning("REG-ID-AGE-MISMATCH", "身份证号中的出生日期与 patientAge 不符", "the birth date inside the ID number disagrees with patientAge");
    public static readonly CheckRule RegIdUnidentified = Warning("REG-ID-UNIDENTIFIED", "无名氏（身份不明的急诊患者），无身份证号", "an unidentified emergency patient (无名氏) without an ID number");
    public static readonly CheckRule RegPhoneFormat = Error("REG-PHONE-FORMAT", "mobilePhone 不是 11 位手机号（1[3-9] 开头），也不是固定电话", "mobilePhone is neither an 11-digit mobile number (1[3-9]...) nor a landline");
    public static readonly CheckRule RegPhoneLandline = Warning("REG-PHONE-LANDLINE", "mobilePhone 是固定电话，不是手机号", "mobilePhone is a landline, not a mobile number");
    public static readonly CheckRule RegHospitalld = Error("REG-HOSPITALLD", "hospitalld 不是 H + 11 位数字，或仍是占位值 H00000000000", "hospitalld is not H + 11 digits, or is still the placeholder H00000000000");
    public static readonly CheckRule RegNumberDuplicate = Error("REG-NUMBER-DUPLICATE", "outpatientNumber 在视图中重复（云平台按它去重）", "outpatientNumber repeats in the view (the cloud de-duplicates on it)");

    // View_ProjectItemCode_Info
    public static readonly CheckRule ExamRequired = Error("EXAM-REQUIRED", "必填字段为空", "a required field is empty");
    public static readonly CheckRule ExamPriceFormat = Error("EXAM-PRICE-FORMAT", "examPrice 不是两位小数的金额（如 500.00）", "examPrice is not an amount with exactly two decimals (e.g. 500.00)");
    public static readonly CheckRule ExamCheckStatus = Error("EXAM-CHECK-STATUS", "checkStatus 不是 0 或 1", "checkStatus is not 0 or 1");
    public static readonly CheckRule ExamSourceType = Error("EXAM-SOURCE-TYPE", "sourceType 不是 1 或 2", "sourceType is not 1 or 2");
    public static readonly CheckRule ExamHospitalld = Error("EXAM-HOSPITALLD", RegHospitalld.Chinese, RegHospitalld.English);
    public static readonly CheckRule ExamCodeDuplicate = Error("EXAM-CODE-DUPLICATE", "examCode 在同一机构（hospitalld）内重复", "examCode repeats within one institution (hospitalld)");
    public static readonly CheckRule ExamPartUnmapped = Warning("EXAM-PART-UNMAPPED", "检查项目未在检查部位对照表（exam_part_map）中对照，也没有匹配的对照规则（exam_part_rule）；收费后其结算行 examPart 为空", "an exam item has no row in the examPart crosswalk (exam_part_map) and no crosswalk rule (exam_part_rule) matches it; once billed, its settlement rows have no examPart");
    public static readonly CheckRule ExamPartRulesDisagree = Warning("EXAM-PART-RULES-DISAGREE", "检查项目匹配多条给出不同编码的对照规则：采用编号最小的一条（具体规则写在通用规则之前是常规写法，请确认）", "an exam item matches rules that give different codes: the lowest rule_no is used (a specific rule above a general one is the usual way to write rules; make sure this is meant)");
    public static readonly CheckRule ExamPartUnknown = Error("EXAM-PART-UNKNOWN", "对照规则或单项对照的编码不在标准编码表（exam_part_code）中", "a rule's or an override's code is not in the standard's code table (exam_part_code)");

    // view_setlInfoList
    public static readonly CheckRule SetlRequired = Error("SETL-REQUIRED", "必填字段为空", "a required field is empty");
    public static readonly CheckRule SetlAccessionOrOrder = Error("SETL-ACCESSION-OR-ORDER", "accessionNo 与 studyOrderId 都为空（至少填一个）", "both accessionNo and studyOrderId are empty (one is required)");
    public static readonly CheckRule SetlPlaceholder = Error("SETL-PLACEHOLDER", "全为 0 但不是恰好 20 个 0（自费的固定值为 00000000000000000000）", "all zeros but not exactly twenty (the self-paid placeholder is 00000000000000000000)");
    public static readonly CheckRule SetlExamPartMissing = Error("SETL-EXAM-PART-MISSING", "examPart 为空：该检查项目未在 exam_part_map 中对照，也没有匹配的规则（exam_part_rule）", "examPart is empty: the exam item is not in the exam_part_map crosswalk and no rule (exam_part_rule) matches it");
    public static readonly CheckRule SetlExamPartFormat = Error("SETL-EXAM-PART-FORMAT", "examPart 不是 9 位大写字母或数字（WS/T 364.8-2023）", "examPart is not 9 upper-case letters or digits (WS/T 364.8-2023)");
    public static readonly CheckRule SetlHospitalld = Error("SETL-HOSPITALLD", RegHospitalld.Chinese, RegHospitalld.English);

    // View_Dept_Info
    public static readonly CheckRule DeptRequired = Error("DEPT-REQUIRED", "必填字段为空", "a required field is empty");
    public static readonly CheckRule DeptHospitalld = Error("DEPT-HOSPITALLD", RegHospitalld.Chinese, RegHospitalld.English);
    public static readonly CheckRule DeptCodeDuplicate = Error("DEPT-CODE-DUPLICATE", "deptCode 在同一机构（hospitalld）内重复", "deptCode repeats within one institution (hospitalld)");

    private static readonly Dictionary<string, CheckRule> ById = typeof(CheckRules)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(CheckRule))
        .Select(f => (CheckRule)f.GetValue(null)!)
        .ToDictionary(r => r.Id, StringComparer.Ordinal);

    /// <summary>The view whose rows a rule is reported on, by the rule's prefix (REG-, EXAM-, SETL-, DEPT-).</summary>
    public static string ViewOf(CheckRule rule) => rule.Id.Split('-')[0] switch
    {
        "REG" => "View_Register_Info",
        "EXAM" => "View_ProjectItemCode_Info",
        "SETL" => "view_setlInfoList",
        "DEPT" => "View_Dept_Info",
        _ => throw new InvalidOperationException($"The rule {rule.Id} has no view prefix."),
    };

    /// <summary>Every rule, by id.</summary>
    public static IReadOnlyCollection<CheckRule> All => ById.Values;

    /// <summary>The rule with this id, or null.</summary>
    public static CheckRule? Find(string id) => ById.GetValueOrDefault(id);

    public static CheckRule Get(string id) => ById.TryGetValue(id, out var rule)
        ? rule
        : throw new InvalidOperationException($"No check rule has the id '{id}'.");

    private static CheckRule Error(string id, string chinese, string english) => new(id, RuleSeverity.Error, chinese, english);

    private static CheckRule Warning(string id, string chinese, string english) => new(id, RuleSeverity.Warning, chinese, english);

    /// <summary>Marks a FluentValidation rule as breaking <paramref name="rule"/>: its id is the error code, its severity the failure's.</summary>
    public static IRuleBuilderOptions<T, TProperty> Breaks<T, TProperty>(this IRuleBuilderOptions<T, TProperty> builder, CheckRule rule) =>
        builder
            .WithErrorCode(rule.Id)
            .WithSeverity(rule.Severity == RuleSeverity.Error ? Severity.Error : Severity.Warning)
            .WithMessage(rule.English);
}
