using System.Text.Json;
using System.Text.Json.Serialization;
using ProviderApi.Contract;
using ProviderApi.Data;

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

/// <summary>
/// The examPart crosswalk's coverage: how the dictionary's items get their code (an override in
/// exam_part_map, else the first matching rule of exam_part_rule), what each rule maps, the items
/// nothing maps, items whose matching rules disagree, and codes missing from the standard's code
/// table when a hospital loaded it (exam_part_code). Counts of settlement lines are the window's
/// (exam_item_settlements, the window of view_setlInfoList).
/// </summary>
public sealed record CrosswalkReport(string Table, IReadOnlyList<UnmappedExamItem> Unmapped)
{
    /// <summary>The rule each unmapped item breaks.</summary>
    [JsonPropertyOrder(-1)]
    public string Rule => CheckRules.ExamPartUnmapped.Id;

    [JsonPropertyOrder(-1)]
    public RuleSeverity Severity => CheckRules.ExamPartUnmapped.Severity;

    /// <summary>The rules' table (imgcloud.exam_part_rule).</summary>
    public string RuleTable { get; init; } = "";

    /// <summary>The standard's code table (imgcloud.exam_part_code).</summary>
    public string CodeTable { get; init; } = "";

    /// <summary>Exam items of the dictionary (View_ProjectItemCode_Info), one per code and institution.</summary>
    public long Items { get; init; }

    /// <summary>The window's settlement lines of the dictionary's items.</summary>
    public long Settlements { get; init; }

    /// <summary>Items mapped by an override (exam_part_map), and their settlement lines.</summary>
    public Coverage ByOverride { get; init; } = new(0, 0);

    /// <summary>Items mapped by a rule (no override), and their settlement lines.</summary>
    public Coverage ByRule { get; init; } = new(0, 0);

    /// <summary>The settlement lines of the unmapped items: they carry examPart NULL.</summary>
    public long UnmappedSettlements => Unmapped.Sum(u => u.Settlements);

    /// <summary>Every rule, by rule_no, with the items it maps (as the first match, no override above it) and all it matches.</summary>
    public IReadOnlyList<RuleCoverage> Rules { get; init; } = [];

    /// <summary>exam_part_map's rows, and those whose code no item of the dictionary has (left from items since removed, or a code typed wrong).</summary>
    public OverrideCoverage Overrides { get; init; } = new(0, 0);

    /// <summary>Items matched by rules that give different codes: information, not a failure (a specific rule above a general one is the usual way to write rules).</summary>
    public IReadOnlyList<RuleDisagreement> Disagreements { get; init; } = [];

    /// <summary>Codes in exam_part_code (0: the standard's table is not loaded, so only the format is checked).</summary>
    public long Codes { get; init; }

    /// <summary>Rules and overrides whose code is not in exam_part_code (only when it has rows): errors.</summary>
    public IReadOnlyList<UnknownCode> UnknownCodes { get; init; } = [];

    [JsonIgnore]
    public IEnumerable<RuleFinding> Findings
    {
        get
        {
            if (Unmapped.Count > 0)
            {
                yield return Finding(CheckRules.ExamPartUnmapped, "examCode", Unmapped.Count, Unmapped.Select(u => new FindingExample(u.ExamCode ?? "", u.ExamName)));
            }
            if (Disagreements.Count > 0)
            {
                yield return Finding(CheckRules.ExamPartRulesDisagree, "examCode", Disagreements.Count,
                    Disagreements.Select(d => new FindingExample(d.ExamCode, string.Join(", ", d.Rules.Select(r => $"{r.RuleNo}:{r.ExamPart}")))));
            }
            if (UnknownCodes.Count > 0)
            {
                yield return Finding(CheckRules.ExamPartUnknown, "exam_part", UnknownCodes.Count, UnknownCodes.Select(u => new FindingExample(u.Source, u.ExamPart)));
            }
        }
    }

    private static RuleFinding Finding(CheckRule rule, string field, long count, IEnumerable<FindingExample> examples) =>
        new(rule.Id, rule.Severity, field, count, rule.Chinese, rule.English, [.. examples]);

