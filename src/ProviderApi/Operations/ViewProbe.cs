using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using ProviderApi.Data;
using ProviderApi.Logging;

namespace ProviderApi.Operations;

/// <summary>One standard view, and why it could not be read (null when it answered).</summary>
public sealed record ViewAnswer(string View, string? Problem);

/// <summary>What the database said: reached or not (and why), and each view.</summary>
public sealed record ProbeResult(bool Reachable, string? Problem, TimeSpan Elapsed, IReadOnlyList<ViewAnswer> Views)
{
    public bool Healthy => Reachable && Views.All(v => v.Problem is null);
}

/// <summary>
/// Asks the database, cheaply, whether the provider can work: a connection, then
/// <c>SELECT * FROM view WHERE 1 = 0</c> on each of the four standard views (the view must
/// exist, compile and be granted, and no row is read). Shared by /health/ready and selftest.
/// </summary>
public sealed class ViewProbe(DbDataSource dataSource, IOptions<DatabaseOptions> options)
{
    public static readonly IReadOnlyList<string> Views = ["View_Register_Info", "View_ProjectItemCode_Info", "view_setlInfoList", "View_Dept_Info"];

    public async Task<ProbeResult> RunAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.RequestTimeout);
        var clock = Stopwatch.StartNew();
        DbConnection connection;
        try
        {
            connection = await dataSource.OpenWithinAsync(deadline.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProbeResult(false, Describe(ex), clock.Elapsed, []);
        }
        await using (connection)
        {
            var answers = new List<ViewAnswer>();
            foreach (var view in Views)
            {
                try
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = $"SELECT * FROM {view} WHERE 1 = 0";
                    command.CommandTimeout = options.Value.CommandTimeoutSeconds;
                    await using var reader = await command.ExecuteReaderAsync(deadline.Token).WaitAsync(deadline.Token);
                    answers.Add(new ViewAnswer(view, null));
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    answers.Add(new ViewAnswer(view, Describe(ex)));
                }
            }
            return new ProbeResult(true, null, clock.Elapsed, answers);
        }
    }

    /// <summary>The error's type and first line, masked: for operators, never for the cloud.</summary>
    public static string Describe(Exception exception)
    {
        var message = exception is OperationCanceledException or TimeoutException ? "timed out (Database:RequestTimeoutSeconds)" : exception.Message;
        var firstLine = message.Split('\n', 2)[0].Trim();
        return SensitiveText.Mask($"{exception.GetType().Name}: {(firstLine.Length > 300 ? firstLine[..300] + "…" : firstLine)}");
    }
}
