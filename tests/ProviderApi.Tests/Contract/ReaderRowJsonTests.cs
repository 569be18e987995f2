using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ProviderApi.Contract;
using ProviderApi.Data;
using ProviderApi.Dictionaries;
using ProviderApi.Tests.Safety;

namespace ProviderApi.Tests.Contract;

/// <summary>
/// The dictionaries go from the data reader to JSON without an object per row: what is written
/// must be byte for byte what the serializer wrote for the row Dapper filled.
/// </summary>
public sealed class ReaderRowJsonTests(DemoFile demo) : IClassFixture<DemoFile>
{
    /// <summary>Awkward rows: text that must be escaped, Chinese, NULL, numbers where text is expected, names in another case, a missing column.</summary>
    private const string AwkwardRows = """
        SELECT 'H45010000001' AS HOSPITALLD, 'CT' AS modality, 'A"1\<b>&''x' AS examcode, '胸部 CT 平扫' || char(10) || char(9) AS examName,
               NULL AS examBodyPart, 480.5 AS examPrice, 0 AS checkStatus
        UNION ALL
        SELECT NULL, '', 'Z', '😀 emoji', '胸部', 12, 1
        """;

    private static string Serialized(IEnumerable<ExamItem> rows)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ContractJsonContext.Encoder }))
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                JsonSerializer.Serialize(json, row, ProviderApi.Dictionaries.DictionaryJsonContext.Contract.ExamItem);
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public async Task Awkward_rows_are_written_as_the_serializer_writes_what_Dapper_filled()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var expected = Serialized(await connection.QueryAsync<ExamItem>(AwkwardRows));

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        await using (var reader = await connection.ExecuteReaderAsync(AwkwardRows))
        await using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ContractJsonContext.Encoder }))
        {
            var write = new ReaderRowJson<ExamItem>(ProviderApi.Dictionaries.DictionaryJsonContext.Contract.ExamItem).NewRead();
            json.WriteStartArray();
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                write(json, reader);
            }
            json.WriteEndArray();
        }
        var written = Encoding.UTF8.GetString(buffer.WrittenSpan);

        Assert.Equal(expected, written);
        // What the comparison covers: escaped text, a NULL, numbers made strings, a missing column.
        Assert.Contains("\"examBodyPart\":null", written, StringComparison.Ordinal);
        Assert.Contains("\"examPrice\":\"480.5\"", written, StringComparison.Ordinal);
        Assert.Contains("\"sourceType\":null", written, StringComparison.Ordinal);
        Assert.Contains("\\u0022", written, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("300")]
    public async Task The_exam_dictionary_is_the_envelope_of_the_rows_Dapper_reads_cached_or_not(string seconds)
    {
        await using var factory = demo.Demo(("DictionaryCache:Seconds", seconds));
        using var client = factory.CreateClient();

        var answer = await client.FetchAsync("/standardHttp/getExamDict");
        var views = factory.Services.GetRequiredService<ViewReader>();
        var rows = await views.StreamAsync<ExamItem>(
                "SELECT hospitalld, modality, examCode, examName, examBodyPart, examPrice, checkStatus, sourceType FROM View_ProjectItemCode_Info",
                TestContext.Current.CancellationToken)
            .ToListAsync(TestContext.Current.CancellationToken);
        var envelope = new SuccessEnvelope<ExamItem> { Code = 200, Datas = rows.OrderBy(r => r.ExamCode, StringComparer.Ordinal).ToList() };

        Assert.Equal(200, answer.Status);
        Assert.True(rows.Count > 10);
        Assert.Equal(JsonSerializer.Serialize(envelope, ProviderApi.Dictionaries.DictionaryJsonContext.Contract.SuccessEnvelopeExamItem), answer.Body);
    }
}
