using Microsoft.Extensions.Options;
using ProviderApi.Common;

namespace ProviderApi.Push;

/// <summary>
/// The lease in push_control: only its holder pushes. Taken or renewed at each poll, renewed
/// before a call when little of it remains, taken over from a holder of this machine whose
/// process is gone, and given up at shutdown.
/// </summary>
public sealed class PushLease(PushStore store, IOptions<PushOptions> options, TimeProvider clock, ILogger<PushWorker> logger)
{
    private long untilMs;

    /// <summary>This instance's name in push_control.holder: machine, process id, process start (Unix seconds) and a random part.</summary>
    public string Holder { get; } = NewHolder();

    /// <summary>
    /// Held since the poll that took it: the delivery state in memory is this holder's. False
    /// before, on standby, once another instance took it, or after a poll failed.
    /// </summary>
    public bool Held { get; private set; }

    /// <summary>Another instance holds the lease (logged once, when it starts).</summary>
    public bool Standby { get; private set; }

    private PushOptions Options => options.Value;

    private long NowMs => clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>At a poll's start: takes or renews the lease. Null on standby; else whether it was held before (false: the state must be loaded).</summary>
    public async Task<bool?> TakeAsync(CancellationToken cancellationToken)
    {
        var now = NowMs;
        var until = now + (long)(Options.LeaseSeconds * 1000);
        if (!await store.TryLeaseAsync(Holder, now, until, cancellationToken))
        {
            var current = await store.ReadControlAsync(cancellationToken);
            if (current.Holder is { } other && IsDeadHereAfterCrash(other) && await store.TakeOverAsync(other, Holder, until, cancellationToken))
            {
                Log.PushTookOver(logger, other);
            }
            else
            {
                if (Held || !Standby)
                {
                    Log.PushStandby(logger, current.Holder ?? "(unknown)");
                }
                Held = false;
                Standby = true;
                return null;
            }
        }
        untilMs = until;
        Standby = false;
        var before = Held;
        Held = true;
        return before;
    }

    /// <summary>The state in memory can no longer be trusted (a poll failed): the next poll reloads it.</summary>
    public void Forget() => Held = false;

    /// <summary>
    /// Before each call: renews the lease when less than one and a half calls' time remains, so no
    /// other instance can take it while the call is in flight. False when another instance took it
    /// meanwhile (this one stalled longer than the lease): it stops sending and reloads the state
    /// when it holds the lease again.
    /// </summary>
    public async Task<bool> KeepAsync(CancellationToken cancellationToken)
    {
        var now = NowMs;
        if (untilMs - now > Options.CallBudget.TotalMilliseconds * 1.5)
        {
            return true;
        }
        var until = now + (long)(Options.LeaseSeconds * 1000);
        if (await store.TryLeaseAsync(Holder, now, until, cancellationToken))
        {
            untilMs = until;
            return true;
        }
        Held = false;
        Log.PushLeaseLost(logger, Options.LeaseSeconds);
        return false;
    }

    /// <summary>Gives the lease up (at shutdown) when held, so another instance need not wait for it to expire.</summary>
    public async Task ReleaseAsync()
    {
        if (!Held)
        {
            return;
        }
        Held = false;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await store.ReleaseAsync(Holder, timeout.Token);
        }
        catch (Exception ex)
        {
            Log.PushReleaseFailed(logger, Masking.Redact(ex.Message));
        }
    }

    /// <summary>
    /// A holder on this machine whose process is gone: this instance restarted after a crash (or
    /// kill), and need not wait for the old lease to expire. A process is known by its id and its
    /// start time, so a restarted container (its service is pid 1 again) is told apart too.
    /// </summary>
    private bool IsDeadHereAfterCrash(string other)
    {
        var parts = other.Split(':');
        if (parts.Length != 4 || parts[0] != Environment.MachineName || other == Holder
            || !int.TryParse(parts[1], out var pid) || !long.TryParse(parts[2], out var started))
        {
            return false;
        }
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited || StartedSeconds(process) != started;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private static long StartedSeconds(System.Diagnostics.Process process) =>
        new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeSeconds();

    private static string NewHolder()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return $"{Environment.MachineName}:{Environment.ProcessId}:{StartedSeconds(self)}:{Guid.NewGuid().ToString("N")[..8]}";
    }
}
