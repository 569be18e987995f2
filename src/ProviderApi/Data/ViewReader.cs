using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Extensions.Options;
using ProviderApi.Operations;

namespace ProviderApi.Data;

/// <summary>
/// Streams rows of a standard view through Dapper: one pooled connection per read, the
/// configured command timeout, cancellation from the caller, never the whole result in memory.
/// Each read is counted and timed (imgcloud.db.reads, imgcloud.db.read.duration).
/// </summary>
public sealed class ViewReader(DbDataSource dataSource, IOptions<DatabaseOptions> options, ProviderMetrics? metrics = null)
{
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
        var ok = false;
        try
        {
            await using var connection = await dataSource.OpenWithinAsync(cancellationToken);
            var command = new CommandDefinition(
                sql,
                commandTimeout: options.Value.CommandTimeoutSeconds,
                cancellationToken: cancellationToken);
            await using var reader = await connection.ExecuteReaderAsync(command);
            while (await reader.ReadAsync(cancellationToken))
            {
                yield return reader;
            }
            ok = true;
        }
        finally
        {
            metrics?.DatabaseRead(ok, TimeProvider.System.GetElapsedTime(started));
        }
    }
}
