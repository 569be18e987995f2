using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ProviderApi.Tests.Hospitals;

/// <summary>The embedded demo hospital (SQLite), seeded once per test class.</summary>
public sealed class DemoHospital : IHospital, IAsyncLifetime
{
    private readonly TempFolder folder = new();

    public string DatabasePath => folder.File("demo-hospital.db");

    public DateTime Anchor { get; } = DateTime.SpecifyKind(DateTime.Now.AddTicks(-(DateTime.Now.Ticks % TimeSpan.TicksPerSecond)), DateTimeKind.Unspecified);

    public ProviderFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public ProviderApi.Data.DatabaseEngine Dialect { get; } = ProviderApi.Data.DatabaseEngine.For(ProviderApi.Data.DatabaseProvider.Demo);

    public ValueTask InitializeAsync()
    {
        Factory = new ProviderFactory(
            new Dictionary<string, string?> { ["Database:Provider"] = "Demo", ["Database:DemoPath"] = DatabasePath },
            new FixedClock(new DateTimeOffset(Anchor, TimeZoneInfo.Local.GetUtcOffset(Anchor))));
        Client = Factory.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        folder.Dispose();
    }

    public void SkipUnlessAvailable()
    {
    }

    public DbConnection Open(bool writable = false)
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Mode={(writable ? "ReadWrite" : "ReadOnly")};Pooling=False");
        connection.Open();
        return connection;
    }
}
