using System.Diagnostics;
using Npgsql;
using ProviderApi.Data;
using ProviderApi.Data.Migrations;

namespace ProviderApi.Benchmarks;

/// <summary>The benchmark's databases on the throwaway server: created, migrated by the provider, filled, analysed.</summary>
public sealed class HisDatabases(string adminConnectionString, TextWriter log)
{
    /// <summary>A connection string to <paramref name="database"/> as the admin, the provider's views unqualified.</summary>
    public string ConnectionString(string database, bool pooling = true) =>
        new NpgsqlConnectionStringBuilder(adminConnectionString)
        {
            Database = database,
            SearchPath = "imgcloud",
            Pooling = pooling,
            CommandTimeout = 600,
        }.ToString();

    /// <summary>The server's clock in the hospital's zone, to the second: every generated row is relative to it.</summary>
    public async Task<DateTime> AnchorAsync(CancellationToken cancel)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres", pooling: false));
        await connection.OpenAsync(cancel);
        await using var command = new NpgsqlCommand("SELECT date_trunc('second', now() AT TIME ZONE 'Asia/Shanghai')", connection);
        return DateTime.SpecifyKind((DateTime)(await command.ExecuteScalarAsync(cancel))!, DateTimeKind.Unspecified);
    }

    /// <summary>
    /// A new database holding the reference HIS's empty tables (the shipped demo/01_his_schema.sql,
    /// run as it is) and everything the provider's migrate creates, without the demo's seed rows.
    /// </summary>
    public async Task CreateAsync(string database, CancellationToken cancel)
    {
        await using (var admin = new NpgsqlConnection(ConnectionString("postgres", pooling: false)))
        {
            await admin.OpenAsync(cancel);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync(cancel);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync(cancel);
        }
        await using (var connection = new NpgsqlConnection(ConnectionString(database, pooling: false)))
        {
            await connection.OpenAsync(cancel);
            await using var his = new NpgsqlCommand(SqlScripts.Read("sql/postgresql/demo/01_his_schema.sql"), connection);
            await his.ExecuteNonQueryAsync(cancel);
        }
        Migrate(database);
    }

    /// <summary>
    /// Empties the push's delivery state in <paramref name="database"/> (imgcloud.push_delivery;
    /// the lease and the pause in push_control), after the provider's migrate when a database
    /// left by an older build (--reuse) lacks those tables of sql/postgresql/06_push_state.sql.
    /// </summary>
    public async Task ResetPushStateAsync(string database, CancellationToken cancel)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database, pooling: false));
        await connection.OpenAsync(cancel);
        await using var command = new NpgsqlCommand("SELECT to_regclass('imgcloud.push_control') IS NOT NULL", connection);
        if (!(bool)(await command.ExecuteScalarAsync(cancel))!)
        {
            Migrate(database);
        }
        command.CommandText = """
            DELETE FROM imgcloud.push_delivery;
            UPDATE imgcloud.push_control SET holder = NULL, lease_until_ms = NULL, paused_reason = NULL, paused_at_ms = NULL;
            """;
        await command.ExecuteNonQueryAsync(cancel);
        // Not in a transaction block, so a command of its own.
        command.CommandText = "VACUUM (ANALYZE) imgcloud.push_delivery";
        await command.ExecuteNonQueryAsync(cancel);
    }

    /// <summary>Everything the provider's migrate creates, without the demo's rows.</summary>
    private void Migrate(string database)
    {
        var options = new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = ConnectionString(database, pooling: false) };
        new Migrator(options, TimeProvider.System, new StringWriter()).Migrate(withDemo: false);
    }

    /// <summary>
    /// Creates and fills the databases: the shared dictionaries and patients once into the first,
    /// copied as a template for the others of the same shape; then every history, its units
    /// largest first, taken by two connections in turn (the server has two cores); then the
    /// in-hospital list and VACUUM ANALYZE, as a HIS's tables would have been. The sizes in
    /// <paramref name="histories"/> share the first one's dictionaries and patients; those in
    /// <paramref name="others"/> are generated whole (a different dictionary). The HIS tables'
    /// keys and indexes (exactly as the shipped script made them) are dropped for the load and
    /// built again after it: building an index once is several times cheaper than maintaining
    /// it row by row.
    /// </summary>
    public async Task CreateAndFillAsync(IReadOnlyList<HisSize> histories, IReadOnlyList<HisSize> others, DateTime anchor, CancellationToken cancel)
    {
        var watch = Stopwatch.StartNew();
        if (histories.Count == 0)
        {
            // Only dictionaries (a run of selected lines): the first is generated as a history without one.
            (histories, others) = ([others[0]], others.Skip(1).ToList());
        }
        var first = histories[0];
        var indexes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var size in others.Prepend(first))
        {
            await CreateAsync(size.Database, cancel);
            indexes[size.Database] = await DropIndexesAsync(size.Database, cancel);
        }
        await RunUnitsAsync(others.Prepend(first).SelectMany(size => HisGenerator.SharedUnits(size, HisDialect.PostgreSql)), anchor, watch, cancel);
        NpgsqlConnection.ClearAllPools();
        foreach (var size in histories.Skip(1))
        {
            await AdminAsync($"DROP DATABASE IF EXISTS {size.Database} WITH (FORCE)", cancel);
            await AdminAsync($"CREATE DATABASE {size.Database} TEMPLATE {first.Database}", cancel);
            indexes[size.Database] = indexes[first.Database];
        }
        await RunUnitsAsync(histories.SelectMany(size => HisGenerator.HistoryUnits(size, HisDialect.PostgreSql)), anchor, watch, cancel);

        var builds = histories.Concat(others)
            .SelectMany(size => indexes[size.Database].Select(sql => new HisGenerator.Unit(size, "index", sql, 1, 1)));
        await RunUnitsAsync(builds, anchor, watch, cancel);
        log.WriteLine($"  {watch.Elapsed.TotalSeconds,6:0}s  keys and indexes built again");

        await Task.WhenAll(histories.Concat(others).Select(async size =>
        {
            await using var connection = await HisGenerator.OpenAsync(HisDialect.PostgreSql, ConnectionString(size.Database, pooling: false), cancel);
            await HisGenerator.RunAsync(connection, HisGenerator.Finishing(size, HisDialect.PostgreSql), anchor, cancel);
            await using var vacuum = new NpgsqlCommand("VACUUM (ANALYZE)", (NpgsqlConnection)connection) { CommandTimeout = 0 };
            await vacuum.ExecuteNonQueryAsync(cancel);
        }));
        log.WriteLine($"  {watch.Elapsed.TotalSeconds,6:0}s  filled, vacuumed and analysed");
    }

    /// <summary>Drops the keys and indexes of the HIS tables; returns the statements that create them again, as they were.</summary>
    private async Task<IReadOnlyList<string>> DropIndexesAsync(string database, CancellationToken cancel)
    {
        const string definitions = """
            SELECT format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)),
                   format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname)
            FROM pg_constraint c
            WHERE c.connamespace = 'his'::regnamespace AND c.contype IN ('p', 'u')
            UNION ALL
            SELECT pg_get_indexdef(i.indexrelid), format('DROP INDEX %s', i.indexrelid::regclass)
            FROM pg_index i
            JOIN pg_class t ON t.oid = i.indrelid
            WHERE t.relnamespace = 'his'::regnamespace
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            """;
        await using var connection = new NpgsqlConnection(ConnectionString(database, pooling: false));
        await connection.OpenAsync(cancel);
        var create = new List<string>();
        var drop = new List<string>();
        await using (var command = new NpgsqlCommand(definitions, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancel))
        {
            while (await reader.ReadAsync(cancel))
            {
                create.Add(reader.GetString(0));
                drop.Add(reader.GetString(1));
            }
        }
        await using (var command = new NpgsqlCommand(string.Join(";\n", drop), connection))
        {
            await command.ExecuteNonQueryAsync(cancel);
        }
        return create;
    }

    private async Task AdminAsync(string sql, CancellationToken cancel)
    {
        await using var admin = new NpgsqlConnection(ConnectionString("postgres", pooling: false));
        await admin.OpenAsync(cancel);
        await using var command = new NpgsqlCommand(sql, admin) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancel);
    }

    private Task RunUnitsAsync(IEnumerable<HisGenerator.Unit> units, DateTime anchor, Stopwatch watch, CancellationToken cancel) =>
        HisGenerator.RunUnitsAsync(units, HisDialect.PostgreSql, database => ConnectionString(database, pooling: false), anchor, watch, log, cancel);
}
