using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace ProviderApi.Tests.Push;

/// <summary>
/// The provider in memory on a demo hospital of its own, pushing to a <see cref="FakeCloud"/>:
/// short polls, short timeouts, the delivery state in a file of the test's folder.
/// </summary>
public sealed class PushHost : IAsyncDisposable
{
    private PushHost(TempFolder folder, FakeCloud cloud, ProviderFactory factory)
    {
        Folder = folder;
        Cloud = cloud;
        Factory = factory;
        Client = factory.CreateClient();
    }

    public TempFolder Folder { get; }

    public FakeCloud Cloud { get; }

    public ProviderFactory Factory { get; }

    public HttpClient Client { get; }

    public string DemoPath => Folder.File("demo-hospital.db");

    public string StorePath => Folder.File("push-state.db");

    /// <summary>The settings every push test starts from; a test adds or overrides some.</summary>
    public static Dictionary<string, string?> Settings(TempFolder folder, FakeCloud cloud) => new()
    {
        ["Database:Provider"] = "Demo",
        ["Database:DemoPath"] = folder.File("demo-hospital.db"),
        ["Cloud:BaseAddress"] = cloud.BaseAddress,
        ["Push:Registrations:Enabled"] = "true",
        ["Push:Settlements:Enabled"] = "true",
        ["Push:StorePath"] = folder.File("push-state.db"),
        ["Push:PollSeconds"] = "0.3",
        ["Push:AttemptTimeoutSeconds"] = "1",
        ["Push:RetryDelaySeconds"] = "0.02",
        ["Push:MaxRetries"] = "1",
        ["Push:MaxBackoffMinutes"] = "0.01",
    };

    public static Task<PushHost> StartAsync(TempFolder folder, FakeCloud cloud, params (string Key, string? Value)[] more)
    {
        var settings = Settings(folder, cloud);
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }
        return Task.FromResult(new PushHost(folder, cloud, new ProviderFactory(settings)));
    }

    /// <summary>GET /operations/push, as an operator reads it.</summary>
    public Task<JsonObject> StatusAsync() => StatusAsync(Client);

    /// <summary>GET /operations/push through one instance's client.</summary>
    public static async Task<JsonObject> StatusAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonObject>("/operations/push", TestContext.Current.CancellationToken))!;

    public static long Rows(JsonObject status, string kind, string state) =>
        (long)status["kinds"]!.AsArray().Single(k => (string?)k!["kind"] == kind)!["rows"]![state]!;

    /// <summary>
    /// Waits until nothing is pending any more and the fake cloud has had no call for a few polls;
    /// returns the status then.
    /// </summary>
    public async Task<JsonObject> SettledAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        var calls = -1;
        var quietSince = DateTime.UtcNow;
        while (true)
        {
            var status = await StatusAsync();
            var pending = Rows(status, "registration", "pending") + Rows(status, "settlement", "pending");
            var total = Rows(status, "registration", "delivered") + Rows(status, "settlement", "delivered");
            if (Cloud.Calls.Count != calls)
            {
                calls = Cloud.Calls.Count;
                quietSince = DateTime.UtcNow;
            }
            if (pending == 0 && total > 0 && DateTime.UtcNow - quietSince > TimeSpan.FromSeconds(1.5))
            {
                return status;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the push did not settle: {status.ToJsonString()}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Polls a condition every 100 ms until it holds or the time is up.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The outpatientNumbers of View_Register_Info and the row count of view_setlInfoList, read as the cloud would.</summary>
    public static (HashSet<string> Registrations, int Settlements) ViewRows(string demoPath)
    {
        using var connection = new SqliteConnection($"Data Source={demoPath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT outpatientNumber FROM View_Register_Info";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                numbers.Add(reader.GetString(0));
            }
        }
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM (SELECT DISTINCT accessionNo, studyOrderId, setlId, medListCodg, feedetlSn, examPart, hospitalld FROM view_setlInfoList)";
        return (numbers, Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
