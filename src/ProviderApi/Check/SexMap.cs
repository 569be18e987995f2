using ProviderApi.Data;

namespace ProviderApi.Check;

/// <summary>The sex code map's outputs (imgcloud sex_map.sex_text): exactly the values patientSex may take.</summary>
public static class SexMap
{
    public static async Task<IReadOnlySet<string>> ReadTextsAsync(ViewReader views, DatabaseEngine dialect, CancellationToken cancellationToken)
    {
        var texts = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in views.StreamAsync<SexText>($"SELECT DISTINCT sex_text AS Text FROM {dialect.Imgcloud("sex_map")}", cancellationToken))
        {
            texts.Add(row.Text ?? "");
        }
        return texts;
    }

    /// <summary>A value of sex_map.sex_text (Dapper's row parser maps classes, not bare strings).</summary>
    private sealed class SexText
    {
        public string? Text { get; set; }
    }
}
