using System.Diagnostics;
using Npgsql;

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

    /// <summary>Runs <paramref name="sql"/> and reads every column of every row as a string, as a client would; returns seconds and rows.</summary>
    public static async Task<(double Seconds, int Rows)> ReadAllAsync(NpgsqlDataSource source, string sql, CancellationToken cancel)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = await source.OpenConnectionAsync(cancel);
        await using var command = new NpgsqlCommand(sql, connection);
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
    public static async Task<List<string?[]>> RowsAsync(NpgsqlConnection connection, string sql, CancellationToken cancel)
    {
        await using var command = new NpgsqlCommand(sql, connection);
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

    /// <summary>Both queries in one REPEATABLE READ transaction (one now(), one snapshot); null when equal, else the first difference.</summary>
    public static async Task<string?> DifferenceAsync(NpgsqlDataSource source, string sqlA, string sqlB, CancellationToken cancel)
    {
        await using var connection = await source.OpenConnectionAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancel);
        var a = await RowsAsync(connection, sqlA, cancel);
        var b = await RowsAsync(connection, sqlB, cancel);
        await transaction.CommitAsync(cancel);
        return Difference(a, b);
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
