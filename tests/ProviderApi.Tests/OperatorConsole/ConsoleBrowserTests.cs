using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProviderApi.Operations.OperatorConsole;
using ProviderApi.Tests.Push;
using ProviderApi.Tests.Safety;
using static Microsoft.Playwright.Assertions;

namespace ProviderApi.Tests.OperatorConsole;

/// <summary>
/// Debian's headless Chromium (and a CJK font), driven by Playwright, never downloaded: started
/// once per class. Absent, the browser tests skip with the reason, and fail under CI=true.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string Executable = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser? Browser { get; private set; }

    public string? Missing { get; private set; }

    /// <summary>Screenshots of the browser tests, under the test output folder.</summary>
    public static string Artifacts { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts", "console")).FullName;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Executable))
        {
            Missing = $"{Executable} is absent (apt-get install chromium fonts-wqy-microhei; .ci/run installs them)";
            return;
        }
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Executable, Headless = true });
    }

    /// <summary>The browser, or a skip (a failure under CI) saying why there is none.</summary>
    public IBrowser Require()
    {
        if (Missing is not null)
        {
            Assert.False(Hospitals.PostgresServer.UnderCi, $"CI=true and {Missing}");
            Assert.Skip(Missing);
        }
        return Browser!;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        playwright?.Dispose();
    }
}

/// <summary>The operator console in a real browser: what it shows, its buttons, its language switch, and a refused network.</summary>
public sealed class ConsoleBrowserTests(Chromium chromium) : FakeCloudTest, IClassFixture<Chromium>
{
    private const string Cloud1 = "10.30.1.7";
    private const string Cloud2 = "10.30.1.8";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_healthy_day_loads_without_console_errors_and_the_charts_hold_the_polls()
    {
        var browser = chromium.Require();
        await using var host = Serve(("Push:Settlements:Enabled", "false"));
        var history = host.Factory.Services.GetRequiredService<ConsoleHistory>();
        var now = DateTimeOffset.UtcNow;
        for (var hour = 1; hour < 7 * 24; hour++)
        {
            // The cloud polls each dictionary every 5 minutes from two addresses; one failure now and then.
            history.PollAt(now.AddHours(-hour), Cloud1, "ok", 24);
            history.PollAt(now.AddHours(-hour), Cloud2, hour % 17 == 0 ? "error" : "ok", hour % 17 == 0 ? 1 : 24);
            history.CountAt(now.AddHours(-hour), "db", "", "ok", 2);
            history.CountAt(now.AddHours(-hour), "relay", "", "delivered", hour % 24 < 10 ? 6 : 1);
        }
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(200, (await host.Client.FetchAsync("/standardHttp/getExamDict", from: Cloud1)).Status);
        }
        await PushHost.WaitUntilAsync(async () => PushHost.Rows(await host.StatusAsync(), "registration", "delivered") > 0, TimeSpan.FromSeconds(30), "registrations are delivered");

