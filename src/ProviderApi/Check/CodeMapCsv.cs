using System.Text;
using CsvHelper;

namespace ProviderApi.Check;

/// <summary>The code tables a DBA may load from CSV with <c>load-csv</c>.</summary>
public enum CodeMapTable
{
    /// <summary>exam-part-map: HIS exam item code → WS/T 364.8-2023 examPart (exam_code,exam_part[,note][,hospital_id]).</summary>
    ExamPartMap,

    /// <summary>sex-map: GB/T 2261.1 sex code → the text patientSex is written as (sex_code,sex_text).</summary>
    SexMap,

    /// <summary>exam-part-code: the WS/T 364.8-2023 code table a hospital has (exam_part,name); the check and load-csv then accept only its codes.</summary>
    ExamPartCode,

    /// <summary>exam-part-rule: the grouped file of <c>export-crosswalk</c>, filled by a radiologist: rule lines and item lines (<see cref="CrosswalkCsv"/>).</summary>
    ExamPartRule,
}

/// <summary>One data line of a code-map file; <paramref name="HospitalId"/> is the institution the crosswalk row is for, '*' for all.</summary>
public sealed record CodeMapRow(int Line, string Code, string Value, string? Note, string HospitalId = ContractCheck.AllInstitutions);

/// <summary>A line of the file that cannot be loaded, in Chinese and English.</summary>
public sealed record CsvProblem(int Line, string Chinese, string English)
{
    public override string ToString() => Line == 0 ? $"{Chinese} / {English}" : $"第 {Line} 行 / line {Line}: {Chinese} / {English}";
}

