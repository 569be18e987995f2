using ProviderApi.Data.Migrations;

namespace ProviderApi.Tests.Dialects;

/// <summary>
/// The MySQL scripts held to MySQL 5.7's rules by reading them (the test server, MariaDB 10.11,
/// accepts more), each rule shown able to fail on a broken copy; and how the provider cuts them.
/// </summary>
public sealed class MySqlScriptsTests
{
    private static string Read(string relative) => File.ReadAllText(Repository.File(relative));

    [Theory]
    [MemberData(nameof(StaticScriptTests.MySqlFiles), MemberType = typeof(StaticScriptTests))]
    public void Every_MySql_file_follows_the_57_rules(string file)
    {
        Assert.Empty(MySqlRules.Problems(Read(file)));
    }

    [Theory]
    [MemberData(nameof(StaticScriptTests.MySqlFiles), MemberType = typeof(StaticScriptTests))]
    public void Every_MySql_file_splits_into_statements_the_first_stating_utf8mb4(string file)
    {
        var statements = MySqlScripts.Split(Read(file));

        Assert.NotEmpty(statements);
        Assert.StartsWith("SET NAMES utf8mb4", statements[0].Text, StringComparison.Ordinal);
        Assert.All(statements, s => Assert.DoesNotContain(";", SqlText.CodeOnly(s.Text), StringComparison.Ordinal));
    }

    // Each rule of the 5.7 lint, broken on purpose in a copy of a shipped script: the text the
    // copy gets (appended, or replacing the first occurrence of a shipped text) and what the lint must say.
    [Theory]
    [InlineData("WITH", "04_standard_views.sql", "", "CREATE OR REPLACE DEFINER = CURRENT_USER SQL SECURITY DEFINER VIEW imgcloud.v AS\nWITH w AS (SELECT 1 AS a) SELECT a FROM w;", "common table expression")]
    [InlineData("OVER", "04_standard_views.sql", "", "SELECT ROW_NUMBER() OVER (ORDER BY a) AS n FROM t;", "window functions")]
    [InlineData("->>", "03_source_views.sql", "", "SELECT doc->>'$.name' FROM t;", "->>")]
    [InlineData("->", "03_source_views.sql", "", "SELECT doc->'$.name' FROM t;", "-> (JSON path)")]
    [InlineData("CHECK", "01_imgcloud_schema.sql", "exam_part   VARCHAR(9)   NOT NULL", "exam_part VARCHAR(9) NOT NULL CHECK (exam_part <> '')", "CHECK constraint")]
    [InlineData("DELIMITER", "05_accounts.sql", "", "DELIMITER $$\nSELECT 1$$\nDELIMITER ;", "DELIMITER")]
    [InlineData("utf8mb4_0900", "06_push_state.sql", "COLLATE = utf8mb4_bin", "COLLATE = utf8mb4_0900_ai_ci", "utf8mb4_0900")]
    [InlineData("FUNCTION", "04_standard_views.sql", "", "CREATE FUNCTION imgcloud.now_local() RETURNS DATETIME DETERMINISTIC RETURN UTC_TIMESTAMP();", "stored routine")]
    [InlineData("PROCEDURE", "04_standard_views.sql", "", "CREATE DEFINER = CURRENT_USER PROCEDURE imgcloud.p() SELECT 1;", "stored routine")]
    [InlineData("TRIGGER", "06_push_state.sql", "", "CREATE TRIGGER t BEFORE INSERT ON imgcloud.push_control FOR EACH ROW SET NEW.generation = 0;", "stored routine")]
    [InlineData("no SET NAMES", "02_drop_views.sql", "SET NAMES utf8mb4 COLLATE utf8mb4_bin;", "", "does not begin with SET NAMES utf8mb4")]
    [InlineData("table charset", "06_push_state.sql", ") ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin", ") ENGINE = InnoDB", "CREATE TABLE without DEFAULT CHARSET")]
    [InlineData("latin1", "demo/01_his_schema.sql", "DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_general_ci", "DEFAULT CHARSET = latin1", "other than utf8mb4")]
    [InlineData("||", "03_source_views.sql", "", "SELECT 'ZY' || v.PATIENT_ID FROM his.PAT_VISIT v;", "|| is OR")]
    [InlineData("NOW()", "04_standard_views.sql", "UTC_TIMESTAMP() + INTERVAL st.utc_offset_minutes MINUTE", "NOW()", "the session's clock")]
    [InlineData("SQL SECURITY", "04_standard_views.sql", "DEFINER = CURRENT_USER SQL SECURITY DEFINER VIEW imgcloud.View_Register_Info", "VIEW imgcloud.View_Register_Info", "without SQL SECURITY")]
    [InlineData("index IF NOT EXISTS", "06_push_state.sql", "", "CREATE INDEX IF NOT EXISTS ix ON imgcloud.push_delivery (label);", "MariaDB only")]
    public void Each_57_rule_catches_a_broken_copy(string rule, string file, string shippedText, string brokenText, string expected)
    {
        var shipped = Read($"sql/mysql/{file}");
        var broken = shippedText.Length == 0 ? shipped + "\n" + brokenText + "\n" : ReplaceFirst(shipped, shippedText, brokenText);

        Assert.NotEqual(shipped, broken);
        Assert.Empty(MySqlRules.Problems(shipped));
        Assert.True(MySqlRules.Problems(broken).Any(p => p.Contains(expected, StringComparison.Ordinal)),
            $"rule {rule}: expected a problem containing '{expected}', got: {string.Join("; ", MySqlRules.Problems(broken))}");
    }

    [Fact]
    public void Statements_end_at_semicolons_outside_quotes_and_comments_and_keep_their_line()
    {
        const string script = """
            -- header; with a semicolon
            SET NAMES utf8mb4;
            /* a block comment;
               over two lines */
            INSERT INTO t (a, b) VALUES ('x;y', 'it''s; fine');
            # a hash comment; too
            SELECT "a;b", `odd;name`, 'back\'slash;' FROM t
            WHERE a = 1;
            SELECT 1 --not-a-comment
            """;

        var statements = MySqlScripts.Split(script);

        Assert.Equal(4, statements.Count);
        Assert.Equal(new SqlStatement(2, "SET NAMES utf8mb4"), statements[0]);
        Assert.Equal(5, statements[1].Line);
        Assert.EndsWith("'it''s; fine')", statements[1].Text, StringComparison.Ordinal);
        Assert.Equal(7, statements[2].Line);
        Assert.EndsWith("WHERE a = 1", statements[2].Text, StringComparison.Ordinal);
        Assert.Equal(new SqlStatement(9, "SELECT 1 --not-a-comment"), statements[3]);
    }

    private static string ReplaceFirst(string text, string what, string with)
    {
        var at = text.IndexOf(what, StringComparison.Ordinal);
        return at < 0 ? text : text[..at] + with + text[(at + what.Length)..];
    }
}
