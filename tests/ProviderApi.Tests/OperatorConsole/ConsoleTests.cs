using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ProviderApi.Common;
using ProviderApi.Operations.OperatorConsole;
using ProviderApi.Tests.Safety;

namespace ProviderApi.Tests.OperatorConsole;

/// <summary>The operator console over HTTP: who may see it, what it costs the database, its buttons' guard, and its history.</summary>
public sealed class ConsoleTests(DemoFile demo) : IClassFixture<DemoFile>, IDisposable
{
    private const string Cloud = "10.30.1.7";
    private readonly TempFolder folder = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private ProviderFactory Start(string? history = null, params (string Key, string? Value)[] more) =>
        demo.Demo([("Access:CloudNetworks:0", "10.30.0.0/16"), ("Monitoring:HistoryPath", history ?? folder.File($"history-{Guid.NewGuid():N}.db")), .. more]);

    [Fact]
    public async Task The_console_is_for_the_operators_networks_only()
    {
        await using var factory = Start();
        using var client = factory.CreateClient();
        foreach (var path in new[] { "/operations/", "/operations/console.json", "/operations/favicon.svg" })
        {
            Assert.Equal(401, (await client.FetchAsync(path, from: "10.1.1.1")).Status);
            Assert.Equal(401, (await client.FetchAsync(path, from: Cloud)).Status);
            Assert.Equal(200, (await client.FetchAsync(path)).Status);
        }
        using var post = new HttpRequestMessage(HttpMethod.Post, "/operations/console/check");
        post.Headers.Add(ProviderFactory.RemoteAddressHeader, "10.1.1.1");
        post.Headers.Add(ConsolePage.ActionHeader, "1");
        Assert.Equal(401, (int)(await client.SendAsync(post, Cancel)).StatusCode);

        var (_, page, response) = await client.FetchAsync("/operations/");
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Contains("<html lang=\"zh-CN\">", page, StringComparison.Ordinal);
        Assert.Contains("医保影像云接口 运行状态", page, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        // Offline: nothing fetched from another host.
        Assert.DoesNotContain("http://", page.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", page, StringComparison.Ordinal);

        var (redirect, _, moved) = await client.FetchAsync("/operations");
        Assert.Equal(200, redirect);
        Assert.Equal("/operations/", moved.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task A_page_load_reads_no_view_and_shows_the_polls_and_rows_read_before()
    {
        await using var factory = Start();
        using var client = factory.CreateClient();
        Assert.Equal(200, (await client.FetchAsync("/standardHttp/getExamDict", from: Cloud)).Status);
        Assert.Equal(200, (await client.FetchAsync("/standardHttp/getExamDict", from: Cloud)).Status);
        Assert.Equal(200, (await client.FetchAsync("/standardHttp/getDeptInfo", from: "10.30.1.8")).Status);

        using var reads = new MetricCollector<long>(factory.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), ProviderMetrics.MeterName, "imgcloud.db.reads");
        var (status, page, _) = await client.FetchAsync("/operations/");
        var json = JsonNode.Parse((await client.FetchAsync("/operations/console.json")).Body)!;
        Assert.Equal(200, status);
        Assert.Empty(reads.GetMeasurementSnapshot());

        var caller = json["cloud"]!["callers"]!.AsArray().Single(c => (string?)c!["address"] == Cloud)!;
        Assert.Equal(2, Total(caller["day"]!, "answers"));
        Assert.Equal(2, Total(caller["week"]!, "answers"));
        Assert.Equal(0, Total(caller["day"]!, "failures"));
        Assert.False((bool)caller["silent"]!);

        // The rows each dictionary had when a poll read it, without the console reading it again.
        var exams = json["database"]!["views"]!.AsArray().Single(v => (string?)v!["view"] == "View_ProjectItemCode_Info")!;
        Assert.Equal("poll", (string?)exams["readBy"]);
        Assert.True((long)exams["rows"]! > 0);
        var dictionary = json["dictionaries"]!.AsArray().Single(d => (string?)d!["name"] == "getExamDict")!;
        Assert.Equal("cache", (string?)dictionary["lastSource"]);
        Assert.Equal((long)exams["rows"]!, (long)dictionary["rows"]!);
        Assert.True((bool)json["database"]!["lastReadOk"]!);

        // The page shows the same in the table beside the chart.
        Assert.Contains($"data-chart=\"cloud-day\" data-item=\"{Cloud}\"", page, StringComparison.Ordinal);
        Assert.Contains("<td data-total=\"answers\">2</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_the_consoles_header_or_from_another_site_is_refused()
    {
        await using var factory = Start();
        using var client = factory.CreateClient();
        async Task<int> PostAsync(params (string Name, string Value)[] headers)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/operations/console/selftest");
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
            return (int)(await client.SendAsync(request, Cancel)).StatusCode;
        }

        // A form of another site: no custom header, its own origin.
        Assert.Equal(403, await PostAsync(("Origin", "http://evil.example"), ("Sec-Fetch-Site", "cross-site")));
        Assert.Equal(403, await PostAsync());
        Assert.Equal(403, await PostAsync((ConsolePage.ActionHeader, "1"), ("Origin", "http://evil.example")));
        Assert.Equal(403, await PostAsync((ConsolePage.ActionHeader, "1"), ("Sec-Fetch-Site", "cross-site")));
        Assert.Null(JsonNode.Parse((await client.FetchAsync("/operations/console.json")).Body)!["selfTest"]!["last"]);

        Assert.Equal(202, await PostAsync((ConsolePage.ActionHeader, "1"), ("Origin", "http://localhost"), ("Sec-Fetch-Site", "same-origin")));
        var done = await WaitForAsync(client, "selfTest");
        Assert.Equal(0, (int)done["last"]!["exitCode"]!);
        Assert.Contains(done["last"]!["lines"]!.AsArray(), l => ((string)l!).StartsWith("OK    settings", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_check_runs_one_at_a_time_and_its_verdict_and_rows_are_kept()
    {
        var history = folder.File("kept.db");
        await using (var factory = Start(history))
        {
            using var client = factory.CreateClient();
            using var first = Post("/operations/console/check");
            using var second = Post("/operations/console/check");
            Assert.Equal(202, (int)(await client.SendAsync(first, Cancel)).StatusCode);
            Assert.Equal(409, (int)(await client.SendAsync(second, Cancel)).StatusCode);
            var check = await WaitForAsync(client, "check");
            Assert.True((bool)check["last"]!["passed"]!);
            Assert.Contains(check["last"]!["findings"]!.AsArray(), f => (string?)f!["rule"] == "EXAM-PART-UNMAPPED");
            Assert.Equal(200, (await client.FetchAsync("/standardHttp/getDeptInfo", from: Cloud)).Status);
        }

        // A restart: the verdict, the rows and the polls come back from the history file.
        await using (var factory = Start(history))
        {
            using var client = factory.CreateClient();
            var json = JsonNode.Parse((await client.FetchAsync("/operations/console.json")).Body)!;
            Assert.True((bool)json["check"]!["last"]!["passed"]!);
            var registrations = json["database"]!["views"]!.AsArray().Single(v => (string?)v!["view"] == "View_Register_Info")!;
            Assert.Equal("check", (string?)registrations["readBy"]);
            var caller = json["cloud"]!["callers"]!.AsArray().Single(c => (string?)c!["address"] == Cloud)!;
            Assert.Equal(1, Total(caller["day"]!, "answers"));
            Assert.NotNull(caller["lastPoll"]);
        }
    }

    [Fact]
    public async Task The_history_is_hourly_and_forgets_what_is_older_than_30_days()
    {
        var history = folder.File("pruned.db");
        await using var factory = Start(history);
        var store = factory.Services.GetRequiredService<ConsoleHistory>();
        var now = DateTimeOffset.UtcNow;
        store.CountAt(now.AddDays(-31), "poll", Cloud, "ok", 5);
        store.CountAt(now.AddDays(-29), "poll", Cloud, "ok", 7);
        store.CountAt(now.AddMinutes(-1), "poll", Cloud, "error", 2);
        store.CountAt(now.AddMinutes(-1), "poll", Cloud, "error", 1);
        await store.FlushAsync(Cancel);

        var kept = await store.HoursAsync(now.AddDays(-40).ToUnixTimeMilliseconds(), Cancel);
        Assert.DoesNotContain(kept, h => h.Count == 5);
        Assert.Contains(kept, h => h.Count == 7 && h.HourMs == ConsoleHistory.Hour(now.AddDays(-29).ToUnixTimeMilliseconds()));
        Assert.Equal(3, Assert.Single(kept, h => h.Outcome == "error").Count);
    }

    private static HttpRequestMessage Post(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add(ConsolePage.ActionHeader, "1");
        return request;
    }

    private static async Task<JsonNode> WaitForAsync(HttpClient client, string job)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var section = JsonNode.Parse((await client.FetchAsync("/operations/console.json")).Body)![job]!;
            if (!(bool)section["running"]! && section["last"] is not null)
            {
                return section;
            }
            Assert.True(DateTime.UtcNow < deadline, $"{job} did not finish: {section.ToJsonString()}");
            await Task.Delay(200, Cancel);
        }
    }

    internal static long Total(JsonNode chart, string series) =>
        chart["series"]!.AsArray().Single(s => (string?)s!["name"] == series)!["values"]!.AsArray().Sum(v => (long)v!);

    public void Dispose() => folder.Dispose();
}
