using System.Net;
using Microsoft.Data.Sqlite;

namespace ProviderApi.Tests;

/// <summary>A database that is missing, broken or back again: the contract's 500, then recovery without a restart.</summary>
public sealed class DatabaseFailureTests : IDisposable
{
    private const string ServerErrorBody = """{"code":500,"message":"服务异常","datas":[]}""";

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static ProviderFactory ForSqliteFile(string path) => new(new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Sqlite",
        ["Database:ConnectionString"] = $"Data Source={path};Pooling=False",
    });

    [Theory]
    [InlineData("/standardHttp/getExamDict")]
    [InlineData("/standardHttp/getDeptInfo")]
    public async Task A_file_that_is_not_a_database_gives_the_500_envelope_without_internals(string path)
    {
        var file = folder.File("broken.db");
        await File.WriteAllTextAsync(file, "this is not SQLite", TestContext.Current.CancellationToken);
        await using var factory = ForSqliteFile(file);
        using var client = factory.CreateClient();

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(ServerErrorBody, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_database_without_the_views_gives_the_500_envelope()
    {
        var file = folder.File("empty.db");
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE unrelated (x TEXT)";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        await using var factory = ForSqliteFile(file);
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/standardHttp/getExamDict", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(ServerErrorBody, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("SqlServer", "Server=127.0.0.1,1;Database=his;User Id=x;Password=y;Encrypt=false")]
    [InlineData("PostgreSql", "Host=127.0.0.1;Port=1;Database=his;Username=x;Password=y")]
    public async Task A_server_that_cannot_be_reached_gives_the_500_envelope_within_the_connect_timeout(string provider, string connectionString)
    {
        await using var factory = new ProviderFactory(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["Database:ConnectionString"] = connectionString,
            ["Database:ConnectTimeoutSeconds"] = "2",
        });
        using var client = factory.CreateClient();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var response = await client.GetAsync("/standardHttp/getExamDict", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(ServerErrorBody, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        // A design bound, not a speed target: the request gives up by the configured 2 s, never hangs.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"answered after {clock.Elapsed}");
    }

    [Fact]
    public async Task A_missing_database_is_not_created_and_service_resumes_when_it_comes_back()
    {
        var file = folder.File("hospital.db");
        await using var factory = ForSqliteFile(file);
        using var client = factory.CreateClient();

        var down = await client.GetAsync("/standardHttp/getDeptInfo", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.InternalServerError, down.StatusCode);
        Assert.False(File.Exists(file), "the provider must open a hospital's SQLite file read-only, never create it");

        // The database comes back: a demo hospital made by another provider instance.
        await using (var maker = ProviderFactory.ForDemo(folder.File("made.db")))
        {
            maker.CreateClient().Dispose();
        }
        SqliteConnection.ClearAllPools();
        File.Copy(folder.File("made.db"), file);

        var up = await client.GetAsync("/standardHttp/getDeptInfo", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        Assert.Contains("心血管内科", await up.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
