using ProviderApi.Data;

namespace ProviderApi.Check;

/// <summary>A rule of imgcloud.exam_part_rule as the DBA wrote it (filled by Dapper: SQLite gives integers as Int64).</summary>
public sealed class ExamPartRule
{
    public long RuleNo { get; init; }

    public string HospitalId { get; init; } = ContractCheck.AllInstitutions;

    public string? Modality { get; init; }

    public string? BodyPart { get; init; }

    public string? NamePattern { get; init; }

    public string? Contrast { get; init; }

    public string ExamPart { get; init; } = "";

    public string? Note { get; init; }
}

/// <summary>A rule that matches an item, in the order the view's first-match takes them.</summary>
public sealed record RuleHit(long RuleNo, string ExamPart);

/// <summary>An exam item of the dictionary (View_ProjectItemCode_Info) and what the crosswalk makes of it.</summary>
public sealed class CrosswalkItem
{
    public string ExamCode { get; init; } = "";

    public string? ExamName { get; init; }

    public string? Modality { get; init; }

    public string? BodyPart { get; init; }

    public string? Hospitalld { get; init; }

    /// <summary>The window's settlement lines of this item (exam_item_settlements).</summary>
    public long Settlements { get; set; }

    /// <summary>The override's code (exam_part_map: the institution's own row, else the '*' row), or null.</summary>
    public string? Override { get; set; }

    /// <summary>The override row's hospital_id ('*' or the item's institution).</summary>
    public string? OverrideHospital { get; set; }

    /// <summary>Every rule that matches the item, lowest rule_no first.</summary>
    public List<RuleHit> Hits { get; } = [];

    /// <summary>The rule that maps it when no override does: the first that matches.</summary>
    public RuleHit? Rule => Hits.Count > 0 ? Hits[0] : null;

    /// <summary>The examPart its settlement lines carry: the override, else the first rule; null when unmapped.</summary>
    public string? ExamPart => Override ?? Rule?.ExamPart;

    /// <summary>Two or more matching rules give different codes (the first wins; often a specific rule above a general one).</summary>
    public bool RulesDisagree => Hits.Select(h => h.ExamPart).Distinct(StringComparer.Ordinal).Count() > 1;
}

/// <summary>
/// The examPart crosswalk as the standard views use it, read once for the check and for
/// <c>export-crosswalk</c>: the dictionary's items with their overrides (exam_part_map), every
/// matching rule (exam_part_rule_match) and the window's settlement lines (exam_item_settlements);
/// the rules themselves and the standard's code table (exam_part_code) when a hospital loaded it.
/// The matching itself is the SQL views' (the same on every engine); this only counts.
/// </summary>
public sealed class Crosswalk
{
    private Crosswalk(IReadOnlyList<CrosswalkItem> items, IReadOnlyList<ExamPartRule> rules, IReadOnlyList<OverrideRow> overrides, IReadOnlySet<string> codes)
    {
        Items = items;
        Rules = rules;
        Overrides = overrides;
        Codes = codes;
    }

    public IReadOnlyList<CrosswalkItem> Items { get; }

    /// <summary>exam_part_rule, by rule_no.</summary>
    public IReadOnlyList<ExamPartRule> Rules { get; }

    /// <summary>Every row of exam_part_map, whether or not an item of the dictionary has its code.</summary>
    public IReadOnlyList<OverrideRow> Overrides { get; }

    /// <summary>exam_part_code's codes; empty when the hospital has not loaded the standard's table (only the format is checked then).</summary>
    public IReadOnlySet<string> Codes { get; }

    /// <summary>The highest rule_no in use (0 when there is no rule).</summary>
    public long MaxRuleNo => Rules.Count == 0 ? 0 : Rules.Max(r => r.RuleNo);

    /// <summary>A row of exam_part_map.</summary>
    public sealed class OverrideRow
    {
        public string ExamCode { get; init; } = "";

        public string HospitalId { get; init; } = ContractCheck.AllInstitutions;

        public string ExamPart { get; init; } = "";
    }

    private sealed class MatchRow
    {
        public string ExamCode { get; init; } = "";

        public string? HospitalId { get; init; }

        public long RuleNo { get; init; }

        public string ExamPart { get; init; } = "";
    }

