using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ProviderApi.Benchmarks;

/// <summary>wrk against a loopback address: requests per second, refusing a run with errors or non-2xx answers.</summary>
public static partial class Wrk
{
    public static async Task<string> VersionAsync()
    {
        var (_, output) = await RunAsync(["-v"], TimeSpan.FromSeconds(10));
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "wrk (version unknown)";
    }

    /// <summary>Runs <c>wrk -t2 -c{connections} -d{seconds}s url</c> and returns its requests per second.</summary>
    public static async Task<double> RequestsPerSecondAsync(Uri url, int connections, int seconds)
    {
        if (!url.IsLoopback)
        {
            throw new InvalidOperationException($"wrk sends load to loopback only, not {url}.");
        }
        string[] arguments = ["-t2", $"-c{connections}", $"-d{seconds}s", "--timeout", "30s", url.ToString()];
        var (exit, output) = await RunAsync(arguments, TimeSpan.FromSeconds(seconds + 60));
        if (exit != 0)
        {
            throw new InvalidOperationException($"wrk {string.Join(' ', arguments)} exited with {exit}: {output}");
        }
        if (output.Contains("Non-2xx", StringComparison.Ordinal) || output.Contains("Socket errors", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"wrk {string.Join(' ', arguments)} saw errors: {output}");
        }
        var match = RequestsPerSecond().Match(output);
        return match.Success
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"wrk printed no Requests/sec: {output}");
    }

    private static async Task<(int Exit, string Output)> RunAsync(string[] arguments, TimeSpan limit)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"wrk {string.Join(' ', arguments)} ran past {limit}.");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();
}
