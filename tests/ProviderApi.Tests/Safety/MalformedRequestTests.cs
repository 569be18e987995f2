using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ProviderApi.Tests.Safety;

/// <summary>
/// The provider itself, on a real Kestrel port on 127.0.0.1 (the test server skips Kestrel's
/// limits and parser), fed a corpus of malformed and hostile requests: none may answer with a
/// stack trace, SQL text, exception text, or a 5xx other than the contract's 500 envelope.
/// </summary>
public sealed class MalformedRequestTests(DemoFile demo) : IClassFixture<DemoFile>
{
    public static TheoryData<string, byte[]> Corpus()
    {
        static byte[] Ascii(string request) => Encoding.Latin1.GetBytes(request);
        static byte[] Get(string target, string headers = "") => Ascii($"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}Connection: close\r\n\r\n");

        var corpus = new TheoryData<string, byte[]>
        {
            { "sql in the query", Get("/standardHttp/getExamDict?examCode=1'%20OR%20'1'='1") },
            { "sql statement in the query", Get("/standardHttp/getExamDict?q=1;DROP%20TABLE%20his.PAT_MASTER_INDEX;--") },
            { "sql union in the path", Get("/standardHttp/getExamDict%27%20UNION%20SELECT%20*%20FROM%20imgcloud.settings--") },
            { "raw spaces in the target", Ascii("GET /standardHttp/getExamDict?q=' UNION SELECT 1 -- HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") },
            { "dot segments", Get("/standardHttp/getDeptInfo/../../../etc/passwd") },
            { "encoded dot segments", Get("/%2e%2e/%2e%2e/etc/passwd") },
            { "double-encoded dot segments", Get("/standardHttp/%252e%252e/%252e%252e/appsettings.json") },
            { "encoded slashes", Get("/standardHttp/getExamDict%2F..%2F..%2Fappsettings.json") },
            { "encoded nul", Get("/standardHttp/getExamDict%00") },
            { "invalid utf-8 escapes", Get("/standardHttp/%ff%fe%fd") },
            { "%u escapes", Get("/standardHttp/getExamDict?q=%u0027%u0022") },
            { "raw utf-8 path", Encoding.UTF8.GetBytes("GET /standardHttp/检查项目 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") },
            { "raw utf-8 header value", Encoding.UTF8.GetBytes("GET /standardHttp/getExamDict HTTP/1.1\r\nHost: x\r\nX-Name: 张三\r\nConnection: close\r\n\r\n") },
            { "matrix parameters", Get("/standardHttp/getExamDict;jsessionid=1234") },
            { "the app's own files", Get("/appsettings.json") },
            { "the app's binary", Get("/ProviderApi.dll") },
            { "the demo database", Get("/data/demo-hospital.db") },
            { "absolute-form target", Get("http://evil.example/standardHttp/getExamDict") },
            { "url past the request-line limit", Get("/standardHttp/getExamDict?q=" + new string('a', 20_000)) },
            { "header past the size limit", Get("/standardHttp/getExamDict", $"X-Big: {new string('a', 40_000)}\r\n") },
            { "cookie of 32 KB", Get("/standardHttp/getExamDict", $"Cookie: s={new string('b', 32_000)}\r\n") },
            { "too many headers", Get("/standardHttp/getExamDict", string.Concat(Enumerable.Range(0, 200).Select(i => $"X-H{i}: {i}\r\n"))) },
            { "unknown method", Ascii("FOO /standardHttp/getExamDict HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") },
            { "control byte in method", Ascii("G\u0001T /standardHttp/getExamDict HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") },
            { "delete", Ascii("DELETE /standardHttp/getExamDict HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") },
            { "put with a body", Ascii("PUT /standardHttp/getDeptInfo HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\nConnection: close\r\n\r\n{\"a\":\"b\"}") },
            { "post sql", Ascii("POST /standardHttp/getExamDict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 28\r\nConnection: close\r\n\r\n{\"q\":\"'; DROP TABLE x; --\"}") },
            { "trace", Ascii("TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") },
            { "options", Ascii("OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") },
            { "propfind", Ascii("PROPFIND /standardHttp/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") },
            { "connect", Ascii("CONNECT 127.0.0.1:80 HTTP/1.1\r\nHost: 127.0.0.1:80\r\nConnection: close\r\n\r\n") },
            { "no host on http/1.1", Ascii("GET /standardHttp/getExamDict HTTP/1.1\r\nConnection: close\r\n\r\n") },
            { "two hosts", Ascii("GET /standardHttp/getExamDict HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n") },
            { "http/1.0 without host", Ascii("GET /standardHttp/getDeptInfo HTTP/1.0\r\n\r\n") },
            { "content-length not a number", Ascii("POST /standardHttp/getExamDict HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nConnection: close\r\n\r\n") },
            { "content-length and chunked", Ascii("POST /standardHttp/getExamDict HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n") },
            { "bad chunk", Ascii("POST /standardHttp/getExamDict HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nabc\r\n0\r\n\r\n") },
            { "header without a colon", Ascii("GET /standardHttp/getExamDict HTTP/1.1\r\nHost: x\r\nNoColonHere\r\nConnection: close\r\n\r\n") },
            { "nul in a header", Ascii("GET /standardHttp/getExamDict HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\nConnection: close\r\n\r\n") },
            { "bare lf line ends", Ascii("GET /standardHttp/getExamDict HTTP/1.1\nHost: x\nConnection: close\n\n") },
            { "sql in a forwarded header", Get("/standardHttp/getExamDict", "X-Forwarded-For: 10.0.0.1' OR '1'='1\r\n") },
            { "sql in the key header", Get("/standardHttp/getExamDict", "X-Api-Key: ' OR 1=1 --\r\n") },
            { "odd encodings accepted", Get("/standardHttp/getExamDict", "Accept-Encoding: gzip, deflate, br, zstd, *;q=0\r\nAccept-Charset: GBK\r\nRange: bytes=0-10\r\n") },
            { "swagger traversal", Get("/swagger/..%2f..%2fappsettings.json") },
            { "health with sql", Get("/health/ready?check=1;SELECT%20pg_sleep(10)") },
            { "tls hello on the http port", [0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03, 0x00, 0x01, 0x02, 0x03] },
            { "only blank lines", Ascii("\r\n\r\n\r\n") },
            { "garbage", Ascii("\u00ff\u00fe\u0000\u0001 hello\r\n\r\n") },
        };
        return corpus;
    }

