namespace ProviderApi.Check;

/// <summary>A group of unmapped items and the rule proposed for it (rule_no spaced after the rules in use).</summary>
public sealed record CrosswalkGroup(long RuleNo, string? Modality, string? BodyPart, string? NamePattern, string Contrast, IReadOnlyList<CrosswalkItem> Items)
{
    public long Settlements => Items.Sum(i => i.Settlements);
}

/// <summary>
/// <c>export-crosswalk</c>: the items no override and no rule maps, grouped for a radiologist to give one
/// code per group. The key is the item's modality, its body part (the examBodyPart column; where the HIS
/// leaves it empty, the first body-part word of <see cref="BodyPartWords"/> found in the name) and its
/// contrast as the views derive it from the name (a name that says none is grouped with 平扫, which is what
/// a 平扫 rule takes). Institutions are not part of the key: a code of the standard means the same in every
/// institution, so each proposed rule is for every institution ('*'), and an institution whose item needs
/// another code gets an item line (an override for that institution).
/// </summary>
/// <remarks>
/// The proposed rules are numbered so that each takes exactly its group's items among today's unmapped
/// items, whatever the groups' order in the file (by settlement lines, most first): rules on the body-part
/// column first (an item with an empty body part never matches one), then the name-word rules in the
/// words' own order (the word an item is grouped by is the first of that order in its name), then the
/// rules on modality and contrast alone (items whose name has no listed word); within each, a rule for one
/// modality before a rule for any (an item without modality).
/// </remarks>
public static class CrosswalkExport
{
    /// <summary>The contrast of a name that says none: a 平扫 rule takes such items.</summary>
    private static readonly string Plain = ExamPartRules.ContrastWords[0];

    /// <summary>
    /// Body-part words, longest first (上腹部 before 腹部, 头颈部 before 颈部), then in the order listed:
    /// used where the HIS leaves examBodyPart empty.
    /// </summary>
    public static readonly IReadOnlyList<string> BodyPartWords = new[]
    {
        "头颅", "头部", "颅脑", "头颈部", "鼻窦", "眼眶", "内听道", "颞骨", "鞍区", "垂体", "颌面部", "鼻咽", "鼻骨", "口腔", "颈部血管", "颈部", "甲状腺", "喉部",
        "胸部", "肺部", "心脏", "冠状动脉", "主动脉", "纵隔", "乳腺", "上腹部", "中腹部", "下腹部", "腹部", "肝胆胰脾", "肝胆", "肝脏", "胆囊", "胰腺", "脾脏",
        "肾脏", "肾上腺", "泌尿系", "膀胱", "前列腺", "盆腔", "子宫", "附件", "妇科", "产科", "上消化道", "下消化道", "食管", "胃", "结肠",
        "颈椎", "胸椎", "腰椎", "骶尾椎", "骶髂关节", "骨盆", "肩关节", "肘关节", "腕关节", "手", "髋关节", "膝关节", "踝关节", "足", "上肢", "下肢", "四肢",
        "全身骨", "全身", "浅表淋巴结", "阴囊", "睾丸",
    }.Select((word, index) => (word, index)).OrderByDescending(w => w.word.Length).ThenBy(w => w.index).Select(w => w.word).ToArray();

