using Dapper;
using ProviderApi.Tests.Hospitals;

namespace ProviderApi.Tests;

/// <summary>08_institutions.sql on MariaDB: the upgrade of a crosswalk keyed on exam_code alone, with DDL committing as it goes.</summary>
public sealed partial class MariaDbScriptTests
{
    [Fact]
    public void The_institutions_upgrade_keeps_an_older_crosswalks_rows_for_all_institutions_and_runs_again_harmlessly()
    {
        var plan = MariaDbServer.Plan(pair);
        MariaDbServer.Migrate(pair, plan);
        // The crosswalk as 01 made it before 2026-12-02, with the DBA's rows, and 08 not yet journaled.
        MariaDbServer.Execute($"ALTER TABLE {Img("exam_part_map")} DROP PRIMARY KEY, DROP COLUMN hospital_id, ADD PRIMARY KEY (exam_code)");
        MariaDbServer.Execute($"DROP TABLE {Img("institution")}");
        MariaDbServer.Execute($"INSERT INTO {Img("exam_part_map")} (exam_code, exam_part, note) VALUES ('CT0001', 'B01010ZZZ', '头颅CT平扫'), ('DR0001', 'A03010ZZZ', NULL)");
        MariaDbServer.Execute($"DELETE FROM {Img("schema_versions")} WHERE scriptname = 'mysql/08_institutions.sql'");

        Assert.Contains("mysql/08_institutions.sql", MariaDbServer.Migrate(pair, plan));
        // Run again by hand, as after a failure half-way (MySQL commits each DDL statement): nothing changes.
        MariaDbServer.Migrate(pair, plan.Where(s => s.Name == "mysql/08_institutions.sql").Select(s => s with { RunAlways = true }));

        using var connection = MariaDbServer.Open(pair.Imgcloud);
        Assert.Equal(
            ["CT0001|*|B01010ZZZ|头颅CT平扫", "DR0001|*|A03010ZZZ|"],
            connection.Query<string>($"SELECT CONCAT(exam_code, '|', hospital_id, '|', exam_part, '|', COALESCE(note, '')) FROM {Img("exam_part_map")} ORDER BY exam_code"));
        Assert.Equal(0, connection.ExecuteScalar<int>($"SELECT COUNT(*) FROM {Img("institution")}"));
        // The new key: a row for one institution beside the row for all; the same pair twice is refused.
        connection.Execute($"INSERT INTO {Img("exam_part_map")} (exam_code, exam_part, hospital_id) VALUES ('DR0001', 'A03019ZZZ', 'H45010300002')");
        Assert.ThrowsAny<MySqlConnector.MySqlException>(() =>
            connection.Execute($"INSERT INTO {Img("exam_part_map")} (exam_code, exam_part, hospital_id) VALUES ('DR0001', 'A03018ZZZ', 'H45010300002')"));
    }
}
