using System.Data.Common;
using System.Text.RegularExpressions;

namespace ProviderApi.Data.Migrations;

/// <summary>
/// The source views' contract (sql/README.md, "源视图的列 / Source-view columns"): the one list in
/// the provider of each source view's columns, which <c>migrate</c> compares with a hospital's
/// views when the standard views cannot be made, to name the view and the column to add.
/// </summary>
public static class SourceViewColumns
{
    /// <summary>The optional source view of stays the HIS marks cancelled by a status alone, without a cancel time.</summary>
    public const string Cancelled = "src_inpatient_cancelled";

    /// <summary>The patient's columns, which both visit views carry too.</summary>
    public static IReadOnlyList<string> Patient { get; } =
    [
        "id_card_no", "health_card_no", "insurance_card_no", "inpatient_no", "medicare_no",
        "mobile_phone", "patient_name", "sex_code", "date_of_birth",
    ];

    /// <summary>Every source view and its columns, in the guide's order.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ByView { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["src_patient"] = ["patient_id", .. Patient],
        ["src_outpatient_visit"] =
        [
            "visit_no", "patient_type", "register_time", "visit_time", "dept_code", "dept_name", "doctor_name",
            "doctor_his_uid", "doctor_insurance_code", "doctor_id_card_no", "withdrawn", "seen",
            "diagnosis_code", "diagnosis_name", "hospital_id", .. Patient,
        ],
        ["src_inpatient_visit"] =
        [
            "admission_no", "register_time", "admission_time", "discharge_time", "cancel_time",
            "admit_dept_code", "admit_dept_name", "admit_doctor_name", "admit_doctor_his_uid",
            "admit_doctor_insurance_code", "admit_doctor_id_card_no", "current_dept_code", "current_dept_name",
            "ward_no", "bed_no", "diagnosis_code", "diagnosis_name", "hospital_id", .. Patient,
        ],
        [Cancelled] = ["admission_no"],
        ["src_exam_item"] = ["exam_code", "exam_name", "modality", "body_part", "price", "is_valid", "source_type", "hospital_id"],
        ["src_settlement"] =
        [
            "accession_no", "study_order_id", "setl_id", "med_list_code", "fee_detail_sn", "exam_item_code",
            "settle_time", "self_paid", "hospital_id",
        ],
        ["src_dept"] = ["dept_code", "dept_name", "remark", "hospital_id"],
    };

    /// <summary>src_patient is read only by the other source views (in the shipped mapping), never by the standard views.</summary>
    private static bool ReadByStandardViews(string view) => view != "src_patient";

    /// <summary>Whether a source-view script creates or alters <paramref name="view"/> (a comment or a DROP naming it does not count).</summary>
    public static bool Defines(string script, string view) =>
        Regex.IsMatch(
            string.Join('\n', script.ReplaceLineEndings("\n").Split('\n').Select(l => l.Split("--")[0])),
            $@"\b(CREATE|ALTER)\b[^;/]{{0,120}}?\bVIEW\s+(IF\s+NOT\s+EXISTS\s+)?([`""\[]?imgcloud[`""\]]?\.)?[`""\[]?{view}\b",
            RegexOptions.IgnoreCase);

    /// <summary>
    /// What the source views lack, read from the database (<c>SELECT * … WHERE 1 = 0</c>, column
    /// names compared case-insensitively): "imgcloud.src_x lacks a, b" or "imgcloud.src_x cannot be
    /// read: …". The optional <see cref="Cancelled"/> is compared only where it exists.
    /// </summary>
    public static IReadOnlyList<string> Gaps(DatabaseEngine engine, DbConnection connection, DbTransaction? transaction)
    {
        var gaps = new List<string>();
        foreach (var (view, columns) in ByView.Where(v => ReadByStandardViews(v.Key)).SelectMany(v => engine.SourceViewsFor(v.Key).Select(n => (n, v.Value))))
        {
            var name = engine.Imgcloud(view);
            var found = Columns(connection, transaction, name, out var error);
            if (found is null)
            {
                if (view != Cancelled)
                {
                    gaps.Add($"{name} cannot be read ({error})");
                }
                continue;
            }
            var missing = columns.Where(c => !found.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                gaps.Add($"{name} lacks {string.Join(", ", missing)}");
            }
        }
        return gaps;
    }

    /// <summary>The view's column names, or null (with the driver's message) when it cannot be read.</summary>
    private static HashSet<string>? Columns(DbConnection connection, DbTransaction? transaction, string view, out string error)
    {
        error = "";
        // A failed statement aborts a PostgreSQL transaction: each read has a savepoint of its own.
        var savepoint = transaction is { SupportsSavepoints: true };
        if (savepoint)
        {
            transaction!.Save("imgcloud_probe");
        }
        try
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"SELECT * FROM {view} WHERE 1 = 0";
            using var reader = command.ExecuteReader();
            var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            return names;
        }
        catch (DbException ex)
        {
            if (savepoint)
            {
                transaction!.Rollback("imgcloud_probe");
            }
            error = ex.Message;
            return null;
        }
    }
}