    private static readonly string[] Forbidden =
        ["   at ", "Exception", "exception", "SELECT", "select ", "View_", "imgcloud.", "Npgsql", "Sqlite", "SQLite", "stack", "ProviderApi."];

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task A_malformed_request_never_yields_internals_or_an_undesigned_5xx(string name, byte[] request)
    {
        var port = await App.StartAsync(demo.Path);

        var (status, response) = await SendRawAsync(port, request);

        // No answer (Kestrel still waiting for a request line) is allowed; a wrong one is not.
        foreach (var word in Forbidden)
        {
            Assert.DoesNotContain(word, response, StringComparison.Ordinal);
        }
        if (status >= 500)
        {
            // 505 is Kestrel's own answer to a protocol version it does not speak; nothing else but the contract's 500 envelope.
            Assert.True(status == 500 && response.EndsWith(Requests.ServerError, StringComparison.Ordinal), $"{name}: HTTP {status}\n{response}");
        }
        // The server is still there for the next caller.
        var (after, body) = await SendRawAsync(port, Encoding.ASCII.GetBytes("GET /standardHttp/getDeptInfo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        Assert.Equal(200, after);
        Assert.Contains("\"code\":200", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_protocol_version_gets_kestrels_505_with_no_body()
    {
        var port = await App.StartAsync(demo.Path);

        var (status, response) = await SendRawAsync(port, Encoding.ASCII.GetBytes("GET /standardHttp/getExamDict HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n"));

        Assert.Equal(505, status);
        Assert.EndsWith("\r\n\r\n", response, StringComparison.Ordinal);
    }

    private static async Task<(int Status, string Response)> SendRawAsync(int port, byte[] request)
    {
        using var tcp = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        await tcp.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
        var stream = tcp.GetStream();
        try
        {
            // No half-close after writing: Kestrel takes it for the client going away.
            await stream.WriteAsync(request, timeout.Token);
        }
        catch (IOException)
        {
            // Kestrel may answer and close before it has read all of an oversized request.
        }
        using var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // A reset after the answer.
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            // The server keeps waiting for the rest of a request: what came so far is the answer.
        }
        var text = Encoding.UTF8.GetString(received.ToArray());
        var status = text.StartsWith("HTTP/1.", StringComparison.Ordinal) && text.Length >= 12 && int.TryParse(text.AsSpan(9, 3), out var code) ? code : 0;
        return (status, text);
    }

    /// <summary>One real provider process for the whole corpus, on a free loopback port, stopped when the test run ends.</summary>
    private static class App
    {
        private static readonly SemaphoreSlim Gate = new(1, 1);
        private static Process? process;
        private static int port;

        public static async Task<int> StartAsync(string demoPath)
        {
            await Gate.WaitAsync(TestContext.Current.CancellationToken);
            try
            {
                if (process is { HasExited: false })
                {
                    return port;
                }
                using (var probe = new TcpListener(IPAddress.Loopback, 0))
                {
                    probe.Start();
                    port = ((IPEndPoint)probe.LocalEndpoint).Port;
                }
                var folder = Directory.CreateTempSubdirectory("imgcloud-kestrel-").FullName;
                var copy = Path.Combine(folder, "demo-hospital.db");
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                File.Copy(demoPath, copy);
                var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ProviderApi.dll"),
                    $"--Urls=http://127.0.0.1:{port}", $"--Database:DemoPath={copy}", $"--Logging:File:Path={TestLogs.Folder}",
                    "--Logging:LogLevel:Default=Warning",
                    // Loopback plays the cloud here, not an operator: the corpus sees what a caller on the cloud's list sees.
                    "--Access:OperatorNetworks:0=192.0.2.0/24"])
                {
                    WorkingDirectory = folder,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                start.Environment["TZ"] = "Asia/Shanghai";
                process = Process.Start(start)!;
                process.OutputDataReceived += (_, _) => { };
                process.ErrorDataReceived += (_, _) => { };
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                var started = process;
                AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                {
                    if (!started.HasExited)
                    {
                        started.Kill(entireProcessTree: true);
                    }
                };
                using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                var deadline = Stopwatch.StartNew();
                while (deadline.Elapsed < TimeSpan.FromSeconds(60))
                {
                    try
                    {
                        if ((await client.GetAsync("/health/live", TestContext.Current.CancellationToken)).IsSuccessStatusCode)
                        {
                            return port;
                        }
                    }
                    catch (HttpRequestException)
                    {
                    }
                    await Task.Delay(200, TestContext.Current.CancellationToken);
                }
                throw new InvalidOperationException("the provider did not start on a real port within 60 s");
            }
            finally
            {
                Gate.Release();
            }
        }
    }
}
