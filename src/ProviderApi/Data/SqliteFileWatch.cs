using System.Data.Common;
using Microsoft.Data.Sqlite;
using ProviderApi.Common;

namespace ProviderApi.Data;

/// <summary>
/// The SQLite file the provider reads (the Demo and Sqlite providers), watched for being replaced
/// under the running provider: a restore that copies or renames a file over it. A pooled SQLite
/// connection keeps the file it opened, so after a rename it would go on serving the old, deleted
/// file. Before a connection is handed out, and before a dictionary is taken from the cache, the
/// file is looked at (one stat: size, last write, creation time, which tells a renamed-over file
/// from the old one); when it is not the file seen last, the pool is cleared, so the next
/// connection opens what is at the path now, and <see cref="Generation"/> moves on. An ordinary
/// write to the file (the demo's re-anchoring, a small site's own application) counts as a change
/// too: clearing a SQLite pool costs a reopen, never a wrong answer. Idle for server databases.
/// </summary>
public sealed class SqliteFileWatch
{
    private readonly Lock gate = new();
    private readonly string? path;
    private readonly string? connectionString;
    private readonly ILogger<SqliteFileWatch>? logger;
    private FileIdentity? seen;
    private long generation;

    /// <param name="connectionString">The SQLite connection string the provider reads with; null for a server database.</param>
    /// <param name="logger">Where a change is reported.</param>
    public SqliteFileWatch(string? connectionString, ILogger<SqliteFileWatch>? logger = null)
    {
        this.logger = logger;
        if (connectionString is null)
        {
            return;
        }
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        // In-memory databases and URI file names have no plain path to watch.
        if (string.IsNullOrEmpty(file) || file == ":memory:" || file.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        path = System.IO.Path.GetFullPath(file);
        this.connectionString = connectionString;
    }

    /// <summary>How many changes were seen: a cache of what was read from the file is stale once this moves on.</summary>
    public long Generation => Interlocked.Read(ref generation);

    /// <summary>The watched file; null when nothing is watched.</summary>
    public string? Path => path;

    /// <summary>Looks at the file; when it changed since last seen, clears the pool, moves <see cref="Generation"/> on, logs and returns true.</summary>
    public bool CheckChanged()
    {
        if (path is null)
        {
            return false;
        }
        var now = FileIdentity.Of(path);
        lock (gate)
        {
            var before = seen;
            seen = now;
            if (before is null || before == now)
            {
                return false;
            }
            // Inside the lock: no one who sees the new file is handed a connection to the old one.
            using var connection = new SqliteConnection(connectionString);
            SqliteConnection.ClearPool(connection);
            Interlocked.Increment(ref generation);
        }
        if (logger is not null)
        {
            Log.DatabaseFileChanged(logger, path);
        }
        return true;
    }

    /// <summary>What tells one file at a path from another (or from the same one rewritten).</summary>
    private readonly record struct FileIdentity(bool Exists, long Length, DateTime Written, DateTime Created)
    {
        public static FileIdentity Of(string path)
        {
            var info = new FileInfo(path);
            return info.Exists
                ? new FileIdentity(true, info.Length, info.LastWriteTimeUtc, info.CreationTimeUtc)
                : default;
        }
    }
}

/// <summary>A SQLite data source that checks its file (<see cref="SqliteFileWatch"/>) before each connection it hands out.</summary>
internal sealed class WatchedSqliteDataSource(string connectionString, SqliteFileWatch watch) : DbDataSource
{
    public override string ConnectionString => connectionString;

    protected override DbConnection CreateDbConnection()
    {
        watch.CheckChanged();
        return new SqliteConnection(connectionString);
    }
}
