using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using ProviderApi.Common;
using ProviderApi.Data;
using ProviderApi.Views;

namespace ProviderApi.Operations;

/// <summary>One standard view, and why it could not be read (null when it answered); <paramref name="TimedOut"/> when it did not answer in time.</summary>
public sealed record ViewAnswer(string View, string? Problem, bool TimedOut = false);

/// <summary>What the database said: reached or not (and why, <paramref name="Failure"/> the driver's exception), and each view.</summary>
public sealed record ProbeResult(bool Reachable, string? Problem, TimeSpan Elapsed, IReadOnlyList<ViewAnswer> Views, Exception? Failure = null)
{
    public bool Healthy => Reachable && Views.All(v => v.Problem is null);

    /// <summary>Connected, but a view did not answer within the time allowed (a lock, or an overloaded server).</summary>
    public bool TimedOut => Views.Any(v => v.TimedOut);
}

/// <summary>
/// Asks the database, cheaply, whether the provider can work: a connection, then
/// <c>SELECT * FROM view WHERE 1 = 0</c> on each standard view of the catalog (the view must
/// exist, compile and be granted, and no row is read). Shared by /health/ready and selftest.
/// The whole probe answers within Database:RequestTimeoutSeconds whatever the database does
/// (a table locked, a server hanging); a connection whose command ran out of time is discarded,
/// never pooled, so the next probe starts clean.
/// </summary>
public sealed class ViewProbe(DbDataSource dataSource, IOptions<DatabaseOptions> options, ViewCatalog catalog)
{

    public async Task<ProbeResult> RunAsync(CancellationToken cancellationToken)
    {
        var timeout = options.Value.RequestTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var clock = Stopwatch.StartNew();
        BoundedConnection lease;
        try
        {
            lease = await dataSource.LeaseWithinAsync(deadline.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProbeResult(false, Describe(ex, connecting: true), clock.Elapsed, [], ex);
        }
        await using (lease)
        {
            var answers = new List<ViewAnswer>();
            foreach (var view in catalog.All.Select(v => v.Name))
            {
                if (lease.Spoiled)
                {
                    // The connection is not trusted after a timeout, and the time is spent anyway.
                    answers.Add(new ViewAnswer(view, $"not checked: an earlier view timed out (Database:RequestTimeoutSeconds {timeout.TotalSeconds:0} s)", TimedOut: true));
                    continue;
                }
                try
                {
                    await lease.WithinAsync(ProbeViewAsync(lease.Connection, view, deadline.Token), deadline.Token);
                    answers.Add(new ViewAnswer(view, null));
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    var advice = DatabaseEngine.For(options.Value.Provider).ReadAdvice(ex, view, options.Value);
                    answers.Add(new ViewAnswer(view, advice is null ? Describe(ex) : $"{Describe(ex)}. {advice}", BoundedOpen.IsTimeout(ex)));
                }
            }
            return new ProbeResult(true, null, clock.Elapsed, answers);
        }
    }

    private async Task<bool> ProbeViewAsync(DbConnection connection, string view, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {DatabaseEngine.For(options.Value.Provider).StandardView(view)} WHERE 1 = 0";
        command.CommandTimeout = options.Value.CommandTimeoutSeconds;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return true;
    }

    /// <summary>The error's type and first line, masked: for operators, never for the cloud.</summary>
    public static string Describe(Exception exception, bool connecting = false)
    {
        var message = !BoundedOpen.IsTimeout(exception) ? exception.Message
            : connecting ? "timed out connecting (Database:ConnectTimeoutSeconds, RequestTimeoutSeconds): the server does not answer"
            : "timed out (Database:CommandTimeoutSeconds, RequestTimeoutSeconds): a table it reads may be locked, or the server overloaded";
        var firstLine = message.Split('\n', 2)[0].Trim();
        return Masking.Text($"{exception.GetType().Name}: {(firstLine.Length > 300 ? firstLine[..300] + "…" : firstLine)}");
    }
}