    private sealed class SettlementCount
    {
        public string ExamCode { get; init; } = "";

        public string? HospitalId { get; init; }

        public long Settlements { get; init; }
    }

    private sealed class CodeRow
    {
        public string ExamPart { get; init; } = "";
    }

    /// <summary>Reads the crosswalk; a failed read is a <see cref="ContractCheckException"/> naming the table or view.</summary>
    public static async Task<Crosswalk> ReadAsync(ViewReader views, DatabaseEngine dialect, DatabaseOptions options, CancellationToken cancellationToken)
    {
        async Task<List<T>> All<T>(string what, string sql) => await ContractCheck.ReadAsync(options, what, async () =>
        {
            var rows = new List<T>();
            await foreach (var row in views.StreamAsync<T>(sql, cancellationToken))
            {
                rows.Add(row);
            }
            return rows;
        });

        var items = await All<CrosswalkItem>(dialect.StandardView("View_ProjectItemCode_Info"), $"""
            SELECT examCode AS ExamCode, examName AS ExamName, modality AS Modality, examBodyPart AS BodyPart, hospitalld AS Hospitalld
            FROM {dialect.StandardView("View_ProjectItemCode_Info")}
            WHERE examCode IS NOT NULL
            """);
        var overrides = await All<OverrideRow>(dialect.Imgcloud("exam_part_map"),
            $"SELECT exam_code AS ExamCode, hospital_id AS HospitalId, exam_part AS ExamPart FROM {dialect.Imgcloud("exam_part_map")}");
        var rules = await All<ExamPartRule>(dialect.Imgcloud("exam_part_rule"), $"""
            SELECT rule_no AS RuleNo, hospital_id AS HospitalId, modality AS Modality, body_part AS BodyPart, name_pattern AS NamePattern,
                   contrast AS Contrast, exam_part AS ExamPart, note AS Note
            FROM {dialect.Imgcloud("exam_part_rule")}
            """);
        var matches = await All<MatchRow>(dialect.Imgcloud("exam_part_rule_match"),
            $"SELECT exam_code AS ExamCode, hospital_id AS HospitalId, rule_no AS RuleNo, exam_part AS ExamPart FROM {dialect.Imgcloud("exam_part_rule_match")}");
        var settlements = await All<SettlementCount>(dialect.Imgcloud("exam_item_settlements"),
            $"SELECT exam_code AS ExamCode, hospital_id AS HospitalId, settlements AS Settlements FROM {dialect.Imgcloud("exam_item_settlements")}");
        var codes = await All<CodeRow>(dialect.Imgcloud("exam_part_code"), $"SELECT exam_part AS ExamPart FROM {dialect.Imgcloud("exam_part_code")}");

        var byKey = new Dictionary<(string, string), CrosswalkItem>();
        foreach (var item in items)
        {
            byKey.TryAdd((item.ExamCode, item.Hospitalld ?? ""), item);
        }
        var map = overrides.ToDictionary(o => (o.ExamCode, o.HospitalId));
        foreach (var item in items)
        {
            // The institution's own row first, else the row for every institution: as view_setlInfoList joins them.
            if (map.TryGetValue((item.ExamCode, item.Hospitalld ?? ""), out var own) || map.TryGetValue((item.ExamCode, ContractCheck.AllInstitutions), out own))
            {
                item.Override = own.ExamPart;
                item.OverrideHospital = own.HospitalId;
            }
        }
        foreach (var match in matches.OrderBy(m => m.RuleNo))
        {
            if (byKey.TryGetValue((match.ExamCode, match.HospitalId ?? ""), out var item))
            {
                item.Hits.Add(new RuleHit(match.RuleNo, match.ExamPart));
            }
        }
        foreach (var count in settlements)
        {
            if (byKey.TryGetValue((count.ExamCode, count.HospitalId ?? ""), out var item))
            {
                item.Settlements += count.Settlements;
            }
        }
        return new Crosswalk(
            [.. items.OrderBy(i => i.ExamCode, StringComparer.Ordinal).ThenBy(i => i.Hospitalld, StringComparer.Ordinal)],
            [.. rules.OrderBy(r => r.RuleNo)],
            overrides,
            codes.Select(c => c.ExamPart).ToHashSet(StringComparer.Ordinal));
    }
}
