using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using ProviderApi.Contract;
using ProviderApi.Data;
using ProviderApi.Data.Migrations;

namespace ProviderApi.Tests.Safety;

/// <summary>A database that hangs or goes away: no request waits past the timeout, the last good dictionary or the 500 envelope, and service again when it returns.</summary>
public sealed class LostDatabaseTests
{
    private static string ExamDict => "/standardHttp/getExamDict";

    /// <summary>Accepts TCP connections and never says a word: a server that hangs.</summary>
    private sealed class SilentServer : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly List<Socket> held = [];
        private readonly CancellationTokenSource stop = new();

        public SilentServer()
        {
            listener.Start();
            _ = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        var socket = await listener.AcceptSocketAsync(stop.Token);
                        lock (held)
                        {
                            held.Add(socket);
                        }
                    }
                    catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
                    {
                        return;
                    }
                }
            });
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public void Dispose()
        {
            stop.Cancel();
            listener.Stop();
            lock (held)
            {
                held.ForEach(s => s.Dispose());
            }
            stop.Dispose();
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("300")]
    public async Task A_database_server_that_hangs_is_answered_with_the_500_envelope_within_the_request_timeout(string cacheSeconds)
    {
        using var silent = new SilentServer();
        await using var factory = new ProviderFactory(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = $"Host=127.0.0.1;Port={silent.Port};Database=his;Username=x;Password=y",
            // The driver's own timeouts are long; the request's bound must hold regardless.
            ["Database:ConnectTimeoutSeconds"] = "60",
            ["Database:CommandTimeoutSeconds"] = "60",
            ["Database:RequestTimeoutSeconds"] = "2",
            ["DictionaryCache:Seconds"] = cacheSeconds,
        });
        using var client = factory.CreateClient();
        var clock = Stopwatch.StartNew();

        var (status, body, _) = await client.FetchAsync(ExamDict);

        Assert.Equal(500, status);
        Assert.Equal(Requests.ServerError, body);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"answered after {clock.Elapsed}");

        clock.Restart();
        var (ready, _, _) = await client.FetchAsync("/health/ready");
        Assert.Equal(503, ready);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"health answered after {clock.Elapsed}");
    }

    [Fact]
    public async Task A_postgresql_stopped_mid_run_gives_stale_data_or_500s_in_time_and_service_resumes_when_it_restarts()
    {
        ThrowawayPostgres.SkipUnlessAvailable();
        using var server = ThrowawayPostgres.Create();
        PrepareHospital(server);

        Dictionary<string, string?> Settings(string cacheSeconds) => new()
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = server.ConnectionString("hospital", "imgcloud"),
            ["Database:ConnectTimeoutSeconds"] = "2",
            ["Database:CommandTimeoutSeconds"] = "3",
            ["Database:RequestTimeoutSeconds"] = "4",
            ["DictionaryCache:Seconds"] = cacheSeconds,
            ["DictionaryCache:RetrySeconds"] = "1",
        };
        await using var cachedFactory = new ProviderFactory(Settings("1"));
        await using var streamedFactory = new ProviderFactory(Settings("0"));
        using var cached = cachedFactory.CreateClient();
        using var streamed = streamedFactory.CreateClient();

        var good = await cached.FetchAsync(ExamDict);
        Assert.Equal(200, good.Status);
        Assert.Equal(200, (await streamed.FetchAsync(ExamDict)).Status);
        Assert.Equal(200, (await cached.FetchAsync("/health/ready")).Status);

        server.Stop();
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);
        var bound = TimeSpan.FromSeconds(4 + 3);

        var clock = Stopwatch.StartNew();
        var stale = await cached.FetchAsync(ExamDict);
        Assert.True(clock.Elapsed < bound, $"stale answer after {clock.Elapsed}");
        Assert.Equal(200, stale.Status);
        Assert.Equal(good.Body, stale.Body);
        Assert.Equal(["true"], stale.Response.Headers.GetValues(EnvelopeResults.StaleHeader));

        clock.Restart();
        var (downStatus, downBody, _) = await streamed.FetchAsync(ExamDict);
        Assert.True(clock.Elapsed < bound, $"500 after {clock.Elapsed}");
        Assert.Equal(500, downStatus);
        Assert.Equal(Requests.ServerError, downBody);
        Assert.Equal(500, (await cached.FetchAsync("/standardHttp/getDeptInfo")).Status);
        Assert.Equal(503, (await cached.FetchAsync("/health/ready")).Status);

        server.Start();
        // The same provider instances, no restart: fresh answers again within a few retries.
        await AssertRecoversAsync(cached, ExamDict, expectFresh: true);
        await AssertRecoversAsync(streamed, ExamDict, expectFresh: true);
        await AssertRecoversAsync(cached, "/standardHttp/getDeptInfo", expectFresh: true);
        await AssertRecoversAsync(cached, "/health/ready", expectFresh: false);
    }

    private static async Task AssertRecoversAsync(HttpClient client, string path, bool expectFresh)
    {
        var deadline = Stopwatch.StartNew();
        (int Status, string Body, HttpResponseMessage Response) last = default;
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            last = await client.FetchAsync(path);
            if (last.Status == 200 && !(expectFresh && last.Response.Headers.Contains(EnvelopeResults.StaleHeader)))
            {
                return;
            }
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"{path} did not recover: HTTP {last.Status} {last.Body}");
    }

    private static void PrepareHospital(ThrowawayPostgres server)
    {
        using (var connection = new NpgsqlConnection(server.ConnectionString()))
        {
            connection.Open();
            using var command = new NpgsqlCommand("CREATE DATABASE hospital", connection);
            command.ExecuteNonQuery();
        }
        var options = new DatabaseOptions
        {
            Provider = DatabaseProvider.PostgreSql,
            ConnectionString = server.ConnectionString("hospital", "public"),
        };
        new Migrator(options, TimeProvider.System, TextWriter.Null).Migrate(withDemo: true);
    }
}
