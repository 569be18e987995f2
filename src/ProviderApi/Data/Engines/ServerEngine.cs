using System.Data.Common;
using Dapper;
using DbUp.Builder;
using ProviderApi.Data.Migrations;

namespace ProviderApi.Data;

/// <summary>
/// What the server engines share: sql/&lt;folder&gt;/ 01–09 (schema, views dropped and made again,
/// accounts, push state, the UTC offset's upgrade, the institutions' upgrade, the crosswalk rules' tables), one-time scripts journaled in imgcloud.schema_versions.
/// </summary>
public abstract class ServerEngine : DatabaseEngine
{
    public override bool IsServer => true;

    public override IReadOnlyList<SqlScript> Plan(bool withDemo, IReadOnlyList<SqlScript>? hospitalSourceViews) =>
    [
        Shipped("01_imgcloud_schema.sql", runAlways: false),
        .. withDemo ? [Shipped("demo/01_his_schema.sql", runAlways: false)] : Array.Empty<SqlScript>(),
        // One-time scripts come before the ones that run every time, whatever their number (05 grants on 06's tables).
        Shipped("06_push_state.sql", runAlways: false),
        Shipped("07_utc_offset.sql", runAlways: false),
        Shipped("08_institutions.sql", runAlways: false),
        Shipped("09_exam_part_rules.sql", runAlways: false),
        Shipped("02_drop_views.sql", runAlways: true),
        .. hospitalSourceViews ?? [Shipped("03_source_views.sql", runAlways: true)],
        Shipped("04_standard_views.sql", runAlways: true),
        Shipped("05_accounts.sql", runAlways: true),
    ];

    /// <summary>A connection as the migration account (Database:MigrationConnectionString), for writes the provider's own login may not make.</summary>
    protected DbConnection OpenAsMigrator(DatabaseOptions options) =>
        Open(options, WithTimeouts(options, options.MigrationConnectionStringOrDefault()));

    /// <summary>
    /// Runs the scripts through DbUp in one transaction (engines with a DbUp provider): the journal's
    /// schema is made first with <paramref name="ensureSchema"/>, since DbUp creates its journal
    /// before the first script runs (01_imgcloud_schema.sql creates it too, for a DBA running by hand).
    /// </summary>
    protected void MigrateWithDbUp(
        DatabaseOptions options, string connectionString, IReadOnlyList<SqlScript> scripts, TextWriter log,
        string ensureSchema, Func<string, UpgradeEngineBuilder> deployTo)
    {
        try
        {
            using var connection = Open(options, connectionString);
            using var command = connection.CreateCommand();
            command.CommandText = ensureSchema;
            command.ExecuteNonQuery();
        }
        catch (DbException ex) when (!IsSettingProblem(ex))
        {
            // The journal's schema, made before DbUp starts: a refusal here is the first script's (01), said as such.
            throw new MigrationException($"Creating the imgcloud schema failed: {ex.Message}", ex, $"{ScriptFolder}/01_imgcloud_schema.sql");
        }
        DbUpRunner.Run(deployTo(connectionString), scripts, log);
    }

    /// <summary>
    /// <see cref="DatabaseEngine.ReadAsLeftBy"/> for the engines migrating through DbUp in one
    /// transaction: each script cut into commands as DbUp cuts it (<paramref name="split"/>), run
    /// in a transaction that is rolled back once <paramref name="read"/> has read.
    /// </summary>
    protected T ReadInRolledBackRun<T>(
        DatabaseOptions options, string connectionString, IReadOnlyList<SqlScript> scripts,
        Func<string, IEnumerable<string>> split, Func<DbConnection, DbTransaction?, T> read)
    {
        using var connection = Open(options, connectionString);
        using var transaction = connection.BeginTransaction();
        try
        {
            foreach (var command in scripts.SelectMany(s => split(s.Text)))
            {
                connection.Execute(command, transaction: transaction);
            }
            return read(connection, transaction);
        }
        finally
        {
            transaction.Rollback();
        }
    }
}
