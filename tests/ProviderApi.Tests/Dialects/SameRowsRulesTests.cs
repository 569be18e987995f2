using System.Text.RegularExpressions;

namespace ProviderApi.Tests.Dialects;

/// <summary>
/// The same-rows rules (contract.md, 2026-12-01) on the SQL Server and Oracle scripts, which
/// cannot run here: the shipped files pass, and a copy with one rule broken fails on that rule.
/// </summary>
public sealed class SameRowsRulesTests
{
    private static string Read(string relative) => File.ReadAllText(Repository.File(relative));

    private static IReadOnlyList<string> Check(string dialect, string file, string text)
    {
        var problems = dialect == "sqlserver" ? SameRowsRules.TSql(text) : SameRowsRules.Oracle(text);
        // The source views (03) are the reference HIS's mapping: only the clock and the keys apply there.
        return file.StartsWith("03", StringComparison.Ordinal)
            ? problems.Where(p => p.StartsWith(SameRowsRules.Clock, StringComparison.Ordinal) || p.StartsWith(SameRowsRules.KeyParts, StringComparison.Ordinal) || p.StartsWith("parse", StringComparison.Ordinal)).ToList()
            : problems;
    }

    [Theory]
    [InlineData("sqlserver", "03_source_views.sql")]
    [InlineData("sqlserver", "04_standard_views.sql")]
    [InlineData("oracle", "03_source_views.sql")]
    [InlineData("oracle", "04_standard_views.sql")]
    public void The_shipped_scripts_follow_the_same_rows_rules(string dialect, string file)
    {
        Assert.Empty(Check(dialect, file, Read($"sql/{dialect}/{file}")));
    }

