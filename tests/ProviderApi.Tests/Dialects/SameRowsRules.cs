using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ProviderApi.Tests.Dialects;

/// <summary>
/// The rules that make every engine write the same rows from the same HIS data (contract.md,
/// 2026-12-01), checked by reading the SQL Server and Oracle scripts, which cannot run here:
/// the T-SQL ones on ScriptDom's tree, the Oracle ones on the text. SQLite, PostgreSQL and
/// MariaDB are held to the same rules by running them (AwkwardValuesTests).
/// Each problem starts with its rule's tag, so a test can ask for one rule.
/// </summary>
public static partial class SameRowsRules
{
    public const string Clock = "local clock";
    public const string DateTimeStyle = "date-time format";
    public const string Trim = "not trimmed and blank-nulled";
    public const string Rounding = "rounding";
    public const string FeeSerial = "feedetlSn";
    public const string Crosswalk = "crosswalk collation";
    public const string KeyParts = "key from parts";
    public const string RuleMatch = "crosswalk rules";

    /// <summary>Problems in a SQL Server script (03 or 04).</summary>
    public static IReadOnlyList<string> TSql(string script)
    {
        var parser = new TSql100Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        var fragment = parser.Parse(reader, out var errors);
        var problems = errors.Select(e => $"parse: line {e.Line}: {e.Message}").ToList();
        var visitor = new TSqlVisitor();
        fragment?.Accept(visitor);
        problems.AddRange(visitor.Problems());
        problems.AddRange(TextRules(script, "Latin1_General_BIN2"));
        problems.AddRange(RuleMatchRules(script, oracle: false));
        return problems;
    }

