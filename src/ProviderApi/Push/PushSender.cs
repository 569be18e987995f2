using Microsoft.Extensions.Options;
using ProviderApi.Common;

namespace ProviderApi.Push;

/// <summary>How a batch ended: whether pushing goes on this poll, and whether an accepted call ended a pause.</summary>
public sealed record SendResult(bool GoOn, bool Resumed);

/// <summary>
/// The sender: posts a batch one record a call and records each outcome (delivered, rejected,
/// retried later with backoff, or all pushing paused by a 401 or a wrong address). Nothing is
/// written before a call, and "delivered" only after the cloud accepted.
/// </summary>
public sealed class PushSender(PushStore store, CloudPushClient cloud, PushMonitor monitor, IOptions<PushOptions> options, TimeProvider clock, ILogger<PushWorker> logger)
{
    private PushOptions Options => options.Value;

    private long NowMs => clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// Sends <paramref name="batch"/> (rows of <paramref name="known"/>), asking <paramref name="keepLease"/>
    /// before each call. Stops at the first failure, a pause, or a lost lease; while paused, sends
    /// one row per Push:PausedProbeMinutes to tell whether the credentials work again.
    /// </summary>
    public async Task<SendResult> SendAsync(
        PushKind kind, List<PushItem> batch, Dictionary<string, Delivery> known, PushControl control,
        Func<CancellationToken, Task<bool>> keepLease, CancellationToken cancellationToken)
    {
        var text = PushStore.KindText(kind);
        var resumed = false;
        if (control.PausedReason is not null)
        {
            if (batch.Count == 0 || NowMs - (control.PausedAtMs ?? 0) < TimeSpan.FromMinutes(Options.PausedProbeMinutes).TotalMilliseconds)
            {
                return new SendResult(false, false);
            }
            batch = batch[..1];
        }
        foreach (var item in batch)
        {
            if (!await keepLease(cancellationToken))
            {
                return new SendResult(false, resumed);
            }
            var row = known[item.Key];
            var answer = await cloud.SendAsync(kind, item.Body, cancellationToken);
            var now = NowMs;
            row.Attempts++;
            row.LastAttemptMs = now;
            monitor.Counted(kind, answer.Outcome.ToString().ToLowerInvariant());
            switch (answer.Outcome)
            {
                case PushOutcome.Delivered:
                    row.State = DeliveryState.Delivered;
                    row.DeliveredHash = item.Hash;
                    row.DeliveredAtMs = now;
                    row.Reason = row.ReasonAfterCall(null);
                    await store.SaveAsync([row], cancellationToken);
                    Log.Pushed(logger, text, item.Label, row.Attempts);
                    if (control.PausedReason is not null)
                    {
                        await store.ResumeAsync(cancellationToken);
                        resumed = true;
                        control = control with { PausedReason = null };
                        monitor.Paused(null, null);
                        Log.PushResumed(logger);
                    }
                    break;
                case PushOutcome.Rejected:
                    row.State = DeliveryState.Rejected;
                    row.Reason = row.ReasonAfterCall(answer.Detail);
                    await store.SaveAsync([row], cancellationToken);
                    Log.PushRejected(logger, text, item.Label, answer.Detail);
                    break;
                case PushOutcome.Unauthorized or PushOutcome.Misconfigured:
                    // Not the row's fault: it stays pending, uncounted.
                    row.Attempts--;
                    var reason = $"{answer.Outcome}: {answer.Detail}";
                    await store.PauseAsync(reason, now, cancellationToken);
                    if (control.PausedReason is null)
                    {
                        monitor.Alert("paused");
                        Log.PushPaused(logger, text, reason);
                    }
                    monitor.Paused(reason, now);
                    return new SendResult(false, resumed);
                default:
                    row.NextAttemptMs = now + Backoff(row.Attempts);
                    row.Reason = row.ReasonAfterCall(answer.Detail);
                    await store.SaveAsync([row], cancellationToken);
                    Log.PushFailed(logger, text, item.Label, answer.Detail, row.Attempts, DateTimeOffset.FromUnixTimeMilliseconds(row.NextAttemptMs));
                    // The cloud is failing: the rest of the batch waits for the next poll.
                    return new SendResult(false, resumed);
            }
        }
        return new SendResult(true, resumed);
    }

    /// <summary>One poll interval doubled per failed call, up to Push:MaxBackoffMinutes, with ±20 % jitter.</summary>
    internal long Backoff(int attempts)
    {
        var ceiling = TimeSpan.FromMinutes(Options.MaxBackoffMinutes).TotalMilliseconds;
        var delay = Math.Min(ceiling, Options.PollSeconds * 1000 * Math.Pow(2, Math.Min(attempts - 1, 30)));
        return (long)(delay * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }
}
