using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using ProviderApi.Data;
using ProviderApi.Data.Migrations;
using ProviderApi.Operations;
using ProviderApi.Tests.Hospitals;

namespace ProviderApi.Tests.Safety;

/// <summary>
/// A HIS table held under an exclusive lock (a DBA's maintenance, a stuck batch job) on a real
/// PostgreSQL: health, the dictionaries and selftest answer within Database:RequestTimeoutSeconds,
/// say it was a timeout, and once the lock ends answer healthy again on the same provider (no
/// connection whose command timed out goes back into the pool).
/// </summary>
public sealed class LockedTableTests : IAsyncLifetime
{
    // Read by View_Register_Info and View_Dept_Info (his.DEPT_DICT): the probe's first view and getDeptInfo.
    private const string LockedTable = "his.dept_dict";

    // A design bound, not a speed target: what a shared two-core test machine may add to the configured timeout.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(3);

    private string database = "";

    public ValueTask InitializeAsync()
    {
        if (PostgresServer.UnavailableReason is not null)
        {
            return ValueTask.CompletedTask;
        }
        database = PostgresServer.CreateDatabase();
        var options = new DatabaseOptions
        {
            Provider = DatabaseProvider.PostgreSql,
            ConnectionString = PostgresServer.ConnectionString(database, "public"),
        };
        new Migrator(options, TimeProvider.System, TextWriter.Null).Migrate(withDemo: true);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        if (database.Length > 0)
        {
            PostgresServer.DropDatabase(database);
        }
        return ValueTask.CompletedTask;
    }

    private ProviderFactory Provider(int commandTimeout, int requestTimeout, int cacheSeconds) => new(new Dictionary<string, string?>
    {
        ["Database:Provider"] = "PostgreSql",
        // Pooled, as in production: the point is what goes back into the pool.
        ["Database:ConnectionString"] = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString(database, "imgcloud")) { Pooling = true }.ToString(),
        ["Database:ConnectTimeoutSeconds"] = "2",
        ["Database:CommandTimeoutSeconds"] = commandTimeout.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Database:RequestTimeoutSeconds"] = requestTimeout.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["DictionaryCache:Seconds"] = cacheSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["DictionaryCache:StaleSeconds"] = "0",
    });

    /// <summary>A session of its own holding <see cref="LockedTable"/> in ACCESS EXCLUSIVE mode until disposed (rolled back).</summary>
    private async Task<NpgsqlConnection> LockAsync()
    {
        var connection = new NpgsqlConnection(PostgresServer.ConnectionString(database));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand($"BEGIN; LOCK TABLE {LockedTable} IN ACCESS EXCLUSIVE MODE", connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    private static async Task<(int Status, string Body, TimeSpan Took)> TimedAsync(HttpClient client, string path)
    {
        var clock = Stopwatch.StartNew();
        var (status, body, _) = await client.FetchAsync(path);
        return (status, body, clock.Elapsed);
    }

    // Command timeout below the request timeout: the driver gives up first (the reported case, 15 s in 20 s).
    // Command timeout above it: the request's bound must hold whatever the driver does.
    [Theory]
    [InlineData(2, 4)]
    [InlineData(60, 3)]
    public async Task Health_probes_under_a_held_lock_answer_within_the_request_timeout_and_healthy_once_it_ends(int commandTimeout, int requestTimeout)
    {
        PostgresServer.SkipUnlessAvailable();
        await using var factory = Provider(commandTimeout, requestTimeout, cacheSeconds: 0);
        using var client = factory.CreateClient();
        var bound = TimeSpan.FromSeconds(requestTimeout) + Slack;
        // Warm the pool: these connections are the ones that must not come back poisoned.
        Assert.All(await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => TimedAsync(client, "/health/ready"))), r => Assert.Equal(200, r.Status));

        await using (await LockAsync())
        {
            var probes = await Task.WhenAll(Enumerable.Range(0, 13).Select(_ => TimedAsync(client, "/health/ready")));

            Assert.All(probes, probe =>
            {
                Assert.True(probe.Took < bound, $"a probe answered after {probe.Took} (bound {bound})");
                Assert.Equal(503, probe.Status);
                var check = JsonDocument.Parse(probe.Body).RootElement.GetProperty("checks").GetProperty("database");
                Assert.Contains("timed out", check.GetProperty("View_Register_Info").GetString(), StringComparison.Ordinal);
            });

            var (status, body, took) = await TimedAsync(client, "/standardHttp/getDeptInfo");
            Assert.True(took < bound, $"getDeptInfo answered after {took} (bound {bound})");
            Assert.Equal(500, status);
            Assert.Equal(Requests.ServerError, body);
        }

        // The lock is gone: the same provider, at once healthy, on every connection it hands out.
        var after = await Task.WhenAll(Enumerable.Range(0, 13).Select(_ => TimedAsync(client, "/health/ready")));
        Assert.All(after, probe => Assert.True(probe.Status == 200, $"HTTP {probe.Status} after the lock ended: {probe.Body}"));
        Assert.Equal(200, (await client.FetchAsync("/standardHttp/getDeptInfo")).Status);
    }

    [Fact]
    public async Task A_cached_dictionary_read_under_a_held_lock_answers_the_500_envelope_within_the_request_timeout()
    {
        PostgresServer.SkipUnlessAvailable();
        await using var factory = Provider(commandTimeout: 60, requestTimeout: 3, cacheSeconds: 300);
        using var client = factory.CreateClient();
        var bound = TimeSpan.FromSeconds(3) + Slack;

        await using (await LockAsync())
        {
            var reads = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => TimedAsync(client, "/standardHttp/getDeptInfo")));
            Assert.All(reads, read =>
            {
                Assert.True(read.Took < bound, $"getDeptInfo answered after {read.Took} (bound {bound})");
                Assert.Equal(500, read.Status);
                Assert.Equal(Requests.ServerError, read.Body);
            });
        }

        var (status, body, _) = await TimedAsync(client, "/standardHttp/getDeptInfo");
        Assert.Equal(200, status);
        Assert.Contains("deptCode", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Selftest_under_a_held_lock_says_the_views_timed_out_not_that_the_database_is_ok()
    {
        PostgresServer.SkipUnlessAvailable();
        await using var factory = Provider(commandTimeout: 2, requestTimeout: 3, cacheSeconds: 0);

        string[] lines;
        var clock = Stopwatch.StartNew();
        await using (await LockAsync())
        {
            var output = new StringWriter();
            var code = await SelfTest.RunAsync(factory.Services, output, TestContext.Current.CancellationToken);
            lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Equal(1, code);
        }

        // "OUTCOME name detail": the one line named database.
        var databaseLine = Assert.Single(lines, l => l.Length > 6 && l[6..].StartsWith("database ", StringComparison.Ordinal));
        Assert.StartsWith("FAIL  database", databaseLine, StringComparison.Ordinal);
        Assert.Contains("timed out", databaseLine, StringComparison.Ordinal);
        Assert.Contains("lock", databaseLine, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("FAIL  view View_Register_Info", StringComparison.Ordinal) && l.Contains("timed out", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("SKIP  crosswalk examPart", StringComparison.Ordinal));
        // The probe's bound, and at most the cloud address's connect timeout (3 s) besides.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3 + 3) + Slack, $"selftest took {clock.Elapsed}");
    }
}
