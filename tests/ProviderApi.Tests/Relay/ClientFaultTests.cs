using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProviderApi.Tests.Safety;

namespace ProviderApi.Tests.Relay;

/// <summary>
/// A client's fault is not a server failure, on the real executable and a real Kestrel port (the
/// test server has no minimum data rate and no sockets): a body that trickles in is answered 408
/// in the relay's envelope, a body cut short is not answered at all, and an unreachable cloud is
/// retried; each is at most one WARN line, never an ERROR or a stack trace, never a 500.
/// </summary>
public sealed class ClientFaultTests(DemoFile demo) : IClassFixture<DemoFile>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_slow_or_short_body_and_an_unreachable_cloud_are_warnings_not_server_failures()
    {
        await using var cloud = await FakeCloud.StartAsync();
        using var folder = new TempFolder();
        var logs = Path.Combine(TestLogs.Folder, $"client-faults-{Guid.NewGuid():N}");
        var port = FreePort();
        File.Copy(demo.Path, folder.File("demo.db"));
        using var process = ProviderProcess.Start(
            [
                $"--Urls=http://127.0.0.1:{port}", "--Database:Provider=Demo", $"--Database:DemoPath={folder.File("demo.db")}",
                $"--Logging:File:Path={logs}", "--Logging:File:Format=json",
                $"--Relay:CloudBaseAddress={cloud.BaseAddress}", $"--Relay:Sm2:PublicKey={Sm2Fixtures.SmCryptoPublicKey}",
                "--Relay:AttemptTimeoutSeconds=1", "--Relay:MaxRetries=1", "--Relay:MaxAgeSeconds=5",
                // Kestrel's default is 240 bytes/s after 5 s; 2 s keeps the test short.
                "--Kestrel:MinRequestBodyDataRate:GracePeriodSeconds=2",
            ],
            // appsettings.json's log levels, as an operator runs it.
            AppContext.BaseDirectory);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await UntilAsync(async () => (await client.GetAsync("/health/live", Cancel)).IsSuccessStatusCode, "the provider to start");
            const string head = "POST /iuWorkStation/swipingIdCardNo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n";

            // One byte a second: Kestrel's minimum data rate fires before the relay has a body.
            var (status, answer) = await TrickleAsync(port, head);
            Assert.Equal(408, status);
            var envelope = JsonDocument.Parse(answer).RootElement;
            Assert.Equal(408, envelope.GetProperty("code").GetInt32());
            Assert.Equal(JsonValueKind.Object, envelope.GetProperty("data").ValueKind);
            Assert.Contains("请求超时", envelope.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.False(envelope.TryGetProperty("datas", out _), "the relay's envelope, not the dictionaries'");

            // Ten bytes of a thousand, then the client closes: nobody is left to answer.
            using (var tcp = new TcpClient())
            {
                await tcp.ConnectAsync(IPAddress.Loopback, port, Cancel);
                await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head + "{\"idCardNo"), Cancel);
                await Task.Delay(300, Cancel);
            }
            // Whether Kestrel hands this to the app (one WARN line) or drops it before the request starts (none)
            // depends on timing: at most one WARN, never an ERROR or a 500 (checked below).
            await Task.Delay(2000, Cancel);

            // The cloud hangs: every attempt times out, one retry, then the call is given up.
            cloud.Hang();
            using var call = await client.PostAsync(
                "/iuWorkStation/swipingIdCardNo", new StringContent(Swipe().ToJsonString(), Encoding.UTF8, "application/json"), Cancel);
            Assert.Equal(HttpStatusCode.OK, call.StatusCode);
            await UntilAsync(() => Task.FromResult(Lines(logs).Any(l => l.Contains("Could not relay", StringComparison.Ordinal) || l.Contains("Dropped", StringComparison.Ordinal))), "the relay to give up");
            cloud.ComeBack();

            var events = Lines(logs).Select(line => JsonDocument.Parse(line).RootElement).ToList();
            string Text(JsonElement e) => e.GetProperty("@mt").GetString() + " " + e.ToString();
            string Level(JsonElement e) => e.TryGetProperty("@l", out var level) ? level.GetString()! : "Information";
            var all = string.Join("\n", events.Select(e => $"{Level(e)}: {Text(e)}"));
            Assert.DoesNotContain(events, e => Level(e) is "Error" or "Fatal");
            Assert.DoesNotContain(events, e => e.TryGetProperty("@x", out _));
            Assert.DoesNotContain("   at ", all, StringComparison.Ordinal);
            var warnings = events.Where(e => Level(e) == "Warning").Select(Text).ToList();
            // The trickled body: exactly one 408 line. The body cut short: at most one line (a 400 or
            // "went away", as Kestrel's timing has it), none when Kestrel drops it before the app starts.
            bool ClientFault(string w) => w.Contains("Client fault", StringComparison.Ordinal) || w.Contains("went away", StringComparison.Ordinal);
            Assert.Single(warnings, w => w.Contains("Client fault", StringComparison.Ordinal) && w.Contains("408", StringComparison.Ordinal));
            var faults = warnings.Count(ClientFault);
            Assert.True(faults is 1 or 2, all);
            Assert.True(warnings.Count(w => w.Contains("Could not relay", StringComparison.Ordinal) || w.Contains("Dropped", StringComparison.Ordinal)) == 1, all);
            Assert.True(warnings.Count == faults + 1, all);
            // The retry is there, as information.
            Assert.Contains(events, e => Level(e) == "Information" && Text(e).Contains("to reach the cloud after", StringComparison.Ordinal));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Cancel);
        }
    }

    /// <summary>Sends the head, then the body one byte a second until the server answers; the status and body of the answer.</summary>
    private static async Task<(int Status, string Body)> TrickleAsync(int port, string head)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port, Cancel);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Cancel);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        stop.CancelAfter(TimeSpan.FromSeconds(30));
        var trickle = Task.Run(async () =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    await stream.WriteAsync("{"u8.ToArray(), stop.Token);
                    await Task.Delay(1000, stop.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The server closed the connection, or the answer came.
            }
        }, Cancel);

        var received = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, stop.Token)) > 0)
            {
                received.Append(Encoding.UTF8.GetString(buffer, 0, read));
                var text = received.ToString();
                var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (split > 0 && text.EndsWith('}'))
                {
                    break;
                }
            }
        }
        catch (IOException)
        {
            // A reset after the answer.
        }
        await stop.CancelAsync();
        await trickle;
        var answer = received.ToString();
        Assert.StartsWith("HTTP/1.1 ", answer, StringComparison.Ordinal);
        // The JSON of the body, whether sent whole or in chunks.
        var body = answer[(answer.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        return (int.Parse(answer.AsSpan(9, 3), provider: null), body[body.IndexOf('{', StringComparison.Ordinal)..(body.LastIndexOf('}') + 1)]);
    }

    private static JsonObject Swipe() => new()
    {
        ["idCardNo"] = "11010519491231002X",
        ["patientName"] = "测试",
        ["mobilePhone"] = "17000001234",
        ["hisUserId"] = "15",
        ["patientType"] = "0",
        ["hospitalld"] = "H45012400317",
        ["doctorIdCardNo"] = "450000197001010012",
        ["doctorType"] = "1",
        ["doctorCode"] = "医技",
        ["clientIp"] = "192.168.30.100",
    };

    /// <summary>Every line of the provider's log files so far.</summary>
    private static List<string> Lines(string folder)
    {
        var lines = new List<string>();
        if (!Directory.Exists(folder))
        {
            return lines;
        }
        foreach (var file in Directory.GetFiles(folder, "*.log"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                if (line.Length > 0)
                {
                    lines.Add(line);
                }
            }
        }
        return lines;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200, Cancel);
        }
        throw new TimeoutException($"waited 60 s for {what}");
    }
}
