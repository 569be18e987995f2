using System.Data.Common;
using Dapper;
using ProviderApi.Data;

namespace ProviderApi.Check;

/// <summary>How a load went: rows of the file, how many codes were new and how many replaced a row.</summary>
public sealed record CodeMapLoadResult(string Table, int Rows, long Inserted, long Replaced);

/// <summary>
/// Loads a validated code-map file in one transaction, as an upsert: a code in the file
/// replaces its row (note included; for the crosswalk, the row of the same code and institution),
/// rows for other codes are kept. Any failure rolls the
/// whole file back.
/// </summary>
public static class CodeMapLoader
{
    private static string UpsertSql(CodeMapTable kind, string table, DatabaseEngine engine) => kind switch
    {
        CodeMapTable.ExamPartMap => OverrideUpsert(table, engine),
        CodeMapTable.ExamPartCode => engine.Upsert(table, keyColumns: 1, ("exam_part", "Code"), ("name", "Value")),
        _ => engine.Upsert(table, keyColumns: 1, ("sex_code", "Code"), ("sex_text", "Value")),
    };

    /// <summary>The upsert of one exam_part_map row (parameters Code, HospitalId, Value, Note): the exam-part-map file's and the grouped file's item lines.</summary>
    internal static string OverrideUpsert(string table, DatabaseEngine engine) =>
        engine.Upsert(table, keyColumns: 2, ("exam_code", "Code"), ("hospital_id", "HospitalId"), ("exam_part", "Value"), ("note", "Note"));

    public static CodeMapLoadResult Load(CodeMapFile file, DbConnection connection, DatabaseEngine dialect)
    {
        if (!file.IsValid)
        {
            throw new InvalidOperationException("A file with problems is never loaded.");
        }
        var table = dialect.Imgcloud(CodeMapCsv.TableName(file.Table));
        using var transaction = connection.BeginTransaction();
        var before = connection.ExecuteScalar<long>($"SELECT count(*) FROM {table}", transaction: transaction);
        connection.Execute(UpsertSql(file.Table, table, dialect), file.Rows.Select(r => new { r.Code, r.HospitalId, r.Value, r.Note }), transaction);
        var after = connection.ExecuteScalar<long>($"SELECT count(*) FROM {table}", transaction: transaction);
        transaction.Commit();
        return new CodeMapLoadResult(table, file.Rows.Count, after - before, file.Rows.Count - (after - before));
    }
}

/// <summary>How a grouped file's load went: rules and overrides, each new or replacing a row.</summary>
public sealed record CrosswalkLoadResult(int Rules, long NewRules, int Items, long NewItems, int Skipped);

/// <summary>
/// Loads a validated grouped crosswalk file in one transaction: rule lines into exam_part_rule (a rule_no
/// in the file replaces its rule), item lines into exam_part_map (an item's code and institution replace
/// its override). Rules and overrides not in the file are kept. Any failure rolls the whole file back.
/// </summary>
public static class CrosswalkLoader
{
    public static CrosswalkLoadResult Load(CrosswalkFile file, DbConnection connection, DatabaseEngine dialect)
    {
        if (!file.IsValid)
        {
            throw new InvalidOperationException("A file with problems is never loaded.");
        }
        var rules = dialect.Imgcloud("exam_part_rule");
        var map = dialect.Imgcloud("exam_part_map");
        using var transaction = connection.BeginTransaction();
        long Count(string table) => connection.ExecuteScalar<long>($"SELECT count(*) FROM {table}", transaction: transaction);
        var (rulesBefore, mapBefore) = (Count(rules), Count(map));
        connection.Execute(
            dialect.Upsert(rules, keyColumns: 1, ("rule_no", "RuleNo"), ("hospital_id", "HospitalId"), ("modality", "Modality"), ("body_part", "BodyPart"),
                ("name_pattern", "NamePattern"), ("contrast", "Contrast"), ("exam_part", "ExamPart"), ("note", "Note")),
            file.Rules.Select(r => new { RuleNo = (int)r.RuleNo, r.HospitalId, r.Modality, r.BodyPart, r.NamePattern, r.Contrast, r.ExamPart, r.Note }), transaction);
        connection.Execute(CodeMapLoader.OverrideUpsert(map, dialect),
            file.Items.Select(i => new { Code = i.ExamCode, i.HospitalId, Value = i.ExamPart, i.Note }), transaction);
        var (rulesAfter, mapAfter) = (Count(rules), Count(map));
        transaction.Commit();
        return new CrosswalkLoadResult(file.Rules.Count, rulesAfter - rulesBefore, file.Items.Count, mapAfter - mapBefore, file.Skipped);
    }
}
