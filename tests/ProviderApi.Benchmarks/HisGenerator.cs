using Npgsql;
using NpgsqlTypes;

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
/// Fills the reference HIS tables of sql/postgresql/demo/01_his_schema.sql set-based, with
/// generate_series: every row is a pure function of its number n and of one anchor time, so a
/// database with fewer registrations holds exactly the newest rows of a larger one (row n is
/// the same row in both), and the two differ only in how far their history goes back.
/// Work is cut into units (a table and a range of n) that two connections take in turn.
/// </summary>
public static class HisGenerator
{
    /// <summary>Rows per unit of the large tables: small enough to share two cores evenly.</summary>
    private const int Chunk = 1_000_000;

    // Helpers in the session's own temporary schema: nothing is left in the HIS database. They are
    // STABLE, not IMMUTABLE, so that PostgreSQL inlines them (it never inlines an IMMUTABLE SQL
    // function whose body calls a merely stable one, such as to_char), which makes them cheap.
    private const string Functions = """
        CREATE FUNCTION pg_temp.person_name(i bigint) RETURNS text LANGUAGE sql STABLE AS $$
          SELECT (ARRAY['王','李','张','刘','陈','杨','黄','赵','吴','周','徐','孙','马','朱','胡','郭','何','高','林','罗','郑','梁','谢','宋','唐','许','韩','冯','邓','曹'])[1 + i % 30]
              || (ARRAY['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟','涛','明','超','秀','霞','平','刚','桂','英','华','玉','兰','红','建','国','文'])[1 + (i / 30) % 30]
              || CASE WHEN i % 3 = 0 THEN (ARRAY['一','子','晓','海','春','志','天','思','雨','佳'])[1 + (i / 900) % 10] ELSE '' END
        $$;
        -- GB 11643 for the birth dates used (day k after 1935-01-01): the date's digits and their
        -- weighted sum, with the constant division code 450000 (one no real person has) included.
        CREATE TEMPORARY TABLE birth_day AS
        SELECT k, d AS dob, to_char(d, 'YYYYMMDD') AS ymd,
               4 * 7 + 5 * 9
               + (date_part('year', d)::int / 1000) * 2 + (date_part('year', d)::int / 100 % 10) * 1
               + (date_part('year', d)::int / 10 % 10) * 6 + (date_part('year', d)::int % 10) * 3
               + (date_part('month', d)::int / 10) * 7 + (date_part('month', d)::int % 10) * 9
               + (date_part('day', d)::int / 10) * 10 + (date_part('day', d)::int % 10) * 5 AS weighted
        FROM (SELECT k, date '1935-01-01' + k AS d FROM generate_series(0, 31999) k) g;
        ALTER TABLE birth_day ADD PRIMARY KEY (k);
        CREATE FUNCTION pg_temp.id_no(ymd text, weighted int, seq bigint) RETURNS text LANGUAGE sql STABLE AS $$
          SELECT '450000' || ymd || lpad(seq::text, 3, '0')
              || substr('10X98765432', (1 + (weighted + (seq / 100) * 8 + (seq / 10 % 10) * 4 + (seq % 10) * 2) % 11)::int, 1)
        $$;
        CREATE FUNCTION pg_temp.patient_sex(i bigint) RETURNS text LANGUAGE sql STABLE AS $$
          SELECT CASE WHEN i % 997 = 0 THEN '未知' WHEN i % 2 = 0 THEN '女' ELSE '男' END
        $$;
        CREATE FUNCTION pg_temp.exam_class(i bigint) RETURNS text LANGUAGE sql STABLE AS $$
          SELECT (ARRAY['CT','CTA','MR','MRA','DR','CR','DX','US','USC','ECHO','DSA','MG','RF','NM','PET','PETCT','ES','OCT','BMD','XA'])[1 + (i - 1) % 20]
        $$;
        CREATE FUNCTION pg_temp.item_code(i bigint) RETURNS text LANGUAGE sql STABLE AS $$
          SELECT pg_temp.exam_class(i) || lpad(i::text, 6, '0')
        $$;
        CREATE FUNCTION pg_temp.body_part(i bigint) RETURNS text LANGUAGE sql STABLE AS $$
          SELECT (ARRAY['头颅','胸部','腹部','盆腔','颈部','腰椎','颈椎','胸椎','膝关节','肩关节','髋关节','踝关节','腕关节','肘关节','心脏','肝脏','胆囊','胰腺','肾脏','甲状腺','乳腺','前列腺','子宫附件','眼眶','鼻窦','内耳','四肢血管','冠状动脉','全身','下颌'])[1 + ((i - 1) / 20) % 30]
        $$;
        CREATE FUNCTION pg_temp.item_name(i bigint) RETURNS text LANGUAGE sql STABLE AS $$
          SELECT pg_temp.body_part(i)
              || (ARRAY['CT','CT血管成像','磁共振','磁共振血管成像','DR摄影','CR摄影','数字X线','超声','彩色多普勒超声','心脏超声','血管造影','乳腺钼靶','透视造影','核素显像','PET','PET-CT','内镜','光学相干断层','骨密度','介入造影'])[1 + (i - 1) % 20]
              || (ARRAY['平扫','增强','平扫+增强','三维重建','薄层扫描','动态扫描'])[1 + ((i - 1) / 600) % 6]
              || CASE WHEN i > 3600 THEN '（' || ((i - 1) / 3600)::text || '）' ELSE '' END
        $$;
        """;

