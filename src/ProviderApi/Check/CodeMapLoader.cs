using System.Data.Common;
using Dapper;
using ProviderApi.Data;

namespace ProviderApi.Check;

/// <summary>How a load went: rows of the file, how many codes were new and how many replaced a row.</summary>
public sealed record CodeMapLoadResult(string Table, int Rows, long Inserted, long Replaced);

/// <summary>
/// Loads a validated code-map file in one transaction, as an upsert: a code in the file
/// replaces its row (note included), rows for other codes are kept. Any failure rolls the
/// whole file back.
/// </summary>
public static class CodeMapLoader
{
    // ON CONFLICT ... DO UPDATE: PostgreSQL 9.5+ and SQLite 3.24+ alike.
    private static string UpsertSql(CodeMapTable kind, string table) => kind == CodeMapTable.ExamPartMap
        ? $"""
            INSERT INTO {table} (exam_code, exam_part, note) VALUES (@Code, @Value, @Note)
            ON CONFLICT (exam_code) DO UPDATE SET exam_part = excluded.exam_part, note = excluded.note
            """
        : $"""
            INSERT INTO {table} (sex_code, sex_text) VALUES (@Code, @Value)
            ON CONFLICT (sex_code) DO UPDATE SET sex_text = excluded.sex_text
            """;

    public static CodeMapLoadResult Load(CodeMapFile file, DbConnection connection, DatabaseEngine dialect)
    {
        if (!file.IsValid)
        {
            throw new InvalidOperationException("A file with problems is never loaded.");
        }
        var table = dialect.Imgcloud(CodeMapCsv.TableName(file.Table));
        using var transaction = connection.BeginTransaction();
        var before = connection.ExecuteScalar<long>($"SELECT count(*) FROM {table}", transaction: transaction);
        connection.Execute(UpsertSql(file.Table, table), file.Rows.Select(r => new { r.Code, r.Value, r.Note }), transaction);
        var after = connection.ExecuteScalar<long>($"SELECT count(*) FROM {table}", transaction: transaction);
        transaction.Commit();
        return new CodeMapLoadResult(table, file.Rows.Count, after - before, file.Rows.Count - (after - before));
    }
}
