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
    private static string UpsertSql(CodeMapTable kind, string table, DatabaseEngine engine) => kind == CodeMapTable.ExamPartMap
        ? engine.Upsert(table, keyColumns: 2, ("exam_code", "Code"), ("hospital_id", "HospitalId"), ("exam_part", "Value"), ("note", "Note"))
        : engine.Upsert(table, keyColumns: 1, ("sex_code", "Code"), ("sex_text", "Value"));

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