    private const string Departments = """
        INSERT INTO his.dept_dict (serial_no, dept_code, dept_name, dept_alias, clinic_attr, outp_or_inp, internal_or_sergery, input_code, stop_indicator)
        SELECT i, lpad(i::text, 4, '0'),
               base || CASE WHEN i > 25 THEN (((i - 1) / 25) + 1)::text || '病区' ELSE '' END,
               CASE WHEN i % 7 = 0 THEN base END,
               CASE WHEN (i - 1) % 25 >= 20 THEN '1' WHEN i % 10 = 0 THEN '2' ELSE '0' END,
               '2', CASE WHEN (i - 1) % 25 BETWEEN 6 AND 16 THEN '1' ELSE '0' END,
               'KS' || i, CASE WHEN i % 50 = 0 THEN 1 ELSE 0 END
        FROM (SELECT i, (ARRAY['心血管内科','呼吸内科','消化内科','神经内科','内分泌科','肾内科','普外科','骨科','神经外科','泌尿外科','胸外科','妇科','产科','儿科','眼科','耳鼻喉科','口腔科','皮肤科','中医科','急诊科','放射科','超声科','核医学科','介入科','内镜中心'])[1 + (i - 1) % 25] AS base
              FROM generate_series(@from, @to) i) g
        """;

    private const string Staff = """
        INSERT INTO his.staff_dict (emp_no, dept_code, name, input_code, job, title, user_name, id_no, insur_doctor_code)
        SELECT 'E' || lpad(i::text, 5, '0'), lpad((1 + i % @departments)::text, 4, '0'), pg_temp.person_name(i + 7),
               'YS' || i, CASE WHEN i % 9 = 0 THEN '技术员' ELSE '医生' END,
               (ARRAY['住院医师','主治医师','副主任医师','主任医师'])[1 + i % 4], 'u' || i,
               pg_temp.id_no(b.ymd, b.weighted, i % 1000), 'D450000' || lpad(i::text, 8, '0')
        FROM generate_series(@from, @to) i
        JOIN birth_day b ON b.k = 9000 + (i * 37) % 12000
        """;

    private const string ExamClasses = """
        INSERT INTO his.exam_class_dict (exam_class_code, exam_class_name, modality, perform_dept)
        SELECT pg_temp.exam_class(k),
               (ARRAY['CT','CT血管成像','磁共振','磁共振血管成像','DR','CR','数字X线','超声','彩超','心脏超声','数字减影血管造影','乳腺钼靶','透视','核医学','PET','PET-CT','内镜','光学相干断层','骨密度','介入'])[k],
               (ARRAY['CT','CT','MR','MR','DR','CR','DX','US','US','US','XA','MG','RF','NM','PT','PT','ES','OCT','BMD','XA'])[k],
               lpad((21 + k % 5)::text, 4, '0')
        FROM generate_series(1, 20) k
        """;

