using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Npgsql;

namespace ProviderApi.Benchmarks;

/// <summary>How much history a generated reference HIS holds.</summary>
/// <param name="Database">The database's name.</param>
/// <param name="Patients">Patients (PAT_MASTER_INDEX); the same in every size, so that visits of the same number are the same rows.</param>
/// <param name="Departments">Departments (DEPT_DICT).</param>
/// <param name="Staff">Doctors and technicians (STAFF_DICT).</param>
/// <param name="ExamItems">Exam items (CLINIC_ITEM_DICT with CLINIC_VS_CHARGE and PRICE_LIST).</param>
/// <param name="Registrations">Outpatient registrations (CLINIC_MASTER), one every 63 s back from 30 days ahead.</param>
/// <param name="Stays">Inpatient stays (PAT_VISIT), one every 1261 s back from now.</param>
/// <param name="Settlements">Imaging settlements (OUTP_RCPT_MASTER, OUTP_BILL_ITEMS, EXAM_MASTER, EXAM_ITEMS), one every 157 s back from now.</param>
public sealed record HisSize(string Database, int Patients, int Departments, int Staff, int ExamItems, int Registrations, int Stays, int Settlements)
{
    /// <summary>Rows written, for the report.</summary>
    public long Rows => Patients + Departments + Staff + (ExamItems * 4L) + Registrations + Stays + (Settlements * 4L);
}

