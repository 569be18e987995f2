using ProviderApi.Data.Migrations;

namespace ProviderApi.Discovery;

/// <summary>What a source-view column holds, as far as its values can show it.</summary>
public enum FieldKind
{
    IdNumber,
    Mobile,
    PersonName,
    Sex,
    BirthDate,
    EventTime,
    OptionalTime,
    Key,
    CardNo,
    Code,
    OrgCode,
    SmallCode,
    DeptName,
    ExamName,
    DiagnosisName,
    DiagnosisCode,
    Modality,
    BodyPart,
    Money,
    Flag,
    FlagOrTime,
    FreeText,
}

/// <summary>
/// One column of a source view and what discover looks for: the kind of its values, the words
/// its name is written with (English, pinyin initials, vendors' abbreviations), words that mark
/// a look-alike (a guardian's phone, an operator's name, an insert time), and for a column that
/// usually lives in another table than the view's own (a doctor's name), that table's words.
/// </summary>
public sealed record FieldSpec(string View, string Column, FieldKind Kind, string[] Hints, string[] Avoid, bool Anchor, string[]? TableHints = null, string[]? AvoidTables = null)
{
    public override string ToString() => $"{View}.{Column}";
}

/// <summary>The specification of every column of every source view (<see cref="SourceViewColumns.ByView"/>).</summary>
public static class FieldSpecs
{
    /// <summary>Words of each source view's own table.</summary>
    public static IReadOnlyDictionary<string, string[]> ViewTables { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["src_patient"] = ["pat master index", "patient", "patient info", "patients", "pat", "br", "brxx", "brjbxx", "hz", "hzxx", "person", "empi", "mpi", "brda", "brdaxx", "jbxx", "master index"],
        ["src_outpatient_visit"] = ["clinic master", "outp", "outpatient", "clinic", "mz", "ghxx", "mzgh", "gh", "register", "registration", "registrations", "visit", "visits", "encounter", "opd", "mzjz", "jzjl", "ghjl"],
        ["src_inpatient_visit"] = ["pat visit", "inpatient", "inp", "zy", "brry", "ryxx", "zybr", "ryjl", "admission", "admissions", "hospitalization", "stay", "stays", "zyjl", "ipd", "zydj", "rydj"],
        [SourceViewColumns.Cancelled] = ["pat visit", "inpatient", "inp", "zy", "brry", "ryxx", "zybr", "admission", "admissions", "hospitalization", "stay", "zyjl", "ipd", "zydj", "rydj"],
        ["src_exam_item"] = ["exam item dict", "clinic item dict", "exam item", "exam items", "item dict", "exam", "jc", "xmzd", "jcxm", "jcxmzd", "exam dict", "item", "items", "xm", "procedure", "procedures"],
        ["src_settlement"] = ["settle", "settlement", "settlements", "js", "jsmx", "rcpt", "bill", "bills", "fee", "fees", "sf", "charge", "charges", "fymx", "billing", "setl", "sfmx"],
        ["src_dept"] = ["dept dict", "dept", "depts", "department", "departments", "ks", "kszd", "ksxx", "ksdm", "ks zd"],
    };

    private static readonly string[] StaffTables = ["staff dict", "staff", "emp", "employee", "employees", "doctor", "doctors", "ys", "user", "users", "zg", "yg", "ysxx", "zgxx", "physician", "physicians", "gy ry", "ryzd", "ygxx", "zgzd"];
    private static readonly string[] PatientTables = ["patient", "patients", "pat master index", "br", "brxx", "hz", "person"];
    private static readonly string[] DeptTables = ["dept dict", "dept", "department", "departments", "ks", "kszd", "ksxx", "ks zd"];
    private static readonly string[] OrgTables = ["org dict", "org", "organization", "hospital", "institution", "jg", "jgxx", "yljg", "yy"];

    private static readonly string[] TimeLookAlikes = ["create", "created", "insert", "inserted", "update", "updated", "modify", "modified", "cjsj", "xgsj", "lrsj", "czsj", "gxsj", "last", "sync", "birth", "csrq", "print"];
    private static readonly string[] OtherPeople = ["guardian", "jhr", "lxr", "contact", "emergency", "jjlxr", "family", "relative", "mother", "father", "spouse", "operator", "czy", "nurse", "hs", "sfy", "user", "doctor", "ys", "staff", "emp"];

