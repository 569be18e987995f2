using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ProviderApi.Common;
using ProviderApi.Contract;

namespace ProviderApi.Tests.Safety;

/// <summary>The HIS database shielded from polling: one query per dictionary per expiry, the last good answer while it fails.</summary>
public sealed class DictionaryCacheTests(DemoFile demo) : IClassFixture<DemoFile>
{
    private const string ExamDict = "/standardHttp/getExamDict";

    private static MetricCollector<long> Count(ProviderFactory factory, string instrument) =>
        new(factory.Services.GetRequiredService<IMeterFactory>(), ProviderMetrics.MeterName, instrument);

    private static long Total(MetricCollector<long> collector) => collector.GetMeasurementSnapshot().Sum(m => m.Value);

    private static async Task<(int Status, string Body, HttpResponseMessage Response)[]> FiftyAtOnceAsync(HttpClient client, string path)
    {
        using var start = new ManualResetEventSlim();
        var requests = Enumerable.Range(0, 50).Select(_ => Task.Run(() =>
        {
            start.Wait(TestContext.Current.CancellationToken);
            return client.FetchAsync(path);
        })).ToArray();
        start.Set();
        return await Task.WhenAll(requests);
    }

    [Fact]
    public async Task Fifty_concurrent_requests_on_a_cold_or_expired_cache_make_one_database_query()
    {
        var (_, settings) = demo.SqliteCopy(("DictionaryCache:Seconds", "1"));
        await using var factory = new ProviderFactory(settings);
        using var client = factory.CreateClient();
        using var reads = Count(factory, "imgcloud.db.reads");

        var cold = await FiftyAtOnceAsync(client, ExamDict);
        Assert.All(cold, r => Assert.Equal(200, r.Status));
        Assert.Single(cold.Select(r => r.Body).Distinct());
        Assert.Equal(1, Total(reads));

        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);
        reads.Clear();
        var expired = await FiftyAtOnceAsync(client, ExamDict);
        Assert.All(expired, r => Assert.Equal(200, r.Status));
        Assert.Equal(cold[0].Body, expired[0].Body);
        Assert.Equal(1, Total(reads));

        // Each dictionary is cached on its own.
        reads.Clear();
        await FiftyAtOnceAsync(client, "/standardHttp/getDeptInfo");
        Assert.Equal(1, Total(reads));
    }

    [Fact]
    public async Task A_cached_answer_is_byte_for_byte_the_streamed_one()
    {
        var (_, cachedSettings) = demo.SqliteCopy();
        var (_, streamedSettings) = demo.SqliteCopy(("DictionaryCache:Seconds", "0"));
        await using var cached = new ProviderFactory(cachedSettings);
        await using var streamed = new ProviderFactory(streamedSettings);
        using var cachedClient = cached.CreateClient();
        using var streamedClient = streamed.CreateClient();

        foreach (var path in new[] { ExamDict, "/standardHttp/getDeptInfo" })
        {
            var first = await cachedClient.FetchAsync(path);
            var second = await cachedClient.FetchAsync(path);
            var fromDatabase = await streamedClient.FetchAsync(path);
            Assert.Equal(fromDatabase.Body, first.Body);
            Assert.Equal(fromDatabase.Body, second.Body);
            Assert.Equal("application/json; charset=utf-8", second.Response.Content.Headers.ContentType?.ToString());
        }
    }

    [Fact]
    public async Task With_the_cache_off_every_request_reads_the_database()
    {
        var (_, settings) = demo.SqliteCopy(("DictionaryCache:Seconds", "0"));
        await using var factory = new ProviderFactory(settings);
        using var client = factory.CreateClient();
        using var reads = Count(factory, "imgcloud.db.reads");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(200, (await client.FetchAsync(ExamDict)).Status);
        }

        Assert.Equal(3, Total(reads));
    }

    [Fact]
    public async Task While_the_database_fails_the_last_good_answer_is_served_marked_stale_then_fresh_again()
    {
        var (file, settings) = demo.SqliteCopy(("DictionaryCache:Seconds", "1"), ("DictionaryCache:RetrySeconds", "1"), ("DictionaryCache:StaleSeconds", "600"));
        await using var factory = new ProviderFactory(settings);
        using var client = factory.CreateClient();
        using var stale = Count(factory, "imgcloud.cache.stale");

        var good = await client.FetchAsync(ExamDict);
        Assert.Equal(200, good.Status);
        Assert.False(good.Response.Headers.Contains(EnvelopeResults.StaleHeader));

        // The database goes away.
        SqliteConnection.ClearAllPools();
        File.Move(file, file + ".away");
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);

        var served = await client.FetchAsync(ExamDict);
        Assert.Equal(200, served.Status);
        Assert.Equal(good.Body, served.Body);
        Assert.Equal(["true"], served.Response.Headers.GetValues(EnvelopeResults.StaleHeader));
        var again = await client.FetchAsync(ExamDict);
        Assert.Equal(["true"], again.Response.Headers.GetValues(EnvelopeResults.StaleHeader));
        Assert.Equal(2, Total(stale));

        // A dictionary never read successfully has nothing to fall back on.
        var (status, body, _) = await client.FetchAsync("/standardHttp/getDeptInfo");
        Assert.Equal(500, status);
        Assert.Equal(Requests.ServerError, body);

        // It comes back: after the retry interval the answer is fresh again, without a restart.
        File.Move(file + ".away", file);
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);
        var fresh = await client.FetchAsync(ExamDict);
        Assert.Equal(200, fresh.Status);
        Assert.False(fresh.Response.Headers.Contains(EnvelopeResults.StaleHeader));
        Assert.Equal(200, (await client.FetchAsync("/standardHttp/getDeptInfo")).Status);
    }

    [Fact]
    public async Task With_stale_serving_off_a_failing_database_gives_the_500_envelope()
    {
        var (file, settings) = demo.SqliteCopy(("DictionaryCache:Seconds", "1"), ("DictionaryCache:StaleSeconds", "0"));
        await using var factory = new ProviderFactory(settings);
        using var client = factory.CreateClient();
        Assert.Equal(200, (await client.FetchAsync(ExamDict)).Status);

        SqliteConnection.ClearAllPools();
        File.Move(file, file + ".away");
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);

        var (status, body, _) = await client.FetchAsync(ExamDict);
        Assert.Equal(500, status);
        Assert.Equal(Requests.ServerError, body);
    }
}