    /// <summary>The groups of <paramref name="crosswalk"/>'s unmapped items, most settlement lines first.</summary>
    public static IReadOnlyList<CrosswalkGroup> Groups(Crosswalk crosswalk)
    {
        var keyed = crosswalk.Items.Where(i => i.ExamPart is null).Select(item =>
        {
            var contrast = ExamPartRules.ContrastOf(item.ExamName) ?? Plain;
            if (item.BodyPart is { } part && part.IndexOfAny(['%', '_']) < 0 && ExamPartRules.PatternProblem(part) is null)
            {
                return (Kind: 0, Rank: 0, item.Modality, BodyPart: (string?)part, Word: (string?)null, Contrast: contrast, Item: item);
            }
            var rank = BodyPartWords.Select((w, i) => (w, i)).FirstOrDefault(w => item.ExamName?.Contains(w.w, StringComparison.Ordinal) == true, (w: "", i: -1)).i;
            return rank >= 0
                ? (Kind: 1, Rank: rank, item.Modality, BodyPart: null, Word: BodyPartWords[rank], Contrast: contrast, Item: item)
                : (Kind: 2, Rank: 0, item.Modality, BodyPart: null, Word: null, Contrast: contrast, Item: item);
        });
        var groups = keyed
            .GroupBy(k => (k.Kind, k.Rank, k.Modality, k.BodyPart, k.Word, k.Contrast))
            .OrderBy(g => g.Key.Kind)
            .ThenBy(g => g.Key.Rank)
            .ThenBy(g => g.Key.Modality is null)
            .ThenBy(g => g.Key.Modality, StringComparer.Ordinal)
            .ThenBy(g => g.Key.BodyPart, StringComparer.Ordinal)
            .ThenBy(g => ExamPartRules.ContrastWords.TakeWhile(w => w != g.Key.Contrast).Count())
            .ToList();

        // Spaced after the rules in use: the next hundred, then every 10, so a DBA can put a rule between two.
        var first = (crosswalk.MaxRuleNo / 100 + 1) * 100;
        return
        [
            .. groups.Select((g, i) => new CrosswalkGroup(first + 10 * (i + 1), g.Key.Modality, g.Key.BodyPart, g.Key.Word is null ? null : $"%{g.Key.Word}%", g.Key.Contrast,
                    [.. g.Select(k => k.Item).OrderByDescending(x => x.Settlements).ThenBy(x => x.ExamCode, StringComparer.Ordinal)]))
                .OrderByDescending(g => g.Settlements)
                .ThenByDescending(g => g.Items.Count)
                .ThenBy(g => g.RuleNo),
        ];
    }

    /// <summary>The file's lines: one per group (a rule for the radiologist to give a code), and with <paramref name="withItems"/> one per item under it (an override where an item differs).</summary>
    public static IEnumerable<string?[]> Lines(IReadOnlyList<CrosswalkGroup> groups, bool withItems)
    {
        foreach (var group in groups)
        {
            yield return Line(new()
            {
                ["kind"] = CrosswalkCsv.Rule,
                ["rule_no"] = group.RuleNo.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["hospital_id"] = ContractCheck.AllInstitutions,
                ["modality"] = group.Modality,
                ["body_part"] = group.BodyPart,
                ["contrast"] = group.Contrast,
                ["name_pattern"] = group.NamePattern,
                ["items"] = group.Items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["settlements"] = group.Settlements.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["examples"] = string.Join(" | ", group.Items.Select(i => OneLine(i.ExamName)).Distinct(StringComparer.Ordinal).Take(5)),
            });
            if (!withItems)
            {
                continue;
            }
            foreach (var item in group.Items)
            {
                yield return Line(new()
                {
                    ["kind"] = CrosswalkCsv.Item,
                    // The item's own institution (an override for it alone); '*' where the dictionary gives no valid hospitalld.
                    ["hospital_id"] = ContractFormats.IsHospitalld(item.Hospitalld) ? item.Hospitalld : ContractCheck.AllInstitutions,
                    ["exam_code"] = item.ExamCode,
                    ["exam_name"] = OneLine(item.ExamName),
                    ["settlements"] = item.Settlements.ToString(System.Globalization.CultureInfo.InvariantCulture),
                });
            }
        }
    }

    private static string?[] Line(Dictionary<string, string?> values) =>
        [.. CrosswalkCsv.Columns.Select(c => values.GetValueOrDefault(c))];

    /// <summary>A name as one line of the file (the loader reads a record per line).</summary>
    private static string OneLine(string? name) => (name ?? "").ReplaceLineEndings(" ");
}