/// <summary>What a file holds: its rows when every line is right, otherwise every problem found (and nothing is loaded).</summary>
public sealed record CodeMapFile(CodeMapTable Table, IReadOnlyList<CodeMapRow> Rows, IReadOnlyList<CsvProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// Reads a crosswalk or the sex code map from CSV (parsed by CsvHelper): UTF-8 with or without
/// BOM, a header line, fields separated by commas and optionally quoted ("a, b" and "say ""hi"""
/// as in RFC 4180; a quoted field does not span lines), surrounding spaces trimmed, blank lines
/// skipped. Every line is validated before anything is loaded. The header starts with the required columns in
/// their order; the optional ones follow in any order. The crosswalk's hospital_id is optional (a file without
/// it, or a blank value, means every institution: '*').
/// </summary>
public static class CodeMapCsv
{
    // The column widths of sql/postgresql/01_imgcloud_schema.sql, so a file that loads into one engine loads into every one.
    private const int ExamCodeMax = 50;
    private const int NoteMax = 200;
    private const int SexCodeMax = 2;
    private const int SexTextMax = 20;

    private const int ExamPartNameMax = 200;

    public static string TableName(CodeMapTable table) => table switch
    {
        CodeMapTable.ExamPartMap => "exam_part_map",
        CodeMapTable.ExamPartCode => "exam_part_code",
        CodeMapTable.ExamPartRule => "exam_part_rule",
        _ => "sex_map",
    };

    public static string Header(CodeMapTable table) => table switch
    {
        CodeMapTable.ExamPartMap => "exam_code,exam_part[,note][,hospital_id]",
        CodeMapTable.ExamPartCode => "exam_part,name",
        CodeMapTable.ExamPartRule => CrosswalkCsv.Header,
        _ => "sex_code,sex_text",
    };

    /// <summary>The words <c>--table</c> takes, for the help.</summary>
    public const string Words = "exam-part-map|exam-part-rule|exam-part-code|sex-map";

    /// <summary>The table a command-line name means, or null for a name that is none of them.</summary>
    public static CodeMapTable? Parse(string name) => name switch
    {
        "exam-part-map" => CodeMapTable.ExamPartMap,
        "sex-map" => CodeMapTable.SexMap,
        "exam-part-code" => CodeMapTable.ExamPartCode,
        "exam-part-rule" => CodeMapTable.ExamPartRule,
        _ => null,
    };

    /// <summary>Reads a file as strict UTF-8: a file saved as GBK (Excel's "CSV" on a Chinese Windows) is refused, not loaded as mojibake.</summary>
    public static CodeMapFile Read(CodeMapTable table, string path) =>
        ReadUtf8(path, reader => Read(table, reader), problem => new CodeMapFile(table, [], [problem]));

    /// <summary>Opens <paramref name="path"/> as strict UTF-8 (with or without BOM) for <paramref name="read"/>; a file in another encoding gives <paramref name="refused"/>'s result.</summary>
    internal static T ReadUtf8<T>(string path, Func<TextReader, T> read, Func<CsvProblem, T> refused)
    {
        using var reader = new StreamReader(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        try
        {
            return read(reader);
        }
        catch (DecoderFallbackException)
        {
            return refused(new CsvProblem(0,
                "文件不是 UTF-8 编码（Excel 请另存为“CSV UTF-8”）",
                "the file is not UTF-8 (in Excel, save as \"CSV UTF-8\")"));
        }
    }

    /// <summary>
    /// The file's records in order, each with its line number and its fields (a line of spaces is skipped, the BOM
    /// taken off the first field); a malformed line is added to <paramref name="problems"/> and not returned.
    /// </summary>
    internal static IEnumerable<(int Line, string[] Fields)> Records(TextReader reader, List<CsvProblem> problems)
    {
        var options = Options with
        {
            // Called while Read passes over the line (it is skipped, never returned).
            OnMalformedRecord = record =>
            {
                var (chinese, english) = Malformed(record.Reason);
                problems.Add(new CsvProblem((int)record.LineNumber, chinese, english));
            },
        };
        using var csv = CsvReader.Create(reader, options, leaveOpen: true);
        var first = true;
        while (csv.Read())
        {
            var fields = new string[csv.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = csv.GetString(i);
            }
            if (fields is [""])
            {
                continue; // a line of spaces
            }
            if (first)
            {
                fields[0] = fields[0].TrimStart('\uFEFF').Trim();
                first = false;
            }
            yield return ((int)csv.LineNumber, fields);
        }
    }

    public static CodeMapFile Read(CodeMapTable table, TextReader reader)
    {
        var problems = new List<CsvProblem>();
        var rows = new List<CodeMapRow>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        if (table == CodeMapTable.ExamPartRule)
        {
            throw new ArgumentException("The grouped crosswalk file is read by CrosswalkCsv.", nameof(table));
        }
        string[] required = table switch
        {
            CodeMapTable.ExamPartMap => ["exam_code", "exam_part"],
            CodeMapTable.ExamPartCode => ["exam_part", "name"],
            _ => ["sex_code", "sex_text"],
        };
        string[] optional = table == CodeMapTable.ExamPartMap ? ["note", "hospital_id"] : [];
        var at = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        var columns = 0;
        foreach (var (lineNumber, fields) in Records(reader, problems))
        {
            if (columns == 0)
            {
                if (problems.Count > 0)
                {
                    break; // the header line itself is malformed
                }
                // The required columns first, in their order (so two swapped codes are never loaded), then optional ones, each once, in any order.
                if (fields.Take(required.Length).SequenceEqual(required, StringComparer.OrdinalIgnoreCase)
                    && fields.Skip(required.Length).All(f => optional.Contains(f, StringComparer.OrdinalIgnoreCase))
                    && fields.Distinct(StringComparer.OrdinalIgnoreCase).Count() == fields.Length)
                {
                    for (var i = 0; i < fields.Length; i++)
                    {
                        at[fields[i]] = i;
                    }
                    columns = fields.Length;
                    continue;
                }
                problems.Add(new CsvProblem(lineNumber,
                    $"第一行须是表头 {Header(table)}",
                    $"the first line must be the header {Header(table)}"));
                break;
            }

            if (fields.Length != columns)
            {
                problems.Add(new CsvProblem(lineNumber,
                    $"有 {fields.Length} 列，表头有 {columns} 列",
                    $"{fields.Length} columns where the header has {columns}"));
                continue;
            }

            var (code, value) = (fields[at[required[0]]], fields[at[required[1]]]);
            var note = at.TryGetValue("note", out var n) && fields[n].Length > 0 ? fields[n] : null;
            var hospital = at.TryGetValue("hospital_id", out var h) && fields[h].Length > 0 ? fields[h] : ContractCheck.AllInstitutions;
            var lineProblems = table switch
            {
                CodeMapTable.ExamPartMap => ExamPartProblems(code, value, note, hospital),
                CodeMapTable.ExamPartCode => ExamPartCodeProblems(code, value),
                _ => SexProblems(code, value),
            };
            problems.AddRange(lineProblems.Select(p => new CsvProblem(lineNumber, p.Chinese, p.English)));
            // A code is unique per institution: the same code for '*' and for one institution are two rows.
            var key = hospital == ContractCheck.AllInstitutions ? code : $"{code} ({hospital})";
            if (code.Length > 0 && !firstLine.TryAdd(key, lineNumber))
            {
                problems.Add(new CsvProblem(lineNumber,
                    $"{required[0]} '{key}' 与第 {firstLine[key]} 行重复",
                    $"{required[0]} '{key}' repeats line {firstLine[key]}"));
            }
            rows.Add(new CodeMapRow(lineNumber, code, value, note, hospital));
        }

        if (columns == 0 && problems.Count == 0)
        {
            problems.Add(new CsvProblem(0, $"文件为空：须有表头 {Header(table)}", $"the file is empty: it needs the header {Header(table)}"));
        }
        else if (problems.Count == 0 && rows.Count == 0)
        {
            problems.Add(new CsvProblem(0, "文件只有表头，没有数据行", "the file has a header and no rows"));
        }
        // A malformed line is reported while the reader passes it, before the line read next: in line order again.
        return new CodeMapFile(table, problems.Count == 0 ? rows : [], [.. problems.OrderBy(p => p.Line)]);
    }

    /// <summary>
    /// The file's dialect: commas (never guessed), quotes as RFC 4180 has them but within one line
    /// (a line break ends every record, so one stray quote cannot swallow the rest of the file),
    /// spaces around fields trimmed, empty lines skipped, and a line with broken quoting reported, not loaded.
    /// </summary>
    private static readonly CsvReaderOptions Options = new()
    {
        Separator = ',',
        HasHeader = false,
        Mode = CsvMode.Rfc4180,
        AllowLineBreaksInQuotes = false,
        TrimWhitespace = true,
        SkipEmptyLines = true,
        TrackLineNumbers = true,
        DetectSeparatorHint = false,
        MalformedData = CsvMalformedDataHandling.Skip,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
    };

    private static (string Chinese, string English) Malformed(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => ("未加引号的字段中有引号", "a quote inside an unquoted field"),
        CsvMalformedReason.TextAfterClosingQuote => ("右引号后还有文字", "text after a closing quote"),
        _ => ("引号未闭合（字段不能跨行）", "a quote is not closed (a field cannot span lines)"),
    };

    private static IEnumerable<(string Chinese, string English)> ExamPartProblems(string code, string part, string? note, string hospital)
    {
        (string Chinese, string English)?[] found = [HospitalProblem(hospital), ExamCodeProblem(code), ExamPartFormatProblem(part), NoteProblem(note)];
        return found.OfType<(string Chinese, string English)>();
    }

    private static IEnumerable<(string Chinese, string English)> ExamPartCodeProblems(string part, string name)
    {
        if (ExamPartFormatProblem(part) is { } problem)
        {
            yield return problem;
        }
        if (name.Length > ExamPartNameMax)
        {
            yield return ($"name 超过 {ExamPartNameMax} 个字符", $"name is longer than {ExamPartNameMax} characters");
        }
    }

    /// <summary>The format check of an examPart code (WS/T 364.8-2023: 9 upper-case letters or digits), or null when it holds.</summary>
    internal static (string Chinese, string English)? ExamPartFormatProblem(string part) => ContractFormats.IsExamPart(part)
        ? null
        : ($"exam_part '{part}' 不是 9 位大写字母或数字", $"exam_part '{part}' is not 9 upper-case letters or digits");

    /// <summary>An institution column's check: '*' (blank is read as '*') or a hospitalld.</summary>
    internal static (string Chinese, string English)? HospitalProblem(string hospital) => hospital == ContractCheck.AllInstitutions || ContractFormats.IsHospitalld(hospital)
        ? null
        : ($"hospital_id '{hospital}' 既不是 H + 11 位数字的机构代码，也不是表示所有机构的 * 或空白", $"hospital_id '{hospital}' is neither an institution code (H + 11 digits) nor * or blank for every institution");

    /// <summary>An exam item code's check (the width of exam_part_map.exam_code on every engine).</summary>
    internal static (string Chinese, string English)? ExamCodeProblem(string code) =>
        code.Length == 0 ? ("exam_code 为空", "exam_code is empty")
        : code.Length > ExamCodeMax ? ($"exam_code 超过 {ExamCodeMax} 个字符", $"exam_code is longer than {ExamCodeMax} characters")
        : null;

    /// <summary>A note's check (the width of the crosswalk tables' note).</summary>
    internal static (string Chinese, string English)? NoteProblem(string? note) =>
        note?.Length > NoteMax ? ($"note 超过 {NoteMax} 个字符", $"note is longer than {NoteMax} characters") : null;

    private static IEnumerable<(string Chinese, string English)> SexProblems(string code, string text)
    {
        if (code.Length == 0)
        {
            yield return ("sex_code 为空", "sex_code is empty");
        }
        else if (code.Length > SexCodeMax)
        {
            yield return ($"sex_code 超过 {SexCodeMax} 个字符", $"sex_code is longer than {SexCodeMax} characters");
        }
        if (text.Length == 0)
        {
            yield return ("sex_text 为空", "sex_text is empty");
        }
        else if (text.Length > SexTextMax)
        {
            yield return ($"sex_text 超过 {SexTextMax} 个字符", $"sex_text is longer than {SexTextMax} characters");
        }
    }
}
