using System.Data.Common;

namespace ProviderApi.Data;

public static class BoundedOpen
{
    /// <summary>
    /// Opens a connection, giving up when <paramref name="cancellationToken"/> fires even where the
    /// driver does not listen (Npgsql waits out its whole connect timeout for a server that
    /// accepts and never answers). A connection that opens after all is closed at once.
    /// </summary>
    public static async Task<DbConnection> OpenWithinAsync(this DbDataSource dataSource, CancellationToken cancellationToken)
    {
        var opening = dataSource.OpenConnectionAsync(cancellationToken).AsTask();
        try
        {
            return await opening.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (!opening.IsCompleted)
        {
            _ = opening.ContinueWith(
                static late => late.Result.Dispose(),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion,
                TaskScheduler.Default);
            throw;
        }
    }

    /// <summary>Opens a connection within <paramref name="cancellationToken"/> and leases it: see <see cref="BoundedConnection"/>.</summary>
    public static async Task<BoundedConnection> LeaseWithinAsync(this DbDataSource dataSource, CancellationToken cancellationToken) =>
        new(dataSource, await dataSource.OpenWithinAsync(cancellationToken));

    /// <summary>
    /// Makes sure <paramref name="connection"/> is closed, not pooled, when it is disposed: the
    /// driver's pool is cleared (<see cref="DatabaseEngine.TryDiscard"/>), which closes its idle
    /// connections at once and every busy one (this one) when it is returned.
    /// </summary>
    public static void Discard(this DbDataSource dataSource, DbConnection connection)
    {
        foreach (var engine in DatabaseEngine.All)
        {
            if (engine.TryDiscard(dataSource, connection))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="exception"/> says a command ran out of time or was cancelled (the
    /// driver's command timeout, the request's bound, or a lock wait given up), as opposed to an
    /// answer such as "no such view": after it the connection is not trusted again. Each engine
    /// knows its driver's codes (<see cref="DatabaseEngine.IsTimeout"/>).
    /// </summary>
    public static bool IsTimeout(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is OperationCanceledException or TimeoutException || DatabaseEngine.All.Any(engine => engine.IsTimeout(e)))
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>
/// A pooled connection that a timed-out command never goes back to the pool from. Each step of
/// work (<see cref="WithinAsync{T}"/>) is awaited only until its token fires, whether the driver
/// listens or not. When a step ran out of time, was cancelled, or is still running, the lease is
/// spoiled: on disposal the connection is discarded (<see cref="BoundedOpen.Discard"/>) and it and
/// its reader are disposed in the background once the abandoned step has ended, so no caller
/// waits on a connection in doubt and none is handed it again.
/// </summary>
public sealed class BoundedConnection(DbDataSource dataSource, DbConnection connection) : IAsyncDisposable
{
    private Task? pending;
    private DbDataReader? reader;
    private bool spoiled;

    public DbConnection Connection => connection;

    /// <summary>True once a step ran out of time, was cancelled or was left running.</summary>
    public bool Spoiled => spoiled;

    /// <summary>Awaits <paramref name="step"/> (work on <see cref="Connection"/>) until <paramref name="cancellationToken"/> fires.</summary>
    public async Task<T> WithinAsync<T>(Task<T> step, CancellationToken cancellationToken)
    {
        if (pending is not null)
        {
            throw new InvalidOperationException("An earlier command on this connection was abandoned; it takes no more.");
        }
        try
        {
            return await step.WaitAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            if (!step.IsCompleted)
            {
                pending = step;
                spoiled = true;
            }
            else if (BoundedOpen.IsTimeout(ex))
            {
                spoiled = true;
            }
            throw;
        }
    }

    /// <summary>The reader to dispose before the connection (after any abandoned step).</summary>
    public DbDataReader Owns(DbDataReader dataReader) => reader = dataReader;

    /// <summary>Marks the connection as not to be reused (a read left unfinished).</summary>
    public void Spoil() => spoiled = true;

    public ValueTask DisposeAsync()
    {
        if (!spoiled)
        {
            return DisposeNowAsync();
        }
        dataSource.Discard(connection);
        var abandoned = pending ?? Task.CompletedTask;
        _ = abandoned.ContinueWith(
            static async (step, state) =>
            {
                _ = step.Exception; // Observed: it was reported (or timed out) where it was abandoned.
                try
                {
                    await ((BoundedConnection)state!).DisposeNowAsync();
                }
                catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException or TimeoutException or OperationCanceledException)
                {
                    // Closing a connection in doubt may fail too; it is out of the pool either way.
                }
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default);
        return ValueTask.CompletedTask;
    }

    private async ValueTask DisposeNowAsync()
    {
        if (reader is not null)
        {
            await reader.DisposeAsync();
        }
        await connection.DisposeAsync();
    }
}
