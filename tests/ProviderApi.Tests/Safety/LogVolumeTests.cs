using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using ProviderApi.Logging;

namespace ProviderApi.Tests.Safety;

/// <summary>
/// Logs that cannot fill a disk: refused requests summarised per network and minute, one compact
/// line per cloud poll, and a total size cap that removes the oldest files, never the current one.
/// </summary>
public sealed class LogVolumeTests(DemoFile demo) : IClassFixture<DemoFile>
{
    private const int Refused = 5001;
    private const int CloudPoll = 5004;
    private const int Capped = 5008;

    // Measured: a poll's line is about 300 bytes (endpoint, caller and source vary by some tens).
    private const int MaxPollLineBytes = 360;

    [Fact]
    public async Task A_flood_of_refused_requests_writes_one_line_per_network_and_minute_IPv4_by_24_and_IPv6_by_64()
    {
        using var folder = new TempFolder();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = Provider(folder, clock, ("Access:CloudNetworks:0", "10.30.0.0/16"));
        using var client = factory.CreateClient();

        for (var i = 0; i < 150; i++)
        {
            var path = i % 3 == 0 ? "/metrics" : "/standardHttp/getExamDict";
            Assert.Equal(401, (await client.FetchAsync(path, from: $"10.1.2.{1 + (i % 4)}")).Status);
        }
        Assert.Equal(401, await PostAsync(client, "/iuWorkStation/checkAgain", from: "10.1.2.1"));
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(401, (await client.FetchAsync("/standardHttp/getDeptInfo", from: i % 2 == 0 ? "2001:db8:1:2::5" : "2001:db8:1:2:ffff:ffff:ffff:9")).Status);
        }
        Assert.Equal(401, (await client.FetchAsync("/no/such/path", from: "2001:db8:1:3::1")).Status);
        // An admitted poll in the same minute is logged at once, and only it.
        Assert.Equal(200, (await client.FetchAsync("/standardHttp/getDeptInfo", from: "10.30.1.7")).Status);

        // Nothing of the refusals is written while the minute lasts: no line per request.
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Empty(Events(folder.Path, Refused));
        Assert.Single(Events(folder.Path, CloudPoll));

        // The minute ends: one line per network, with the counts.
        clock.Advance(TimeSpan.FromMinutes(1));
        var lines = await EventsAsync(folder.Path, Refused, 3);
        Assert.Equal(3, lines.Count);
        var ipv4 = Assert.Single(lines, l => Text(l, "Network") == "10.1.2.0/24");
        Assert.Equal(151, ipv4.GetProperty("Count").GetInt32());
        Assert.Equal("4 addresses", Text(ipv4, "Addresses"));
        Assert.Equal("/standardHttp/getExamDict (100), /metrics (50), /iuWorkStation/checkAgain (1)", Text(ipv4, "Paths"));
        Assert.Equal("address not in Access:CloudNetworks (100), address not in Access:OperatorNetworks (50), address not in Relay:HisNetworks (1)", Text(ipv4, "Reasons"));
        Assert.Equal("Warning", Text(ipv4, "@l"));

        var ipv6 = Assert.Single(lines, l => Text(l, "Network") == "2001:db8:1:2::/64");
        Assert.Equal(40, ipv6.GetProperty("Count").GetInt32());
        Assert.Equal("2001:db8:1:2::5, 2001:db8:1:2:ffff:ffff:ffff:9", Text(ipv6, "Addresses"));
        var other = Assert.Single(lines, l => Text(l, "Network") == "2001:db8:1:3::/64");
        Assert.Equal(1, other.GetProperty("Count").GetInt32());
        Assert.Equal("/no/such/path (1)", Text(other, "Paths"));

        // The next minute has lines of its own.
        for (var i = 0; i < 7; i++)
        {
            await client.FetchAsync("/standardHttp/getExamDict", from: "10.1.2.200");
        }
        clock.Advance(TimeSpan.FromMinutes(1));
        lines = await EventsAsync(folder.Path, Refused, 4);
        Assert.Equal(4, lines.Count);
        var next = lines[^1];
        Assert.Equal("10.1.2.0/24", Text(next, "Network"));
        Assert.Equal(7, next.GetProperty("Count").GetInt32());
        Assert.Equal("10.1.2.200", Text(next, "Addresses"));
        Assert.NotEqual(Text(ipv4, "Minute"), Text(next, "Minute"));

