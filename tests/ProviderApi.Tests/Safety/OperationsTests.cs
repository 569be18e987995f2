using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ProviderApi.Common;
using ProviderApi.Operations;

namespace ProviderApi.Tests.Safety;

/// <summary>Health, metrics, the cloud's access log and the alert when it falls silent.</summary>
public sealed class OperationsTests(DemoFile demo) : IClassFixture<DemoFile>
{
    [Fact]
    public async Task Health_says_one_word_to_anyone_and_the_details_to_operators()
    {
        await using var factory = demo.Demo();
        using var client = factory.CreateClient();

        var (live, liveBody, _) = await client.FetchAsync("/health/live", from: "10.1.1.1");
        Assert.Equal(200, live);
        Assert.Equal("Healthy", liveBody);

        var (ready, details, _) = await client.FetchAsync("/health/ready");
        Assert.Equal(200, ready);
        var database = JsonDocument.Parse(details).RootElement.GetProperty("checks").GetProperty("database");
        Assert.Equal("Healthy", database.GetProperty("status").GetString());
        foreach (var view in factory.Services.GetRequiredService<ProviderApi.Views.ViewCatalog>().All.Select(v => v.Name))
        {
            Assert.Equal("ok", database.GetProperty(view).GetString());
        }
    }

    [Fact]
    public async Task Ready_fails_and_names_the_missing_view_while_live_stays_up()
    {
        var (file, settings) = demo.SqliteCopy();
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP VIEW View_Dept_Info";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        await using var factory = new ProviderFactory(settings);
        using var client = factory.CreateClient();

        var (ready, details, _) = await client.FetchAsync("/health/ready");
        Assert.Equal(503, ready);
        var database = JsonDocument.Parse(details).RootElement.GetProperty("checks").GetProperty("database");
        Assert.Contains("View_Dept_Info", database.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("ok", database.GetProperty("View_Register_Info").GetString());

        var (_, plain, _) = await client.FetchAsync("/health/ready", from: "10.1.1.1");
        Assert.Equal("Unhealthy", plain);
        Assert.Equal(200, (await client.FetchAsync("/health/live")).Status);
    }

    [Fact]
    public async Task Metrics_show_requests_by_endpoint_and_outcome_rows_and_who_polled()
    {
        await using var factory = demo.Demo(("Access:CloudNetworks:0", "10.30.0.0/16"), ("Access:CloudNetworks:1", "127.0.0.1"));
        using var client = factory.CreateClient();
        Assert.Equal(200, (await client.FetchAsync("/standardHttp/getExamDict", from: "10.30.1.7")).Status);
        Assert.Equal(200, (await client.FetchAsync("/standardHttp/getExamDict", from: "10.30.1.7")).Status);
        Assert.Equal(401, (await client.FetchAsync("/standardHttp/getDeptInfo", from: "10.99.0.1")).Status);

        // The Prometheus exporter caches a scrape for a moment: ask until the new counts show.
        string metrics = "";
        for (var i = 0; i < 20 && !metrics.Contains("outcome=\"refused\"", StringComparison.Ordinal); i++)
        {
            metrics = (await client.FetchAsync("/metrics")).Body;
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        Assert.Contains("imgcloud_cloud_requests_total{otel_scope_name=\"ProviderApi\",endpoint=\"getExamDict\",outcome=\"ok\"} 2", metrics, StringComparison.Ordinal);
        Assert.Contains("endpoint=\"getDeptInfo\",outcome=\"refused\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("imgcloud_cloud_last_poll_seconds{otel_scope_name=\"ProviderApi\",client_address=\"10.30.1.7\"}", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("client_address=\"10.99.0.1\"", metrics, StringComparison.Ordinal);
        Assert.Contains("imgcloud_rows_served_total", metrics, StringComparison.Ordinal);
        Assert.Contains("imgcloud_cache_hits_total", metrics, StringComparison.Ordinal);
        Assert.Contains("imgcloud_db_read_duration_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silence_from_the_cloud_raises_one_alert_and_a_poll_clears_it()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.FromHours(8)));
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new ProviderMetrics(services.GetRequiredService<IMeterFactory>(), clock);
        using var alerts = new MetricCollector<long>(services.GetRequiredService<IMeterFactory>(), ProviderMetrics.MeterName, "imgcloud.cloud.silence.alerts");
        var logger = new FakeLogger<CloudSilenceWatchdog>();
        using var watchdog = new CloudSilenceWatchdog(Options.Create(new MonitoringOptions { CloudSilenceMinutes = 60 }), metrics, clock, logger);
        await watchdog.StartAsync(TestContext.Current.CancellationToken);
        // ExecuteAsync starts on the thread pool: let it reach its timer before time moves.
        await Task.Delay(200, TestContext.Current.CancellationToken);

        clock.Advance(TimeSpan.FromMinutes(59));
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.False(metrics.Silent);

        clock.Advance(TimeSpan.FromMinutes(1));
        await WaitUntilAsync(() => metrics.Silent);
        var alert = Assert.Single(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains("has not polled", alert.Message, StringComparison.Ordinal);
        Assert.Equal(1, alerts.GetMeasurementSnapshot().Sum(m => m.Value));

        // Still silent an hour later: no second alert for the same silence.
        clock.Advance(TimeSpan.FromMinutes(60));
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Single(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Error);

        metrics.CloudRequest("getExamDict", "ok", 10, "10.30.1.7");
        clock.Advance(TimeSpan.FromMinutes(1));
        await WaitUntilAsync(() => !metrics.Silent);
        Assert.Contains(logger.Collector.GetSnapshot(), r => r.Message.Contains("polls again", StringComparison.Ordinal));

        await watchdog.StopAsync(TestContext.Current.CancellationToken);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        Assert.True(condition());
    }
}
