using System.Text;
using System.Text.RegularExpressions;
using ProviderApi.Data.Migrations;

namespace ProviderApi.Tests.Dialects;

/// <summary>What an Oracle 11g R2 (or DM8 in Oracle mode) would refuse, found by reading the script.</summary>
public static partial class OracleRules
{
    private static readonly (Regex Pattern, string Why)[] After11g =
    [
        (new(@"\bFETCH\s+(FIRST|NEXT)\b", RegexOptions.IgnoreCase), "FETCH FIRST/NEXT is 12c"),
        (new(@"\bOFFSET\s+\S+\s+ROWS?\b", RegexOptions.IgnoreCase), "OFFSET ... ROWS is 12c"),
        (new(@"\bIDENTITY\b", RegexOptions.IgnoreCase), "identity columns are 12c"),
        (new(@"\bEDITIONABLE\b", RegexOptions.IgnoreCase), "EDITIONABLE is 12c"),
        (new(@"\bLATERAL\b|\b(CROSS|OUTER)\s+APPLY\b", RegexOptions.IgnoreCase), "LATERAL / APPLY are 12c"),
        (new(@"\bON\s+OVERFLOW\b", RegexOptions.IgnoreCase), "LISTAGG ... ON OVERFLOW is 12.2"),
        (new(@"\bJSON_(VALUE|QUERY|TABLE|OBJECT|ARRAY|EXISTS)\b", RegexOptions.IgnoreCase), "JSON functions are 12c"),
        (new(@"\bDEFAULT\s+ON\s+NULL\b", RegexOptions.IgnoreCase), "DEFAULT ON NULL is 12c"),
        (new(@"\bVALIDATE_CONVERSION\b|\bAPPROX_COUNT_DISTINCT\b", RegexOptions.IgnoreCase), "12c built-in"),
        (new(@"\bCREATE\s+OR\s+ALTER\b", RegexOptions.IgnoreCase), "CREATE OR ALTER is not Oracle"),
    ];

    public static IReadOnlyList<string> Problems(string script)
    {
        var problems = new List<string>();
        var code = SqlText.CodeOnly(script);
        var lines = code.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            foreach (Match identifier in Identifier().Matches(line))
            {
                if (Encoding.UTF8.GetByteCount(identifier.Value) > 30)
                {
                    problems.Add($"line {n + 1}: identifier {identifier.Value} is longer than 30 bytes (ORA-00972 before 12.2)");
                }
            }
            if (line.Contains('"', StringComparison.Ordinal))
            {
                problems.Add($"line {n + 1}: quoted identifier (Oracle would keep its case; the cloud's unquoted names are upper case)");
            }
            if (TableAliasWithAs().IsMatch(line))
            {
                problems.Add($"line {n + 1}: AS before a table alias (ORA-00933)");
            }
            if (line.Trim() == ";")
            {
                problems.Add($"line {n + 1}: a line holding only ';' (statements end with a line holding only '/')");
            }
            foreach (var (pattern, why) in After11g)
            {
                if (pattern.IsMatch(line))
                {
                    problems.Add($"line {n + 1}: {why}");
                }
            }
        }

        var trailing = code[(code.LastIndexOf("\n/", StringComparison.Ordinal) + 1)..].TrimStart('/');
        if (!string.IsNullOrWhiteSpace(trailing))
        {
            problems.Add("the last statement is not followed by a line holding only '/'");
        }
        foreach (var statement in OracleScripts.Split(script))
        {
            var body = SqlText.CodeOnly(statement).TrimEnd();
            var isBlock = BlockStart().IsMatch(body);
            var inner = isBlock ? "" : body.TrimEnd(';');
            if (inner.Contains(';', StringComparison.Ordinal) || StatementStart().Count(inner) > 1)
            {
                problems.Add($"two statements without a '/' between them: {First(statement)}");
            }
            if (isBlock && !BlockEnd().IsMatch(body))
            {
                problems.Add($"a PL/SQL block that does not end with END;: {First(statement)}");
            }
        }
        return problems;
    }

    private static string First(string statement) =>
        statement.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("--", StringComparison.Ordinal)) ?? "";

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_$#]*")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"\b(FROM|JOIN)\s+[A-Za-z_][\w$#.]*\s+AS\s+[A-Za-z_]", RegexOptions.IgnoreCase)]
    private static partial Regex TableAliasWithAs();

    [GeneratedRegex(@"^\s*(CREATE|ALTER|DROP|GRANT|REVOKE|INSERT|UPDATE|DELETE|MERGE|COMMENT|BEGIN|DECLARE|TRUNCATE)\b", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex StatementStart();

    [GeneratedRegex(@"^\s*(BEGIN|DECLARE)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BlockStart();

    [GeneratedRegex(@"\bEND\s*(\w+\s*)?;\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();
}
