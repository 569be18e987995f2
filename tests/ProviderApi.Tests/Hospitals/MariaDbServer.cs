using System.Text.RegularExpressions;
using MySqlConnector;
using ProviderApi.Data;
using ProviderApi.Data.Migrations;

namespace ProviderApi.Tests.Hospitals;

/// <summary>
/// The MariaDB server the tests use: IMGCLOUD_TEST_MYSQL (a MySqlConnector connection string for
/// root; tests/run.sh starts a throwaway server, tests/mariadb.sh, and sets it). Unreachable, its
/// tests skip with the reason, except under CI=true, where they fail: CI must run them for real.
/// </summary>
public static partial class MariaDbServer
{
    public const string Variable = "IMGCLOUD_TEST_MYSQL";

    private static readonly Lazy<string?> Unavailable = new(Probe);

    public static string AdminConnectionString => Environment.GetEnvironmentVariable(Variable) ?? "";

    /// <summary>Null when the server answers; otherwise why not.</summary>
    public static string? UnavailableReason => Unavailable.Value;

    public static void SkipUnlessAvailable() => PostgresServer.SkipUnlessReachable("MariaDB", UnavailableReason);

    private static string? Probe()
    {
        if (string.IsNullOrWhiteSpace(AdminConnectionString))
        {
            return $"{Variable} is not set";
        }
        try
        {
            using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(AdminConnectionString) { ConnectionTimeout = 3 }.ToString());
            connection.Open();
            return null;
        }
        catch (Exception ex) when (ex is MySqlException or ArgumentException or InvalidOperationException)
        {
            return ex.Message;
        }
    }

    /// <summary>A connection string on the test server: root's, or another account's, with a default database.</summary>
    public static string ConnectionString(string? database = null, string? user = null, string? password = null)
    {
        var builder = new MySqlConnectionStringBuilder(AdminConnectionString) { Pooling = false, ConnectionTimeout = 5, DefaultCommandTimeout = 60 };
        if (database is not null)
        {
            builder.Database = database;
        }
        if (user is not null)
        {
            builder.UserID = user;
            builder.Password = password ?? "";
        }
        return builder.ToString();
    }

    /// <summary>The administrator's connection; user variables allowed, as on migrate's (the scripts use them).</summary>
    public static MySqlConnection Open(string? database = null)
    {
        var connection = new MySqlConnection(new MySqlConnectionStringBuilder(ConnectionString(database)) { AllowUserVariables = true }.ToString());
        connection.Open();
        return connection;
    }

    public static void Execute(string sql)
    {
        using var connection = Open();
        using var command = new MySqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// The shipped sql/mysql scripts in migrate's order (one-time ones first: 01, the demo HIS,
    /// 06, 07, 08; then 02 -> 03 -> 04 -> 05 every time), as the provider embeds them, renamed for
    /// <paramref name="pair"/>.
    /// </summary>
    public static IReadOnlyList<SqlScript> Plan(DatabasePair pair, bool withDemo = true) =>
    [
        Shipped(pair, "01_imgcloud_schema.sql", runAlways: false),
        .. withDemo ? [Shipped(pair, "demo/01_his_schema.sql", runAlways: false)] : Array.Empty<SqlScript>(),
        Shipped(pair, "06_push_state.sql", runAlways: false),
        Shipped(pair, "07_utc_offset.sql", runAlways: false),
        Shipped(pair, "08_institutions.sql", runAlways: false),
        Shipped(pair, "09_exam_part_rules.sql", runAlways: false),
        Shipped(pair, "02_drop_views.sql", runAlways: true),
        Shipped(pair, "03_source_views.sql", runAlways: true),
        Shipped(pair, "04_standard_views.sql", runAlways: true),
        Shipped(pair, "05_accounts.sql", runAlways: true),
    ];

    private static SqlScript Shipped(DatabasePair pair, string file, bool runAlways) =>
        new($"mysql/{file}", runAlways, pair.Rename(SqlScripts.Read($"sql/mysql/{file}")));

    /// <summary>Runs <paramref name="scripts"/> through the provider's journaled runner, as root, journal in the pair's imgcloud.</summary>
    public static IReadOnlyList<string> Migrate(DatabasePair pair, IEnumerable<SqlScript> scripts, TimeProvider? clock = null)
    {
        // As MySqlEngine.Migrate: user variables allowed (08_institutions.sql decides its step in one).
        using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(ConnectionString()) { AllowUserVariables = true }.ConnectionString);
        connection.Open();
        return new JournaledScriptRunner(connection, $"{pair.Imgcloud}.schema_versions", MySqlScripts.Split, clock ?? TimeProvider.System, TextWriter.Null)
            .Run(scripts);
    }

    /// <summary>
    /// A fresh imgcloud / his database pair and its two accounts, all with a suffix of their own,
    /// so tests never meet on one server (MySQL's schemas are databases, its accounts server-wide).
    /// The shipped scripts name imgcloud, his, imgcloud_cloud and imgcloud_provider: <see cref="Rename"/>
    /// rewrites exactly those names. Disposing drops the databases and the accounts.
    /// </summary>
    public sealed partial class DatabasePair : IDisposable
    {
        public DatabasePair()
        {
            Suffix = Guid.NewGuid().ToString("N")[..10];
        }

        public string Suffix { get; }

        public string Imgcloud => $"imgcloud_{Suffix}";

        public string His => $"his_{Suffix}";

        public string Cloud => $"imgcloud_cloud_{Suffix}";

        public string Provider => $"imgcloud_provider_{Suffix}";

        public string Rename(string sql) => Names().Replace(sql, m => $"{m.Value}_{Suffix}");

        public void Dispose()
        {
            if (UnavailableReason is not null)
            {
                return;
            }
            Execute($"DROP DATABASE IF EXISTS {Imgcloud}");
            Execute($"DROP DATABASE IF EXISTS {His}");
            Execute($"DROP USER IF EXISTS '{Cloud}'@'%', '{Provider}'@'%'");
        }

        // The accounts anywhere (they are quoted: 'imgcloud_cloud'@'%'); the databases where a
        // name is qualified (imgcloud.settings) or created.
        [GeneratedRegex(@"\bimgcloud_(cloud|provider)\b|\b(imgcloud|his)\b(?=\.)|(?<=\bDATABASE IF NOT EXISTS )(imgcloud|his)\b")]
        private static partial Regex Names();
    }
}
