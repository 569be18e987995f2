using System.Text.Json;
using Microsoft.Data.Sqlite;
using ProviderApi.Contract;

namespace ProviderApi.Tests.Safety;

/// <summary>
/// A SQLite database file replaced under the running provider, as a restore does (a file made
/// beside it and renamed over it): the next request reads the new file, through pooled
/// connections and the dictionary cache alike, and /health/ready judges the new file.
/// </summary>
public sealed class ReplacedDatabaseFileTests(DemoFile demo) : IClassFixture<DemoFile>
{
    private const string Cardiology = "心血管内科";
    private const string Restored = "心血管内科（恢复）";

    [Theory]
    [InlineData("Demo")]
    [InlineData("Sqlite")]
    public async Task A_file_renamed_over_the_served_one_is_read_by_the_next_request_and_health_follows_it(string provider)
    {
        using var folder = new TempFolder();
        var served = folder.File("hospital.db");
        SqliteConnection.ClearAllPools();
        File.Copy(demo.Path, served);
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            // Pooled, as in production, and the dictionaries cached for the default five minutes.
            [provider == "Demo" ? "Database:DemoPath" : "Database:ConnectionString"] = provider == "Demo" ? served : $"Data Source={served}",
            ["DictionaryCache:Seconds"] = "300",
        };
        await using var factory = new ProviderFactory(settings);
        using var client = factory.CreateClient();

        var (status, body, _) = await client.FetchAsync("/standardHttp/getDeptInfo");
        Assert.Equal(200, status);
        Assert.Contains($"\"{Cardiology}\"", body, StringComparison.Ordinal);
        Assert.Equal(200, (await client.FetchAsync("/health/ready")).Status);

        // A restore: the new file is written beside the served one and renamed over it.
        await ReplaceAsync(served, folder.File("restored.db"), $"UPDATE DEPT_DICT SET DEPT_NAME = '{Restored}' WHERE DEPT_NAME = '{Cardiology}'");

        var (freshStatus, fresh, response) = await client.FetchAsync("/standardHttp/getDeptInfo");
        Assert.Equal(200, freshStatus);
        Assert.Contains($"\"{Restored}\"", fresh, StringComparison.Ordinal);
        Assert.DoesNotContain($"\"{Cardiology}\"", fresh, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains(EnvelopeResults.StaleHeader));
        Assert.Equal(200, (await client.FetchAsync("/health/ready")).Status);

        // A broken restore: health says so at once; the dictionary falls back to the last good answer, marked stale.
        await ReplaceAsync(served, folder.File("broken.db"), "DROP VIEW View_Dept_Info");

        var (ready, details, _) = await client.FetchAsync("/health/ready");
        Assert.Equal(503, ready);
        var database = JsonDocument.Parse(details).RootElement.GetProperty("checks").GetProperty("database");
        Assert.NotEqual("ok", database.GetProperty("View_Dept_Info").GetString());
        Assert.Equal("ok", database.GetProperty("View_Register_Info").GetString());
        var (staleStatus, stale, staleResponse) = await client.FetchAsync("/standardHttp/getDeptInfo");
        Assert.Equal(200, staleStatus);
        Assert.Equal(fresh, stale);
        Assert.Equal(["true"], staleResponse.Headers.GetValues(EnvelopeResults.StaleHeader));
    }

    /// <summary>Copies <paramref name="served"/> to <paramref name="beside"/>, changes the copy, and renames it over the served file.</summary>
    private static async Task ReplaceAsync(string served, string beside, string change)
    {
        File.Copy(served, beside, overwrite: true);
        await using (var connection = new SqliteConnection($"Data Source={beside};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = change;
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        File.Move(beside, served, overwrite: true);
    }
}