    private const string ExamItems = """
        INSERT INTO his.clinic_item_dict (item_class, item_code, item_name, input_code, exam_class_code, body_part, stop_indicator)
        SELECT 'D', pg_temp.item_code(i), pg_temp.item_name(i), 'JC' || i, pg_temp.exam_class(i), pg_temp.body_part(i),
               CASE WHEN i % 20 = 0 THEN 1 ELSE 0 END
        FROM generate_series(@from, @to) i
        """;

    // Every item is billed as its own service charge; every third also uses one of 200 shared materials (contrast, film).
    private const string ChargeLinks = """
        INSERT INTO his.clinic_vs_charge (clinic_item_class, clinic_item_code, charge_item_no, charge_item_class, charge_item_code, charge_item_spec, amount, units)
        SELECT 'D', pg_temp.item_code(i), 1, 'D', 'F' || pg_temp.item_code(i), '次', 1, '次' FROM generate_series(@from, @to) i
        UNION ALL
        SELECT 'D', pg_temp.item_code(i), 2, 'M', 'M' || lpad((i % 200)::text, 4, '0'), '支', 1 + i % 2, '支' FROM generate_series(@from, @to) i WHERE i % 3 = 0
        """;

    // An old price (stopped a year ago) and the current one; every 97th item has no current price (examPrice NULL).
    private const string Prices = """
        INSERT INTO his.price_list (item_class, item_code, item_spec, item_name, units, price, med_list_codg, start_date, stop_date)
        SELECT 'D', 'F' || pg_temp.item_code(i), '次', pg_temp.item_name(i), '次', round(price * 0.9, 2),
               lpad((2200000000000 + i)::text, 15, '0'), @anchor - interval '5 years', @anchor - interval '1 year'
        FROM (SELECT i, 20 + (i * 131) % 2000 + (i % 2) * 0.5 AS price FROM generate_series(@from, @to) i) g
        UNION ALL
        SELECT 'D', 'F' || pg_temp.item_code(i), '次', pg_temp.item_name(i), '次', price,
               lpad((2200000000000 + i)::text, 15, '0'), @anchor - interval '1 year', NULL
        FROM (SELECT i, 20 + (i * 131) % 2000 + (i % 2) * 0.5 AS price FROM generate_series(@from, @to) i) g
        WHERE i % 97 <> 0
        """;

    private const string MaterialPrices = """
        INSERT INTO his.price_list (item_class, item_code, item_spec, item_name, units, price, med_list_codg, start_date, stop_date)
        SELECT 'M', 'M' || lpad(k::text, 4, '0'), '支', '造影剂/耗材' || k, '支', 35 + k * 1.5,
               lpad((3300000000000 + k)::text, 15, '0'), @anchor - interval '3 years', NULL
        FROM generate_series(0, 199) k
        """;

    // The DBA's crosswalk, as a hospital keeps it: nine in ten items mapped.
    private const string ExamPartMap = """
        INSERT INTO imgcloud.exam_part_map (exam_code, exam_part, note)
        SELECT pg_temp.item_code(i), 'B' || lpad(i::text, 8, '0'), pg_temp.item_name(i)
        FROM generate_series(@from, @to) i
        WHERE i % 10 <> 0
        """;

    private const string Settings = "UPDATE imgcloud.settings SET hospital_id = 'H45010000001'";

    private const string Patients = """
        INSERT INTO his.pat_master_index (patient_id, inp_no, name, sex, date_of_birth, id_no, charge_type, insurance_no,
                                          phone_number_home, mobile_phone, health_card_no, medicare_no, create_date)
        SELECT lpad(i::text, 10, '0'), CASE WHEN i % 4 = 0 THEN 'ZY' || lpad(i::text, 8, '0') END,
               pg_temp.person_name(i), pg_temp.patient_sex(i), b.dob,
               pg_temp.id_no(b.ymd, b.weighted, ((i / 2) % 500) * 2 + i % 2),
               (ARRAY['自费','职工医保','居民医保'])[1 + i % 3], CASE WHEN i % 3 <> 0 THEN 'YB' || lpad(i::text, 12, '0') END,
               NULL, '1700' || lpad((i % 10000000)::text, 7, '0'),
               CASE WHEN i % 2 = 0 THEN 'HC45' || lpad(i::text, 14, '0') END,
               CASE WHEN i % 3 = 1 THEN 'YBM45' || lpad(i::text, 13, '0') END,
               @anchor - interval '11 years' + (i % 4000) * interval '1 day'
        FROM generate_series(@from, @to) i
        JOIN birth_day b ON b.k = (i * 7919) % 32000
        """;

