using Dapper;
using ProviderApi.Tests.Hospitals;

namespace ProviderApi.Tests;

/// <summary>09_exam_part_rules.sql on MariaDB: an install from before the crosswalk rules gets their tables once, DDL committing as it goes.</summary>
public sealed partial class MariaDbScriptTests
{
    [Fact]
    public void The_rules_upgrade_adds_their_tables_to_an_older_install_once_and_runs_again_harmlessly()
    {
        var plan = MariaDbServer.Plan(pair);
        MariaDbServer.Migrate(pair, plan);
        Seed();
        using var connection = MariaDbServer.Open(pair.Imgcloud);
        var settlements = Settlements();
        Assert.NotEmpty(settlements);

        // The install as it was before issue 19: no rules' tables, 09 not journaled (the views reading them stay, broken).
        MariaDbServer.Execute($"DROP TABLE {Img("exam_part_rule")}, {Img("exam_part_code")}");
        MariaDbServer.Execute($"DELETE FROM {Img("schema_versions")} WHERE scriptname = 'mysql/09_exam_part_rules.sql'");

        Assert.Contains("mysql/09_exam_part_rules.sql", MariaDbServer.Migrate(pair, plan));
        Assert.Equal(0, connection.ExecuteScalar<int>($"SELECT COUNT(*) FROM {Img("exam_part_rule")}"));
        Assert.Equal(0, connection.ExecuteScalar<int>($"SELECT COUNT(*) FROM {Img("exam_part_code")}"));
        Assert.Equal(settlements, Settlements());

        // A rule maps the seeded CT001 once its crosswalk row is gone.
        connection.Execute($"DELETE FROM {Img("exam_part_map")}");
        connection.Execute($"INSERT INTO {Img("exam_part_rule")} (rule_no, name_pattern, exam_part) VALUES (10, '胸部CT%', 'B02010ZZZ')");
        var mapped = Settlements();
        Assert.Contains(mapped, r => r.EndsWith("|B02010ZZZ", StringComparison.Ordinal));

        // Migrate again: 09 is not run again and the rule stays; run by hand (as after a failure half-way): nothing changes.
        Assert.DoesNotContain("mysql/09_exam_part_rules.sql", MariaDbServer.Migrate(pair, plan));
        MariaDbServer.Migrate(pair, plan.Where(s => s.Name == "mysql/09_exam_part_rules.sql").Select(s => s with { RunAlways = true }));
        Assert.Equal(mapped, Settlements());

        List<string> Settlements() =>
            [.. connection.Query<string>($"SELECT CONCAT_WS('|', accessionNo, COALESCE(examPart, '')) FROM {Img("view_setlInfoList")} ORDER BY 1")];
    }
}