    /// <summary>Problems in an Oracle script (03 or 04).</summary>
    public static IReadOnlyList<string> Oracle(string script)
    {
        var code = SqlText.CodeOnly(script);
        var problems = new List<string>();
        foreach (Match m in OracleLocalClock().Matches(code))
        {
            problems.Add($"{Clock}: line {Line(code, m.Index)}: {m.Value} follows the server's or the session's zone; \"now\" is CAST(SYS_EXTRACT_UTC(SYSTIMESTAMP) AS DATE) + utc_offset_minutes / 1440");
        }
        foreach (Match m in OracleSysTimestamp().Matches(code))
        {
            if (!OracleNow().IsMatch(code[Math.Max(0, m.Index - 21)..]))
            {
                problems.Add($"{Clock}: line {Line(code, m.Index)}: SYSTIMESTAMP other than in CAST(SYS_EXTRACT_UTC(SYSTIMESTAMP) AS DATE) + utc_offset_minutes / 1440");
            }
        }
        foreach (Match m in OracleCastToText().Matches(code))
        {
            if (!code[..m.Index].EndsWith("RTRIM(", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{Trim}: line {Line(code, m.Index)}: {m.Value} is not inside RTRIM (CHAR padding kept; a blank value not NULL)");
            }
        }
        // String literals are blanked in code (offsets kept): the masks are read from the script.
        foreach (Match m in OracleToChar().Matches(script))
        {
            if (m.Groups[1].Value != "YYYY-MM-DD HH24:MI:SS" && m.Groups[1].Value.Contains("YYYY", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{DateTimeStyle}: line {Line(code, m.Index)}: TO_CHAR mask '{m.Groups[1].Value}'");
            }
        }
        foreach (Match m in OracleRound().Matches(code))
        {
            if (!OracleDecimalRound().IsMatch(code, m.Index))
            {
                problems.Add($"{Rounding}: line {Line(code, m.Index)}: ROUND not on the NUMBER value at six places (ROUND(ROUND(CAST(price AS NUMBER), 6), 2))");
            }
        }
        foreach (var view in Views)
        {
            foreach (var arm in SqlText.ViewSelectLists(script, view) ?? [])
            {
                foreach (var element in arm.Where(e => e.Code.Contains("||", StringComparison.Ordinal)))
                {
                    if (!KeyGuard().IsMatch(element.Code))
                    {
                        problems.Add($"{KeyParts}: line {Line(code, element.Start)}: a key joined with || is not guarded by CASE WHEN <each part> IS NOT NULL (Oracle's || skips a NULL part)");
                    }
                }
            }
        }
        problems.AddRange(TextRules(script, "NLSSORT"));
        problems.AddRange(RuleMatchRules(script, oracle: true));
        return problems;
    }

    private static readonly string[] Views =
    [
        "View_Register_Info", "View_ProjectItemCode_Info", "view_setlInfoList", "View_Dept_Info",
        "src_patient", "src_outpatient_visit", "src_inpatient_visit", "src_exam_item", "src_settlement", "src_dept",
    ];

    /// <summary>Rules read from the select lists, the same for both engines: feedetlSn's own condition and the crosswalk's comparison.</summary>
    private static IEnumerable<string> TextRules(string script, string binaryComparison)
    {
        var code = SqlText.CodeOnly(script);
        var settlements = SqlText.ViewSelectLists(script, "view_setlInfoList");
        if (settlements is null)
        {
            yield break;
        }
        var serial = settlements[0].FirstOrDefault(e => e.Code.TrimEnd().EndsWith("feedetlSn", StringComparison.OrdinalIgnoreCase));
        if (serial is null || !FeeSerialOwnCondition().IsMatch(serial.Code))
        {
            yield return $"{FeeSerial}: twenty zeros must also come from the line's own condition (fee_detail_sn ... IS NULL), not only from self_paid";
        }
        // Every comparison of an exam code in the crosswalk's joins (the institution's row and the '*' row) is binary on both sides.
        var join = CrosswalkJoin().Match(code);
        var codeComparisons = join.Success
            ? Regex.Split(join.Groups[1].Value, @"\bAND\b|\bON\b|\bJOIN\b", RegexOptions.IgnoreCase).Where(p => Regex.IsMatch(p, @"\.exam_code\b", RegexOptions.IgnoreCase)).ToList()
            : [];
        if (codeComparisons.Count == 0 || codeComparisons.Any(p => Regex.Count(p, Regex.Escape(binaryComparison), RegexOptions.IgnoreCase) < 2))
        {
            yield return $"{Crosswalk}: the exam_part_map join must compare both sides with {binaryComparison}, whatever the HIS's collation or the session's NLS settings";
        }
    }

    /// <summary>
    /// The crosswalk rules' matching (exam_part_rule_match, 04 only): an item's contrast read from its name by the
    /// one rule (造影 or 血管成像, else 增强, else 平扫), a rule's 平扫 also taking an item whose name says nothing, and
    /// patterns compared byte for byte: T-SQL's LIKE and CHARINDEX in Latin1_General_BIN2 on both sides; on Oracle no
    /// LIKE (it follows NLS_COMP=LINGUISTIC) but REGEXP_LIKE with 'c', and modality and institution on NLSSORT.
    /// </summary>
    private static IEnumerable<string> RuleMatchRules(string script, bool oracle)
    {
        var code = SqlText.CodeOnly(script);
        if (SqlText.ViewSelectLists(script, "view_setlInfoList") is null)
        {
            yield break;
        }
        var start = Regex.Match(code, @"VIEW\s+imgcloud\.exam_part_rule_match\s+AS\b", RegexOptions.IgnoreCase);
        if (!start.Success)
        {
            yield return $"{RuleMatch}: no view imgcloud.exam_part_rule_match";
            yield break;
        }
        var end = Regex.Match(code[start.Index..], @"^\s*(GO|/)\s*$", RegexOptions.Multiline);
        var length = end.Success ? end.Index : code.Length - start.Index;
        var body = code.Substring(start.Index, length);
        var text = script.Substring(start.Index, length);
        if (!ContrastWords().IsMatch(text))
        {
            yield return $"{RuleMatch}: line {Line(code, start.Index)}: an item's contrast is not 造影 (造影 or 血管成像), else 增强, else 平扫, else NULL, read from its name";
        }
        if (!PlainScanTakesSilence().IsMatch(text))
        {
            yield return $"{RuleMatch}: line {Line(code, start.Index)}: a rule's 平扫 must also match an item whose contrast is NULL";
        }
        var likes = Regex.Count(body, @"\bLIKE\b", RegexOptions.IgnoreCase);
        if (oracle)
        {
            if (likes > 0)
            {
                yield return $"{RuleMatch}: line {Line(code, start.Index)}: LIKE follows NLS_COMP=LINGUISTIC and NLS_SORT; match the pattern with REGEXP_LIKE(..., 'c...')";
            }
            var regexes = Regex.Matches(text, @"REGEXP_LIKE\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)", RegexOptions.IgnoreCase);
            if (regexes.Count < 2 || regexes.Any(m => !Regex.IsMatch(m.Value, @",\s*'[a-z]*c[a-z]*'\s*\)$")))
            {
                yield return $"{RuleMatch}: line {Line(code, start.Index)}: body_part and name_pattern must be matched by REGEXP_LIKE with 'c' (case- and accent-sensitive)";
            }
            if (!Regex.IsMatch(body, @"NLSSORT\(e\.modality\b", RegexOptions.IgnoreCase) || !Regex.IsMatch(body, @"NLSSORT\(e\.hospital_id\b", RegexOptions.IgnoreCase))
            {
                yield return $"{RuleMatch}: line {Line(code, start.Index)}: modality and hospital_id must be compared on NLSSORT(..., 'NLS_SORT=BINARY')";
            }
        }
        else
        {
            var binaryLikes = Regex.Count(body, @"COLLATE\s+Latin1_General_BIN2\s+LIKE\s+[\w.]+\s+COLLATE\s+Latin1_General_BIN2", RegexOptions.IgnoreCase);
            if (likes < 2 || binaryLikes != likes)
            {
                yield return $"{RuleMatch}: line {Line(code, start.Index)}: every LIKE must compare both sides in Latin1_General_BIN2 ({binaryLikes} of {likes})";
            }
            var searches = Regex.Count(body, @"\bCHARINDEX\(", RegexOptions.IgnoreCase);
            var binarySearches = Regex.Count(body, @"\bCHARINDEX\([^()]*COLLATE\s+Latin1_General_BIN2\s*\)", RegexOptions.IgnoreCase);
            if (searches == 0 || binarySearches != searches)
            {
                yield return $"{RuleMatch}: line {Line(code, start.Index)}: every CHARINDEX must search the name in Latin1_General_BIN2 ({binarySearches} of {searches})";
            }
        }
    }

    [GeneratedRegex(@"'造影'[^\n]*'血管成像'[^\n]*THEN\s+N?'造影'\s+WHEN[^\n]*'增强'[^\n]*THEN\s+N?'增强'\s+WHEN[^\n]*'平扫'[^\n]*THEN\s+N?'平扫'\s+END", RegexOptions.Singleline)]
    private static partial Regex ContrastWords();

    [GeneratedRegex(@"r\.contrast(\s+COLLATE\s+\w+)?\s*=\s*N?'平扫'\s+AND\s+e\.contrast\s+IS\s+NULL", RegexOptions.IgnoreCase)]
    private static partial Regex PlainScanTakesSilence();

    private static int Line(string code, int index) => code.AsSpan(0, index).Count('\n') + 1;

    [GeneratedRegex(@"\b(SYSDATE|CURRENT_DATE|CURRENT_TIMESTAMP|LOCALTIMESTAMP)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OracleLocalClock();

    [GeneratedRegex(@"\bSYSTIMESTAMP\b", RegexOptions.IgnoreCase)]
    private static partial Regex OracleSysTimestamp();

    [GeneratedRegex(@"^CAST\(SYS_EXTRACT_UTC\(SYSTIMESTAMP\) AS DATE\) \+ utc_offset_minutes / 1440", RegexOptions.IgnoreCase)]
    private static partial Regex OracleNow();

    [GeneratedRegex(@"CAST\([a-z]+\.[a-z_]+ AS N?VARCHAR2\(\d+\)\)", RegexOptions.IgnoreCase)]
    private static partial Regex OracleCastToText();

    [GeneratedRegex(@"\bTO_CHAR\([^,()]+(?:\([^()]*\))?[^,()]*,\s*'([^']*)'\)", RegexOptions.IgnoreCase)]
    private static partial Regex OracleToChar();

    [GeneratedRegex(@"\bROUND\((?!ROUND\()", RegexOptions.IgnoreCase)]
    private static partial Regex OracleRound();

    [GeneratedRegex(@"\GROUND\(CAST\([a-z]+\.[a-z_]+ AS NUMBER\), 6\)", RegexOptions.IgnoreCase)]
    private static partial Regex OracleDecimalRound();

    [GeneratedRegex(@"^\s*CASE\s+WHEN\s+.*\bIS\s+NOT\s+NULL\b.*\bTHEN\b", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex KeyGuard();

    [GeneratedRegex(@"\bfee_detail_sn\b.{0,60}?\s+IS\s+NULL\b", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex FeeSerialOwnCondition();

    [GeneratedRegex(@"\bexam_part_map\s+x\s+ON\s+(.+?)\bWHERE\b", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex CrosswalkJoin();

    /// <summary>The T-SQL rules on the parsed tree: the clock, CONVERT's style, trimming and rounding.</summary>
    private sealed class TSqlVisitor : TSqlFragmentVisitor
    {
        private readonly List<string> problems = [];
        private readonly List<FunctionCall> utcCalls = [];
        private readonly HashSet<FunctionCall> utcCallsWithOffset = [];
        private readonly List<CastCall> textCasts = [];
        private readonly HashSet<CastCall> trimmedCasts = [];

        public IEnumerable<string> Problems() =>
            problems
                .Concat(utcCalls.Where(c => !utcCallsWithOffset.Contains(c)).Select(c =>
                    $"{Clock}: line {c.StartLine}: GETUTCDATE() other than in DATEADD(minute, utc_offset_minutes, GETUTCDATE())"))
                .Concat(textCasts.Where(c => !trimmedCasts.Contains(c)).Select(c =>
                    $"{Trim}: line {c.StartLine}: CAST of a column to a character type outside NULLIF(RTRIM(...), N'')"));

        public override void Visit(FunctionCall node)
        {
            var name = node.FunctionName.Value.ToUpperInvariant();
            switch (name)
            {
                case "GETDATE" or "SYSDATETIME" or "SYSDATETIMEOFFSET" or "SYSUTCDATETIME":
                    problems.Add($"{Clock}: line {node.StartLine}: {name}() (\"now\" is DATEADD(minute, utc_offset_minutes, GETUTCDATE()))");
                    break;
                case "GETUTCDATE":
                    utcCalls.Add(node);
                    break;
                case "DATEADD" when node.Parameters.Count == 3
                    && Text(node.Parameters[0]).Equals("minute", StringComparison.OrdinalIgnoreCase)
                    && Text(node.Parameters[1]).EndsWith("utc_offset_minutes", StringComparison.OrdinalIgnoreCase)
                    && node.Parameters[2] is FunctionCall utc:
                    utcCallsWithOffset.Add(utc);
                    break;
                case "ROUND" when node.Parameters.Count > 0 && !IsCastTo(node.Parameters[0], "decimal", "numeric"):
                    problems.Add($"{Rounding}: line {node.StartLine}: ROUND on a value not made decimal first (a float rounds its binary value: 1.005 gives 1.00)");
                    break;
            }
        }

        public override void Visit(ParameterlessCall node)
        {
            if (node.ParameterlessCallType == ParameterlessCallType.CurrentTimestamp)
            {
                problems.Add($"{Clock}: line {node.StartLine}: CURRENT_TIMESTAMP");
            }
        }

        public override void Visit(ConvertCall node)
        {
            if (node.Style is IntegerLiteral { Value: "120" or "121" } && !IsCastTo(node.Parameter, "datetime2"))
            {
                problems.Add($"{DateTimeStyle}: line {node.StartLine}: CONVERT(..., {((IntegerLiteral)node.Style).Value}) of a value not made datetime2 first (a date-typed column gives 'yyyy-mm-dd')");
            }
        }

        public override void Visit(CastCall node)
        {
            if (node.Parameter is ColumnReferenceExpression && node.DataType is SqlDataTypeReference
                {
                    SqlDataTypeOption: SqlDataTypeOption.VarChar or SqlDataTypeOption.NVarChar or SqlDataTypeOption.Char or SqlDataTypeOption.NChar,
                })
            {
                textCasts.Add(node);
            }
        }

        public override void Visit(NullIfExpression node)
        {
            if (node.FirstExpression is FunctionCall { Parameters: [CastCall cast] } rtrim
                && rtrim.FunctionName.Value.Equals("RTRIM", StringComparison.OrdinalIgnoreCase))
            {
                trimmedCasts.Add(cast);
            }
        }

        private static string Text(TSqlFragment fragment) =>
            string.Concat(fragment.ScriptTokenStream.Skip(fragment.FirstTokenIndex)
                .Take(fragment.LastTokenIndex - fragment.FirstTokenIndex + 1).Select(t => t.Text));

        private static bool IsCastTo(ScalarExpression expression, params string[] types) =>
            expression is CastCall { DataType: SqlDataTypeReference type }
            && types.Any(t => type.SqlDataTypeOption.ToString().Equals(t, StringComparison.OrdinalIgnoreCase));
    }
}
