using System.Text.Json;
using System.Text.Json.Serialization;
using ProviderApi.Contract;

namespace ProviderApi.Check;

/// <summary>What the contract check found: per view, each broken rule with its count and a few masked examples.</summary>
public sealed record CheckReport(
    string Provider,
    IReadOnlyList<ViewReport> Views,
    CrosswalkReport Crosswalk)
{
    /// <summary>Rows that broke an error-level rule (a row breaking two is counted twice).</summary>
    [JsonPropertyOrder(-1)]
    public long Errors => Findings.Where(f => f.Severity == RuleSeverity.Error).Sum(f => f.Count);

    /// <summary>Rows (and unmapped exam items) that broke a warning-level rule.</summary>
    [JsonPropertyOrder(-1)]
    public long Warnings => Findings.Where(f => f.Severity == RuleSeverity.Warning).Sum(f => f.Count);

    /// <summary>No error-level rule is broken: warnings alone do not hold go-live back.</summary>
    [JsonPropertyOrder(-2)]
    public bool Passed => Errors == 0;

    /// <summary>0 when passed, 1 when any error-level rule is broken.</summary>
    [JsonIgnore]
    public int ExitCode => Passed ? 0 : 1;

    /// <summary>Every finding of every view and of the crosswalk.</summary>
    [JsonIgnore]
    public IEnumerable<RuleFinding> Findings => Views.SelectMany(v => v.Findings).Concat(Crosswalk.Findings);

    /// <summary>The hospital's accepted exceptions and what each covered; null when Check:AcceptedExceptionsPath is not set.</summary>
    public AcceptedReport? Accepted { get; init; }

    /// <summary>Error-level problems an acceptance covers (a row breaking two accepted rules is counted twice): reported apart, not errors.</summary>
    [JsonPropertyOrder(-1)]
    public long AcceptedProblems => Views.Sum(v => v.Accepted.Sum(f => f.Count));

    /// <summary>The finding of <paramref name="ruleId"/> on <paramref name="field"/> (any field when null), or null when the rule held.</summary>
    public RuleFinding? Finding(string ruleId, string? field = null) =>
        Findings.SingleOrDefault(f => f.Rule == ruleId && (field is null || f.Field == field));
}

/// <summary>One standard view: how many rows were read and which rules they broke.</summary>
public sealed record ViewReport(string View, long Rows, IReadOnlyList<RuleFinding> Findings)
{
    /// <summary>Problems an accepted exception covers, each with the number of the acceptance (<see cref="RuleFinding.Acceptance"/>).</summary>
    public IReadOnlyList<RuleFinding> Accepted { get; init; } = [];
}

/// <summary>A rule broken on one field: how many rows, and the first few of them.</summary>
public sealed record RuleFinding(
    string Rule,
    RuleSeverity Severity,
    string? Field,
    long Count,
    string MessageZh,
    string MessageEn,
    IReadOnlyList<FindingExample> Examples)
{
    /// <summary>The accepted exception (its number in the file) covering these rows; null for a finding that counts.</summary>
    public int? Acceptance { get; init; }
}

/// <summary>The hospital's file of accepted exceptions, and each acceptance with what it covered in this check.</summary>
public sealed record AcceptedReport(string Path, IReadOnlyList<AcceptanceReport> Acceptances)
{
    /// <summary>What <paramref name="list"/> covered in the reads the ledgers kept count of.</summary>
    public static AcceptedReport Of(AcceptanceList list, IReadOnlyList<AcceptanceLedger> ledgers) =>
        new(list.Path!, [.. list.All.Select(a =>
        {
            var ledger = ledgers.First(l => l.View == a.View);
            var (accepted, over, expired) = ledger.CountsOf(a);
            var (zh, en) = a.ScopeText();
            return new AcceptanceReport(a.Number, a.Line, a.View, a.Rule.Id, a.Field, en, zh, a.Hospitalld, a.Reason, a.AgreedBy,
                a.Expires.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                a.Expires.DayNumber - ledger.Today.DayNumber, accepted, over, expired);
        })]);
}

/// <summary>
/// One acceptance in a check: the rows it covered, and the rows it would have covered but could
/// not (over its maxRows, or expired: those count as errors).
/// </summary>
/// <remarks>DaysLeft: Days until it expires (0: today is its last day; negative: expired).</remarks>
public sealed record AcceptanceReport(
    int Number,
    int Line,
    string View,
    string Rule,
    string Field,
    string Scope,
    string ScopeZh,
    string? Hospitalld,
    string Reason,
    string AgreedBy,
    string Expires,
    int DaysLeft,
    long AcceptedRows,
    long OverLimitRows,
    long ExpiredRows)
{
    /// <summary>ok, expiring (within 14 days), unused (matched nothing: remove it), expired, or exceeded (more rows than it accepts).</summary>
    public string State =>
        OverLimitRows > 0 ? "exceeded"
        : DaysLeft < 0 ? "expired"
        : AcceptedRows == 0 ? "unused"
        : DaysLeft < Check.Acceptance.ExpiryWarningDays ? "expiring"
        : "ok";

    /// <summary>It makes the check fail: it left rows over its limit, or expired with rows it would have covered.</summary>
    public bool Fails => OverLimitRows > 0 || ExpiredRows > 0;
}

/// <summary>A row that broke a rule: its key in the view (outpatientNumber, examCode, accessionNo, deptCode) and the value, masked where personal.</summary>
public sealed record FindingExample(string Row, string? Value);

/// <summary>The examPart crosswalk: every exam item of the dictionary without a row in it.</summary>
public sealed record CrosswalkReport(string Table, IReadOnlyList<UnmappedExamItem> Unmapped)
{
    /// <summary>The rule each unmapped item breaks.</summary>
    [JsonPropertyOrder(-1)]
    public string Rule => CheckRules.ExamPartUnmapped.Id;

    [JsonPropertyOrder(-1)]
    public RuleSeverity Severity => CheckRules.ExamPartUnmapped.Severity;

    [JsonIgnore]
    public IEnumerable<RuleFinding> Findings => Unmapped.Count == 0
        ? []
        : [new RuleFinding(CheckRules.ExamPartUnmapped.Id, CheckRules.ExamPartUnmapped.Severity, "examCode", Unmapped.Count,
            CheckRules.ExamPartUnmapped.Chinese, CheckRules.ExamPartUnmapped.English,
            [.. Unmapped.Select(u => new FindingExample(u.ExamCode ?? "", u.ExamName))])];
}

/// <summary>An exam item the crosswalk does not map (filled by Dapper).</summary>
public sealed class UnmappedExamItem
{
    public string? ExamCode { get; init; }

    public string? ExamName { get; init; }

    /// <summary>The institution whose item it is: the crosswalk maps a code per institution or for all of them.</summary>
    public string? Hospitalld { get; init; }
}

/// <summary>The report as JSON: camelCase, indented, Chinese written as UTF-8 (not \uXXXX).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(CheckReport))]
public sealed partial class CheckJsonContext : JsonSerializerContext
{
    public static CheckJsonContext Report { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = ContractJsonContext.Encoder,
        Converters = { new JsonStringEnumConverter<RuleSeverity>(JsonNamingPolicy.CamelCase) },
    });
}
