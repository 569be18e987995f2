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
            var parse = reader.GetRowParser<T>();
            while (await reader.ReadAsync(cancellationToken))
            {
                yield return parse(reader);
            }
            ok = true;
        }
        finally
        {
            metrics?.DatabaseRead(ok, TimeProvider.System.GetElapsedTime(started));
        }
    }
}
