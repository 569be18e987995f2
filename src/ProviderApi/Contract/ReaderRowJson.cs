using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ProviderApi.Contract;

/// <summary>
/// Writes the current row of a <see cref="DbDataReader"/> straight to JSON, as
/// <see cref="JsonSerializer"/> writes a <typeparamref name="T"/> that Dapper filled from the same
/// row: the contract's keys in <typeparamref name="T"/>'s order, a column matched to its property
/// by name (ignoring case, as Dapper does), SQL NULL or a missing column as JSON null, a value
/// that is not text converted with the invariant culture (as Dapper converts it to a string
/// property). No <typeparamref name="T"/> is built per row: a 200,000-item dictionary streams
/// without 200,000 objects behind it. For types whose properties are all strings.
/// </summary>
public sealed class ReaderRowJson<T>
{
    private readonly (JsonEncodedText Key, string Column)[] properties;

    public ReaderRowJson(JsonTypeInfo<T> itemType)
    {
        properties = itemType.Properties
            .OrderBy(p => p.Order)
            .Select(p =>
            {
                if (p.PropertyType != typeof(string))
                {
                    throw new ArgumentException($"{typeof(T).Name}.{p.Name} is not a string: only string rows are written from the reader.", nameof(itemType));
                }
                var column = (p.AttributeProvider as MemberInfo)?.Name ?? p.Name;
                return (JsonEncodedText.Encode(p.Name, itemType.Options.Encoder), column);
            })
            .ToArray();
    }

    /// <summary>A writer for one read: the columns' positions are looked up at its first row and kept for the rest.</summary>
    public Action<Utf8JsonWriter, DbDataReader> NewRead()
    {
        int[]? ordinals = null;
        return (json, row) =>
        {
            ordinals ??= Ordinals(row);
            json.WriteStartObject();
            for (var i = 0; i < properties.Length; i++)
            {
                var ordinal = ordinals[i];
                json.WritePropertyName(properties[i].Key);
                if (ordinal < 0 || row.IsDBNull(ordinal))
                {
                    json.WriteNullValue();
                }
                else if (row.GetFieldType(ordinal) == typeof(string))
                {
                    json.WriteStringValue(row.GetString(ordinal));
                }
                else
                {
                    json.WriteStringValue(Convert.ToString(row.GetValue(ordinal), CultureInfo.InvariantCulture));
                }
            }
            json.WriteEndObject();
        };
    }

    private int[] Ordinals(DbDataReader row)
    {
        var byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < row.FieldCount; i++)
        {
            // Of two columns with one name the later wins, as with Dapper (which assigns both in turn).
            byName[row.GetName(i)] = i;
        }
        return properties.Select(p => byName.TryGetValue(p.Column, out var ordinal) ? ordinal : -1).ToArray();
    }
}