        var (page, errors) = await OpenAsync(browser, host);
        var day = page.Locator($"table[data-chart='cloud-day'][data-item='{Cloud1}']");
        await Expect(day.Locator("td[data-total='answers']")).ToHaveTextAsync((23 * 24 + 3).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var week = page.Locator($"table[data-chart='cloud-week'][data-item='{Cloud2}']");
        Assert.True(int.Parse(await week.Locator("td[data-total='failures']").TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture) >= 9);
        await Expect(page.Locator($"svg[data-chart='cloud-day'][data-item='{Cloud1}'] rect").First).ToBeVisibleAsync();
        await Expect(page.Locator("#push-states tr[data-kind='registration'] td[data-state='rejected']")).ToHaveTextAsync("0");
        await Expect(page.Locator("#summary")).ToContainTextAsync("云端调用正常");

        // Selftest from its button; the result replaces "not run yet".
        await page.ClickAsync("button[data-post='console/selftest']");
        await Expect(page.Locator("#selftest-lines")).ToContainTextAsync("OK    settings", new() { Timeout = 60_000 });

        // The check from its button: the demo passes, with the crosswalk's warnings.
        await page.ClickAsync("button[data-post='console/check']");
        await Expect(page.Locator("#check")).ToContainTextAsync("通过", new() { Timeout = 60_000 });
        await Expect(page.Locator("#findings tr[data-rule='EXAM-PART-UNMAPPED']")).ToContainTextAsync("警告");
        await Expect(page.Locator("#summary")).ToContainTextAsync("契约检查通过");

        await page.ClickAsync("#lang");
        await Expect(page.Locator("h1 .en")).ToBeVisibleAsync();
        await Expect(page.Locator("h1 .zh")).ToBeHiddenAsync();
        await page.ClickAsync("#lang");
        await Expect(page.Locator("h1 .zh")).ToBeVisibleAsync();

        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.Artifacts, "console-healthy.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_silent_cloud_parked_rows_and_a_failed_check_show_and_the_buttons_act()
    {
        var browser = chromium.Require();
        // Registrations are refused (400: parked); the first settlement call is answered 401 (pushing pauses).
        Cloud.Script = call => call.Kind == "registration" ? CloudReply.Http400 : CloudReply.Http401;
        await using var host = Serve(("Monitoring:CloudSilenceMinutes", "60"), ("Push:PausedProbeMinutes", "60"));
        var history = host.Factory.Services.GetRequiredService<ConsoleHistory>();
        var now = DateTimeOffset.UtcNow;
        for (var hour = 3; hour < 7 * 24; hour++)
        {
            history.PollAt(now.AddHours(-hour), Cloud1, hour < 6 ? "error" : "ok", hour < 6 ? 3 : 24);
        }
        await PushHost.WaitUntilAsync(async () => (await host.StatusAsync())["pausedReason"] is not null, TimeSpan.FromSeconds(30), "the push is paused");
        await PushHost.WaitUntilAsync(async () => PushHost.Rows(await host.StatusAsync(), "registration", "rejected") > 0, TimeSpan.FromSeconds(30), "registrations are parked");

        // A wrong ID number in the HIS: the check fails on it.
        await using (var connection = new SqliteConnection($"Data Source={host.DemoPath};Pooling=False"))
        {
            await connection.OpenAsync(Cancel);
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE PAT_MASTER_INDEX SET ID_NO = '12345' WHERE PATIENT_ID = (SELECT patient_id FROM demo_scenario WHERE name = 'outpatient_seen')";
            Assert.Equal(1, await command.ExecuteNonQueryAsync(Cancel));
        }

        var (page, errors) = await OpenAsync(browser, host);
        await Expect(page.Locator($"#callers tr[data-address='{Cloud1}']")).ToContainTextAsync("静默");
        await Expect(page.Locator("#summary")).ToContainTextAsync("云端已静默");
        await Expect(page.Locator($"table[data-chart='cloud-day'][data-item='{Cloud1}'] td[data-total='failures']")).ToHaveTextAsync("9");
        await Expect(page.Locator("#push")).ToContainTextAsync("权限校验不通过");
        var parked = await page.Locator("#parked tr").CountAsync();
        Assert.True(parked > 1, "the parked rows are listed");
        Assert.DoesNotMatch("[0-9]{15}", await page.Locator("#parked").TextContentAsync() ?? "");

        await page.ClickAsync("button[data-post='console/check']");
        await Expect(page.Locator("#check")).ToContainTextAsync("未通过", new() { Timeout = 60_000 });
        await Expect(page.Locator("#findings td").Filter(new() { HasText = "错误" }).First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.Artifacts, "console-silent-parked.png"), FullPage = true });

        // The cloud takes the rows again: resume, then re-queue the parked rows.
        Cloud.Script = _ => CloudReply.Ok;
        await page.ClickAsync("button[data-post='console/resume']");
        await Expect(page.Locator("#push")).ToContainTextAsync("未暂停");
        await page.ClickAsync("button[data-post='console/requeue']");
        await PushHost.WaitUntilAsync(async () => PushHost.Rows(await host.StatusAsync(), "registration", "rejected") == 0, TimeSpan.FromSeconds(30), "the parked rows are sent again");
        await PushHost.WaitUntilAsync(async () => Cloud.Accepted.Any(c => c.Kind == "registration"), TimeSpan.FromSeconds(30), "the cloud accepts registrations");
        await page.ReloadAsync();
        await Expect(page.Locator("#push-states tr[data-kind='registration'] td[data-state='rejected']")).ToHaveTextAsync("0");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_refused_network_gets_401_in_the_browser()
    {
        var browser = chromium.Require();
        await using var host = Serve();
        await using var context = await browser.NewContextAsync(new()
        {
            ExtraHTTPHeaders = new Dictionary<string, string> { [ProviderFactory.RemoteAddressHeader] = "10.1.1.1" },
        });
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(host.Address + "operations/");
        Assert.Equal(401, response!.Status);
        Assert.DoesNotContain("运行状态", await page.ContentAsync(), StringComparison.Ordinal);
    }

    /// <summary>A push host's settings (demo hospital, fake cloud), answering on a real port for the browser.</summary>
    private Served Serve(params (string Key, string? Value)[] more)
    {
        var settings = PushHost.Settings(Folder, Cloud);
        foreach (var (key, value) in more.Prepend(("Monitoring:HistoryPath", Folder.File("history.db"))).Prepend(("Access:CloudNetworks:0", "10.30.0.0/16")))
        {
            settings[key] = value;
        }
        var factory = new ProviderFactory(settings);
        factory.UseKestrel(0);
        factory.StartServer();
        return new Served(factory, Folder.File("demo-hospital.db"));
    }

    private sealed class Served(ProviderFactory factory, string demoPath) : IAsyncDisposable
    {
        public ProviderFactory Factory { get; } = factory;

        public HttpClient Client { get; } = factory.CreateClient();

        public string DemoPath { get; } = demoPath;

        public string Address { get; } = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";

        public Task<JsonObject> StatusAsync() => PushHost.StatusAsync(Client);

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Factory.DisposeAsync();
        }
    }

    /// <summary>Opens /operations/ in a new page, collecting console errors and failed requests.</summary>
    private static async Task<(IPage Page, List<string> Errors)> OpenAsync(IBrowser browser, Served host)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        page.RequestFailed += (_, request) => errors.Add($"{request.Url}: {request.Failure}");
        var response = await page.GotoAsync(host.Address + "operations/");
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        return (page, errors);
    }
}
