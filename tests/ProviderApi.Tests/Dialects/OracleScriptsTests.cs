using ProviderApi.Data.Migrations;

namespace ProviderApi.Tests.Dialects;

/// <summary>How the provider splits an Oracle script, as SQL*Plus would run it.</summary>
public sealed class OracleScriptsTests
{
    [Fact]
    public void Statements_end_at_lines_holding_only_a_slash_and_plain_ones_lose_their_semicolon()
    {
        const string script = """
            -- header comment
            CREATE OR REPLACE VIEW imgcloud.v AS
            SELECT 1 AS x FROM dual
            /
            BEGIN
              EXECUTE IMMEDIATE 'CREATE TABLE t (x NUMBER)';
            EXCEPTION WHEN OTHERS THEN
              IF SQLCODE != -955 THEN RAISE; END IF;
            END;
            /
            GRANT SELECT ON imgcloud.v TO imgcloud_cloud;
            /
            -- trailing comment only
            """;

        var statements = OracleScripts.Split(script);

        Assert.Equal(3, statements.Count);
        Assert.EndsWith("FROM dual", statements[0], StringComparison.Ordinal);
        Assert.StartsWith("BEGIN", statements[1], StringComparison.Ordinal);
        Assert.EndsWith("END;", statements[1], StringComparison.Ordinal);
        Assert.Equal("GRANT SELECT ON imgcloud.v TO imgcloud_cloud", statements[2]);
    }

    [Theory]
    [MemberData(nameof(StaticScriptTests.OracleFiles), MemberType = typeof(StaticScriptTests))]
    public void Every_shipped_Oracle_script_splits_into_statements(string file)
    {
        var statements = OracleScripts.Split(File.ReadAllText(Repository.File(file)));

        Assert.NotEmpty(statements);
        Assert.All(statements, s => Assert.DoesNotMatch(@"(?m)^\s*/\s*$", s));
    }
}
