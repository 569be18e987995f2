using System.Data.Common;
using System.Diagnostics;

namespace ProviderApi.Benchmarks;

/// <summary>
/// The two windowed standard views as the cloud reads them (mode 1), and what a DBA would write
/// by hand on the reference HIS's tables to return the same strings for the same window: one
/// level of joins, no source views, the window as literals on the indexed date columns, the
/// settings' defaults written in (sex as 男/女/未知, the placeholder of twenty zeros).
/// </summary>
public static class ViewQueries
{
    public const string RegisterView = "SELECT * FROM View_Register_Info";

    public const string SettlementView = "SELECT * FROM view_setlInfoList";

    public const string RegisterByHand = """
        SELECT p.id_no, p.health_card_no, p.patient_id, p.inp_no, p.medicare_no, p.mobile_phone, p.name,
               CASE p.sex WHEN '男' THEN '男' WHEN '女' THEN '女' ELSE '未知' END,
               date_part('year', age(c.visit_date, p.date_of_birth))::int::text,
               CASE WHEN c.clinic_type = '体检' THEN '3' ELSE '1' END,
               to_char(c.visit_date, 'YYYYMMDD') || lpad(c.visit_no::text, 5, '0'),
               to_char(c.registering_date, 'YYYY-MM-DD HH24:MI:SS'), to_char(c.visit_date, 'YYYY-MM-DD HH24:MI:SS'),
               d.dept_name, c.visit_dept, s.name, s.emp_no, s.insur_doctor_code, s.id_no,
               CASE WHEN c.returned_date IS NOT NULL THEN '1' ELSE '0' END,
               CASE WHEN c.registration_status = '1' THEN '1' ELSE '0' END,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               (SELECT hospital_id FROM imgcloud.settings)
        FROM his.clinic_master c
        JOIN his.pat_master_index p ON p.patient_id = c.patient_id
        LEFT JOIN his.dept_dict d   ON d.dept_code = c.visit_dept
        LEFT JOIN his.staff_dict s  ON s.emp_no = c.doctor_no
        WHERE c.visit_date >= localtimestamp - interval '7 days'
          AND c.visit_date <= localtimestamp + interval '30 days'
        UNION ALL
        SELECT p.id_no, p.health_card_no, p.patient_id, p.inp_no, p.medicare_no, p.mobile_phone, p.name,
               CASE p.sex WHEN '男' THEN '男' WHEN '女' THEN '女' ELSE '未知' END,
               date_part('year', age(COALESCE(v.admission_date_time, v.register_date_time), p.date_of_birth))::int::text,
               '2', 'ZY' || v.patient_id || lpad(v.visit_id::text, 2, '0'),
               to_char(v.register_date_time, 'YYYY-MM-DD HH24:MI:SS'),
               to_char(COALESCE(v.admission_date_time, v.register_date_time), 'YYYY-MM-DD HH24:MI:SS'),
               da.dept_name, v.dept_admission_to, s.name, s.emp_no, s.insur_doctor_code, s.id_no,
               CASE WHEN v.cancel_date_time IS NOT NULL THEN '1' ELSE '0' END,
               CASE WHEN v.admission_date_time IS NOT NULL THEN '1' ELSE '0' END,
               to_char(v.register_date_time, 'YYYY-MM-DD HH24:MI:SS'), to_char(v.admission_date_time, 'YYYY-MM-DD HH24:MI:SS'),
               v.dept_admission_to, da.dept_name, to_char(v.discharge_date_time, 'YYYY-MM-DD HH24:MI:SS'),
               COALESCE(h.dept_code, v.dept_discharge_from, v.dept_admission_to), dc.dept_name,
               v.diagnosis_code, v.diagnosis_name, h.ward_code, h.bed_no,
               (SELECT hospital_id FROM imgcloud.settings)
        FROM his.pat_visit v
        JOIN his.pat_master_index p       ON p.patient_id = v.patient_id
        LEFT JOIN his.pats_in_hospital h  ON h.patient_id = v.patient_id AND h.visit_id = v.visit_id
        LEFT JOIN his.dept_dict da        ON da.dept_code = v.dept_admission_to
        LEFT JOIN his.dept_dict dc        ON dc.dept_code = COALESCE(h.dept_code, v.dept_discharge_from, v.dept_admission_to)
        LEFT JOIN his.staff_dict s        ON s.emp_no = v.admitting_doctor_no
        WHERE (v.discharge_date_time IS NULL AND v.cancel_date_time IS NULL)
           OR v.discharge_date_time >= localtimestamp - interval '7 days'
           OR v.cancel_date_time >= localtimestamp - interval '7 days'
        """;