    private static readonly string[] IdHints = ["id card no", "id card", "idcard", "idcard no", "id no", "id number", "identity no", "identity card", "identity", "sfzh", "sfzhm", "zjhm", "sfz", "certificate no", "cert no", "zjh", "sfzjhm", "national id"];
    private static readonly string[] DoctorIdHints = ["doctor id card", "ys sfzh", "yssfzh", .. IdHints];
    private static readonly string[] DoctorNameHints = ["doctor name", "doctor", "ysxm", "physician", "physician name", "ys name", "jzys", "jzysxm", "doctor in charge", "ysmc", "name", "xm", "zgxm", "ygxm"];
    private static readonly string[] DoctorCodeHints = ["doctor no", "doctor id", "doctor code", "ysdm", "ysgh", "ysbm", "ysid", "emp no", "staff id", "staff no", "doctor uid", "physician id", "user id", "gh", "zgdm", "ygdm", "jzysdm"];
    private static readonly string[] DoctorInsuranceHints = ["insur doctor code", "doctor insurance code", "ybysdm", "ysybdm", "yb doctor code", "national doctor code", "insurance doctor code", "ybdm", "ybbm", "insurance code", "gjysdm"];
    private static readonly string[] NotDoctor = ["patient", "br", "hz", "operator", "czy", "nurse", "hs", "guardian", "jhr", "lxr"];
    private static readonly string[] DeptNameHints = ["dept name", "department name", "ksmc", "ks name", "department", "name", "mc"];
    private static readonly string[] DiagnosisCodeHints = ["diagnosis code", "diag code", "icd", "icd10", "icd code", "zddm", "zdbm", "jbdm", "zd code", "diagnosis icd", "ryzddm", "zyzddm"];
    private static readonly string[] DiagnosisNameHints = ["diagnosis name", "diagnosis", "diag name", "diag", "zdmc", "zd", "jbmc", "zdnr", "ryzdmc", "zyzdmc"];
    private static readonly string[] HospitalHints = ["hospital id", "hospital code", "org code", "insur org code", "yljgdm", "jgdm", "org id", "institution code", "yydm", "jgbm", "hosp code", "ybjgdm", "hospitalld"];
    private static readonly string[] CodeNotName = ["name", "mc", "xm", "desc"];

    /// <summary>The patient's columns, which both visit views carry too.</summary>
    private static FieldSpec[] Patient(string view, bool anchor) =>
    [
        new(view, "id_card_no", FieldKind.IdNumber, IdHints, OtherPeople, anchor),
        new(view, "health_card_no", FieldKind.CardNo, ["health card no", "health card", "jkkh", "dzjkk", "dzjkkh", "ehc", "jkk", "health card id", "ehealth card"], OtherPeople, false),
        new(view, "insurance_card_no", FieldKind.CardNo, ["insurance card no", "insurance no", "insurance card", "ybkh", "yb card", "ylzh", "card no", "jzkh", "medical card", "medical card no", "ykth", "kh"], OtherPeople, false),
        new(view, "inpatient_no", FieldKind.CardNo, ["inp no", "inpatient no", "zyh", "zy no", "bah", "mrn", "medical record no", "bahm", "record no"], [.. OtherPeople, "visit"], false),
        new(view, "medicare_no", FieldKind.CardNo, ["medicare no", "medicare", "ybm", "ybdzpz", "dzybm", "yb code", "insurance code", "medicare code", "ybpz"], OtherPeople, false),
        new(view, "mobile_phone", FieldKind.Mobile, ["mobile phone", "mobile", "phone", "tel", "telephone", "cell", "lxdh", "sjhm", "sjh", "dh", "phone number", "mobile no", "cellphone", "brdh", "hzdh"], [.. OtherPeople, "home", "office", "work", "company", "dw"], anchor),
        new(view, "patient_name", FieldKind.PersonName, ["patient name", "name", "xm", "brxm", "hzxm", "pat name", "full name", "person name", "brmc"], [.. OtherPeople, "dept", "ks", "item", "exam", "org", "phonetic", "pinyin", "py", "alias", "input", "short", "diagnosis", "zd"], anchor),
        new(view, "sex_code", FieldKind.Sex, ["sex", "gender", "xb", "sex code", "xbdm", "brxb"], OtherPeople, anchor),
        new(view, "date_of_birth", FieldKind.BirthDate, ["date of birth", "birth date", "birthday", "dob", "csrq", "birth", "birth day", "csny", "brcsrq"], OtherPeople, anchor),
    ];

