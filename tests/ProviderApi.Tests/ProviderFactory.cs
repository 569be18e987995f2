using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ProviderApi.Tests;

/// <summary>The provider in memory, with the given settings on top of appsettings.json.</summary>
public sealed class ProviderFactory(IReadOnlyDictionary<string, string?> settings, TimeProvider? clock = null) : WebApplicationFactory<Program>
{
    /// <summary>
    /// The test server has no remote address; requests come from loopback unless they carry
    /// this header (tests of the access lists), which only the test host reads.
    /// </summary>
    public const string RemoteAddressHeader = "X-Test-Remote-Address";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        var all = new Dictionary<string, string?>
        {
            ["Logging:File:Path"] = TestLogs.Folder,
            // The operator console's history: a file of this host's own, not one shared by every test.
            ["Monitoring:HistoryPath"] = Path.Combine(Path.GetTempPath(), $"imgcloud-test-history-{Environment.ProcessId}", $"{Guid.NewGuid():N}.db"),
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(all));
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, RemoteAddressFilter>());
        if (clock is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton(clock));
        }
    }

    public static ProviderFactory ForDemo(string demoPath, params (string Key, string? Value)[] more) =>
        new(new Dictionary<string, string?>(more.Select(m => KeyValuePair.Create(m.Key, m.Value)))
        {
            ["Database:Provider"] = "Demo",
            ["Database:DemoPath"] = demoPath,
        });

    private sealed class RemoteAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                http.Connection.RemoteIpAddress = http.Request.Headers.TryGetValue(RemoteAddressHeader, out var address)
                    ? IPAddress.Parse(address.ToString())
                    : IPAddress.Loopback;
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}

/// <summary>
/// The folder every test host writes its log files to: IMGCLOUD_TEST_LOGS (tests/run.sh sets it and
/// scans it for ID and phone numbers in clear after the run), else a folder of this run under /tmp.
/// </summary>
public static class TestLogs
{
    public static string Folder { get; } = Environment.GetEnvironmentVariable("IMGCLOUD_TEST_LOGS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(Path.GetTempPath(), $"imgcloud-test-logs-{Environment.ProcessId}");
}

/// <summary>A clock stopped at one instant: a demo made "days ago", for re-anchoring tests.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}

/// <summary>A folder of its own for each test class, removed afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("imgcloud-test-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a dying host: the OS cleans /tmp.
        }
    }
}
