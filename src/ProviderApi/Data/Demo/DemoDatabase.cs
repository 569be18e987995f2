using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ProviderApi.Common;

namespace ProviderApi.Data.Demo;

/// <summary>Raised when the demo database cannot be made or used; the message names the setting to change.</summary>
public sealed class DemoDatabaseException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The embedded demo hospital: a SQLite file holding the reference HIS, the imgcloud tables
/// and the four standard views. Created and seeded on first start; an existing file is used
/// only if this product made it (a marker table says so), and its dates are moved forward
/// when it has aged, so the recency windows never run empty.
/// </summary>
public sealed class DemoDatabase(IOptions<DatabaseOptions> options, TimeProvider clock, ILogger<DemoDatabase> logger)
{
    /// <summary>Bump when the demo HIS tables or the seed change shape: an older demo file is then made anew.</summary>
    /// <remarks>2: no visit or stay before its patient's birth (version 1 had a few, whose age the views left empty).
    /// 3: imgcloud_settings.utc_offset_minutes, the views' "now" (UTC plus the offset, not the local clock).
    /// 4: a second institution (ORG_DICT, ORG_CODE; a community centre with overlapping codes), the crosswalk keyed
    /// by (exam_code, hospital_id) and imgcloud_institution.
    /// 5: the crosswalk's rules (imgcloud_exam_part_rule, imgcloud_exam_part_code): most items mapped by rules.</remarks>
    internal const int SchemaVersion = 5;

    private const string Marker = "imgcloud-provider demo hospital";