    /// <summary>Every field, in the order of <see cref="SourceViewColumns.ByView"/>.</summary>
    public static IReadOnlyList<FieldSpec> All { get; } = Build();

    private static List<FieldSpec> Build()
    {
        const string Out = "src_outpatient_visit";
        const string Inp = "src_inpatient_visit";
        const string Exam = "src_exam_item";
        const string Setl = "src_settlement";
        const string Dept = "src_dept";
        var specs = new List<FieldSpec>
        {
            new("src_patient", "patient_id", FieldKind.Key, ["patient id", "pat id", "pid", "patient no", "brid", "br id", "patient code", "person id", "hzid", "empi", "mpi", "brbh", "patient key", "id"], [.. OtherPeople, "card", "visit"], true),
        };
        specs.AddRange(Patient("src_patient", anchor: true));

        specs.AddRange(
        [
            new(Out, "visit_no", FieldKind.Key, ["visit no", "visit id", "clinic no", "outp no", "register no", "registration no", "registration id", "mzh", "ghxh", "jzh", "ghh", "jzxh", "mzxh", "ghid", "reg no", "encounter id", "visit number", "id"], ["patient", "br", "dept", "doctor"], true),
            new(Out, "patient_type", FieldKind.SmallCode, ["patient type", "visit type", "clinic type", "jzlx", "ghlb", "brlx", "hzlx", "type", "lb", "mzlx", "ghlx"], ["charge", "insurance", "fy"], false),
            new(Out, "register_time", FieldKind.EventTime, ["register time", "registering date", "register date", "registration time", "registered at", "reg time", "ghrq", "ghsj", "gh time", "registered"], [.. TimeLookAlikes, "visit", "return", "cancel", "th"], true),
            new(Out, "visit_time", FieldKind.EventTime, ["visit time", "visit date", "clinic date", "jzrq", "jzsj", "visit at", "appointment time", "yyrq", "yysj", "see time", "visit datetime", "kzrq"], [.. TimeLookAlikes, "register", "return", "cancel", "th"], true),
            new(Out, "dept_code", FieldKind.Code, ["dept code", "department code", "dept", "ksdm", "ks code", "dept id", "visit dept", "jzks", "ghks", "ks", "department id", "ksbm", "jzksdm", "ghksdm"], CodeNotName, true),
            new(Out, "dept_name", FieldKind.DeptName, DeptNameHints, ["patient", "doctor", "org", "item"], false, DeptTables),
            new(Out, "doctor_name", FieldKind.PersonName, DoctorNameHints, NotDoctor, true, StaffTables, PatientTables),
            new(Out, "doctor_his_uid", FieldKind.Code, DoctorCodeHints, [.. NotDoctor, "name", "mc", "xm", "insur", "yb", "id card", "sfz"], false, StaffTables, PatientTables),
            new(Out, "doctor_insurance_code", FieldKind.Code, DoctorInsuranceHints, NotDoctor, false, StaffTables, PatientTables),
            new(Out, "doctor_id_card_no", FieldKind.IdNumber, DoctorIdHints, NotDoctor, false, StaffTables, PatientTables),
            new(Out, "withdrawn", FieldKind.FlagOrTime, ["withdrawn", "returned", "returned date", "return flag", "cancel", "cancelled", "thbz", "th", "tfbz", "zfbz", "thrq", "thsj", "refund", "void", "is cancel", "cancel flag", "canceled", "returned at", "cancelled at", "tuihao", "zf"], ["admission", "operator", "czy"], true),
            new(Out, "seen", FieldKind.Flag, ["seen", "visited", "registration status", "jzbz", "jzzt", "status", "is seen", "zt", "visit status", "done", "ghzt", "jzzt"], ["return", "cancel", "th", "zf"], true),
            new(Out, "diagnosis_code", FieldKind.DiagnosisCode, DiagnosisCodeHints, [], false),
            new(Out, "diagnosis_name", FieldKind.DiagnosisName, DiagnosisNameHints, [], false),
            new(Out, "hospital_id", FieldKind.OrgCode, HospitalHints, CodeNotName, false, OrgTables),
        ]);
        specs.AddRange(Patient(Out, anchor: false));

        specs.AddRange(
        [
            new(Inp, "admission_no", FieldKind.Key, ["admission no", "inp visit no", "zyh", "zylsh", "zy no", "visit id", "inpatient visit no", "admission id", "hospitalization no", "zyid", "jzid", "stay id", "ryid", "zyxh", "id"], ["patient", "br", "dept", "doctor"], true),
            new(Inp, "register_time", FieldKind.EventTime, ["register date time", "register time", "register date", "rydjrq", "djrq", "djsj", "rydjsj", "registered at", "registration time"], [.. TimeLookAlikes, "admission", "discharge", "cancel"], false),
            new(Inp, "admission_time", FieldKind.EventTime, ["admission date time", "admission time", "admission date", "ryrq", "rysj", "admit date", "admitted at", "in date", "admit time", "rqrq"], [.. TimeLookAlikes, "discharge", "cancel", "register"], true),
            new(Inp, "discharge_time", FieldKind.OptionalTime, ["discharge date time", "discharge time", "discharge date", "cyrq", "cysj", "out date", "discharged at", "discharge at"], [.. TimeLookAlikes, "admission", "cancel"], true),
            new(Inp, "cancel_time", FieldKind.OptionalTime, ["cancel date time", "cancel time", "cancel date", "qxrq", "qxsj", "zfrq", "zfsj", "cancelled at", "canceled at", "void time", "cancel at"], [.. TimeLookAlikes, "admission", "discharge"], false),
            new(Inp, "admit_dept_code", FieldKind.Code, ["dept admission to", "admit dept", "admission dept", "ryks", "ryksdm", "in dept", "admit dept code", "admission dept code", "dept code", "ksdm", "dept"], CodeNotName, true),
            new(Inp, "admit_dept_name", FieldKind.DeptName, ["admit dept name", "ryksmc", "admission dept name", .. DeptNameHints], ["patient", "doctor", "org", "item"], false, DeptTables),
            new(Inp, "admit_doctor_name", FieldKind.PersonName, ["admitting doctor", "doctor in charge", "zzys", "zyys", "admit doctor", "sjys", .. DoctorNameHints], NotDoctor, false, StaffTables, PatientTables),
            new(Inp, "admit_doctor_his_uid", FieldKind.Code, ["admitting doctor no", "admit doctor id", "zzysdm", "admitting doctor id", "admit doctor code", .. DoctorCodeHints], [.. NotDoctor, "name", "mc", "xm", "insur", "yb", "id card", "sfz"], false, StaffTables, PatientTables),
            new(Inp, "admit_doctor_insurance_code", FieldKind.Code, DoctorInsuranceHints, NotDoctor, false, StaffTables, PatientTables),
            new(Inp, "admit_doctor_id_card_no", FieldKind.IdNumber, DoctorIdHints, NotDoctor, false, StaffTables, PatientTables),
            new(Inp, "current_dept_code", FieldKind.Code, ["current dept", "current dept code", "dqks", "dqksdm", "dept discharge from", "cyks", "now dept", "cur dept", "dept code", "ksdm", "dept"], CodeNotName, false),
            new(Inp, "current_dept_name", FieldKind.DeptName, ["current dept name", "dqksmc", .. DeptNameHints], ["patient", "doctor", "org", "item"], false, DeptTables),
            new(Inp, "ward_no", FieldKind.Code, ["ward", "ward code", "ward no", "bq", "bqdm", "bqbm", "nursing unit", "bq code", "ward id"], CodeNotName, true),
            new(Inp, "bed_no", FieldKind.Code, ["bed", "bed no", "cwh", "ch", "bed number", "cwdm", "bed code", "bed id", "cw"], CodeNotName, true),
            new(Inp, "diagnosis_code", FieldKind.DiagnosisCode, DiagnosisCodeHints, [], false),
            new(Inp, "diagnosis_name", FieldKind.DiagnosisName, DiagnosisNameHints, [], false),
            new(Inp, "hospital_id", FieldKind.OrgCode, HospitalHints, CodeNotName, false, OrgTables),
        ]);
        specs.AddRange(Patient(Inp, anchor: false));

        specs.Add(new(SourceViewColumns.Cancelled, "admission_no", FieldKind.Key, ["admission no", "inp visit no", "zyh", "zylsh", "zy no", "visit id", "admission id", "zyid", "stay id", "id"], ["patient", "br"], true));

        specs.AddRange(
        [
            new(Exam, "exam_code", FieldKind.Code, ["exam code", "item code", "exam item code", "jcxmdm", "xmdm", "xmbm", "jcdm", "item id", "exam id", "code", "dm", "procedure code", "jcxmbm"], ["drug", "yp", "ypdm", "med", "class", "lb", "dept", "ks", .. CodeNotName], true),
            new(Exam, "exam_name", FieldKind.ExamName, ["exam name", "item name", "jcxmmc", "xmmc", "jcmc", "name", "mc", "procedure name", "exam item name"], ["drug", "yp", "class", "dept", "ks", "py", "input"], true),
            new(Exam, "modality", FieldKind.Modality, ["modality", "device type", "sblx", "jclx", "exam class", "exam type", "yxlx", "equipment type", "modality code", "sbdm"], [], true),
            new(Exam, "body_part", FieldKind.BodyPart, ["body part", "jcbw", "bw", "part", "site", "position", "region", "body site", "buwei"], [], true),
            new(Exam, "price", FieldKind.Money, ["price", "fee", "cost", "charges", "dj", "jg", "unit price", "fy", "je", "amount", "money", "xmdj"], ["quantity", "sl", "count"], true),
            new(Exam, "is_valid", FieldKind.Flag, ["is valid", "valid", "stop indicator", "enabled", "active", "status", "tybz", "yxbz", "zfbz", "sybz", "disabled", "deleted", "jlzt", "zt", "stop", "is active", "in use"], [], true),
            new(Exam, "source_type", FieldKind.SmallCode, ["source type", "source", "ly", "lylx", "sjly", "data source"], [], false),
            new(Exam, "hospital_id", FieldKind.OrgCode, HospitalHints, CodeNotName, false, OrgTables),

            new(Setl, "accession_no", FieldKind.Key, ["accession no", "exam no", "jch", "jcdh", "study no", "accession", "jcbh", "exam id", "jclsh", "accession number", "study id"], ["item", "apply", "request", "order"], true),
            new(Setl, "study_order_id", FieldKind.Key, ["apply no", "order id", "sqdh", "sqd", "request no", "yzh", "study order id", "order no", "sqdbh", "yzid", "application no", "request id", "sqdid"], ["item"], false),
            new(Setl, "setl_id", FieldKind.Key, ["setl id", "insur setl id", "settle id", "settlement id", "jsid", "jslsh", "ybjsid", "jsh", "setl no", "settlement no", "ybjslsh"], ["detail", "mx"], true),
            new(Setl, "med_list_code", FieldKind.Code, ["med list codg", "med list code", "ybbm", "ybdm", "ybxmbm", "national code", "gjbm", "ybmlbm", "yb code", "catalog code", "insur code", "ybxmdm"], ["doctor", "ys", .. CodeNotName], true),
            new(Setl, "fee_detail_sn", FieldKind.Key, ["fee detail sn", "insur feedetl sn", "feedetl sn", "mxlsh", "fymxlsh", "detail sn", "fee sn", "ybmxlsh", "line sn", "fee detail id", "detail id"], [], true),
            new(Setl, "exam_item_code", FieldKind.Code, ["exam item code", "jcxmdm", "item code", "xmdm", "exam code", "sfxmdm", "exam item", "jcxm"], ["drug", "yp", "med", "yb", .. CodeNotName], true),
            new(Setl, "settle_time", FieldKind.EventTime, ["settle time", "settling date", "settlement date", "settlement time", "jsrq", "jssj", "visit date time", "charge time", "sfrq", "sfsj", "paid at", "settled at", "setl time"], [.. TimeLookAlikes, "billing", "apply", "request"], true),
            new(Setl, "self_paid", FieldKind.Flag, ["self paid", "charge type", "zifei", "fylb", "jslb", "settle type", "insurance type", "ybbz", "zflb", "is self pay", "self pay", "xzlx", "zfbz", "fb"], [], false),
            new(Setl, "hospital_id", FieldKind.OrgCode, HospitalHints, CodeNotName, false, OrgTables),

            new(Dept, "dept_code", FieldKind.Key, ["dept code", "ksdm", "ks code", "department code", "dept id", "ksbm", "code", "dm", "id"], CodeNotName, true),
            new(Dept, "dept_name", FieldKind.DeptName, ["dept name", "ksmc", "department name", "mc", "name", "ks name"], ["alias", "py", "input", "short"], true),
            new(Dept, "remark", FieldKind.FreeText, ["remark", "dept alias", "alias", "bz", "memo", "note", "description", "ms", "beizhu", "jc", "short name", "bm"], [], false),
            new(Dept, "hospital_id", FieldKind.OrgCode, HospitalHints, CodeNotName, false, OrgTables),
        ]);
        return specs;
    }
}