    public const string SettlementByHand = """
        SELECT em.exam_no, em.apply_no,
               CASE WHEN r.charge_type = '自费' THEN '00000000000000000000' ELSE r.insur_setl_id END,
               b.med_list_codg,
               CASE WHEN r.charge_type = '自费' THEN '00000000000000000000' ELSE b.insur_feedetl_sn END,
               x.exam_part, (SELECT hospital_id FROM imgcloud.settings)
        FROM his.outp_rcpt_master r
        JOIN his.outp_bill_items b ON b.rcpt_no = r.rcpt_no
        JOIN his.exam_master em    ON em.exam_no = b.exam_no
        JOIN his.exam_items ei     ON ei.exam_no = b.exam_no AND ei.exam_item_no = b.exam_item_no
        LEFT JOIN imgcloud.exam_part_map x ON x.exam_code = ei.exam_item_code
        WHERE r.visit_date_time >= localtimestamp - interval '7 days'
        UNION ALL
        SELECT em.exam_no, em.apply_no,
               CASE WHEN s.charge_type = '自费' THEN '00000000000000000000' ELSE s.insur_setl_id END,
               b.med_list_codg,
               CASE WHEN s.charge_type = '自费' THEN '00000000000000000000' ELSE b.insur_feedetl_sn END,
               x.exam_part, (SELECT hospital_id FROM imgcloud.settings)
        FROM his.inp_settle_master s
        JOIN his.inp_bill_detail b ON b.rcpt_no = s.rcpt_no
        JOIN his.exam_master em    ON em.exam_no = b.exam_no
        JOIN his.exam_items ei     ON ei.exam_no = b.exam_no AND ei.exam_item_no = b.exam_item_no
        LEFT JOIN imgcloud.exam_part_map x ON x.exam_code = ei.exam_item_code
        WHERE s.settling_date >= localtimestamp - interval '7 days'
        """;

