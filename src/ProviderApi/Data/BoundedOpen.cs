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
}
