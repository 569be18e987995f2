using System.Text.RegularExpressions;
using ProviderApi.Data.Migrations;

namespace ProviderApi.Tests.Dialects;

/// <summary>
/// What MySQL 5.7 would refuse or silently get wrong, found by reading the script: the test
/// server is MariaDB 10.11, which accepts more (CTEs, window functions, CHECK enforced).
/// </summary>
public static partial class MySqlRules
{
    private static readonly (Regex Pattern, string Why)[] Rules =
    [
        (new(@"\bWITH\s+(RECURSIVE\s+)?[A-Za-z_]\w*\s*(\([^)]*\)\s*)?AS\s*\(", RegexOptions.IgnoreCase), "WITH (a common table expression) is MySQL 8"),
        (new(@"\bOVER\s*\(|\bOVER\s+[A-Za-z_]\w*|\bWINDOW\s+[A-Za-z_]\w*\s+AS\b", RegexOptions.IgnoreCase), "window functions (OVER) are MySQL 8"),
        (new(@"->>"), "->> (JSON unquoting path) is 5.7.13 and not MariaDB"),
        (new(@"(?<!-)->(?!>)"), "-> (JSON path) is not MariaDB"),
        (new(@"\bCHECK\s*\(", RegexOptions.IgnoreCase), "CHECK constraint: MySQL 5.7 parses and ignores it, so nothing may rely on it"),
        (new(@"(?m)^\s*DELIMITER\b", RegexOptions.IgnoreCase), "DELIMITER is a command of the mysql client, not SQL: the provider's runner cannot run it"),
        (new(@"\butf8mb4_0900_\w*", RegexOptions.IgnoreCase), "utf8mb4_0900_* collations are MySQL 8 only (unknown to 5.7 and MariaDB)"),
        (new(@"\bCREATE\s+(OR\s+REPLACE\s+)?(DEFINER\s*=\s*\S+\s+)?(AGGREGATE\s+)?(FUNCTION|PROCEDURE|TRIGGER|EVENT)\b", RegexOptions.IgnoreCase), "stored routine: its body needs DELIMITER and the runner executes statements one by one"),
        (new(@"\|\|"), "|| is OR in MySQL (unless sql_mode has PIPES_AS_CONCAT): use CONCAT"),
        (new(@"\b(NOW|SYSDATE|CURDATE|CURTIME|LOCALTIME|LOCALTIMESTAMP|CONVERT_TZ)\s*\(|\bCURRENT_(TIMESTAMP|DATE|TIME)\b", RegexOptions.IgnoreCase), "the session's clock: \"now\" is UTC_TIMESTAMP() plus the offset setting"),
        (new(@"\bCREATE\s+(UNIQUE\s+)?INDEX\s+IF\s+NOT\s+EXISTS\b|\bADD\s+(COLUMN\s+)?IF\s+NOT\s+EXISTS\b|\bCREATE\s+OR\s+REPLACE\s+TABLE\b", RegexOptions.IgnoreCase), "IF NOT EXISTS on an index or column, CREATE OR REPLACE TABLE: MariaDB only"),
        (new(@"\bCHARSET\s*=?\s*(?!utf8mb4\b)[A-Za-z]\w*|\bCHARACTER\s+SET\s*=?\s*(?!utf8mb4\b)[A-Za-z]\w*", RegexOptions.IgnoreCase), "a character set other than utf8mb4"),
    ];

    public static IReadOnlyList<string> Problems(string script)
    {
        var problems = new List<string>();
        var code = SqlText.CodeOnly(script);
        foreach (var (pattern, why) in Rules)
        {
            foreach (Match match in pattern.Matches(code))
            {
                problems.Add($"line {LineOf(code, match.Index)}: {why}");
            }
        }

        var statements = MySqlScripts.Split(script);
        if (statements.Count == 0 || !SetNames().IsMatch(SqlText.CodeOnly(statements[0].Text)))
        {
            problems.Add("the script does not begin with SET NAMES utf8mb4 (the server's default may be latin1, 5.7's)");
        }
        foreach (var statement in statements)
        {
            var text = SqlText.CodeOnly(statement.Text);
            if (CreateTable().IsMatch(text) && !TableCharset().IsMatch(text))
            {
                problems.Add($"line {statement.Line}: CREATE TABLE without DEFAULT CHARSET = utf8mb4 (it would take the database's default)");
            }
            if (CreateDatabase().IsMatch(text) && !DatabaseCharset().IsMatch(text))
            {
                problems.Add($"line {statement.Line}: CREATE DATABASE without CHARACTER SET utf8mb4 (it would take the server's default)");
            }
            if (CreateView().IsMatch(text) && !SqlSecurity().IsMatch(text))
            {
                problems.Add($"line {statement.Line}: CREATE VIEW without SQL SECURITY (say DEFINER or INVOKER deliberately)");
            }
        }
        return problems;
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    [GeneratedRegex(@"^\s*SET\s+NAMES\s+'?utf8mb4\b", RegexOptions.IgnoreCase)]
    private static partial Regex SetNames();

    [GeneratedRegex(@"^\s*CREATE\s+(TEMPORARY\s+)?TABLE\b", RegexOptions.IgnoreCase)]
    private static partial Regex CreateTable();

    [GeneratedRegex(@"\bDEFAULT\s+CHARSET\s*=\s*utf8mb4\b", RegexOptions.IgnoreCase)]
    private static partial Regex TableCharset();

    [GeneratedRegex(@"^\s*CREATE\s+(DATABASE|SCHEMA)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CreateDatabase();

    [GeneratedRegex(@"\bCHARACTER\s+SET\s+utf8mb4\b", RegexOptions.IgnoreCase)]
    private static partial Regex DatabaseCharset();

    [GeneratedRegex(@"^\s*CREATE\s+(OR\s+REPLACE\s+)?(ALGORITHM\s*=\s*\w+\s+)?(DEFINER\s*=\s*\S+\s+)?(SQL\s+SECURITY\s+\w+\s+)?VIEW\b", RegexOptions.IgnoreCase)]
    private static partial Regex CreateView();

    [GeneratedRegex(@"\bSQL\s+SECURITY\s+(DEFINER|INVOKER)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SqlSecurity();
}
