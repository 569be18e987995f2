using System.Net;
using System.Net.Sockets;
using ProviderApi.Operations;

namespace ProviderApi.Tests.Safety;

/// <summary>The selftest verb: one line a check, exit 1 on a failure.</summary>
public sealed class SelfTestTests(DemoFile demo) : IClassFixture<DemoFile>
{
    private static async Task<(int Code, string[] Lines)> RunAsync(ProviderFactory factory)
    {
        var output = new StringWriter();
        var code = await SelfTest.RunAsync(factory.Services, output, TestContext.Current.CancellationToken);
        return (code, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task On_the_demo_with_a_reachable_cloud_every_line_passes_and_the_crosswalk_gaps_are_counted()
    {
        using var cloud = new TcpListener(IPAddress.Loopback, 0);
        cloud.Start();
        await using var factory = demo.Demo(("Cloud:BaseAddress", $"http://127.0.0.1:{((IPEndPoint)cloud.LocalEndpoint).Port}/"));

        var (code, lines) = await RunAsync(factory);

        Assert.Equal(0, code);
        Assert.Contains(lines, l => l.StartsWith("OK    settings", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("OK    database", StringComparison.Ordinal));
        Assert.Equal(4, lines.Count(l => l.StartsWith("OK    view ", StringComparison.Ordinal)));
        // The demo leaves two rarely used items (MR0007, RF0002) out of the crosswalk on purpose.
        Assert.Contains(lines, l => l.StartsWith("WARN  crosswalk examPart", StringComparison.Ordinal) && l.Contains("2 exam items", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("OK    cloud address", StringComparison.Ordinal));
        Assert.Equal("selftest: passed", lines[^1]);
    }

    [Fact]
    public async Task An_unreachable_cloud_and_a_missing_view_fail_with_exit_1()
    {
        var (file, settings) = demo.SqliteCopy(("Cloud:BaseAddress", "http://127.0.0.1:1/"), ("Cloud:ConnectTimeoutSeconds", "2"));
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP VIEW view_setlInfoList";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        await using var factory = new ProviderFactory(settings);

        var (code, lines) = await RunAsync(factory);

        Assert.Equal(1, code);
        Assert.Contains(lines, l => l.StartsWith("FAIL  view view_setlInfoList", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("FAIL  cloud address", StringComparison.Ordinal) && l.Contains("127.0.0.1:1", StringComparison.Ordinal));
        Assert.Equal("selftest: FAILED", lines[^1]);
    }

    [Fact]
    public async Task The_verb_runs_from_the_command_line_and_a_bad_setting_is_a_failed_line()
    {
        using var folder = new TempFolder();
        var (exitCode, text, error) = await ProviderProcess.RunAsync(
            ["selftest", $"--Database:DemoPath={demo.Path}", "--DictionaryCache:Seconds=-1", $"--Logging:File:Path={folder.Path}"],
            workingDirectory: folder.Path);

        Assert.True(exitCode == 1, $"exit {exitCode}: {text}{error}");
        Assert.Contains("FAIL  settings DictionaryCache", text, StringComparison.Ordinal);
        Assert.Contains("DictionaryCache:Seconds", text, StringComparison.Ordinal);
        Assert.Contains("OK    database", text, StringComparison.Ordinal);
    }
}