    /// <summary>
    /// <see cref="RegisterByHand"/> as a DBA would write it for MySQL 5.7+ and MariaDB on the
    /// reference HIS of sql/mysql/demo/01_his_schema.sql: "now" is UTC_TIMESTAMP() plus the
    /// hospital's eight hours (the settings' default written in), the ages TIMESTAMPDIFF's whole
    /// years, the HIS's utf8mb4_general_ci strings as they are.
    /// </summary>
    public const string RegisterByHandMySql = """
        SELECT p.ID_NO, p.HEALTH_CARD_NO, p.PATIENT_ID, p.INP_NO, p.MEDICARE_NO, p.MOBILE_PHONE, p.NAME,
               CASE p.SEX WHEN '男' THEN '男' WHEN '女' THEN '女' ELSE '未知' END,
               CAST(TIMESTAMPDIFF(YEAR, p.DATE_OF_BIRTH, c.VISIT_DATE) AS CHAR),
               CASE WHEN c.CLINIC_TYPE = '体检' THEN '3' ELSE '1' END,
               CONCAT(DATE_FORMAT(c.VISIT_DATE, '%Y%m%d'), LPAD(c.VISIT_NO, 5, '0')),
               DATE_FORMAT(c.REGISTERING_DATE, '%Y-%m-%d %H:%i:%s'), DATE_FORMAT(c.VISIT_DATE, '%Y-%m-%d %H:%i:%s'),
               d.DEPT_NAME, c.VISIT_DEPT, s.NAME, s.EMP_NO, s.INSUR_DOCTOR_CODE, s.ID_NO,
               CASE WHEN c.RETURNED_DATE IS NOT NULL THEN '1' ELSE '0' END,
               CASE WHEN c.REGISTRATION_STATUS = '1' THEN '1' ELSE '0' END,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               (SELECT hospital_id FROM imgcloud.settings)
        FROM his.CLINIC_MASTER c
        JOIN his.PAT_MASTER_INDEX p ON p.PATIENT_ID = c.PATIENT_ID
        LEFT JOIN his.DEPT_DICT d   ON d.DEPT_CODE = c.VISIT_DEPT
        LEFT JOIN his.STAFF_DICT s  ON s.EMP_NO = c.DOCTOR_NO
        WHERE c.VISIT_DATE >= UTC_TIMESTAMP() + INTERVAL 8 HOUR - INTERVAL 7 DAY
          AND c.VISIT_DATE <= UTC_TIMESTAMP() + INTERVAL 8 HOUR + INTERVAL 30 DAY
        UNION ALL
        SELECT p.ID_NO, p.HEALTH_CARD_NO, p.PATIENT_ID, p.INP_NO, p.MEDICARE_NO, p.MOBILE_PHONE, p.NAME,
               CASE p.SEX WHEN '男' THEN '男' WHEN '女' THEN '女' ELSE '未知' END,
               CAST(TIMESTAMPDIFF(YEAR, p.DATE_OF_BIRTH, COALESCE(v.ADMISSION_DATE_TIME, v.REGISTER_DATE_TIME)) AS CHAR),
               '2', CONCAT('ZY', v.PATIENT_ID, LPAD(v.VISIT_ID, 2, '0')),
               DATE_FORMAT(v.REGISTER_DATE_TIME, '%Y-%m-%d %H:%i:%s'),
               DATE_FORMAT(COALESCE(v.ADMISSION_DATE_TIME, v.REGISTER_DATE_TIME), '%Y-%m-%d %H:%i:%s'),
               da.DEPT_NAME, v.DEPT_ADMISSION_TO, s.NAME, s.EMP_NO, s.INSUR_DOCTOR_CODE, s.ID_NO,
               CASE WHEN v.CANCEL_DATE_TIME IS NOT NULL THEN '1' ELSE '0' END,
               CASE WHEN v.ADMISSION_DATE_TIME IS NOT NULL THEN '1' ELSE '0' END,
               DATE_FORMAT(v.REGISTER_DATE_TIME, '%Y-%m-%d %H:%i:%s'), DATE_FORMAT(v.ADMISSION_DATE_TIME, '%Y-%m-%d %H:%i:%s'),
               v.DEPT_ADMISSION_TO, da.DEPT_NAME, DATE_FORMAT(v.DISCHARGE_DATE_TIME, '%Y-%m-%d %H:%i:%s'),
               COALESCE(h.DEPT_CODE, v.DEPT_DISCHARGE_FROM, v.DEPT_ADMISSION_TO), dc.DEPT_NAME,
               v.DIAGNOSIS_CODE, v.DIAGNOSIS_NAME, h.WARD_CODE, h.BED_NO,
               (SELECT hospital_id FROM imgcloud.settings)
        FROM his.PAT_VISIT v
        JOIN his.PAT_MASTER_INDEX p       ON p.PATIENT_ID = v.PATIENT_ID
        LEFT JOIN his.PATS_IN_HOSPITAL h  ON h.PATIENT_ID = v.PATIENT_ID AND h.VISIT_ID = v.VISIT_ID
        LEFT JOIN his.DEPT_DICT da        ON da.DEPT_CODE = v.DEPT_ADMISSION_TO
        LEFT JOIN his.DEPT_DICT dc        ON dc.DEPT_CODE = COALESCE(h.DEPT_CODE, v.DEPT_DISCHARGE_FROM, v.DEPT_ADMISSION_TO)
        LEFT JOIN his.STAFF_DICT s        ON s.EMP_NO = v.ADMITTING_DOCTOR_NO
        WHERE (v.DISCHARGE_DATE_TIME IS NULL AND v.CANCEL_DATE_TIME IS NULL)
           OR v.DISCHARGE_DATE_TIME >= UTC_TIMESTAMP() + INTERVAL 8 HOUR - INTERVAL 7 DAY
           OR v.CANCEL_DATE_TIME >= UTC_TIMESTAMP() + INTERVAL 8 HOUR - INTERVAL 7 DAY
        """;

