using Dapper;
using MySqlConnector;
using ProviderApi.Data;
using ProviderApi.Data.Migrations;
using ProviderApi.Tests.Hospitals;

namespace ProviderApi.Tests;

/// <summary>
/// The provider's own journaled runner (no DbUp provider for MySQL is served), on MariaDB:
/// one-time scripts once, journaled with their name and time; run-always scripts every time;
/// a failing statement stops the run with the script and the statement named.
/// </summary>
public sealed class JournaledScriptRunnerTests : IDisposable
{
    private readonly string database = $"runner_{Guid.NewGuid():N}"[..20];

    public JournaledScriptRunnerTests()
    {
        MariaDbServer.SkipUnlessAvailable();
        MariaDbServer.Execute($"CREATE DATABASE {database} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    }

    public void Dispose()
    {
        if (MariaDbServer.UnavailableReason is null)
        {
            MariaDbServer.Execute($"DROP DATABASE IF EXISTS {database}");
        }
    }

    private IReadOnlyList<string> Run(MySqlConnection connection, TimeProvider clock, params SqlScript[] scripts) =>
        new JournaledScriptRunner(connection, $"{database}.schema_versions", MySqlScripts.Split, clock, TextWriter.Null).Run(scripts);

    [Fact]
    public void One_time_scripts_run_once_journaled_with_name_and_time_and_run_always_ones_every_time()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 1, 16, 30, 15, TimeSpan.Zero));
        var once = new SqlScript("test/01_tables.sql", false, $"""
            SET NAMES utf8mb4;
            CREATE TABLE {database}.t (n INT NOT NULL) DEFAULT CHARSET = utf8mb4;
            INSERT INTO {database}.t (n) VALUES (1); -- a second run would fail on CREATE TABLE, or insert twice
            """);
        var always = new SqlScript("test/02_every_time.sql", true, $"INSERT INTO {database}.t (n) VALUES (2);");
        using var connection = MariaDbServer.Open();

        Assert.Equal(["test/01_tables.sql", "test/02_every_time.sql"], Run(connection, clock, once, always));
        Assert.Equal(["test/02_every_time.sql"], Run(connection, clock, once, always));

        Assert.Equal([1, 2, 2], connection.Query<int>($"SELECT n FROM {database}.t ORDER BY n"));
        var journal = connection.Query<(string Name, DateTime Applied)>($"SELECT scriptname, applied FROM {database}.schema_versions").ToList();
        Assert.Equal([("test/01_tables.sql", new DateTime(2026, 12, 1, 16, 30, 15))], journal);
    }

    [Fact]
    public void A_failing_statement_stops_the_run_naming_the_script_the_statement_and_its_line()
    {
        var script = new SqlScript("test/01_broken.sql", false, $"""
            -- header
            CREATE TABLE {database}.t (n INT) DEFAULT CHARSET = utf8mb4;

            INSERT INTO {database}.no_such_table (n) VALUES (1);
            INSERT INTO {database}.t (n) VALUES (3);
            """);
        var later = new SqlScript("test/02_later.sql", true, $"INSERT INTO {database}.t (n) VALUES (4);");
        using var connection = MariaDbServer.Open();

        var failure = Assert.Throws<MigrationException>(() => Run(connection, TimeProvider.System, script, later));

        Assert.StartsWith("test/01_broken.sql: statement 2 of 3 (line 4, \"INSERT INTO", failure.Message, StringComparison.Ordinal);
        Assert.Contains("no_such_table", failure.Message, StringComparison.Ordinal);
        Assert.IsType<MySqlException>(failure.InnerException);
        Assert.Empty(connection.Query<int>($"SELECT n FROM {database}.t"));
        Assert.Empty(connection.Query<string>($"SELECT scriptname FROM {database}.schema_versions"));
    }
}
