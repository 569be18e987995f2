using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ProviderApi.Tests.Safety;

/// <summary>
/// What keeps the provider's working set near what it holds (issue 14; measured by the
/// benchmark's memory lines): the GC it ships with, and the memory a large cached answer's build
/// went through handed back once the answer is built.
/// </summary>
public sealed class MemoryTests(DemoFile demo) : IClassFixture<DemoFile>
{
    [Fact]
    public void The_provider_ships_with_server_GC_adapting_to_its_size()
    {
        // The settings every deployment runs with (the systemd unit, the Windows service, IIS and the
        // container set no GC variables): server GC with DATAS, whose gen0 budget follows the live heap.
        // Workstation GC's budget (52 MiB on the benchmark's machine) showed in the working set of every
        // large answer.
        var path = Path.Combine(AppContext.BaseDirectory, "ProviderApi.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.True(properties.GetProperty("System.GC.Concurrent").GetBoolean());
        Assert.Equal(1, properties.GetProperty("System.GC.DynamicAdaptationMode").GetInt32());
    }

    [Fact]
    public async Task Building_a_large_cached_answer_ends_with_a_compacting_collection_a_small_one_without()
    {
        var (file, settings) = demo.SqliteCopy(("DictionaryCache:Seconds", "300"));
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            // 40,000 items, about 7 MiB of JSON: above the 4 MiB from which a build is followed by a collection.
            command.CommandText = """
                DROP VIEW View_ProjectItemCode_Info;
                CREATE VIEW View_ProjectItemCode_Info AS
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000)
                SELECT 'H45010000001' AS hospitalld, 'CT' AS modality, 'CT' || printf('%06d', i) AS examCode,
                       '胸部CT平扫（第' || i || '项）' AS examName, '胸部' AS examBodyPart, '480.00' AS examPrice,
                       '1' AS checkStatus, '1' AS sourceType
                FROM n;
                """;
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        await using var provider = new ProviderFactory(settings);
        var logs = new FakeLoggerProvider();
        await using var factory = provider.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging
            .AddProvider(logs)
            .AddFilter<FakeLoggerProvider>("ProviderApi.Dictionaries", LogLevel.Debug)));
        using var client = factory.CreateClient();

        var answer = await client.FetchAsync("/standardHttp/getExamDict");
        var small = await client.FetchAsync("/standardHttp/getDeptInfo");

        Assert.Equal(200, answer.Status);
        Assert.Equal(200, small.Status);
        var bytes = Encoding.UTF8.GetByteCount(answer.Body);
        Assert.True(bytes > 4 * 1024 * 1024, $"the answer is too small to tell ({bytes:N0} bytes)");
        var cached = logs.Collector.GetSnapshot().Where(r => r.Id.Id == 5010).Select(r => r.Message).ToList();
        Assert.Equal(2, cached.Count);
        Assert.Matches($@"^Cached the exam-item dictionary: {bytes} bytes, 40000 rows; a compacting collection \(\d+ ms\) took the heap's committed memory from [\d.]+ to [\d.]+ MiB$", cached[0]);
        Assert.Matches(@"^Cached the department dictionary: \d+ bytes, \d+ rows; no collection \(a small answer\)$", cached[1]);
    }
}
