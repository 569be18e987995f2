using System.Text.RegularExpressions;
using ProviderApi.Tests.Contract;

namespace ProviderApi.Tests.Dialects;

/// <summary>
/// patientAge read from a dialect's View_Register_Info without running it: in every arm of the
/// UNION the age is <c>CASE WHEN day(visit) &gt;= day(date_of_birth) THEN age END</c>, with no
/// ELSE, so a HIS whose date of birth falls after the visit gives NULL, never a negative age.
/// Days are compared, not times: a birth time later on the day of the visit is age 0.
/// </summary>
public static partial class AgeGuardRules
{
    private static readonly int AgeColumn = Array.IndexOf(ContractColumns.Register, "patientAge");

    /// <summary>The day of a date-time in each dialect, as the guard must write it (group x: the date-time).</summary>
    private static Regex DayOf(string dialect) => dialect switch
    {
        "sqlite" => new(@"^date\((?<x>.+)\)$", RegexOptions.IgnoreCase),
        "postgresql" or "sqlserver" => new(@"^CAST\((?<x>.+) AS date\)$", RegexOptions.IgnoreCase),
        "oracle" => new(@"^TRUNC\((?<x>.+)\)$", RegexOptions.IgnoreCase),
        _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "no such dialect"),
    };

    /// <summary>The patientAge element of every arm of View_Register_Info in <paramref name="script"/>.</summary>
    public static IReadOnlyList<SqlText.SelectElement> AgeElements(string script) =>
        SqlText.ViewSelectLists(script, "View_Register_Info")?.Where(arm => arm.Count > AgeColumn).Select(arm => arm[AgeColumn]).ToList() ?? [];

    /// <summary>Every arm whose patientAge could come out negative, or is not guarded as above.</summary>
    public static IReadOnlyList<string> Problems(string script, string dialect)
    {
        var arms = SqlText.ViewSelectLists(script, "View_Register_Info");
        if (arms is null || arms.Count < 2)
        {
            return [$"View_Register_Info with an outpatient and an inpatient arm not found ({arms?.Count ?? 0} arms)"];
        }
        var problems = new List<string>();
        var day = DayOf(dialect);
        for (var n = 0; n < arms.Count; n++)
        {
            var where = $"arm {n + 1} of View_Register_Info";
            if (arms[n].Count <= AgeColumn)
            {
                problems.Add($"{where}: no patientAge column");
                continue;
            }
            var element = Alias().Replace(Whitespace().Replace(arms[n][AgeColumn].Code, " ").Trim(), "");
            var guard = Guard().Match(element);
            if (!guard.Success)
            {
                problems.Add($"{where}: patientAge is not CASE WHEN <visit day> >= <birth day> THEN <age> END: {element}");
                continue;
            }
            var visit = day.Match(guard.Groups["visit"].Value);
            var birth = day.Match(guard.Groups["birth"].Value);
            if (!visit.Success || !birth.Success)
            {
                problems.Add($"{where}: the guard must compare days ({day}), not times: {guard.Groups["visit"].Value} >= {guard.Groups["birth"].Value}");
                continue;
            }
            if (!birth.Groups["x"].Value.EndsWith("date_of_birth", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{where}: the guard's right side is not the date of birth: {birth.Groups["x"].Value}");
            }
            var age = guard.Groups["age"].Value;
            if (!age.Contains(visit.Groups["x"].Value, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{where}: the guard tests {visit.Groups["x"].Value}, the age is computed from another time: {age}");
            }
            if (OuterElse(element))
            {
                problems.Add($"{where}: the guard has an ELSE: a birth after the visit must give NULL");
            }
        }
        return problems;
    }

    /// <summary>An ELSE of the outermost CASE (nested CASEs inside the age keep theirs).</summary>
    private static bool OuterElse(string element)
    {
        var level = 0;
        foreach (Match word in CaseWord().Matches(element))
        {
            switch (word.Value.ToUpperInvariant())
            {
                case "CASE":
                    level++;
                    break;
                case "END":
                    level--;
                    break;
                case "ELSE" when level == 1:
                    return true;
            }
        }
        return false;
    }

    [GeneratedRegex(@"^CASE WHEN (?<visit>.+?) >= (?<birth>.+?) THEN (?<age>.+) END$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Guard();

    [GeneratedRegex(@"\s+AS\s+patientAge$", RegexOptions.IgnoreCase)]
    private static partial Regex Alias();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\b(CASE|END|ELSE)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CaseWord();
}
