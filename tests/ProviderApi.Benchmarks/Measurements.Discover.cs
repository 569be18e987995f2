using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace ProviderApi.Benchmarks;

public sealed partial class Measurements
{
    /// <summary>discover's default bounds (Discover:MaxRowsPerTable, Discover:MaxSeconds), passed explicitly so the line says what it held.</summary>
    private const int DiscoverMaxRowsPerTable = 1000;

    private const int DiscoverMaxSeconds = 300;

    /// <summary>
    /// discover (issue 18) against the large reference HIS, as a DBA runs it on a production
    /// database: the real executable in a process of its own, the default bounds, the admin's
    /// connection (every schema but imgcloud read); its time and rows read against the bounds
    /// (rows read ≤ tables read × MaxRowsPerTable, seconds ≤ MaxSeconds), the catalog's row count
    /// beside them to show how little of the HIS it touched.
    /// </summary>
    public async Task DiscoverAsync(HisSize big, CancellationToken cancel)
    {
        log.WriteLine("- discover on the large HIS");
        var what = $"discover on the large HIS ({big.Registrations:N0} registrations, {big.Settlements:N0} settlements, {big.Patients:N0} patients), "
            + $"default bounds (Discover:MaxRowsPerTable {DiscoverMaxRowsPerTable:N0}, Discover:MaxSeconds {DiscoverMaxSeconds}): time and rows read";
        var catalogRows = await CatalogRowsAsync(big.Database, cancel);
        var folder = Directory.CreateTempSubdirectory("imgcloud-bench-discover-").FullName;
        try
        {
            var reportPath = Path.Combine(folder, "discover.json");
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[]
            {
                Path.Combine(AppContext.BaseDirectory, "ProviderApi.dll"), "discover", "--report", reportPath, "--file", Path.Combine(folder, "draft.sql"),
                "--Database:Provider=PostgreSql", $"--Database:ConnectionString={databases.ConnectionString(big.Database, pooling: false)}",
                $"--Discover:MaxRowsPerTable={DiscoverMaxRowsPerTable}", $"--Discover:MaxSeconds={DiscoverMaxSeconds}",
            })
            {
                start.ArgumentList.Add(argument);
            }
            start.Environment["Logging__File__Path"] = logFolder;
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet ProviderApi.dll discover did not start.");
            var output = process.StandardOutput.ReadToEndAsync(cancel);
            var error = process.StandardError.ReadToEndAsync(cancel);
            await process.WaitForExitAsync(cancel);
            watch.Stop();
            await File.WriteAllTextAsync(Path.Combine(logFolder, "discover.log"), await output + await error, cancel);
            if (process.ExitCode != 0 || !File.Exists(reportPath))
            {
                report.Add(ResultLine.NotMeasured(what, $"rows ≤ tables × {DiscoverMaxRowsPerTable:N0}; ≤ {DiscoverMaxSeconds} s",
                    $"discover exited with {process.ExitCode}: {(await error).Trim().Split('\n')[^1]}"));
                return;
            }
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(reportPath, cancel));
            var root = json.RootElement;
            var tables = root.GetProperty("tablesRead").GetInt32();
            var rows = root.GetProperty("rowsRead").GetInt64();
            var seconds = root.GetProperty("seconds").GetDouble();
            var stoppedEarly = root.GetProperty("stoppedEarly").GetBoolean();
            var rowBound = (long)tables * DiscoverMaxRowsPerTable;
            var probes = root.TryGetProperty("keyProbes", out var keyProbes) && root.TryGetProperty("keyProbeRows", out var keyProbeRows)
                ? $"; besides the samples, {keyProbes.GetInt32():N0} key probes returned {keyProbeRows.GetInt64():N0} rows"
                : "";
            var held = rows <= rowBound && seconds <= DiscoverMaxSeconds;
            report.Add(new ResultLine(what,
                $"{seconds.ToString("0.0", CultureInfo.InvariantCulture)} s",
                $"{rows:N0} rows read",
                $"{((double)rows / Math.Max(1, rowBound)).ToString("0.00", CultureInfo.InvariantCulture)} of the row bound",
                $"rows ≤ tables × {DiscoverMaxRowsPerTable:N0}; ≤ {DiscoverMaxSeconds} s",
                held,
                $"{tables} tables read (row bound {rowBound:N0}), of {catalogRows:N0} rows in the HIS by the catalog's estimate ({(double)rows / Math.Max(1, catalogRows):P3} of them); "
                + $"stopped early: {(stoppedEarly ? "yes" : "no")}{probes}; {root.GetProperty("fields").GetArrayLength()} fields ranked, {root.GetProperty("joins").GetArrayLength()} joins found; "
                + $"the whole process (start-up, catalog, samples, report and draft written) {watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The rows of the HIS's tables (every schema but imgcloud) by the catalog's estimate after ANALYZE.</summary>
    private async Task<long> CatalogRowsAsync(string database, CancellationToken cancel)
    {
        await using var connection = new NpgsqlConnection(databases.ConnectionString(database, pooling: false));
        await connection.OpenAsync(cancel);
        await using var command = new NpgsqlCommand("""
            SELECT COALESCE(SUM(GREATEST(c.reltuples, 0)), 0)::bigint
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('imgcloud', 'pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
            """, connection);
        return (long)(await command.ExecuteScalarAsync(cancel))!;
    }
}