    /// <summary>Re-anchor once the data is this old, keeping every edge case within an hour of its place.</summary>
    internal static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);

    private const string MetaSql = """
        CREATE TABLE demo_hospital (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """;

    /// <summary>Date-time columns moved together when the data is re-anchored (birth dates are not: ID numbers hold them).</summary>
    private static readonly (string Table, string Column)[] DateColumns =
    [
        ("PAT_MASTER_INDEX", "CREATE_DATE"),
        ("CLINIC_MASTER", "VISIT_DATE"), ("CLINIC_MASTER", "REGISTERING_DATE"), ("CLINIC_MASTER", "RETURNED_DATE"),
        ("PAT_VISIT", "REGISTER_DATE_TIME"), ("PAT_VISIT", "ADMISSION_DATE_TIME"), ("PAT_VISIT", "DISCHARGE_DATE_TIME"), ("PAT_VISIT", "CANCEL_DATE_TIME"),
        ("PATS_IN_HOSPITAL", "ADMISSION_DATE_TIME"),
        ("EXAM_MASTER", "REQ_DATE_TIME"),
        ("OUTP_RCPT_MASTER", "VISIT_DATE_TIME"),
        ("INP_SETTLE_MASTER", "SETTLING_DATE"),
        ("INP_BILL_DETAIL", "BILLING_DATE_TIME"),
    ];

    public string Path => options.Value.DemoPath
        ?? throw new InvalidOperationException("Database:DemoPath was not resolved.");

    /// <summary>The connection string the provider reads the demo with: read-only, so serving can never change it.</summary>
    public string ReadOnlyConnectionString => new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadOnly }.ToString();

    private string ReadWriteConnectionString => new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();

    private DateTime LocalNow => DemoSeeder.HospitalNow(clock);

    /// <summary>Creates the file if absent, or checks, upgrades and re-anchors the one this product made.</summary>
    public void EnsureReady()
    {
        if (!File.Exists(Path))
        {
            Create();
            return;
        }

        CheckAccess();
        var (marker, version) = ReadMeta();
        if (marker != Marker)
        {
            throw new DemoDatabaseException(
                $"Database:DemoPath '{Path}' is a file this provider did not create; it is left untouched. " +
                "Point Database:DemoPath at a new file name, or set Database:Provider to Sqlite to read that file.");
        }
        if (version != SchemaVersion)
        {
            Log.DemoRebuilt(logger, Path, version, SchemaVersion);
            File.Delete(Path);
            Create();
            return;
        }

        using (var connection = new SqliteConnection(ReadWriteConnectionString))
        {
            connection.Open();
            using var transaction = connection.BeginTransaction();
            ApplyScripts(connection, transaction, includeHis: false);
            transaction.Commit();
        }
        RefreshAnchor();
        Log.DemoOpened(logger, Path);
    }

    /// <summary>Moves the demo's dates forward if it has aged past <see cref="MaxAge"/>; called at start and then periodically.</summary>
    public void RefreshAnchor()
    {
        using var connection = new SqliteConnection(ReadWriteConnectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        var anchor = DateTime.ParseExact(
            connection.ExecuteScalar<string>("SELECT value FROM demo_hospital WHERE key = 'anchor'", transaction: transaction)!,
            "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var age = LocalNow - anchor;
        if (age >= MaxAge)
        {
            Reanchor(connection, transaction, age);
        }
        transaction.Commit();
    }

    /// <summary>Moves every date of the demo forward by <paramref name="age"/>, as if it had been made now.</summary>
    private void Reanchor(SqliteConnection connection, SqliteTransaction transaction, TimeSpan age)
    {
        var seconds = (long)age.TotalSeconds;
        var modifier = string.Create(CultureInfo.InvariantCulture, $"+{seconds} seconds");
        foreach (var (table, column) in DateColumns)
        {
            // Identifiers come from the list above, never from input.
            connection.Execute($"UPDATE {table} SET {column} = datetime({column}, @modifier) WHERE {column} IS NOT NULL", new { modifier }, transaction);
        }
        connection.Execute("UPDATE demo_hospital SET value = @anchor WHERE key = 'anchor'", new { anchor = DemoSeeder.Timestamp(LocalNow) }, transaction);
        Log.DemoReanchored(logger, age);
    }

    /// <summary>
    /// An existing file the provider's account may not read or write is reported as that, naming
    /// the account, before its content is judged: unreadable is not "a file this provider did not create".
    /// </summary>
    private void CheckAccess()
    {
        foreach (var (access, verb) in new[] { (FileAccess.Read, "read"), (FileAccess.ReadWrite, "written") })
        {
            try
            {
                using var file = new FileStream(Path, FileMode.Open, access, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                throw new DemoDatabaseException(
                    $"Database:DemoPath '{Path}' cannot be {verb} by the account running the provider ({Environment.UserName}): {ex.Message} " +
                    "Give that account read and write rights on the file and its folder, or point Database:DemoPath at a new file name.", ex);
            }
        }
    }

    private (string? Marker, int Version) ReadMeta()
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            var meta = connection.Query<(string Key, string Value)>("SELECT key, value FROM demo_hospital").ToDictionary(r => r.Key, r => r.Value);
            return (meta.GetValueOrDefault("created_by"),
                int.TryParse(meta.GetValueOrDefault("schema_version"), CultureInfo.InvariantCulture, out var version) ? version : 0);
        }
        catch (SqliteException)
        {
            // Not SQLite, or SQLite without our marker table: not ours either way.
            return (null, 0);
        }
    }

    private void Create()
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DemoDatabaseException($"Database:DemoPath '{Path}': cannot create the folder {directory}: {ex.Message}", ex);
        }

        // Built beside the target and moved into place, so a crash never leaves a half-seeded demo.
        var building = $"{Path}.{Guid.NewGuid():N}.tmp";
        try
        {
            var anchor = LocalNow;
            using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = building, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString()))
            {
                connection.Open();
                using var transaction = connection.BeginTransaction();
                connection.Execute(MetaSql, transaction: transaction);
                connection.Execute(
                    "INSERT INTO demo_hospital (key, value) VALUES ('created_by', @Marker), ('schema_version', @SchemaVersion), ('anchor', @Anchor), ('seed', @Seed)",
                    new { Marker, SchemaVersion = SchemaVersion.ToString(CultureInfo.InvariantCulture), Anchor = DemoSeeder.Timestamp(anchor), Seed = DemoSeeder.DefaultSeed.ToString(CultureInfo.InvariantCulture) },
                    transaction);
                ApplyScripts(connection, transaction, includeHis: true);
                new DemoSeeder(anchor, DatabaseEngine.For(DatabaseProvider.Demo)).Seed(connection, transaction);
                transaction.Commit();
            }
            File.Move(building, Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException)
        {
            throw new DemoDatabaseException($"Database:DemoPath '{Path}': cannot create the demo database: {ex.Message}", ex);
        }
        finally
        {
            File.Delete(building);
        }
        Log.DemoCreated(logger, Path);
    }

    /// <summary>Runs the shipped SQLite scripts (views are re-applied every start, like an upgrade would).</summary>
    private static void ApplyScripts(SqliteConnection connection, SqliteTransaction transaction, bool includeHis)
    {
        foreach (var script in SqlScripts.Plan(DatabaseProvider.Demo, includeHis, sourceViewsPath: null))
        {
            connection.Execute(script.Text, transaction: transaction);
        }
    }
}
