using System.Text.Json;
using ProviderApi.Check;
using ProviderApi.Common;

namespace ProviderApi.Operations.OperatorConsole;

/// <summary>A rule the last check found broken: how many rows, in both languages; no example (an example may be a patient's value).</summary>
public sealed record CheckFindingSummary(string Rule, string Severity, string? Field, long Count, string MessageZh, string MessageEn);

/// <summary>The contract check's last verdict as the console keeps it.</summary>
public sealed record CheckSummary(
    bool Passed,
    long Errors,
    long Warnings,
    string? Problem,
    double Seconds,
    IReadOnlyList<ViewCount> Views,
    IReadOnlyList<CheckFindingSummary> Findings);

/// <summary>A view's rows as a check read them.</summary>
public sealed record ViewCount(string View, long Rows);

/// <summary>selftest's last result: its exit code and its lines (already masked by selftest).</summary>
public sealed record SelfTestSummary(int ExitCode, IReadOnlyList<string> Lines);

/// <summary>
/// The console's two buttons that read the database: the contract check and selftest. Each runs
/// in the background, one at a time (a second press while one runs is refused, not queued),
/// bounded by <see cref="Limit"/>; the result is kept in the console's history.
/// </summary>
public sealed class ConsoleJobs(IServiceProvider services, ConsoleHistory history, ILogger<ConsoleJobs> logger)
{
    /// <summary>The longest a check or selftest started from the console may run.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    private int checkRunning;
    private int selfTestRunning;

    public bool CheckRunning => Volatile.Read(ref checkRunning) == 1;

    public bool SelfTestRunning => Volatile.Read(ref selfTestRunning) == 1;

    /// <summary>Starts the contract check; false when one is already running.</summary>
    public bool StartCheck(string caller) => Start(ref checkRunning, "check", caller, RunCheckAsync);

    /// <summary>Starts selftest; false when it is already running.</summary>
    public bool StartSelfTest(string caller) => Start(ref selfTestRunning, "selftest", caller, RunSelfTestAsync);

    private bool Start(ref int running, string job, string caller, Func<CancellationToken, Task<string>> run)
    {
        if (Interlocked.CompareExchange(ref running, 1, 0) != 0)
        {
            return false;
        }
        var flag = job == "check" ? 0 : 1;
        _ = Task.Run(async () =>
        {
            using var limit = new CancellationTokenSource(Limit);
            string outcome;
            try
            {
                outcome = await run(limit.Token);
            }
            catch (Exception ex)
            {
                outcome = $"failed: {Masking.Redact(ex.Message)}";
            }
            finally
            {
                if (flag == 0)
                {
                    Volatile.Write(ref checkRunning, 0);
                }
                else
                {
                    Volatile.Write(ref selfTestRunning, 0);
                }
            }
            Log.ConsoleJobRan(logger, job, caller, outcome);
        });
        return true;
    }

    private async Task<string> RunCheckAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        CheckSummary summary;
        try
        {
            var report = await ActivatorUtilities.CreateInstance<ContractCheck>(services).RunAsync(1, cancellationToken);
            summary = new CheckSummary(
                report.Passed, report.Errors, report.Warnings, null, Seconds(started),
                [.. report.Views.Select(v => new ViewCount(v.View, v.Rows))],
                [.. report.Findings.Select(f => new CheckFindingSummary(f.Rule, f.Severity.ToString().ToLowerInvariant(), f.Field, f.Count, f.MessageZh, f.MessageEn))]);
            foreach (var view in report.Views)
            {
                history.ViewRead(view.View, view.Rows, "check");
            }
        }
        catch (Exception ex) when (ex is ContractCheckException or OperationCanceledException)
        {
            var problem = ex is OperationCanceledException
                ? $"stopped after {Limit.TotalMinutes:0} minutes"
                : Masking.Redact(ex.Message);
            summary = new CheckSummary(false, 0, 0, problem, Seconds(started), [], []);
        }
        history.Remember("check", JsonSerializer.Serialize(summary, ConsoleJsonContext.Default.CheckSummary));
        return summary.Problem ?? (summary.Passed ? $"passed ({summary.Warnings} warning(s))" : $"failed ({summary.Errors} error(s))");
    }

    private async Task<string> RunSelfTestAsync(CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        var exit = await SelfTest.RunAsync(services, output, cancellationToken);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Masking.Text).ToList();
        history.Remember("selftest", JsonSerializer.Serialize(new SelfTestSummary(exit, lines), ConsoleJsonContext.Default.SelfTestSummary));
        return exit == 0 ? "passed" : "a line says FAIL";
    }

    private static double Seconds(long started) => Math.Round(TimeProvider.System.GetElapsedTime(started).TotalSeconds, 1);
}
