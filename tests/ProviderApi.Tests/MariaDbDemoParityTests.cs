using System.Data.Common;
using Npgsql;
using ProviderApi.Data;
using ProviderApi.Data.Demo;
using ProviderApi.Data.Migrations;
using ProviderApi.Tests.Hospitals;

namespace ProviderApi.Tests;

/// <summary>
/// The whole demo HIS (the seeder's thousands of rows and named edge cases), seeded with the same
/// anchor into PostgreSQL and into MariaDB: the four standard views give the same rows, string
/// for string, on both engines.
/// </summary>
public sealed class MariaDbDemoParityTests : IDisposable
{
    private static readonly string[] Views = ["View_Register_Info", "View_ProjectItemCode_Info", "view_setlInfoList", "View_Dept_Info"];

    private readonly MariaDbServer.DatabasePair pair;
    private readonly string postgres = "";

    public MariaDbDemoParityTests()
    {
        MariaDbServer.SkipUnlessAvailable();
        PostgresServer.SkipUnlessAvailable();
        pair = new MariaDbServer.DatabasePair();
        postgres = PostgresServer.CreateDatabase();
    }

    public void Dispose()
    {
        pair.Dispose();
        PostgresServer.DropDatabase(postgres);
    }

    [Fact]
    public void The_demo_hospital_gives_the_same_view_rows_on_MariaDB_as_on_PostgreSQL()
    {
        var clock = new FixedClock(DateTimeOffset.UtcNow);
        var anchor = DemoSeeder.Truncate(clock.GetLocalNow().DateTime);
        new Migrator(new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = PostgresServer.ConnectionString(postgres, "public") }, clock, TextWriter.Null)
            .Migrate(withDemo: true);

        MariaDbServer.Migrate(pair, MariaDbServer.Plan(pair));
        SeedMariaDb(anchor);

        using var pg = new NpgsqlConnection(PostgresServer.ConnectionString(postgres, "imgcloud"));
        pg.Open();
        using var maria = MariaDbServer.Open(pair.Imgcloud);
        foreach (var view in Views)
        {
            var expected = Rows(pg, view);
            var actual = Rows(maria, view);
            Assert.True(expected.Count > 0, view);
            Assert.Equal(expected, actual);
        }
    }

    /// <summary>
    /// The provider's demo seeder, writing unqualified HIS names into the pair's his database (the
    /// SQLite dialect's names); the three imgcloud tables it fills reached through updatable views there.
    /// </summary>
    private void SeedMariaDb(DateTime anchor)
    {
        MariaDbServer.Execute($"CREATE VIEW {pair.His}.imgcloud_exam_part_map AS SELECT * FROM {pair.Imgcloud}.exam_part_map");
        MariaDbServer.Execute($"CREATE VIEW {pair.His}.imgcloud_exam_part_rule AS SELECT * FROM {pair.Imgcloud}.exam_part_rule");
        MariaDbServer.Execute($"CREATE VIEW {pair.His}.imgcloud_settings AS SELECT * FROM {pair.Imgcloud}.settings");
        using var connection = MariaDbServer.Open(pair.His);
        using var transaction = connection.BeginTransaction();
        new DemoSeeder(anchor, DatabaseEngine.For(DatabaseProvider.Sqlite)).Seed(connection, transaction);
        transaction.Commit();
    }

    /// <summary>A view's rows, each its values in the contract's column order joined, sorted ordinally.</summary>
    private static List<string> Rows(DbConnection connection, string view)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {view}";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : reader.GetString(i))));
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