    // Registration n: visit slot 30 days ahead minus 63 s per n; patient, department and doctor
    // spread by multiplying n by primes; every 25th withdrawn, every 20th a physical exam.
    private const string Registrations = """
        INSERT INTO his.clinic_master (visit_date, visit_no, clinic_label, visit_time_desc, patient_id, name, sex, age, charge_type,
                                       insurance_no, clinic_type, visit_dept, doctor, doctor_no, registration_status, registering_date,
                                       regist_fee, operator, returned_date, returned_operator)
        SELECT v, 1 + (n - 1) % 1371, clinic_type || '门诊',
               CASE WHEN extract(hour FROM v) < 12 THEN '上午' WHEN extract(hour FROM v) < 18 THEN '下午' ELSE '晚间' END,
               lpad(p::text, 10, '0'), pg_temp.person_name(p), pg_temp.patient_sex(p), NULL,
               (ARRAY['自费','职工医保','居民医保'])[1 + p % 3], CASE WHEN p % 3 <> 0 THEN 'YB' || lpad(p::text, 12, '0') END,
               clinic_type, lpad((1 + (n * 31) % @departments)::text, 4, '0'),
               pg_temp.person_name(d + 7), 'E' || lpad(d::text, 5, '0'),
               CASE WHEN v < @anchor AND n % 25 <> 0 THEN '1' ELSE '0' END,
               v - ((n % 7) * 86400 + n % 3600) * interval '1 second',
               CASE WHEN clinic_type = '专家' THEN 50 ELSE 10 END, 'OP' || (n % 50),
               CASE WHEN n % 25 = 0 THEN v - (n % 3600) * interval '1 second' END,
               CASE WHEN n % 25 = 0 THEN 'OP' || (n % 50) END
        FROM (SELECT n,
                     @anchor + interval '30 days' - ((n - 1) * 63) * interval '1 second' AS v,
                     1 + ((n - 1) * 7919) % @patients AS p,
                     1 + (n * 13) % @staff AS d,
                     CASE WHEN n % 20 = 0 THEN '体检' WHEN n % 7 = 0 THEN '专家' WHEN n % 11 = 0 THEN '急诊' ELSE '普通' END AS clinic_type
              FROM generate_series(@from, @to) n) g
        """;

    // Stay m: registered 1261 s per m before now, admitted six hours later, discharged after
    // 3 to 14 days (if that is past); every 40th cancelled. One stay per patient (VISIT_ID 1).
    private const string Stays = """
        INSERT INTO his.pat_visit (patient_id, visit_id, register_date_time, dept_admission_to, admission_date_time, dept_discharge_from,
                                   discharge_date_time, charge_type, insurance_type, insurance_no, patient_class, admitting_doctor_no,
                                   doctor_in_charge, diagnosis_code, diagnosis_name, cancel_date_time)
        SELECT lpad(p::text, 10, '0'), 1, r, dept, adm, CASE WHEN dis IS NOT NULL THEN dept END, dis,
               (ARRAY['自费','职工医保','居民医保'])[1 + p % 3], CASE WHEN p % 3 <> 0 THEN '医保' END, NULL, '普通',
               'E' || lpad(d::text, 5, '0'), pg_temp.person_name(d + 7),
               (ARRAY['I10','J18.9','K80.2','E11.9','I63.9','C34.9','S72.0','N20.0'])[1 + m % 8],
               (ARRAY['高血压','肺炎','胆囊结石','2型糖尿病','脑梗死','肺恶性肿瘤','股骨颈骨折','肾结石'])[1 + m % 8],
               cancel
        FROM (SELECT m, p, r, d, dept, adm, cancel,
                     CASE WHEN adm + (3 + m % 12) * interval '1 day' <= @anchor THEN adm + (3 + m % 12) * interval '1 day' END AS dis
              FROM (SELECT m, 1 + ((m - 1) * 104729) % @patients AS p, r, 1 + (m * 17) % @staff AS d,
                           lpad((1 + (m * 29) % @departments)::text, 4, '0') AS dept,
                           CASE WHEN m % 40 <> 0 AND r + interval '6 hours' <= @anchor THEN r + interval '6 hours' END AS adm,
                           CASE WHEN m % 40 = 0 THEN r + interval '2 hours' END AS cancel
                    FROM (SELECT m, @anchor - ((m - 1) * 1261) * interval '1 second' AS r FROM generate_series(@from, @to) m) a) b) c
        """;

