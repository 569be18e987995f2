using System.Data.Common;
using System.Reflection;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

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
    /// driver's pool is cleared, which closes its idle connections at once and every busy one
    /// (this one) when it is returned. Npgsql keeps the pool of a data source in the data source
    /// (NpgsqlConnection.ClearPool does not reach it); SqlClient, SQLite and ODP.NET clear the
    /// pool of a connection's connection string.
    /// </summary>
    public static void Discard(this DbDataSource dataSource, DbConnection connection)
    {
        switch (dataSource, connection)
        {
            case (NpgsqlDataSource npgsql, _):
                npgsql.Clear();
                break;
            case (_, SqlConnection sql):
                SqlConnection.ClearPool(sql);
                break;
            case (_, SqliteConnection sqlite):
                SqliteConnection.ClearPool(sqlite);
                break;
            default:
                // ODP.NET, loaded at run time: OracleConnection.ClearPool(OracleConnection).
                connection.GetType().GetMethod("ClearPool", BindingFlags.Public | BindingFlags.Static, [connection.GetType()])
                    ?.Invoke(null, [connection]);
                break;
        }
    }

    /// <summary>
    /// Whether <paramref name="exception"/> says a command ran out of time or was cancelled (the
    /// driver's command timeout, the request's bound, or a lock wait given up), as opposed to an
    /// answer such as "no such view": after it the connection is not trusted again.
    /// </summary>
    public static bool IsTimeout(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case OperationCanceledException or TimeoutException:
                // query_canceled (a cancel or statement_timeout), lock_not_available (lock_timeout).
                case PostgresException { SqlState: "57014" or "55P03" }:
                // -2: the client's timeout; 1222: lock request time out period exceeded.
                case SqlException { Number: -2 or 1222 }:
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
