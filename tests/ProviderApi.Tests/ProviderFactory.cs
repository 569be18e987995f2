using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ProviderApi.Tests;

/// <summary>The provider in memory, with the given settings on top of appsettings.json.</summary>
public sealed class ProviderFactory(IReadOnlyDictionary<string, string?> settings, TimeProvider? clock = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(settings));
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
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