    private const string InHospital = """
        INSERT INTO his.pats_in_hospital (patient_id, visit_id, ward_code, dept_code, bed_no, admission_date_time, diagnosis, doctor_in_charge)
        SELECT patient_id, visit_id, 'W' || dept_admission_to, dept_admission_to, lpad((abs(hashtext(patient_id)) % 60 + 1)::text, 2, '0'),
               admission_date_time, diagnosis_name, doctor_in_charge
        FROM his.pat_visit
        WHERE admission_date_time IS NOT NULL AND discharge_date_time IS NULL AND cancel_date_time IS NULL
        """;

    // Settlement s: settled 157 s per s before now, one exam with one item; every 5th self-paid.
    private const string SettlementColumns = """
        (SELECT s, @anchor - interval '1 minute' - ((s - 1) * 157) * interval '1 second' AS t,
                1 + ((s - 1) * 1009) % @patients AS p, 1 + ((s - 1) * 37) % @items AS i, s % 5 = 0 AS self_paid
         FROM generate_series(@from, @to) s) g
        """;

    private const string Receipts = $"""
        INSERT INTO his.outp_rcpt_master (rcpt_no, patient_id, visit_date_time, charge_type, total_charges, insur_setl_id, operator_no)
        SELECT 'R' || lpad(s::text, 11, '0'), lpad(p::text, 10, '0'), t,
               CASE WHEN self_paid THEN '自费' WHEN p % 2 = 0 THEN '职工医保' ELSE '居民医保' END,
               20 + (i * 131) % 2000, CASE WHEN NOT self_paid THEN '45' || lpad(s::text, 18, '0') END, 'SF' || (s % 40)
        FROM {SettlementColumns}
        """;

    private const string BillItems = $"""
        INSERT INTO his.outp_bill_items (rcpt_no, item_no, item_class, item_code, item_name, amount, charges, exam_no, exam_item_no, med_list_codg, insur_feedetl_sn)
        SELECT 'R' || lpad(s::text, 11, '0'), 1, 'D', pg_temp.item_code(i), pg_temp.item_name(i), 1, 20 + (i * 131) % 2000,
               'X' || lpad(s::text, 11, '0'), 1, lpad((2200000000000 + i)::text, 15, '0'),
               CASE WHEN NOT self_paid THEN 'F45' || lpad(s::text, 17, '0') END
        FROM {SettlementColumns}
        """;

    private const string Exams = $"""
        INSERT INTO his.exam_master (exam_no, apply_no, patient_id, patient_source, visit_id, exam_class_code, req_date_time, req_dept, req_physician, performed_by, result_status)
        SELECT 'X' || lpad(s::text, 11, '0'), 'SQ' || lpad(s::text, 12, '0'), lpad(p::text, 10, '0'), '1', NULL, pg_temp.exam_class(i),
               t - interval '2 hours', lpad((1 + (s * 31) % @departments)::text, 4, '0'), pg_temp.person_name(s % 997 + 7),
               lpad((21 + i % 5)::text, 4, '0'), '4'
        FROM {SettlementColumns}
        """;

