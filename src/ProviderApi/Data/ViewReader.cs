using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Extensions.Options;
using ProviderApi.Common;

namespace ProviderApi.Data;

/// <summary>
/// Streams rows of a standard view through Dapper: one pooled connection per read, the
/// configured command timeout, cancellation from the caller, never the whole result in memory.
/// Each read is counted and timed (imgcloud.db.reads, imgcloud.db.read.duration).
/// </summary>
/// <remarks>
/// Every wait on the database is bounded by Database:RequestTimeoutSeconds, whatever the driver
/// does: the first row (connecting and the query included) must come within it, and so must each
/// later batch of rows, so a read that stalls is given up with a <see cref="TimeoutException"/>
/// while the time the caller spends with a row (writing it to a slow client) is not counted.
/// A connection whose read timed out, was cancelled or was left unfinished is discarded, never
/// pooled again (<see cref="BoundedConnection"/>).
/// </remarks>
public sealed class ViewReader(DbDataSource dataSource, IOptions<DatabaseOptions> options, ProviderMetrics? metrics = null)
{
    /// <summary>The engine the reads go to: how a view is named there.</summary>
    public DatabaseEngine Engine => DatabaseEngine.For(options.Value.Provider);

    public async IAsyncEnumerable<T> StreamAsync<T>(string sql, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Func<DbDataReader, T>? parse = null;
        await foreach (var row in RowsAsync(sql, cancellationToken))
        {
            parse ??= row.GetRowParser<T>();
            yield return parse(row);
        }
    }

    /// <summary>
    /// The reader itself, positioned at each row in turn (the same object every time, valid until
    /// the next row is asked for): for writers that take the columns as they come, without an
    /// object per row.
    /// </summary>
    public async IAsyncEnumerable<DbDataReader> RowsAsync(string sql, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var timeout = options.Value.RequestTimeout;
        var ok = false;
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(timeout);
        BoundedConnection? lease = null;
        try
        {
            DbDataReader reader;
            try
            {
                lease = await dataSource.LeaseWithinAsync(stall.Token);
                var command = new CommandDefinition(sql, commandTimeout: options.Value.CommandTimeoutSeconds, cancellationToken: stall.Token);
                reader = lease.Owns(await lease.WithinAsync(lease.Connection.ExecuteReaderAsync(command), stall.Token));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw TimedOut(timeout);
            }
            // The first row is due within the bound that started before connecting.
            var hasRow = await ReadWithinAsync(lease, reader, stall, rearm: null, cancellationToken);
            while (hasRow)
            {
                // The caller's time with the row is its own: the clock runs only while the database is awaited.
                stall.CancelAfter(Timeout.InfiniteTimeSpan);
                yield return reader;
                hasRow = await ReadWithinAsync(lease, reader, stall, rearm: timeout, cancellationToken);
            }
            ok = true;
        }
        finally
        {
            if (lease is not null)
            {
                if (!ok)
                {
                    lease.Spoil();
                }
                await lease.DisposeAsync();
            }
            metrics?.DatabaseRead(ok, TimeProvider.System.GetElapsedTime(started));
        }
    }

    /// <summary>The next row; the stall clock is (re)started, by <paramref name="rearm"/>, only when the driver has to wait for the server.</summary>
    private async ValueTask<bool> ReadWithinAsync(
        BoundedConnection lease, DbDataReader reader, CancellationTokenSource stall, TimeSpan? rearm, CancellationToken cancellationToken)
    {
        var read = reader.ReadAsync(stall.Token);
        if (read.IsCompletedSuccessfully)
        {
            return read.Result;
        }
        if (rearm is { } timeout)
        {
            stall.CancelAfter(timeout);
        }
        try
        {
            return await lease.WithinAsync(read, stall.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(rearm);
        }
    }

    private TimeoutException TimedOut(TimeSpan? timeout) =>
        new($"The database did not answer within {(timeout ?? options.Value.RequestTimeout).TotalSeconds:0} s (Database:RequestTimeoutSeconds): a table the view reads may be locked, or the server overloaded.");
}