/// <summary>
/// Fills the reference HIS tables (sql/postgresql/demo/01_his_schema.sql or
/// sql/mysql/demo/01_his_schema.sql) set-based, with INSERT ... SELECT over a series of numbers
/// (generate_series; MariaDB's Sequence engine): every row is a pure function of its number n and
/// of one anchor time, so a database with fewer registrations holds exactly the newest rows of a
/// larger one (row n is the same row in both), and the two differ only in how far their history
/// goes back. The statements are written once, in the terms of <see cref="HisDialect"/>, and give
/// the same rows on both engines (but the bed numbers, from each engine's own string hash).
/// Work is cut into units (a table and a range of n) that two connections take in turn.
/// </summary>
public static class HisGenerator
{
    /// <summary>Rows per unit of the large tables: small enough to share two cores evenly.</summary>
    public const int Chunk = 1_000_000;

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "兰", "红", "建", "国", "文"];
    private static readonly string[] SecondNames = ["一", "子", "晓", "海", "春", "志", "天", "思", "雨", "佳"];
    private static readonly string[] ExamClassCodes = ["CT", "CTA", "MR", "MRA", "DR", "CR", "DX", "US", "USC", "ECHO", "DSA", "MG", "RF", "NM", "PET", "PETCT", "ES", "OCT", "BMD", "XA"];
    private static readonly string[] BodyParts = ["头颅", "胸部", "腹部", "盆腔", "颈部", "腰椎", "颈椎", "胸椎", "膝关节", "肩关节", "髋关节", "踝关节", "腕关节", "肘关节", "心脏", "肝脏", "胆囊", "胰腺", "肾脏", "甲状腺", "乳腺", "前列腺", "子宫附件", "眼眶", "鼻窦", "内耳", "四肢血管", "冠状动脉", "全身", "下颌"];
    private static readonly string[] Techniques = ["CT", "CT血管成像", "磁共振", "磁共振血管成像", "DR摄影", "CR摄影", "数字X线", "超声", "彩色多普勒超声", "心脏超声", "血管造影", "乳腺钼靶", "透视造影", "核素显像", "PET", "PET-CT", "内镜", "光学相干断层", "骨密度", "介入造影"];
    private static readonly string[] Variants = ["平扫", "增强", "平扫+增强", "三维重建", "薄层扫描", "动态扫描"];
    private static readonly string[] ChargeTypes = ["自费", "职工医保", "居民医保"];

    // The row functions, written into each statement where they are used (as PostgreSQL would
    // inline an SQL function): a name, an ID number, a sex, an exam item's code and name.
    private static string PersonName(HisDialect d, string i) =>
        d.Cat(d.Pick($"1 + ({i}) % 30", Surnames), d.Pick($"1 + {d.Div(i, "30")} % 30", GivenNames),
            $"CASE WHEN ({i}) % 3 = 0 THEN {d.Pick($"1 + {d.Div(i, "900")} % 10", SecondNames)} ELSE '' END");

    // GB 11643 with the constant division code 450000 (one no real person has): the birth date's
    // digits and their weighted sum come from birth_day, the sequence's here, then the check digit.
    private static string IdNo(HisDialect d, string ymd, string weighted, string seq) =>
        d.Cat("'450000'", ymd, d.Pad(seq, 3),
            $"substr('10X98765432', {d.Whole($"1 + ({weighted} + {d.Div(seq, "100")} * 8 + ({d.Div(seq, "10")} % 10) * 4 + (({seq}) % 10) * 2) % 11")}, 1)");

    private static string PatientSex(string i) => $"CASE WHEN ({i}) % 997 = 0 THEN '未知' WHEN ({i}) % 2 = 0 THEN '女' ELSE '男' END";

    private static string ExamClass(HisDialect d, string i) => d.Pick($"1 + (({i}) - 1) % 20", ExamClassCodes);

    private static string ItemCode(HisDialect d, string i) => d.Cat(ExamClass(d, i), d.Pad(i, 6));

    private static string BodyPart(HisDialect d, string i) => d.Pick($"1 + {d.Div($"({i}) - 1", "20")} % 30", BodyParts);

    private static string ItemName(HisDialect d, string i) =>
        d.Cat(BodyPart(d, i), d.Pick($"1 + (({i}) - 1) % 20", Techniques), d.Pick($"1 + {d.Div($"({i}) - 1", "600")} % 6", Variants),
            $"CASE WHEN ({i}) > 3600 THEN {d.Cat("'（'", d.Text(d.Div($"({i}) - 1", "3600")), "'）'")} ELSE '' END");

    private static string Price(string i) => $"20 + (({i}) * 131) % 2000";

    // The birth dates used (day k after 1935-01-01) with their digits' GB 11643 weighted sum,
    // the division code 450000 included: a temporary table of the session, nothing left behind.
    private static string BirthDays(HisDialect d)
    {
        string Year(string by) => d.Div(d.DatePart("year", "d"), by);
        var year = d.DatePart("year", "d");
        var month = d.DatePart("month", "d");
        var day = d.DatePart("day", "d");
        return d.TemporaryTable("birth_day", $"""
            SELECT k, d AS dob, {d.Ymd("d")} AS ymd,
                   4 * 7 + 5 * 9
                   + {Year("1000")} * 2 + ({Year("100")} % 10) * 1 + ({Year("10")} % 10) * 6 + ({year} % 10) * 3
                   + {d.Div(month, "10")} * 7 + ({month} % 10) * 9 + {d.Div(day, "10")} * 10 + ({day} % 10) * 5 AS weighted
            FROM (SELECT k, {d.DatePlusDays("1935-01-01", "k")} AS d FROM {d.Series("k", 0, 31999)}) g
            """) + ";\nALTER TABLE birth_day ADD PRIMARY KEY (k)";
    }

    private static string Departments(HisDialect d) => $"""
        INSERT INTO {d.His("dept_dict")} (serial_no, dept_code, dept_name, dept_alias, clinic_attr, outp_or_inp, internal_or_sergery, input_code, stop_indicator)
        SELECT i, {d.Pad("i", 4)},
               {d.Cat("base", $"CASE WHEN i > 25 THEN {d.Cat(d.Text($"{d.Div("i - 1", "25")} + 1"), "'病区'")} ELSE '' END")},
               CASE WHEN i % 7 = 0 THEN base END,
               CASE WHEN (i - 1) % 25 >= 20 THEN '1' WHEN i % 10 = 0 THEN '2' ELSE '0' END,
               '2', CASE WHEN (i - 1) % 25 BETWEEN 6 AND 16 THEN '1' ELSE '0' END,
               {d.Cat("'KS'", "i")}, CASE WHEN i % 50 = 0 THEN 1 ELSE 0 END
        FROM (SELECT i, {d.Pick("1 + (i - 1) % 25", "心血管内科", "呼吸内科", "消化内科", "神经内科", "内分泌科", "肾内科", "普外科", "骨科", "神经外科", "泌尿外科", "胸外科", "妇科", "产科", "儿科", "眼科", "耳鼻喉科", "口腔科", "皮肤科", "中医科", "急诊科", "放射科", "超声科", "核医学科", "介入科", "内镜中心")} AS base
              FROM {d.Series("i")}) g
        """;

    private static string Staff(HisDialect d) => $"""
        INSERT INTO {d.His("staff_dict")} (emp_no, dept_code, name, input_code, job, title, user_name, id_no, insur_doctor_code)
        SELECT {d.Cat("'E'", d.Pad("i", 5))}, {d.Pad("1 + i % @departments", 4)}, {PersonName(d, "i + 7")},
               {d.Cat("'YS'", "i")}, CASE WHEN i % 9 = 0 THEN '技术员' ELSE '医生' END,
               {d.Pick("1 + i % 4", "住院医师", "主治医师", "副主任医师", "主任医师")}, {d.Cat("'u'", "i")},
               {IdNo(d, "b.ymd", "b.weighted", "i % 1000")}, {d.Cat("'D450000'", d.Pad("i", 8))}
        FROM {d.Series("i")}
        JOIN birth_day b ON b.k = 9000 + (i * 37) % 12000
        """;

    private static string ExamClasses(HisDialect d) => $"""
        INSERT INTO {d.His("exam_class_dict")} (exam_class_code, exam_class_name, modality, perform_dept)
        SELECT {ExamClass(d, "k")},
               {d.Pick("k", "CT", "CT血管成像", "磁共振", "磁共振血管成像", "DR", "CR", "数字X线", "超声", "彩超", "心脏超声", "数字减影血管造影", "乳腺钼靶", "透视", "核医学", "PET", "PET-CT", "内镜", "光学相干断层", "骨密度", "介入")},
               {d.Pick("k", "CT", "CT", "MR", "MR", "DR", "CR", "DX", "US", "US", "US", "XA", "MG", "RF", "NM", "PT", "PT", "ES", "OCT", "BMD", "XA")},
               {d.Pad("21 + k % 5", 4)}
        FROM {d.Series("k", 1, 20)}
        """;

    private static string ExamItems(HisDialect d) => $"""
        INSERT INTO {d.His("clinic_item_dict")} (item_class, item_code, item_name, input_code, exam_class_code, body_part, stop_indicator)
        SELECT 'D', {ItemCode(d, "i")}, {ItemName(d, "i")}, {d.Cat("'JC'", "i")}, {ExamClass(d, "i")}, {BodyPart(d, "i")},
               CASE WHEN i % 20 = 0 THEN 1 ELSE 0 END
        FROM {d.Series("i")}
        """;

    // Every item is billed as its own service charge; every third also uses one of 200 shared materials (contrast, film).
    private static string ChargeLinks(HisDialect d) => $"""
        INSERT INTO {d.His("clinic_vs_charge")} (clinic_item_class, clinic_item_code, charge_item_no, charge_item_class, charge_item_code, charge_item_spec, amount, units)
        SELECT 'D', {ItemCode(d, "i")}, 1, 'D', {d.Cat("'F'", ItemCode(d, "i"))}, '次', 1, '次' FROM {d.Series("i")}
        UNION ALL
        SELECT 'D', {ItemCode(d, "i")}, 2, 'M', {d.Cat("'M'", d.Pad("i % 200", 4))}, '支', 1 + i % 2, '支' FROM {d.Series("i")} WHERE i % 3 = 0
        """;

    // An old price (stopped a year ago) and the current one; every 97th item has no current price (examPrice NULL).
    private static string Prices(HisDialect d) => $"""
        INSERT INTO {d.His("price_list")} (item_class, item_code, item_spec, item_name, units, price, med_list_codg, start_date, stop_date)
        SELECT 'D', {d.Cat("'F'", ItemCode(d, "i"))}, '次', {ItemName(d, "i")}, '次', round(price * 0.9, 2),
               {d.Pad("2200000000000 + i", 15)}, {d.Minus("@anchor", "5", "year")}, {d.Minus("@anchor", "1", "year")}
        FROM (SELECT i, {Price("i")} + (i % 2) * 0.5 AS price FROM {d.Series("i")}) g
        UNION ALL
        SELECT 'D', {d.Cat("'F'", ItemCode(d, "i"))}, '次', {ItemName(d, "i")}, '次', price,
               {d.Pad("2200000000000 + i", 15)}, {d.Minus("@anchor", "1", "year")}, NULL
        FROM (SELECT i, {Price("i")} + (i % 2) * 0.5 AS price FROM {d.Series("i")}) g
        WHERE i % 97 <> 0
        """;

    private static string MaterialPrices(HisDialect d) => $"""
        INSERT INTO {d.His("price_list")} (item_class, item_code, item_spec, item_name, units, price, med_list_codg, start_date, stop_date)
        SELECT 'M', {d.Cat("'M'", d.Pad("k", 4))}, '支', {d.Cat("'造影剂/耗材'", "k")}, '支', 35 + k * 1.5,
               {d.Pad("3300000000000 + k", 15)}, {d.Minus("@anchor", "3", "year")}, NULL
        FROM {d.Series("k", 0, 199)}
        """;

    // The DBA's crosswalk, as a hospital keeps it: nine in ten items mapped.
    private static string ExamPartMap(HisDialect d) => $"""
        INSERT INTO imgcloud.exam_part_map (exam_code, exam_part, note)
        SELECT {ItemCode(d, "i")}, {d.Cat("'B'", d.Pad("i", 8))}, {ItemName(d, "i")}
        FROM {d.Series("i")}
        WHERE i % 10 <> 0
        """;

    private const string Settings = "UPDATE imgcloud.settings SET hospital_id = 'H45010000001'";

    private static string Patients(HisDialect d) => $"""
        INSERT INTO {d.His("pat_master_index")} (patient_id, inp_no, name, sex, date_of_birth, id_no, charge_type, insurance_no,
                                          phone_number_home, mobile_phone, health_card_no, medicare_no, create_date)
        SELECT {d.Pad("i", 10)}, CASE WHEN i % 4 = 0 THEN {d.Cat("'ZY'", d.Pad("i", 8))} END,
               {PersonName(d, "i")}, {PatientSex("i")}, b.dob,
               {IdNo(d, "b.ymd", "b.weighted", $"({d.Div("i", "2")} % 500) * 2 + i % 2")},
               {d.Pick("1 + i % 3", ChargeTypes)}, CASE WHEN i % 3 <> 0 THEN {d.Cat("'YB'", d.Pad("i", 12))} END,
               NULL, {d.Cat("'1700'", d.Pad("i % 10000000", 7))},
               CASE WHEN i % 2 = 0 THEN {d.Cat("'HC45'", d.Pad("i", 14))} END,
               CASE WHEN i % 3 = 1 THEN {d.Cat("'YBM45'", d.Pad("i", 13))} END,
               {d.Plus(d.Minus("@anchor", "11", "year"), "i % 4000", "day")}
        FROM {d.Series("i")}
        JOIN birth_day b ON b.k = (i * 7919) % 32000
        """;

    // Registration n: visit slot 30 days ahead minus 63 s per n; patient, department and doctor
    // spread by multiplying n by primes; every 25th withdrawn, every 20th a physical exam.
    private static string Registrations(HisDialect d) => $"""
        INSERT INTO {d.His("clinic_master")} (visit_date, visit_no, clinic_label, visit_time_desc, patient_id, name, sex, age, charge_type,
                                       insurance_no, clinic_type, visit_dept, doctor, doctor_no, registration_status, registering_date,
                                       regist_fee, operator, returned_date, returned_operator)
        SELECT v, 1 + (n - 1) % 1371, {d.Cat("clinic_type", "'门诊'")},
               CASE WHEN extract(hour FROM v) < 12 THEN '上午' WHEN extract(hour FROM v) < 18 THEN '下午' ELSE '晚间' END,
               {d.Pad("p", 10)}, {PersonName(d, "p")}, {PatientSex("p")}, NULL,
               {d.Pick("1 + p % 3", ChargeTypes)}, CASE WHEN p % 3 <> 0 THEN {d.Cat("'YB'", d.Pad("p", 12))} END,
               clinic_type, {d.Pad("1 + (n * 31) % @departments", 4)},
               {PersonName(d, "d + 7")}, {d.Cat("'E'", d.Pad("d", 5))},
               CASE WHEN v < @anchor AND n % 25 <> 0 THEN '1' ELSE '0' END,
               {d.Minus("v", "(n % 7) * 86400 + n % 3600", "second")},
               CASE WHEN clinic_type = '专家' THEN 50 ELSE 10 END, {d.Cat("'OP'", "(n % 50)")},
               CASE WHEN n % 25 = 0 THEN {d.Minus("v", "n % 3600", "second")} END,
               CASE WHEN n % 25 = 0 THEN {d.Cat("'OP'", "(n % 50)")} END
        FROM (SELECT n,
                     {d.Minus(d.Plus("@anchor", "30", "day"), "(n - 1) * 63", "second")} AS v,
                     1 + ((n - 1) * 7919) % @patients AS p,
                     1 + (n * 13) % @staff AS d,
                     CASE WHEN n % 20 = 0 THEN '体检' WHEN n % 7 = 0 THEN '专家' WHEN n % 11 = 0 THEN '急诊' ELSE '普通' END AS clinic_type
              FROM {d.Series("n")}) g
        """;

    // Stay m: registered 1261 s per m before now, admitted six hours later, discharged after
    // 3 to 14 days (if that is past); every 40th cancelled. One stay per patient (VISIT_ID 1).
    private static string Stays(HisDialect d) => $"""
        INSERT INTO {d.His("pat_visit")} (patient_id, visit_id, register_date_time, dept_admission_to, admission_date_time, dept_discharge_from,
                                   discharge_date_time, charge_type, insurance_type, insurance_no, patient_class, admitting_doctor_no,
                                   doctor_in_charge, diagnosis_code, diagnosis_name, cancel_date_time)
        SELECT {d.Pad("p", 10)}, 1, r, dept, adm, CASE WHEN dis IS NOT NULL THEN dept END, dis,
               {d.Pick("1 + p % 3", ChargeTypes)}, CASE WHEN p % 3 <> 0 THEN '医保' END, NULL, '普通',
               {d.Cat("'E'", d.Pad("d", 5))}, {PersonName(d, "d + 7")},
               {d.Pick("1 + m % 8", "I10", "J18.9", "K80.2", "E11.9", "I63.9", "C34.9", "S72.0", "N20.0")},
               {d.Pick("1 + m % 8", "高血压", "肺炎", "胆囊结石", "2型糖尿病", "脑梗死", "肺恶性肿瘤", "股骨颈骨折", "肾结石")},
               cancel
        FROM (SELECT m, p, r, d, dept, adm, cancel,
                     CASE WHEN {d.Plus("adm", "3 + m % 12", "day")} <= @anchor THEN {d.Plus("adm", "3 + m % 12", "day")} END AS dis
              FROM (SELECT m, 1 + ((m - 1) * 104729) % @patients AS p, r, 1 + (m * 17) % @staff AS d,
                           {d.Pad("1 + (m * 29) % @departments", 4)} AS dept,
                           CASE WHEN m % 40 <> 0 AND {d.Plus("r", "6", "hour")} <= @anchor THEN {d.Plus("r", "6", "hour")} END AS adm,
                           CASE WHEN m % 40 = 0 THEN {d.Plus("r", "2", "hour")} END AS cancel
                    FROM (SELECT m, {d.Minus("@anchor", "(m - 1) * 1261", "second")} AS r FROM {d.Series("m")}) a) b) c
        """;

    private static string InHospital(HisDialect d) => $"""
        INSERT INTO {d.His("pats_in_hospital")} (patient_id, visit_id, ward_code, dept_code, bed_no, admission_date_time, diagnosis, doctor_in_charge)
        SELECT patient_id, visit_id, {d.Cat("'W'", "dept_admission_to")}, dept_admission_to, {d.Pad($"{d.Hash("patient_id")} % 60 + 1", 2)},
               admission_date_time, diagnosis_name, doctor_in_charge
        FROM {d.His("pat_visit")}
        WHERE admission_date_time IS NOT NULL AND discharge_date_time IS NULL AND cancel_date_time IS NULL
        """;

    // Settlement s: settled 157 s per s before now, one exam with one item; every 5th self-paid.
    private static string SettlementColumns(HisDialect d) => $"""
        (SELECT s, {d.Minus(d.Minus("@anchor", "1", "minute"), "(s - 1) * 157", "second")} AS t,
                1 + ((s - 1) * 1009) % @patients AS p, 1 + ((s - 1) * 37) % @items AS i, s % 5 = 0 AS self_paid
         FROM {d.Series("s")}) g
        """;

    private static string Receipts(HisDialect d) => $"""
        INSERT INTO {d.His("outp_rcpt_master")} (rcpt_no, patient_id, visit_date_time, charge_type, total_charges, insur_setl_id, operator_no)
        SELECT {d.Cat("'R'", d.Pad("s", 11))}, {d.Pad("p", 10)}, t,
               CASE WHEN self_paid THEN '自费' WHEN p % 2 = 0 THEN '职工医保' ELSE '居民医保' END,
               {Price("i")}, CASE WHEN NOT self_paid THEN {d.Cat("'45'", d.Pad("s", 18))} END, {d.Cat("'SF'", "(s % 40)")}
        FROM {SettlementColumns(d)}
        """;

    private static string BillItems(HisDialect d) => $"""
        INSERT INTO {d.His("outp_bill_items")} (rcpt_no, item_no, item_class, item_code, item_name, amount, charges, exam_no, exam_item_no, med_list_codg, insur_feedetl_sn)
        SELECT {d.Cat("'R'", d.Pad("s", 11))}, 1, 'D', {ItemCode(d, "i")}, {ItemName(d, "i")}, 1, {Price("i")},
               {d.Cat("'X'", d.Pad("s", 11))}, 1, {d.Pad("2200000000000 + i", 15)},
               CASE WHEN NOT self_paid THEN {d.Cat("'F45'", d.Pad("s", 17))} END
        FROM {SettlementColumns(d)}
        """;

    private static string Exams(HisDialect d) => $"""
        INSERT INTO {d.His("exam_master")} (exam_no, apply_no, patient_id, patient_source, visit_id, exam_class_code, req_date_time, req_dept, req_physician, performed_by, result_status)
        SELECT {d.Cat("'X'", d.Pad("s", 11))}, {d.Cat("'SQ'", d.Pad("s", 12))}, {d.Pad("p", 10)}, '1', NULL, {ExamClass(d, "i")},
               {d.Minus("t", "2", "hour")}, {d.Pad("1 + (s * 31) % @departments", 4)}, {PersonName(d, "s % 997 + 7")},
               {d.Pad("21 + i % 5", 4)}, '4'
        FROM {SettlementColumns(d)}
        """;

    private static string ExamLines(HisDialect d) => $"""
        INSERT INTO {d.His("exam_items")} (exam_no, exam_item_no, exam_item, exam_item_code, costs)
        SELECT {d.Cat("'X'", d.Pad("s", 11))}, 1, {ItemName(d, "i")}, {ItemCode(d, "i")}, {Price("i")}
        FROM {SettlementColumns(d)}
        """;

    /// <summary>One statement over one range of n, in one database.</summary>
    public sealed record Unit(HisSize Size, string What, string Sql, long From, long To)
    {
        public long Rows => To - From + 1;
    }

    /// <summary>
    /// The units every size shares (dictionaries and patients): on PostgreSQL written once, then
    /// the database is copied (CREATE DATABASE ... TEMPLATE) for the smaller history.
    /// </summary>
    public static IEnumerable<Unit> SharedUnits(HisSize size, HisDialect d)
    {
        yield return new Unit(size, "departments", Departments(d), 1, size.Departments);
        yield return new Unit(size, "staff", Staff(d), 1, size.Staff);
        yield return new Unit(size, "exam classes", ExamClasses(d), 1, 20);
        yield return new Unit(size, "exam items", ExamItems(d), 1, size.ExamItems);
        yield return new Unit(size, "charge links", ChargeLinks(d), 1, size.ExamItems);
        yield return new Unit(size, "prices", Prices(d), 1, size.ExamItems);
        yield return new Unit(size, "material prices", MaterialPrices(d), 1, 200);
        yield return new Unit(size, "examPart crosswalk", ExamPartMap(d), 1, size.ExamItems);
        yield return new Unit(size, "settings", Settings, 1, 1);
        foreach (var unit in Chunks(size, "patients", Patients(d), size.Patients))
        {
            yield return unit;
        }
    }

    /// <summary>The history of one size: registrations, stays and settlements, cut into chunks.</summary>
    public static IEnumerable<Unit> HistoryUnits(HisSize size, HisDialect d) =>
        Chunks(size, "registrations", Registrations(d), size.Registrations)
            .Concat(Chunks(size, "stays", Stays(d), size.Stays))
            .Concat(Chunks(size, "receipts", Receipts(d), size.Settlements))
            .Concat(Chunks(size, "bill items", BillItems(d), size.Settlements))
            .Concat(Chunks(size, "exams", Exams(d), size.Settlements))
            .Concat(Chunks(size, "exam lines", ExamLines(d), size.Settlements));

    /// <summary>Runs after every unit of its database: reads PAT_VISIT.</summary>
    public static Unit Finishing(HisSize size, HisDialect d) => new(size, "patients in hospital", InHospital(d), 1, 1);

    private static IEnumerable<Unit> Chunks(HisSize size, string what, string sql, long count)
    {
        for (long from = 1; from <= count; from += Chunk)
        {
            yield return new Unit(size, what, sql, from, Math.Min(count, from + Chunk - 1));
        }
    }

    /// <summary>A connection to one database with the generator's session table (birth_day) made.</summary>
    public static async Task<DbConnection> OpenAsync(HisDialect d, string connectionString, CancellationToken cancel)
    {
        var connection = d.Connection(connectionString);
        await connection.OpenAsync(cancel);
        await using var command = connection.CreateCommand();
        // PostgreSQL: compiling these wide expressions costs more than it saves on a million rows.
        command.CommandText = (connection is NpgsqlConnection ? "SET jit = off;\n" : "") + BirthDays(d);
        await command.ExecuteNonQueryAsync(cancel);
        return connection;
    }

    public static async Task RunAsync(DbConnection connection, Unit unit, DateTime anchor, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = unit.Sql;
        command.CommandTimeout = 0;
        var size = unit.Size;
        void Add(string name, DbType type, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        // DateTime2: a timestamp without time zone to Npgsql (DbType.DateTime is its timestamptz), a DATETIME to MySqlConnector.
        Add("anchor", DbType.DateTime2, anchor);
        Add("from", DbType.Int64, unit.From);
        Add("to", DbType.Int64, unit.To);
        Add("patients", DbType.Int64, (long)size.Patients);
        Add("departments", DbType.Int64, (long)size.Departments);
        Add("staff", DbType.Int64, (long)size.Staff);
        Add("items", DbType.Int64, (long)size.ExamItems);
        await command.ExecuteNonQueryAsync(cancel);
    }

    /// <summary>
    /// Runs <paramref name="units"/>, largest first, on two connections in turn (the server has
    /// two cores), one connection per database and worker; logs the large ones.
    /// </summary>
    public static async Task RunUnitsAsync(IEnumerable<Unit> units, HisDialect d, Func<string, string> connectionString, DateTime anchor,
        Stopwatch watch, TextWriter log, CancellationToken cancel)
    {
        var queue = new Queue<Unit>(units.OrderByDescending(u => u.Rows));
        var total = queue.Count;
        var done = 0;
        var gate = new Lock();

        async Task WorkerAsync()
        {
            var connections = new Dictionary<string, DbConnection>(StringComparer.Ordinal);
            try
            {
                while (true)
                {
                    Unit? unit;
                    lock (gate)
                    {
                        if (!queue.TryDequeue(out unit))
                        {
                            return;
                        }
                    }
                    if (!connections.TryGetValue(unit.Size.Database, out var connection))
                    {
                        connection = await OpenAsync(d, connectionString(unit.Size.Database), cancel);
                        connections[unit.Size.Database] = connection;
                    }
                    var started = watch.Elapsed;
                    await RunAsync(connection, unit, anchor, cancel);
                    lock (gate)
                    {
                        done++;
                        if (unit.Rows >= 100_000)
                        {
                            log.WriteLine($"  {watch.Elapsed.TotalSeconds,6:0}s  {unit.Size.Database}: {unit.What} {unit.From:N0}..{unit.To:N0} in {(watch.Elapsed - started).TotalSeconds:0.0}s ({done}/{total})");
                        }
                    }
                }
            }
            finally
            {
                foreach (var connection in connections.Values)
                {
                    await connection.DisposeAsync();
                }
            }
        }

        await Task.WhenAll(WorkerAsync(), WorkerAsync());
    }
}
