using System.Diagnostics;

namespace ProviderApi.Tests;

/// <summary>
/// The provider's real executable, as an operator runs it: verbs, settings on the command line,
/// exit code and what it prints. Start-up failures are tested this way rather than through
/// WebApplicationFactory, which can report its own ObjectDisposedException instead of the
/// reason when the host it waits for fails to start.
/// </summary>
public static class ProviderProcess
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ProviderApi.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output, await error);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    /// <summary>
    /// Starts the provider as a long-running service (its output drained and dropped) and returns
    /// the process; the caller kills it, as an operator or a crash would.
    /// </summary>
    public static Process Start(IEnumerable<string> args, string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ProviderApi.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// Starts the provider with these settings and expects it to stop at start-up with exit code 1;
    /// returns the one line it wrote to standard error.
    /// </summary>
    public static async Task<string> StartupFailsAsync(IReadOnlyDictionary<string, string?> settings, string workingDirectory)
    {
        var args = settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}").Append("--Urls=http://127.0.0.1:0");
        var (exitCode, output, error) = await RunAsync(args, workingDirectory: workingDirectory);

        Assert.True(exitCode == 1, $"expected start-up to stop with exit code 1, got {exitCode}: {error}\n{output}");
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        return error;
    }
}