    public static TheoryData<string, string, string, string, string> BrokenCopies => new()
    {
        // "now" from the server's clock.
        { "sqlserver", "04_standard_views.sql", "DATEADD(minute, utc_offset_minutes, GETUTCDATE())", "GETDATE()", SameRowsRules.Clock },
        { "sqlserver", "03_source_views.sql", "(SELECT DATEADD(minute, utc_offset_minutes, GETUTCDATE()) FROM imgcloud.settings)", "GETDATE()", SameRowsRules.Clock },
        { "sqlserver", "04_standard_views.sql", "DATEADD(minute, utc_offset_minutes, GETUTCDATE())", "GETUTCDATE()", SameRowsRules.Clock },
        { "oracle", "04_standard_views.sql", "CAST(SYS_EXTRACT_UTC(SYSTIMESTAMP) AS DATE) + utc_offset_minutes / 1440", "SYSDATE", SameRowsRules.Clock },
        { "oracle", "03_source_views.sql", "CAST(SYS_EXTRACT_UTC(SYSTIMESTAMP) AS DATE) + utc_offset_minutes / 1440", "CAST(SYSTIMESTAMP AS DATE)", SameRowsRules.Clock },
        // A date-typed column written as 'yyyy-mm-dd'.
        { "sqlserver", "04_standard_views.sql", "CONVERT(varchar(19), CAST(o.visit_time AS datetime2), 120)", "CONVERT(varchar(19), o.visit_time, 120)", SameRowsRules.DateTimeStyle },
        { "oracle", "04_standard_views.sql", "TO_CHAR(o.visit_time, 'YYYY-MM-DD HH24:MI:SS')", "TO_CHAR(o.visit_time, 'YYYY-MM-DD')", SameRowsRules.DateTimeStyle },
        // CHAR padding kept, '' not made NULL.
        { "sqlserver", "04_standard_views.sql", "NULLIF(RTRIM(CAST(o.patient_name AS nvarchar(200))), N'')", "CAST(o.patient_name AS nvarchar(200))", SameRowsRules.Trim },
        { "sqlserver", "04_standard_views.sql", "NULLIF(RTRIM(CAST(d.dept_code AS nvarchar(100))), N'')", "RTRIM(CAST(d.dept_code AS nvarchar(100)))", SameRowsRules.Trim },
        { "oracle", "04_standard_views.sql", "RTRIM(CAST(d.dept_code AS VARCHAR2(400)))", "CAST(d.dept_code AS VARCHAR2(400))", SameRowsRules.Trim },
        // Rounding the binary value of a float.
        { "sqlserver", "04_standard_views.sql", "ROUND(CAST(e.price AS decimal(24, 6)), 2)", "ROUND(e.price, 2)", SameRowsRules.Rounding },
        { "oracle", "04_standard_views.sql", "ROUND(ROUND(CAST(e.price AS NUMBER), 6), 2)", "ROUND(e.price, 2)", SameRowsRules.Rounding },
        // feedetlSn's zeros from self_paid alone.
        { "sqlserver", "04_standard_views.sql", "s.self_paid = 1 OR NULLIF(RTRIM(CAST(s.fee_detail_sn AS nvarchar(100))), N'') IS NULL", "s.self_paid = 1", SameRowsRules.FeeSerial },
        { "oracle", "04_standard_views.sql", "s.self_paid = 1 OR RTRIM(CAST(s.fee_detail_sn AS VARCHAR2(400))) IS NULL", "s.self_paid = 1", SameRowsRules.FeeSerial },
        // The crosswalk compared under the database's or the session's collation.
        { "sqlserver", "04_standard_views.sql", "x.exam_code COLLATE Latin1_General_BIN2 =", "x.exam_code =", SameRowsRules.Crosswalk },
        { "oracle", "04_standard_views.sql", "NLSSORT(x.exam_code, 'NLS_SORT=BINARY')", "x.exam_code", SameRowsRules.Crosswalk },
        // The crosswalk rules: a pattern or a name searched under the database's or the session's collation, the contrast words.
        { "sqlserver", "04_standard_views.sql", "e.body_part COLLATE Latin1_General_BIN2 LIKE r.body_part COLLATE Latin1_General_BIN2", "e.body_part LIKE r.body_part", SameRowsRules.RuleMatch },
        { "sqlserver", "04_standard_views.sql", "CHARINDEX(N'增强', i.exam_name COLLATE Latin1_General_BIN2)", "CHARINDEX(N'增强', i.exam_name)", SameRowsRules.RuleMatch },
        { "sqlserver", "04_standard_views.sql", "OR CHARINDEX(N'血管成像', i.exam_name COLLATE Latin1_General_BIN2) > 0 ", "", SameRowsRules.RuleMatch },
        { "sqlserver", "04_standard_views.sql", " OR (r.contrast COLLATE Latin1_General_BIN2 = N'平扫' AND e.contrast IS NULL)", "", SameRowsRules.RuleMatch },
        { "oracle", "04_standard_views.sql", "REGEXP_LIKE(e.exam_name, r.name_re, 'cn')", "e.exam_name LIKE r.name_pattern", SameRowsRules.RuleMatch },
        { "oracle", "04_standard_views.sql", "REGEXP_LIKE(e.body_part, r.body_re, 'cn')", "REGEXP_LIKE(e.body_part, r.body_re, 'n')", SameRowsRules.RuleMatch },
        { "oracle", "04_standard_views.sql", "NLSSORT(e.modality, 'NLS_SORT=BINARY')", "e.modality", SameRowsRules.RuleMatch },
        { "oracle", "04_standard_views.sql", "WHEN INSTR(i.exam_name, '增强') > 0 THEN '增强'\n                       WHEN INSTR(i.exam_name, '平扫') > 0 THEN '平扫'", "WHEN INSTR(i.exam_name, '平扫') > 0 THEN '平扫'\n                       WHEN INSTR(i.exam_name, '增强') > 0 THEN '增强'", SameRowsRules.RuleMatch },
        // A key of parts that keeps going when a part is NULL.
        { "oracle", "03_source_views.sql", "CASE WHEN v.PATIENT_ID IS NOT NULL AND v.VISIT_ID IS NOT NULL\n         THEN 'ZY'", "CASE WHEN 1 = 1\n         THEN 'ZY'", SameRowsRules.KeyParts },
    };

    [Theory]
    [MemberData(nameof(BrokenCopies))]
    public void Each_rule_catches_a_broken_copy(string dialect, string file, string shipped, string broken, string rule)
    {
        var text = Read($"sql/{dialect}/{file}");
        Assert.Contains(shipped, text, StringComparison.Ordinal);
        var copy = text.Replace(shipped, broken, StringComparison.Ordinal);

        var problems = Check(dialect, file, copy);

        Assert.Contains(problems, p => p.StartsWith(rule, StringComparison.Ordinal));
    }

    [Fact]
    public void The_ordering_the_served_dictionaries_use_puts_nulls_last_on_every_engine()
    {
        foreach (var engine in ProviderApi.Data.DatabaseEngine.All)
        {
            var order = engine.OrdinalOrder("examCode");
            Assert.True(
                Regex.IsMatch(order, @"NULLS LAST|examCode IS NULL|CASE WHEN examCode IS NULL THEN 1", RegexOptions.IgnoreCase),
                $"{engine.Provider}: {order}");
        }
    }
}