        // Refusals are not also written as access lines.
        Assert.Single(Events(folder.Path, CloudPoll));
    }

    [Fact]
    public async Task A_cloud_poll_writes_exactly_one_compact_access_line()
    {
        using var folder = new TempFolder();
        await using var factory = Provider(folder, null, ("Access:CloudNetworks:0", "10.30.0.0/16"));
        using var client = factory.CreateClient();
        Assert.Equal(200, (await client.FetchAsync("/health/live")).Status);
        var before = await SettledLinesAsync(folder.Path);

        Assert.Equal(200, (await client.FetchAsync("/standardHttp/getExamDict", from: "10.30.1.7")).Status);
        Assert.Equal(200, (await client.FetchAsync("/standardHttp/getExamDict", from: "10.30.1.7")).Status);
        Assert.Equal(200, (await client.FetchAsync("/standardHttp/getDeptInfo", from: "10.30.1.7")).Status);
        var after = await SettledLinesAsync(folder.Path);

        // Every source counted (ASP.NET Core's hosting and routing, the cache, ours): one line a poll.
        var polls = after.Skip(before.Count).ToList();
        Assert.Equal(3, polls.Count);
        foreach (var line in polls)
        {
            var bytes = Encoding.UTF8.GetByteCount(line) + 1;
            TestContext.Current.TestOutputHelper?.WriteLine($"{bytes} bytes: {line}");
            Assert.InRange(bytes, 100, MaxPollLineBytes);
            using var json = JsonDocument.Parse(line);
            var poll = json.RootElement;
            Assert.Equal(CloudPoll, poll.GetProperty("EventId").GetInt32());
            Assert.Equal("ProviderApi.Operations.CloudPollLog", Text(poll, "SourceContext"));
            Assert.Equal("10.30.1.7", Text(poll, "Caller"));
            Assert.Equal(200, poll.GetProperty("Status").GetInt32());
            Assert.True(poll.GetProperty("Rows").GetInt32() > 0);
            foreach (var repeated in new[] { "@tr", "@sp", "@r", "RequestId", "RequestPath", "ConnectionId", "TraceId", "SpanId", "ParentId" })
            {
                Assert.False(poll.TryGetProperty(repeated, out _), $"{repeated} in {line}");
            }
        }
        Assert.Equal(["database", "cache"], polls.Take(2).Select(l => Text(JsonDocument.Parse(l).RootElement, "Source")));
    }

    [Fact]
    public async Task The_size_cap_removes_the_oldest_files_with_a_warning_and_never_the_current_file()
    {
        using var folder = new TempFolder();
        var today = DateOnly.FromDateTime(DateTime.Now);
        const int KiB = 1024;
        var oldest = LogFile(folder, today.AddDays(-10), 700 * KiB);
        var older = LogFile(folder, today.AddDays(-9), 700 * KiB);
        var olderRolled = LogFile(folder, today.AddDays(-9), 700 * KiB, sequence: 1);
        var recent = LogFile(folder, today.AddDays(-5), 700 * KiB);
        var current = LogFile(folder, today, 600 * KiB);
        var notOurs = Path.Combine(folder.Path, "provider-notes.log");
        await File.WriteAllTextAsync(notOurs, Filler(900 * KiB), TestContext.Current.CancellationToken);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);

        // 3,400 KiB of logs against a cap of 2 MiB (2,048 KiB): at start-up the two oldest go.
        await using var factory = Provider(folder, clock, ("Logging:File:MaxTotalMegabytes", "2"), ("Logging:File:FileSizeLimitMegabytes", "1"));
        using var client = factory.CreateClient();
        var warning = Assert.Single(await EventsAsync(folder.Path, Capped, 1));
        Assert.False(File.Exists(oldest));
        Assert.False(File.Exists(older));
        Assert.True(File.Exists(olderRolled));
        Assert.True(File.Exists(recent));
        Assert.True(File.Exists(notOurs));
        Assert.Equal(2, warning.GetProperty("Count").GetInt32());
        Assert.Equal(10, warning.GetProperty("Days").GetInt32());
        Assert.Equal(today.AddDays(-9).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Text(warning, "OldestKept"));
        Assert.Equal(Path.GetFileName(oldest), Text(warning, "FirstRemoved"));
        Assert.Equal("Warning", Text(warning, "@l"));
        // The current file keeps what it had and goes on being written: the warning is in it.
        var currentText = ReadShared(current);
        Assert.StartsWith(Filler(600 * KiB), currentText, StringComparison.Ordinal);
        Assert.Contains("Log files over Logging:File:MaxTotalMegabytes", currentText, StringComparison.Ordinal);

        // As files roll: a later pass finds the folder over the cap again.
        var stray = LogFile(folder, today.AddDays(-20), 1500 * KiB);
        clock.Advance(LogFolderCap.Interval);
        var warnings = await EventsAsync(folder.Path, Capped, 2);
        Assert.Equal(2, warnings.Count);
        Assert.False(File.Exists(stray));
        Assert.True(File.Exists(olderRolled));
        Assert.True(File.Exists(current));
        Assert.Equal(1, warnings[1].GetProperty("Count").GetInt32());
    }

    [Fact]
    public void The_cap_never_removes_the_file_being_written_even_when_it_alone_is_over()
    {
        using var folder = new TempFolder();
        var today = new DateOnly(2026, 12, 1);
        var yesterday = LogFile(folder, today.AddDays(-1), 100);
        var first = LogFile(folder, today, 100);
        var current = LogFile(folder, today, 5000, sequence: 12);
        // Left by a wrong clock: dated later than the file being written, so also kept.
        var future = LogFile(folder, today.AddDays(3), 50);

        var outcome = LogFolderCap.Trim(folder.Path, 1000, today);

        Assert.Equal([Path.GetFileName(yesterday), Path.GetFileName(first)], outcome.Removed.Select(f => f.Name));
        Assert.True(File.Exists(current));
        Assert.True(File.Exists(future));
        Assert.Equal(4, outcome.DaysCovered);
        Assert.Equal(today, outcome.OldestKept);
    }

    private ProviderFactory Provider(TempFolder folder, TimeProvider? clock, params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Demo",
            ["Database:DemoPath"] = demo.Path,
            ["Logging:File:Path"] = folder.Path,
            ["Logging:File:Format"] = "json",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }
        return new ProviderFactory(settings, clock);
    }

    private static string LogFile(TempFolder folder, DateOnly day, int bytes, int sequence = 0)
    {
        var name = $"provider-{day:yyyyMMdd}{(sequence == 0 ? "" : $"_{sequence:000}")}.log";
        var path = folder.File(name);
        File.WriteAllText(path, Filler(bytes));
        File.SetLastWriteTime(path, day.ToDateTime(new TimeOnly(12, 0)));
        return path;
    }

    private static async Task<int> PostAsync(HttpClient client, string path, string from)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Add(ProviderFactory.RemoteAddressHeader, from);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return (int)response.StatusCode;
    }

    private static string? Text(JsonElement line, string name) => line.TryGetProperty(name, out var value) ? value.GetString() : null;

    /// <summary>The log files' lines, oldest file first, read while the provider may still write them.</summary>
    private static List<string> Lines(string folder) =>
        [.. Directory.GetFiles(folder, "provider-*.log").Order(StringComparer.Ordinal)
            .SelectMany(f => ReadShared(f).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            .Where(l => l.StartsWith('{'))];

    private static List<JsonElement> Events(string folder, int eventId) =>
        [.. Lines(folder).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.TryGetProperty("EventId", out var id) && id.ValueKind == JsonValueKind.Number && id.GetInt32() == eventId)];

    /// <summary>The lines of an event once at least <paramref name="count"/> are written (a background service writes them).</summary>
    private static async Task<List<JsonElement>> EventsAsync(string folder, int eventId, int count)
    {
        for (var i = 0; i < 600 && Events(folder, eventId).Count < count; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        return Events(folder, eventId);
    }

    /// <summary>The lines once no more have come for half a second (start-up's lines are written by several services).</summary>
    private static async Task<List<string>> SettledLinesAsync(string folder)
    {
        var lines = Lines(folder);
        for (var quiet = 0; quiet < 5;)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            var now = Lines(folder);
            quiet = now.Count == lines.Count ? quiet + 1 : 0;
            lines = now;
        }
        return lines;
    }

    private static string ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Bytes of an old log, ending in a line break so that the provider's next line starts a line of its own.</summary>
    private static string Filler(int bytes) => new string('x', bytes - 1) + "\n";
}
