using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using ProviderApi.Common;
using ProviderApi.Data;

namespace ProviderApi.Discovery;

/// <summary>What discover read: the catalog's tables (each with its sample's profiles where read), the counts and whether the time ran out.</summary>
public sealed record HisRead(IReadOnlyList<CatalogTable> Tables, int TablesRead, long RowsRead, double Seconds, bool StoppedEarly)
{
    /// <summary>The joins found by matching values (samples, and probes of keys whose tables were not read whole).</summary>
    public IReadOnlyList<FoundJoin> Joins { get; init; } = [];

    /// <summary>Keys probed to confirm a join (one SELECT DISTINCT ... IN of at most 50 values each).</summary>
    public int Probes { get; init; }

    /// <summary>Rows the probes returned (not in <see cref="RowsRead"/>, which counts the samples: at most tables × MaxRowsPerTable).</summary>
    public long ProbeRows { get; init; }
}

/// <summary>The HIS's catalog or samples could not be read at all (exit 1), or a setting or schema named is wrong (exit 2).</summary>
public sealed class DiscoverException(string message, int exitCode, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>
/// Reads the HIS for discover, read-only and bounded: the catalog through the engine's own
/// catalog query, then per table at most Discover:MaxRowsPerTable rows the engine's cheap way,
/// until Discover:MaxTables tables are read or Discover:MaxSeconds have passed. Every statement
/// is a SELECT in the engine's read-only session (<see cref="DatabaseEngine.ReadOnlyMeans"/>);
/// a table that cannot be read is noted (its message masked) and passed over.
/// </summary>
public sealed class HisReader(DatabaseEngine engine, DatabaseOptions database, DiscoverOptions options, TimeProvider clock, TextWriter progress)
{
    /// <summary>Seconds between progress lines on standard error.</summary>
    public static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);

    /// <summary>Columns of one table read at most (the rest ranked by name).</summary>
    private const int MaxColumns = 300;

    public HisRead Read(IServiceProvider services, IReadOnlyList<string> schemas)
    {
        var watch = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(options.MaxSeconds);
        DbConnection connection;
        try
        {
            connection = engine.OpenForDiscovery(database, services);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or ArgumentException or TimeoutException or IOException)
        {
            throw new DiscoverException($"cannot connect to the HIS (Database:ConnectionString): {Masking.Redact(ex.Message)}", 1, ex);
        }
        using (connection)
        {
            using var transaction = engine.BeginReadOnly(connection);
            List<CatalogTable> tables;
            try
            {
                tables = Catalog(connection, transaction, schemas, Remaining(watch, deadline));
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException or OperationCanceledException)
            {
                throw new DiscoverException($"cannot read the catalog: {Masking.Redact(ex.Message)}", 1, ex);
            }

            var stoppedEarly = false;
            long rowsRead = 0;
            var tablesRead = 0;
            var lastProgress = TimeSpan.Zero;
            var now = clock.GetLocalNow().DateTime;
            var order = tables.OrderByDescending(RelevanceOfName).Take(options.MaxTables).ToList();
            stoppedEarly |= order.Count < tables.Count;
            foreach (var table in order)
            {
                if (watch.Elapsed >= deadline)
                {
                    stoppedEarly = true;
                    break;
                }
                if (watch.Elapsed - lastProgress >= ProgressEvery)
                {
                    lastProgress = watch.Elapsed;
                    Progress(tablesRead, order.Count, rowsRead, watch.Elapsed);
                }
                var outcome = Sample(connection, transaction, table, Remaining(watch, deadline), now);
                if (outcome == SampleOutcome.OutOfTime)
                {
                    stoppedEarly = true;
                    break;
                }
                if (outcome == SampleOutcome.Read)
                {
                    tablesRead++;
                    rowsRead += table.RowsRead;
                }
            }
            var probes = 0;
            long probeRows = 0;
            var joins = JoinFinder.Find(tables, options.MaxRowsPerTable, candidate =>
            {
                if (watch.Elapsed >= deadline)
                {
                    stoppedEarly = true;
                    return null;
                }
                if (Probe(connection, transaction, candidate, Remaining(watch, deadline)) is not { } answer)
                {
                    return null;
                }
                probes++;
                probeRows += answer.Found;
                return answer;
            });
            if (watch.Elapsed >= ProgressEvery)
            {
                Progress(tablesRead, order.Count, rowsRead, watch.Elapsed);
            }
            transaction?.Rollback();
            return new HisRead(tables, tablesRead, rowsRead, watch.Elapsed.TotalSeconds, stoppedEarly) { Joins = joins, Probes = probes, ProbeRows = probeRows };
        }
    }

    private void Progress(int read, int total, long rows, TimeSpan elapsed) =>
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"discover: {read}/{total} tables, {rows:N0} rows read, {elapsed.TotalSeconds:0} s"));

    private static TimeSpan Remaining(Stopwatch watch, TimeSpan deadline) => deadline - watch.Elapsed;

    /// <summary>Tables whose names look like a source view's are read first, should the bounds stop the run.</summary>
    private static double RelevanceOfName(CatalogTable table) => FieldSpecs.ViewTables.Values.Max(hints => NameHints.Match(table.Name, hints));

    private List<CatalogTable> Catalog(DbConnection connection, DbTransaction? transaction, IReadOnlyList<string> schemas, TimeSpan remaining)
    {
        using var command = Command(connection, transaction, engine.DiscoveryCatalog, remaining);
        using var reader = command.ExecuteReader();
        var rows = new List<(string Schema, string Table, CatalogColumn Column, long Rows)>();
        while (reader.Read())
        {
            rows.Add((
                Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!,
                Convert.ToString(reader.GetValue(1), CultureInfo.InvariantCulture)!,
                new CatalogColumn(
                    Convert.ToString(reader.GetValue(2), CultureInfo.InvariantCulture)!,
                    Convert.ToString(reader.GetValue(3), CultureInfo.InvariantCulture) ?? "",
                    Convert.ToInt32(reader.GetValue(4), CultureInfo.InvariantCulture),
                    Convert.ToInt64(reader.GetValue(6), CultureInfo.InvariantCulture) == 1),
                reader.IsDBNull(5) ? -1 : Convert.ToInt64(reader.GetValue(5), CultureInfo.InvariantCulture)));
        }
        var known = rows.Select(r => r.Schema).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var missing = schemas.Where(s => !known.Contains(s, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            throw new DiscoverException(
                $"no table this account may read in schema {string.Join(", ", missing)} (Discover:Schemas or --schema); schemas with tables: {string.Join(", ", known.Where(s => !IsOwn(s)))}", 2);
        }
        return rows
            .Where(r => schemas.Count > 0 ? schemas.Contains(r.Schema, StringComparer.OrdinalIgnoreCase) : !IsOwn(r.Schema))
            .GroupBy(r => (r.Schema, r.Table))
            .Select(g => new CatalogTable(g.Key.Schema, g.Key.Table, g.First().Rows, g.Select(r => r.Column).OrderBy(c => c.Position).ToList()))
            .ToList();
    }

    /// <summary>The provider's own schema (imgcloud: the source and standard views, the push's tables) is never a HIS's.</summary>
    private static bool IsOwn(string schema) => string.Equals(schema, "imgcloud", StringComparison.OrdinalIgnoreCase);

    private enum SampleOutcome
    {
        Read,
        Failed,
        OutOfTime,
    }

    private SampleOutcome Sample(DbConnection connection, DbTransaction? transaction, CatalogTable table, TimeSpan remaining, DateTime now)
    {
        var columns = table.Columns.Where(c => c.Family != TypeFamily.Unread).Take(MaxColumns).ToList();
        if (columns.Count == 0)
        {
            return SampleOutcome.Failed;
        }
        var sql = engine.DiscoverySample(table.Schema, table.Name, columns.Select(c => c.Name).ToList(), options.MaxRowsPerTable, table.ApproximateRows);
        // A failed statement aborts a PostgreSQL transaction: each sample has a savepoint of its own.
        var savepoint = transaction is { SupportsSavepoints: true };
        if (savepoint)
        {
            transaction!.Save("discover");
        }
        using var cancel = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1));
        try
        {
            var rows = new List<object?[]>();
            using (var command = Command(connection, transaction, sql, remaining))
            using (cancel.Token.Register(command.Cancel))
            using (var reader = command.ExecuteReader())
            {
                while (rows.Count < options.MaxRowsPerTable && reader.Read())
                {
                    var row = new object?[columns.Count];
                    for (var i = 0; i < columns.Count; i++)
                    {
                        row[i] = Cell(reader, i);
                    }
                    rows.Add(row);
                }
            }
            table.Read = true;
            table.RowsRead = rows.Count;
            var profiles = ColumnProfile.Of(columns, rows, now);
            // Columns not read (large or binary) are ranked by their names alone.
            table.Profiles = table.Columns.Select(c => profiles.FirstOrDefault(p => p.Column == c) ?? new ColumnProfile { Column = c }).ToList();
            if (savepoint)
            {
                transaction!.Release("discover");
            }
            return SampleOutcome.Read;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or OperationCanceledException)
        {
            if (savepoint)
            {
                TryRollback(transaction!);
            }
            if (cancel.IsCancellationRequested || BoundedOpen.IsTimeout(ex))
            {
                return SampleOutcome.OutOfTime;
            }
            table.Problem = Masking.Redact(ex.Message.Split('\n', 2)[0]);
            return SampleOutcome.Failed;
        }
    }

    /// <summary>Tables of at most this many rows (by the catalog) may be probed on a column that is not the whole primary key.</summary>
    private const long SmallTable = 200_000;

    /// <summary>
    /// How many of a column's kept values the key holds: one SELECT DISTINCT ... IN (...) on the key,
    /// only where an index serves it (a one-column primary key) or the table is small; null where
    /// not asked or not answered in time.
    /// </summary>
    private (int Found, int Probed)? Probe(DbConnection connection, DbTransaction? transaction, JoinCandidate candidate, TimeSpan remaining)
    {
        var keyColumns = candidate.ToTable.Columns.Count(c => c.PrimaryKey);
        var indexed = candidate.To.Column.PrimaryKey && keyColumns == 1;
        var small = candidate.ToTable.ApproximateRows is >= 0 and <= SmallTable;
        if (!indexed && !small)
        {
            return null;
        }
        var values = candidate.From.ProbeSample.Select(v => Typed(v, candidate.To.Column.Family)).OfType<object>().ToList();
        if (values.Count == 0)
        {
            return null;
        }
        var parameters = new Dapper.DynamicParameters();
        for (var i = 0; i < values.Count; i++)
        {
            parameters.Add($"p{i}", values[i]);
        }
        var key = engine.Identifier(candidate.To.Column.Name);
        var sql = engine.Parameters($"SELECT DISTINCT {key} FROM {engine.QualifiedName(candidate.ToTable.Schema, candidate.ToTable.Name)} WHERE {key} IN ({string.Join(", ", values.Select((_, i) => $"@p{i}"))})");
        var savepoint = transaction is { SupportsSavepoints: true };
        if (savepoint)
        {
            transaction!.Save("discover");
        }
        try
        {
            var seconds = (int)Math.Clamp(Math.Ceiling(remaining.TotalSeconds), 1, Math.Max(database.CommandTimeoutSeconds, 60));
            var found = Dapper.SqlMapper.Query(connection, sql, parameters, transaction, buffered: true, commandTimeout: seconds).Count();
            if (savepoint)
            {
                transaction!.Release("discover");
            }
            return (Math.Min(found, values.Count), values.Count);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or OperationCanceledException)
        {
            if (savepoint)
            {
                TryRollback(transaction!);
            }
            return null;
        }
    }

    /// <summary>A kept value as the key's type wants it; null when it cannot be one (then it is not asked).</summary>
    private static object? Typed(string value, TypeFamily family) => family switch
    {
        TypeFamily.Whole => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) ? whole : null,
        TypeFamily.Number => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number : null,
        TypeFamily.Text => value,
        _ => null,
    };

    private static void TryRollback(DbTransaction transaction)
    {
        try
        {
            transaction.Rollback("discover");
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            // The connection is gone or the savepoint with it: the next statement says so.
        }
    }

    private static object? Cell(DbDataReader reader, int ordinal)
    {
        try
        {
            return reader.IsDBNull(ordinal) ? null : reader.GetValue(ordinal);
        }
        catch (Exception ex) when (ex is InvalidCastException or OverflowException or FormatException or NotSupportedException or ArgumentException)
        {
            // A value the driver cannot turn into a .NET value (an out-of-range date, a huge numeric): not evidence.
            return null;
        }
    }

    private DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, TimeSpan remaining)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = (int)Math.Clamp(Math.Ceiling(remaining.TotalSeconds), 1, Math.Max(database.CommandTimeoutSeconds, 60));
        return command;
    }
}