    /// <summary>
    /// <see cref="SettlementByHand"/> for MySQL 5.7+ and MariaDB: the crosswalk (utf8mb4_bin) is
    /// joined with the HIS's code made utf8mb4_bin too, as a DBA must (two collations of one
    /// character set are an "Illegal mix of collations"), which keeps the crosswalk's key usable.
    /// </summary>
    public const string SettlementByHandMySql = """
        SELECT em.EXAM_NO, em.APPLY_NO,
               CASE WHEN r.CHARGE_TYPE = '自费' THEN '00000000000000000000' ELSE r.INSUR_SETL_ID END,
               b.MED_LIST_CODG,
               CASE WHEN r.CHARGE_TYPE = '自费' THEN '00000000000000000000' ELSE b.INSUR_FEEDETL_SN END,
               x.exam_part, (SELECT hospital_id FROM imgcloud.settings)
        FROM his.OUTP_RCPT_MASTER r
        JOIN his.OUTP_BILL_ITEMS b ON b.RCPT_NO = r.RCPT_NO
        JOIN his.EXAM_MASTER em    ON em.EXAM_NO = b.EXAM_NO
        JOIN his.EXAM_ITEMS ei     ON ei.EXAM_NO = b.EXAM_NO AND ei.EXAM_ITEM_NO = b.EXAM_ITEM_NO
        LEFT JOIN imgcloud.exam_part_map x ON x.exam_code = ei.EXAM_ITEM_CODE COLLATE utf8mb4_bin
        WHERE r.VISIT_DATE_TIME >= UTC_TIMESTAMP() + INTERVAL 8 HOUR - INTERVAL 7 DAY
        UNION ALL
        SELECT em.EXAM_NO, em.APPLY_NO,
               CASE WHEN s.CHARGE_TYPE = '自费' THEN '00000000000000000000' ELSE s.INSUR_SETL_ID END,
               b.MED_LIST_CODG,
               CASE WHEN s.CHARGE_TYPE = '自费' THEN '00000000000000000000' ELSE b.INSUR_FEEDETL_SN END,
               x.exam_part, (SELECT hospital_id FROM imgcloud.settings)
        FROM his.INP_SETTLE_MASTER s
        JOIN his.INP_BILL_DETAIL b ON b.RCPT_NO = s.RCPT_NO
        JOIN his.EXAM_MASTER em    ON em.EXAM_NO = b.EXAM_NO
        JOIN his.EXAM_ITEMS ei     ON ei.EXAM_NO = b.EXAM_NO AND ei.EXAM_ITEM_NO = b.EXAM_ITEM_NO
        LEFT JOIN imgcloud.exam_part_map x ON x.exam_code = ei.EXAM_ITEM_CODE COLLATE utf8mb4_bin
        WHERE s.SETTLING_DATE >= UTC_TIMESTAMP() + INTERVAL 8 HOUR - INTERVAL 7 DAY
        """;

    /// <summary>Runs <paramref name="sql"/> and reads every column of every row as a string, as a client would; returns seconds and rows.</summary>
    public static async Task<(double Seconds, int Rows)> ReadAllAsync(DbDataSource source, string sql, CancellationToken cancel)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = await source.OpenConnectionAsync(cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancel);
        var rows = 0;
        long characters = 0;
        while (await reader.ReadAsync(cancel))
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (!reader.IsDBNull(i))
                {
                    characters += reader.GetString(i).Length;
                }
            }
            rows++;
        }
        GC.KeepAlive(characters);
        return (watch.Elapsed.TotalSeconds, rows);
    }

    /// <summary>Every row as strings, sorted, so two result sets compare whatever order the plans produced.</summary>
    public static async Task<List<string?[]>> RowsAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await using var reader = await command.ExecuteReaderAsync(cancel);
        var rows = new List<string?[]>();
        while (await reader.ReadAsync(cancel))
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetString(i);
            }
            rows.Add(row);
        }
        rows.Sort(CompareRows);
        return rows;
    }

    /// <summary>
    /// Both queries in one REPEATABLE READ transaction (one snapshot; on PostgreSQL one now());
    /// null when equal, else the first difference. MySQL's UTC_TIMESTAMP() is each statement's
    /// own: when the clock crossed a second between the two and a row crossed the window's edge
    /// with it, they are compared again (three times at most).
    /// </summary>
    public static async Task<string?> DifferenceAsync(DbDataSource source, string sqlA, string sqlB, CancellationToken cancel)
    {
        string? difference = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var connection = await source.OpenConnectionAsync(cancel);
            await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancel);
            var a = await RowsAsync(connection, transaction, sqlA, cancel);
            var b = await RowsAsync(connection, transaction, sqlB, cancel);
            await transaction.CommitAsync(cancel);
            difference = Difference(a, b);
            if (difference is null)
            {
                break;
            }
        }
        return difference;
    }

    public static string? Difference(List<string?[]> a, List<string?[]> b)
    {
        if (a.Count == 0)
        {
            return "no rows at all: nothing would be compared";
        }
        if (a.Count != b.Count)
        {
            return $"{a.Count} rows against {b.Count}";
        }
        for (var i = 0; i < a.Count; i++)
        {
            if (CompareRows(a[i], b[i]) != 0)
            {
                return $"row {i} differs: [{string.Join("|", a[i])}] against [{string.Join("|", b[i])}]";
            }
        }
        return null;
    }

    private static int CompareRows(string?[] x, string?[] y)
    {
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var c = string.CompareOrdinal(x[i], y[i]);
            if (c != 0)
            {
                return c;
            }
        }
        return x.Length.CompareTo(y.Length);
    }
}
