using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ProviderApi.Operations.OperatorConsole;

namespace ProviderApi.Benchmarks;

public sealed partial class Measurements
{
    /// <summary>
    /// The operator console's data endpoint with a full history (30 days of hours, three cloud
    /// addresses, relay outcomes, database reads), against /health/live on the same host: what an
    /// operator's page load costs the provider (it reads the history file, never a view).
    /// </summary>
    public async Task ConsoleAsync(HisSize small, CancellationToken cancel)
    {
        const int days = ConsoleHistory.KeepDays;
        string[] addresses = ["10.30.1.7", "10.30.1.8", "10.30.2.7"];
        var what = $"GET /operations/console.json with {days} days of hourly history ({addresses.Length} cloud addresses, relay, database reads), against GET /health/live";
        log.WriteLine("- the operator console's data endpoint");
        using var host = new ProviderHost(databases.ConnectionString(small.Database), new Dictionary<string, string?>
        {
            ["Monitoring:HistoryPath"] = Path.Combine(logFolder, $"console-history-{Guid.NewGuid():N}.db"),
        }, logFolder);
        host.Start();
        var history = host.Services.GetRequiredService<ConsoleHistory>();
        var now = DateTimeOffset.UtcNow;
        for (var hour = 0; hour < days * 24; hour++)
        {
            foreach (var address in addresses)
            {
                history.PollAt(now.AddHours(-hour), address, "ok", 24);
                history.PollAt(now.AddHours(-hour), address, "error", hour % 5);
            }
            history.CountAt(now.AddHours(-hour), "db", "", "ok", 8);
            history.CountAt(now.AddHours(-hour), "relay", "", "delivered", 30);
        }
        await history.FlushAsync(cancel);

        var console = new Uri(host.Address, "/operations/console.json");
        var live = new Uri(host.Address, "/health/live");
        var pairs = await Pairs.RunAsync(() => SecondsAsync(console, cancel), () => SecondsAsync(live, cancel), TimeSpan.FromSeconds(20), minPairs: 20, maxPairs: 200);
        report.Add(new ResultLine(what, Report.Ms(pairs.MedianA), Report.Ms(pairs.MedianB), Report.Times(pairs.Ratio), "≤ 50 ms", pairs.MedianA <= 0.050,
            $"median of {pairs.Count} sequential requests each on loopback; the history file holds {days * 24 * ((addresses.Length * 2) + 2):N0} hourly counts, the endpoint reads the last 7 days of them"));
    }

    private async Task<double> SecondsAsync(Uri address, CancellationToken cancel)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(address, cancel);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync(cancel);
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