    private const string ExamLines = $"""
        INSERT INTO his.exam_items (exam_no, exam_item_no, exam_item, exam_item_code, costs)
        SELECT 'X' || lpad(s::text, 11, '0'), 1, pg_temp.item_name(i), pg_temp.item_code(i), 20 + (i * 131) % 2000
        FROM {SettlementColumns}
        """;

    /// <summary>One statement over one range of n, in one database.</summary>
    public sealed record Unit(HisSize Size, string What, string Sql, long From, long To)
    {
        public long Rows => To - From + 1;
    }

    /// <summary>
    /// The units every size shares (dictionaries and patients): written once, then the database is
    /// copied (CREATE DATABASE ... TEMPLATE) for the smaller history.
    /// </summary>
    public static IEnumerable<Unit> SharedUnits(HisSize size)
    {
        yield return new Unit(size, "departments", Departments, 1, size.Departments);
        yield return new Unit(size, "staff", Staff, 1, size.Staff);
        yield return new Unit(size, "exam classes", ExamClasses, 1, 20);
        yield return new Unit(size, "exam items", ExamItems, 1, size.ExamItems);
        yield return new Unit(size, "charge links", ChargeLinks, 1, size.ExamItems);
        yield return new Unit(size, "prices", Prices, 1, size.ExamItems);
        yield return new Unit(size, "material prices", MaterialPrices, 1, 200);
        yield return new Unit(size, "examPart crosswalk", ExamPartMap, 1, size.ExamItems);
        yield return new Unit(size, "settings", Settings, 1, 1);
        foreach (var unit in Chunks(size, "patients", Patients, size.Patients))
        {
            yield return unit;
        }
    }

    /// <summary>The history of one size: registrations, stays and settlements, cut into chunks.</summary>
    public static IEnumerable<Unit> HistoryUnits(HisSize size)
    {
        foreach (var unit in Chunks(size, "registrations", Registrations, size.Registrations)
            .Concat(Chunks(size, "stays", Stays, size.Stays))
            .Concat(Chunks(size, "receipts", Receipts, size.Settlements))
            .Concat(Chunks(size, "bill items", BillItems, size.Settlements))
            .Concat(Chunks(size, "exams", Exams, size.Settlements))
            .Concat(Chunks(size, "exam lines", ExamLines, size.Settlements)))
        {
            yield return unit;
        }
    }

    /// <summary>Runs after every unit of its database: reads PAT_VISIT.</summary>
    public static Unit Finishing(HisSize size) => new(size, "patients in hospital", InHospital, 1, 1);

    private static IEnumerable<Unit> Chunks(HisSize size, string what, string sql, long count)
    {
        for (long from = 1; from <= count; from += Chunk)
        {
            yield return new Unit(size, what, sql, from, Math.Min(count, from + Chunk - 1));
        }
    }

    /// <summary>A connection to one database with the generator's helper functions defined.</summary>
    public static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken cancel)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancel);
        // Compiling these wide expressions costs more than it saves on a million rows.
        await using var command = new NpgsqlCommand("SET jit = off;" + Functions, connection);
        await command.ExecuteNonQueryAsync(cancel);
        return connection;
    }

    public static async Task RunAsync(NpgsqlConnection connection, Unit unit, DateTime anchor, CancellationToken cancel)
    {
        await using var command = new NpgsqlCommand(unit.Sql, connection) { CommandTimeout = 0 };
        var size = unit.Size;
        command.Parameters.Add(new NpgsqlParameter("anchor", NpgsqlDbType.Timestamp) { Value = anchor });
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.Bigint) { Value = unit.From });
        command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.Bigint) { Value = unit.To });
        command.Parameters.Add(new NpgsqlParameter("patients", NpgsqlDbType.Bigint) { Value = (long)size.Patients });
        command.Parameters.Add(new NpgsqlParameter("departments", NpgsqlDbType.Bigint) { Value = (long)size.Departments });
        command.Parameters.Add(new NpgsqlParameter("staff", NpgsqlDbType.Bigint) { Value = (long)size.Staff });
        command.Parameters.Add(new NpgsqlParameter("items", NpgsqlDbType.Bigint) { Value = (long)size.ExamItems });
        await command.ExecuteNonQueryAsync(cancel);
    }
}
