using System.Diagnostics;
using MySqlConnector;
using ProviderApi.Data;
using ProviderApi.Data.Migrations;

namespace ProviderApi.Benchmarks;

/// <summary>
/// The reference HIS on MariaDB, for the view lines there: the large history on one throwaway
/// server and the small one on another (run.sh starts both with tests/mariadb.sh), because the
/// product's MySQL scripts name their databases his and imgcloud: one hospital to a server. Each
/// gets the shipped sql/mysql/demo/01_his_schema.sql as it is and the provider's own migrate,
/// then the rows of <see cref="HisGenerator"/> in MySQL's terms, then ANALYZE TABLE.
/// </summary>
public sealed class MariaDbDatabases(string bigServer, string smallServer, TextWriter log)
{
    /// <summary>The InnoDB buffer pool each server is given (the throwaway's default is 128 MiB): the large history's window and patients fit, as on a HIS's server.</summary>
    public const long BufferPoolBytes = 2L << 30;

    private static readonly string[] HisTables =
    [
        "DEPT_DICT", "STAFF_DICT", "PAT_MASTER_INDEX", "CLINIC_MASTER", "PAT_VISIT", "PATS_IN_HOSPITAL", "EXAM_CLASS_DICT", "CLINIC_ITEM_DICT",
        "CLINIC_VS_CHARGE", "PRICE_LIST", "EXAM_MASTER", "EXAM_ITEMS", "OUTP_RCPT_MASTER", "OUTP_BILL_ITEMS", "INP_SETTLE_MASTER", "INP_BILL_DETAIL",
    ];

    private readonly Dictionary<string, string> servers = new(StringComparer.Ordinal);

    /// <summary>Which server holds which history: <paramref name="big"/> on the first server, <paramref name="small"/> on the second.</summary>
    public void Place(HisSize big, HisSize small)
    {
        servers[big.Database] = bigServer;
        servers[small.Database] = smallServer;
    }

    /// <summary>A connection string to the server holding <paramref name="database"/> (a size's name), as root, in imgcloud (the standard views unqualified).</summary>
    public string ConnectionString(string database, string? schema = "imgcloud") =>
        new MySqlConnectionStringBuilder(servers[database])
        {
            Database = schema ?? "",
            DefaultCommandTimeout = 600,
            ConnectionTimeout = 30,
        }.ToString();

    /// <summary>The server's version, for the report.</summary>
    public static async Task<string> VersionAsync(string server, CancellationToken cancel)
    {
        await using var connection = new MySqlConnection(server);
        await connection.OpenAsync(cancel);
        await using var command = new MySqlCommand("SELECT CONCAT(VERSION(), ' (', @@version_comment, ')')", connection);
        return (string)(await command.ExecuteScalarAsync(cancel))!;
    }

    /// <summary>The hospital's clock as the views read it (UTC_TIMESTAMP() plus the default eight hours), to the second.</summary>
    public async Task<DateTime> AnchorAsync(CancellationToken cancel)
    {
        await using var connection = new MySqlConnection(bigServer);
        await connection.OpenAsync(cancel);
        await using var command = new MySqlCommand("SELECT UTC_TIMESTAMP() + INTERVAL 480 MINUTE", connection);
        return DateTime.SpecifyKind((DateTime)(await command.ExecuteScalarAsync(cancel))!, DateTimeKind.Unspecified);
    }

    /// <summary>Both histories from nothing: schema and migrate on each server, every unit on two connections in turn, the in-hospital list, ANALYZE TABLE.</summary>
    public async Task CreateAndFillAsync(HisSize big, HisSize small, DateTime anchor, CancellationToken cancel)
    {
        var watch = Stopwatch.StartNew();
        HisSize[] sizes = [big, small];
        foreach (var size in sizes)
        {
            await CreateAsync(size, cancel);
        }
        log.WriteLine($"  {watch.Elapsed.TotalSeconds,6:0}s  MariaDB: his and imgcloud created and migrated on both servers");
        var units = sizes.SelectMany(size => HisGenerator.SharedUnits(size, HisDialect.MariaDb).Concat(HisGenerator.HistoryUnits(size, HisDialect.MariaDb)));
        await HisGenerator.RunUnitsAsync(units, HisDialect.MariaDb, database => ConnectionString(database), anchor, watch, log, cancel);
        await Task.WhenAll(sizes.Select(async size =>
        {
            await using var connection = await HisGenerator.OpenAsync(HisDialect.MariaDb, ConnectionString(size.Database), cancel);
            await HisGenerator.RunAsync(connection, HisGenerator.Finishing(size, HisDialect.MariaDb), anchor, cancel);
            var tables = string.Join(", ", HisTables.Select(t => $"his.{t}").Append("imgcloud.exam_part_map").Append("imgcloud.settings").Append("imgcloud.sex_map"));
            await using var analyse = new MySqlCommand($"ANALYZE TABLE {tables}", (MySqlConnection)connection) { CommandTimeout = 0 };
            await using var reader = await analyse.ExecuteReaderAsync(cancel);
            while (await reader.ReadAsync(cancel))
            {
                // One row per table: its status.
            }
        }));
        log.WriteLine($"  {watch.Elapsed.TotalSeconds,6:0}s  MariaDB: filled and analysed");
    }

    /// <summary>
    /// Drops what a previous run left, gives the server its buffer pool, runs the shipped HIS
    /// schema statement by statement (as the provider's runner splits it) and the provider's migrate.
    /// </summary>
    private async Task CreateAsync(HisSize size, CancellationToken cancel)
    {
        var server = ConnectionString(size.Database, schema: null);
        await using (var connection = new MySqlConnection(server))
        {
            await connection.OpenAsync(cancel);
            await using var command = new MySqlCommand(
                "DROP DATABASE IF EXISTS imgcloud; DROP DATABASE IF EXISTS his; " +
                "DROP USER IF EXISTS 'imgcloud_cloud'@'%'; DROP USER IF EXISTS 'imgcloud_provider'@'%'; " +
                $"SET GLOBAL innodb_buffer_pool_size = {BufferPoolBytes}", connection);
            await command.ExecuteNonQueryAsync(cancel);
            foreach (var statement in MySqlScripts.Split(SqlScripts.Read("sql/mysql/demo/01_his_schema.sql")))
            {
                command.CommandText = statement.Text;
                await command.ExecuteNonQueryAsync(cancel);
            }
        }
        var options = new DatabaseOptions { Provider = DatabaseProvider.MySql, ConnectionString = server };
        new Migrator(options, TimeProvider.System, new StringWriter()).Migrate(withDemo: false);
    }
}
