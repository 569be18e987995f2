using Microsoft.Data.Sqlite;

namespace ProviderApi.Tests;

/// <summary>Rows of a view read with plain ADO.NET, as the cloud's own login would read them.</summary>
public static class ViewRows
{
    public static List<Dictionary<string, object?>> Query(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    public static IReadOnlyList<string> Columns(SqliteConnection connection, string view)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {view} LIMIT 0";
        using var reader = command.ExecuteReader();
        return Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
    }
}