    /// <summary>The coverage of <paramref name="crosswalk"/>: what the check reports.</summary>
    public static CrosswalkReport Of(Crosswalk crosswalk, DatabaseEngine dialect)
    {
        var items = crosswalk.Items;
        var byOverride = items.Where(i => i.Override is not null).ToList();
        var byRule = items.Where(i => i.Override is null && i.Rule is not null).ToList();
        var itemCodes = items.Select(i => i.ExamCode).ToHashSet(StringComparer.Ordinal);
        var hasCodes = crosswalk.Codes.Count > 0;
        return new CrosswalkReport(dialect.Imgcloud("exam_part_map"),
            [.. items.Where(i => i.ExamPart is null).Select(i => new UnmappedExamItem { ExamCode = i.ExamCode, ExamName = i.ExamName, Hospitalld = i.Hospitalld, Settlements = i.Settlements })])
        {
            RuleTable = dialect.Imgcloud("exam_part_rule"),
            CodeTable = dialect.Imgcloud("exam_part_code"),
            Items = items.Count,
            Settlements = items.Sum(i => i.Settlements),
            ByOverride = new(byOverride.Count, byOverride.Sum(i => i.Settlements)),
            ByRule = new(byRule.Count, byRule.Sum(i => i.Settlements)),
            Rules = [.. crosswalk.Rules.Select(r =>
            {
                var won = byRule.Where(i => i.Rule!.RuleNo == r.RuleNo).ToList();
                return new RuleCoverage(r.RuleNo, r.HospitalId, r.Modality, r.BodyPart, r.NamePattern, r.Contrast, r.ExamPart,
                    won.Count, won.Sum(i => i.Settlements), items.Count(i => i.Hits.Any(h => h.RuleNo == r.RuleNo)));
            })],
            Overrides = new(crosswalk.Overrides.Count, crosswalk.Overrides.Count(o => !itemCodes.Contains(o.ExamCode))),
            Disagreements = [.. items.Where(i => i.RulesDisagree).Select(i => new RuleDisagreement(i.ExamCode, i.ExamName, i.Hospitalld,
                [.. i.Hits.Select(h => new RuleUsed(h.RuleNo, h.ExamPart))],
                i.Override is null ? $"rule {i.Rule!.RuleNo}" : "override", i.ExamPart!))],
            Codes = crosswalk.Codes.Count,
            UnknownCodes = !hasCodes ? [] :
            [
                .. crosswalk.Rules.Where(r => !crosswalk.Codes.Contains(r.ExamPart)).Select(r => new UnknownCode($"rule {r.RuleNo}", r.ExamPart)),
                .. crosswalk.Overrides.Where(o => !crosswalk.Codes.Contains(o.ExamPart)).OrderBy(o => o.ExamCode, StringComparer.Ordinal)
                    .Select(o => new UnknownCode($"override {o.ExamCode} ({o.HospitalId})", o.ExamPart)),
            ],
        };
    }
}

/// <summary>Items and their settlement lines in the window.</summary>
public sealed record Coverage(long Items, long Settlements);

/// <summary>exam_part_map: its rows, and those whose exam_code no item of the dictionary has.</summary>
public sealed record OverrideCoverage(long Rows, long Unused);

/// <summary>One rule: the items it maps (first match, no override), their settlement lines, and every item it matches (a rule that matches but maps nothing is shadowed by those above it).</summary>
public sealed record RuleCoverage(long RuleNo, string HospitalId, string? Modality, string? BodyPart, string? NamePattern, string? Contrast, string ExamPart,
    long Items, long Settlements, long Matched);

/// <summary>An item two or more rules match with different codes: which rules, and what the item carries (by the first rule, or an override above them).</summary>
public sealed record RuleDisagreement(string ExamCode, string? ExamName, string? Hospitalld, IReadOnlyList<RuleUsed> Rules, string Winner, string ExamPart);

/// <summary>A matching rule and its code.</summary>
public sealed record RuleUsed(long RuleNo, string ExamPart);

/// <summary>A rule or override whose code is not in the standard's code table.</summary>
public sealed record UnknownCode(string Source, string ExamPart);

/// <summary>An exam item that no override and no rule maps.</summary>
public sealed class UnmappedExamItem
{
    public string? ExamCode { get; init; }

    public string? ExamName { get; init; }

    /// <summary>The institution whose item it is: the crosswalk maps a code per institution or for all of them.</summary>
    public string? Hospitalld { get; init; }

    /// <summary>The window's settlement lines of this item (they carry examPart NULL).</summary>
    public long Settlements { get; init; }
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
