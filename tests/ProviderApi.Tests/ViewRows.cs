using System.Data.Common;
using Dapper;

namespace ProviderApi.Tests;

/// <summary>Rows of a view read with plain ADO.NET, as the cloud's own login would read them.</summary>
public static class ViewRows
{
    /// <summary>
    /// Each row as column → value. Keys ignore case: PostgreSQL folds the unquoted column names
    /// of the views to lower case, exactly as an unquoted SELECT from the cloud expects.
    /// </summary>
    public static List<Dictionary<string, object?>> Query(DbConnection connection, string sql, object? parameters = null, DbTransaction? transaction = null)
    {
        using var reader = connection.ExecuteReader(sql, parameters, transaction);
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    public static long Count(DbConnection connection, string sql) => connection.ExecuteScalar<long>(sql);

    public static IReadOnlyList<string> Columns(DbConnection connection, string view)
    {
        using var reader = connection.ExecuteReader($"SELECT * FROM {view} WHERE 1 = 0");
        return Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
    }
}
