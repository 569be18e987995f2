namespace ProviderApi.Common;

/// <summary>The loop of a background service that works on a timer.</summary>
internal static class Ticks
{
    /// <summary>
    /// The next tick, or false once the service is stopping. Stopping is not a failure: without this,
    /// a start-up that fails after the service started (a bad setting found by a later service) logs
    /// the service's cancellation as "BackgroundService failed" with a stack trace, since the host
    /// never reached the stop that would have excused it.
    /// </summary>
    public static async ValueTask<bool> NextAsync(this PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
