using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace ProviderApi.Tests;

/// <summary>Settings: what starts, what refuses to start and says which key is wrong.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private Task<string> StartFailsAsync(Dictionary<string, string?> settings) => ProviderProcess.StartupFailsAsync(settings, folder.Path);

    private Dictionary<string, string?> Demo(params (string Key, string? Value)[] more) =>
        new(more.Select(m => KeyValuePair.Create(m.Key, m.Value))) { ["Database:Provider"] = "Demo", ["Database:DemoPath"] = folder.File("demo.db") };

    [Fact]
    public async Task Success_code_can_be_configured_to_zero_and_http_status_stays_200()
    {
        await using var factory = ProviderFactory.ForDemo(folder.File("demo.db"), ("Contract:SuccessCode", "0"));
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/standardHttp/getDeptInfo", TestContext.Current.CancellationToken);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, json.GetProperty("code").GetInt32());
        Assert.True(json.GetProperty("datas").GetArrayLength() > 0);
    }

    [Fact]
    public async Task A_success_code_other_than_200_or_0_stops_start_up_naming_the_key()
    {
        var error = await StartFailsAsync(Demo(("Contract:SuccessCode", "1")));

        Assert.Contains("Contract:SuccessCode", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sqlite_without_a_connection_string_stops_start_up_naming_the_key()
    {
        var error = await StartFailsAsync(new Dictionary<string, string?> { ["Database:Provider"] = "Sqlite" });

        Assert.Contains("Database:ConnectionString", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oracle_without_its_driver_stops_start_up_saying_where_to_put_it()
    {
        var error = await StartFailsAsync(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Oracle",
            ["Database:ConnectionString"] = "Data Source=127.0.0.1:1521/HIS;User Id=imgcloud_provider",
            ["Database:OracleDriverPath"] = folder.Path,
        });

        Assert.Contains("Database:OracleDriverPath", error, StringComparison.Ordinal);
        Assert.Contains(folder.Path, error, StringComparison.Ordinal);
        Assert.Contains("Oracle.ManagedDataAccess.dll", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_timeout_out_of_range_stops_start_up_naming_the_key()
    {
        var error = await StartFailsAsync(Demo(("Database:CommandTimeoutSeconds", "0")));

        Assert.Contains("Database:CommandTimeoutSeconds", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a database at all")]
    [InlineData("sqlite")]
    public async Task The_demo_never_overwrites_a_file_it_did_not_create(string kind)
    {
        var path = folder.File($"{kind.Replace(' ', '-')}.db");
        if (kind == "sqlite")
        {
            await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE hospital_own (x TEXT); INSERT INTO hospital_own VALUES ('keep me');";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        else
        {
            await File.WriteAllTextAsync(path, kind, TestContext.Current.CancellationToken);
        }
        var before = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);

        var error = await StartFailsAsync(new Dictionary<string, string?> { ["Database:Provider"] = "Demo", ["Database:DemoPath"] = path });

        Assert.Contains("Database:DemoPath", error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_unknown_provider_stops_the_process_with_one_line_naming_the_key()
    {
        var error = await StartFailsAsync(new Dictionary<string, string?> { ["Database:Provider"] = "Mongo" });

        Assert.Contains("Database:Provider", error, StringComparison.Ordinal);
    }
}
