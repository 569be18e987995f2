using System.Text.RegularExpressions;

namespace ProviderApi.Tests.Dialects;

/// <summary>
/// The guard that keeps patientAge from going negative, read in every dialect's standard views
/// (SQL Server's and Oracle's cannot run here), and broken on purpose to show the reading can fail.
/// The views themselves are run on SQLite and PostgreSQL by the contract suite's age tests.
/// </summary>
public sealed partial class PatientAgeScriptTests
{
    private static string Script(string dialect) => File.ReadAllText(Repository.File(
        dialect == "sqlite" ? "sql/sqlite/03_standard_views.sql" : $"sql/{dialect}/04_standard_views.sql"));

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    [InlineData("sqlserver")]
    [InlineData("oracle")]
    public void Both_arms_of_View_Register_Info_give_no_age_rather_than_a_negative_one(string dialect)
    {
        var script = Script(dialect);

        Assert.Equal(2, AgeGuardRules.AgeElements(script).Count);
        Assert.Empty(AgeGuardRules.Problems(script, dialect));
    }

    public static TheoryData<string, string> Breakages
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var dialect in new[] { "sqlite", "postgresql", "sqlserver", "oracle" })
            {
                foreach (var breakage in new[] { "unguarded", "else", "strict", "times" })
                {
                    data.Add(dialect, breakage);
                }
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Breakages))]
    public void A_copy_whose_age_could_go_negative_is_caught_though_it_is_valid_sql(string dialect, string breakage)
    {
        var shipped = Script(dialect);
        var broken = breakage switch
        {
            // The expression before the guard: a birth after the visit gave -1.
            "unguarded" => Break(Break(shipped, 0, Unguarded), 1, Unguarded),
            // A value where NULL belongs.
            "else" => Break(shipped, 1, raw => FinalEnd().Replace(raw, "ELSE '-1' END", 1)),
            // Born on the day of the visit would be NULL instead of 0.
            "strict" => Break(shipped, 0, raw => GreaterOrEqual().Replace(raw, " > ", 1)),
            // Times compared: born later on the day of the visit would be NULL instead of 0.
            "times" => Break(shipped, 1, raw => GuardCondition().Replace(raw, m => $"WHEN {Inner(m.Groups["visit"].Value)} >= {Inner(m.Groups["birth"].Value)} THEN", 1)),
            _ => throw new ArgumentOutOfRangeException(nameof(breakage)),
        };

        Assert.NotEmpty(AgeGuardRules.Problems(broken, dialect));
        // Still SQL the old engines take: the age rule, not the grammar, is what fails it.
        if (dialect == "sqlserver")
        {
            Assert.Empty(TSqlRules.Problems(broken));
        }
        if (dialect == "oracle")
        {
            Assert.Empty(OracleRules.Problems(broken));
        }
    }

    /// <summary>The script with the patientAge element of one arm (0 outpatient, 1 inpatient) changed.</summary>
    private static string Break(string script, int arm, Func<string, string> change)
    {
        var element = AgeGuardRules.AgeElements(script)[arm];
        var raw = script.Substring(element.Start, element.Length);
        var broken = change(raw);
        Assert.NotEqual(raw, broken);
        return script[..element.Start] + broken + script[(element.Start + element.Length)..];
    }

    private static string Unguarded(string raw) => Guarded().Replace(raw, "${lead}${age}${alias}${tail}");

    /// <summary>The date-time inside a dialect's day function: date(x), CAST(x AS date), TRUNC(x).</summary>
    private static string Inner(string day) => DayFunction().Match(day) is { Success: true } m ? m.Groups["x"].Value : day;

    [GeneratedRegex(@"^(?<lead>\s*)CASE\s+WHEN\s+.+?\s+THEN\s+(?<age>.+)\s+END(?<alias>\s+AS\s+patientAge)?(?<tail>\s*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Guarded();

    [GeneratedRegex(@"\bEND(?=(\s+AS\s+patientAge)?\s*$)", RegexOptions.IgnoreCase)]
    private static partial Regex FinalEnd();

    [GeneratedRegex(@"\s>=\s")]
    private static partial Regex GreaterOrEqual();

    [GeneratedRegex(@"WHEN\s+(?<visit>.+?)\s+>=\s+(?<birth>.+?)\s+THEN", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex GuardCondition();

    [GeneratedRegex(@"^(?:date\(|TRUNC\(|CAST\()(?<x>.+?)(?:\s+AS\s+date)?\)$", RegexOptions.IgnoreCase)]
    private static partial Regex DayFunction();
}
