using System.Globalization;
using System.Text;

namespace ProviderApi.Check;

/// <summary>
/// A line of the grouped crosswalk file: a rule (kind rule: rule_no and its conditions) or an item's
/// override (kind item: exam_code), with the code a radiologist filled in.
/// </summary>
public sealed record CrosswalkLine(int Line, bool IsRule, long RuleNo, string HospitalId, string? Modality, string? BodyPart, string? NamePattern, string? Contrast,
    string? ExamCode, string ExamPart, string? Note);

/// <summary>What a grouped file holds: its rule and item lines when every line is right, the lines left without a code, or every problem found.</summary>
public sealed record CrosswalkFile(IReadOnlyList<CrosswalkLine> Rules, IReadOnlyList<CrosswalkLine> Items, int Skipped, IReadOnlyList<CsvProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// The grouped crosswalk file <c>export-crosswalk</c> writes and <c>load-csv --table exam-part-rule</c> reads:
/// UTF-8 with a BOM (Excel opens it in Chinese), RFC 4180 quoting, one line per group of unmapped items
/// (kind rule: a proposed rule, its counts and example names) and optionally one per item (kind item: an
/// override for the items whose code differs from their group's). The radiologist fills exam_part; a line
/// left without one is skipped. The columns may come in any order; exam_name, items, settlements and
/// examples are for reading and are not loaded.
/// </summary>
public static class CrosswalkCsv
{
    public const string Rule = "rule";
    public const string Item = "item";

    private static readonly string[] Required = ["kind", "rule_no", "hospital_id", "modality", "body_part", "name_pattern", "contrast", "exam_code", "exam_part"];
    private static readonly string[] Optional = ["exam_name", "items", "settlements", "examples", "note"];

    /// <summary>The columns, in the order the export writes them (a radiologist reads left to right: what the group is, how much it matters, then the code).</summary>
    public static readonly string[] Columns = ["kind", "rule_no", "hospital_id", "modality", "body_part", "contrast", "name_pattern", "exam_code", "exam_name", "items", "settlements", "examples", "exam_part", "note"];

    public static string Header => string.Join(',', Columns);

    /// <summary>Reads a file as strict UTF-8; <paramref name="codes"/> is exam_part_code's content (empty: only the format is checked).</summary>
    public static CrosswalkFile Read(string path, IReadOnlySet<string> codes) =>
        CodeMapCsv.ReadUtf8(path, reader => Read(reader, codes), problem => new CrosswalkFile([], [], 0, [problem]));

    public static CrosswalkFile Read(TextReader reader, IReadOnlySet<string> codes)
    {
        var problems = new List<CsvProblem>();
        var rules = new List<CrosswalkLine>();
        var items = new List<CrosswalkLine>();
        var skipped = 0;
        var ruleLines = new Dictionary<long, int>();
        var itemLines = new Dictionary<(string, string), int>();
        Dictionary<string, int>? at = null;

        foreach (var (lineNumber, fields) in CodeMapCsv.Records(reader, problems))
        {
            if (at is null)
            {
                if (problems.Count > 0)
                {
                    break; // the header line itself is malformed
                }
                var names = fields.Select(f => f.ToLowerInvariant()).ToArray();
                if (Required.All(names.Contains) && names.All(n => Required.Contains(n) || Optional.Contains(n)) && names.Distinct().Count() == names.Length)
                {
                    at = names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i);
                    continue;
                }
                problems.Add(new CsvProblem(lineNumber,
                    $"第一行须是表头，含列 {string.Join(',', Required)}（可另有 {string.Join(',', Optional)}，顺序不限）",
                    $"the first line must be the header with the columns {string.Join(',', Required)} (and optionally {string.Join(',', Optional)}, in any order)"));
                break;
            }
            if (fields.Length != at.Count)
            {
                problems.Add(new CsvProblem(lineNumber, $"有 {fields.Length} 列，表头有 {at.Count} 列", $"{fields.Length} columns where the header has {at.Count}"));
                continue;
            }

            string? Field(string column) => at.TryGetValue(column, out var i) && fields[i].Length > 0 ? fields[i] : null;
            void Problem((string Chinese, string English)? problem)
            {
                if (problem is { } p)
                {
                    problems.Add(new CsvProblem(lineNumber, p.Chinese, p.English));
                }
            }

            var kind = Field("kind");
            var part = Field("exam_part");
            var hospital = Field("hospital_id") ?? ContractCheck.AllInstitutions;
            var note = Field("note");
            if (kind is not (Rule or Item))
            {
                Problem(($"kind '{kind}' 须为 {Rule} 或 {Item}", $"kind '{kind}' must be {Rule} or {Item}"));
                continue;
            }
            if (part is null)
            {
                skipped++; // not filled in (yet): the group or item stays as it is
                continue;
            }
            Problem(CodeMapCsv.ExamPartFormatProblem(part));
            if (codes.Count > 0 && ContractFormats.IsExamPart(part) && !codes.Contains(part))
            {
                Problem(($"exam_part '{part}' 不在标准编码表（exam_part_code）中", $"exam_part '{part}' is not in the standard's code table (exam_part_code)"));
            }
            Problem(CodeMapCsv.HospitalProblem(hospital));
            Problem(CodeMapCsv.NoteProblem(note));

            if (kind == Rule)
            {
                var (ruleNo, modality, bodyPart, namePattern, contrast) = (Field("rule_no"), Field("modality"), Field("body_part"), Field("name_pattern"), Field("contrast"));
                if (!long.TryParse(ruleNo, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > int.MaxValue)
                {
                    Problem(($"rule_no '{ruleNo}' 不是正整数", $"rule_no '{ruleNo}' is not a positive whole number"));
                }
                else if (!ruleLines.TryAdd(number, lineNumber))
                {
                    Problem(($"rule_no {number} 与第 {ruleLines[number]} 行重复", $"rule_no {number} repeats line {ruleLines[number]}"));
                }
                if (Field("exam_code") is not null)
                {
                    Problem(("规则行不填 exam_code（单项对照请用 kind item）", "a rule line takes no exam_code (an item's own code is a kind item line)"));
                }
                if (modality is null && bodyPart is null && namePattern is null && contrast is null)
                {
                    Problem(("规则没有任何条件，会匹配所有检查项目", "the rule has no condition: it would match every exam item"));
                }
                Problem(Longer("modality", modality, ExamPartRules.ModalityLength));
                Problem(Longer("body_part", bodyPart, ExamPartRules.BodyPartLength) ?? ExamPartRules.PatternProblem(bodyPart));
                Problem(Longer("name_pattern", namePattern, ExamPartRules.NamePatternLength) ?? ExamPartRules.PatternProblem(namePattern));
                Problem(ExamPartRules.ContrastProblem(contrast));
                rules.Add(new CrosswalkLine(lineNumber, true, number, hospital, modality, bodyPart, namePattern, contrast, null, part, note));
            }
            else
            {
                var code = Field("exam_code") ?? "";
                Problem(CodeMapCsv.ExamCodeProblem(code));
                if ((Field("rule_no") ?? Field("modality") ?? Field("body_part") ?? Field("name_pattern") ?? Field("contrast")) is not null)
                {
                    Problem(("单项对照行只填 exam_code（及 hospital_id），不填规则的列", "an item line takes exam_code (and hospital_id), not a rule's columns"));
                }
                if (code.Length > 0 && !itemLines.TryAdd((code, hospital), lineNumber))
                {
                    Problem(($"exam_code '{code}'（{hospital}）与第 {itemLines[(code, hospital)]} 行重复", $"exam_code '{code}' ({hospital}) repeats line {itemLines[(code, hospital)]}"));
                }
                items.Add(new CrosswalkLine(lineNumber, false, 0, hospital, null, null, null, null, code, part, note));
            }
        }

        if (at is null && problems.Count == 0)
        {
            problems.Add(new CsvProblem(0, $"文件为空：须有表头 {Header}", $"the file is empty: it needs the header {Header}"));
        }
        var valid = problems.Count == 0;
        return new CrosswalkFile(valid ? rules : [], valid ? items : [], skipped, [.. problems.OrderBy(p => p.Line)]);
    }

    private static (string Chinese, string English)? Longer(string column, string? value, int max) =>
        value?.Length > max ? ($"{column} 超过 {max} 个字符", $"{column} is longer than {max} characters") : null;

    /// <summary>Writes lines (each a value per <see cref="Columns"/>) as the export's file: UTF-8 with BOM, CRLF, fields quoted where they need it.</summary>
    public static void Write(string path, IEnumerable<IReadOnlyList<string?>> lines)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)) { NewLine = "\r\n" };
        writer.WriteLine(Header);
        foreach (var line in lines)
        {
            writer.WriteLine(string.Join(',', line.Select(Quote)));
        }
    }

    /// <summary>RFC 4180: a field with a comma, a quote, a line break or surrounding spaces is quoted, its quotes doubled.</summary>
    private static string Quote(string? field) =>
        field is null ? ""
        : field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || field.Trim().Length != field.Length ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
        : field;
}
