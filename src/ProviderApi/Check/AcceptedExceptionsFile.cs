using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ProviderApi.Views;

namespace ProviderApi.Check;

/// <summary>The file of accepted exceptions was refused: every problem, with its line, in Chinese and English.</summary>
public sealed class AcceptedExceptionsRefusedException(string path, IReadOnlyList<CsvProblem> problems)
    : Exception($"{path}: {string.Join("; ", problems)}")
{
    public string Path { get; } = path;

    public IReadOnlyList<CsvProblem> Problems { get; } = problems;

    /// <summary>The lines a DBA reads: each problem, then that the file was refused as a whole.</summary>
    public IEnumerable<string> Lines() =>
        Problems.Select(p => $"{Path}: {p}")
            .Append($"{Path}: 已接受例外文件被拒绝，其中任何一条都未生效 / the accepted-exceptions file is refused; none of it applies.");
}

/// <summary>
/// Reads the hospital's accepted exceptions (JSON, UTF-8, // comments allowed) strictly: every
/// problem of the file is reported with its line and what is expected, and a file with any
/// problem is refused as a whole.
/// </summary>
/// <example>
/// <code>
/// { "acceptances": [ { "view": "View_Register_Info", "rule": "REG-REQUIRED", "field": "outpatientDocCode",
///     "scope": "all", "reason": "...", "agreedBy": "...", "expires": "2027-06-30" } ] }
/// </code>
/// </example>
public static class AcceptedExceptionsFile
{
    private static readonly string[] Properties =
        ["view", "rule", "field", "scope", "keys", "column", "values", "maxRows", "hospitalld", "reason", "agreedBy", "expires"];

    private static readonly string[] Scopes = ["all", "keys", "column", "maxRows"];

    public static AcceptanceList Read(string path, ViewCatalog catalog)
    {
        if (!File.Exists(path))
        {
            throw new AcceptedExceptionsRefusedException(path, [new CsvProblem(0,
                "文件不存在（Check:AcceptedExceptionsPath）", "no such file (Check:AcceptedExceptionsPath)")]);
        }
        return Read(path, File.ReadAllBytes(path), catalog);
    }

    public static AcceptanceList Read(string path, byte[] bytes, ViewCatalog catalog)
    {
        var problems = new List<CsvProblem>();
        var list = Parse(bytes, catalog, problems);
        if (problems.Count > 0)
        {
            throw new AcceptedExceptionsRefusedException(path, problems);
        }
        return new AcceptanceList(path, list);
    }

    private static List<Acceptance> Parse(byte[] bytes, ViewCatalog catalog, List<CsvProblem> problems)
    {
        var body = bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(body);
        }
        catch (DecoderFallbackException)
        {
            problems.Add(new CsvProblem(0, "文件不是 UTF-8 编码", "the file is not UTF-8"));
            return [];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            problems.Add(new CsvProblem(line,
                $"不是有效的 JSON（第 {(ex.BytePositionInLine ?? 0) + 1} 字节附近）",
                $"not valid JSON (near byte {(ex.BytePositionInLine ?? 0) + 1} of the line)"));
            return [];
        }

        using (document)
        {
            var lines = LinesOf(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("acceptances", out var array) || array.ValueKind != JsonValueKind.Array)
            {
                problems.Add(new CsvProblem(1,
                    "须是一个对象：{ \"acceptances\": [ ... ] }",
                    "expected an object: { \"acceptances\": [ ... ] }"));
                return [];
            }
            foreach (var property in root.EnumerateObject().Where(p => p.Name != "acceptances"))
            {
                problems.Add(new CsvProblem(lines.Root(property.Name), $"未知属性 \"{property.Name}\"，只能有 \"acceptances\"", $"unknown property \"{property.Name}\"; only \"acceptances\" is expected"));
            }
            var result = new List<Acceptance>();
            var number = 0;
            foreach (var element in array.EnumerateArray())
            {
                number++;
                var acceptance = One(element, number, lines, catalog, problems);
                if (acceptance is not null)
                {
                    result.Add(acceptance);
                }
            }
            return result;
        }
    }

    private static Acceptance? One(JsonElement element, int number, LineMap lines, ViewCatalog catalog, List<CsvProblem> problems)
    {
        var before = problems.Count;
        var at = lines.Of(number, null);
        void Problem(string? property, string chinese, string english) =>
            problems.Add(new CsvProblem(property is null ? at : lines.Of(number, property), $"第 {number} 条例外：{chinese}", $"acceptance #{number}: {english}"));

        if (element.ValueKind != JsonValueKind.Object)
        {
            Problem(null, "须是一个对象 { \"view\": ..., \"rule\": ..., ... }", "expected an object { \"view\": ..., \"rule\": ..., ... }");
            return null;
        }
        foreach (var property in element.EnumerateObject().Where(p => !Properties.Contains(p.Name, StringComparer.Ordinal)))
        {
            Problem(property.Name, $"未知属性 \"{property.Name}\"；可用：{string.Join(", ", Properties)}", $"unknown property \"{property.Name}\"; expected one of {string.Join(", ", Properties)}");
        }

        string? Text(string name, bool required = true)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    Problem(null, $"缺少 \"{name}\"", $"\"{name}\" is missing");
                }
                return null;
            }
            if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                Problem(name, $"\"{name}\" 须是非空字符串", $"\"{name}\" must be a non-empty string");
                return null;
            }
            return value.GetString()!.Trim();
        }

        var viewName = Text("view");
        var view = viewName is null ? null : catalog.All.FirstOrDefault(v => v.Name == viewName);
        if (viewName is not null && view is null)
        {
            Problem("view", $"\"{viewName}\" 不是标准视图；可用：{string.Join(", ", catalog.All)}", $"\"{viewName}\" is not a standard view; expected one of {string.Join(", ", catalog.All)}");
        }

        var ruleId = Text("rule");
        var rule = ruleId is null ? null : CheckRules.Find(ruleId);
        if (ruleId is not null && rule is null)
        {
            Problem("rule", $"\"{ruleId}\" 不是 check 报告的规则编号（如 REG-REQUIRED）", $"\"{ruleId}\" is not a rule the check reports (e.g. REG-REQUIRED)");
        }
        else if (rule is not null && rule.Severity != RuleSeverity.Error)
        {
            Problem("rule", $"{rule.Id} 是警告，不影响上线，无需接受", $"{rule.Id} is a warning: it does not hold go-live back, there is nothing to accept");
        }
        else if (rule is not null && view is not null && CheckRules.ViewOf(rule) != view.Name)
        {
            Problem("rule", $"{rule.Id} 报告于 {CheckRules.ViewOf(rule)}，不是 {view.Name}", $"{rule.Id} is reported on {CheckRules.ViewOf(rule)}, not on {view.Name}");
        }

        var field = Text("field");
        if (field is not null && view is not null && !view.Fields.Contains(field, StringComparer.Ordinal))
        {
            Problem("field", $"\"{field}\" 不是 {view.Name} 的字段", $"\"{field}\" is not a field of {view.Name}");
        }

        var scopeText = Text("scope");
        var scope = scopeText switch
        {
            "all" => AcceptanceScope.All,
            "keys" => AcceptanceScope.Keys,
            "column" => AcceptanceScope.Column,
            "maxRows" => AcceptanceScope.MaxRows,
            _ => (AcceptanceScope?)null,
        };
        if (scopeText is not null && scope is null)
        {
            Problem("scope", $"\"scope\" 须是 {string.Join(" / ", Scopes)} 之一", $"\"scope\" must be one of {string.Join(", ", Scopes)}");
        }

        IReadOnlySet<string> values = new HashSet<string>();
        string? column = null;
        int? maxRows = null;
        if (element.TryGetProperty("maxRows", out var max))
        {
            if (max.ValueKind == JsonValueKind.Number && max.TryGetInt32(out var n) && n >= 1)
            {
                maxRows = n;
            }
            else
            {
                Problem("maxRows", "\"maxRows\" 须是不小于 1 的整数", "\"maxRows\" must be a whole number of at least 1");
            }
        }
        void Absent(string name, string why)
        {
            if (element.TryGetProperty(name, out _))
            {
                Problem(name, $"scope 为 \"{scopeText}\" 时不能有 \"{name}\"（{why}）", $"\"{name}\" does not go with scope \"{scopeText}\" ({why})");
            }
        }
        switch (scope)
        {
            case AcceptanceScope.All:
                Absent("keys", "全部行 / all rows");
                Absent("column", "全部行 / all rows");
                Absent("values", "全部行 / all rows");
                Absent("maxRows", "用 scope \"maxRows\" / use scope \"maxRows\"");
                break;
            case AcceptanceScope.Keys:
                if (view is not null && view.Key is null)
                {
                    Problem("scope", $"{view.Name} 没有键：请用 scope \"column\"（如 accessionNo 或 feedetlSn 在列出的值中）",
                        $"{view.Name} has no key: use scope \"column\" (e.g. accessionNo or feedetlSn in a list)");
                }
                Absent("column", "键即 " + (view?.Key ?? "-") + " / the key is " + (view?.Key ?? "-"));
                Absent("values", "用 \"keys\" / use \"keys\"");
                values = Strings("keys", allowEmpty: false);
                break;
            case AcceptanceScope.Column:
                Absent("keys", "用 \"values\" / use \"values\"");
                column = Text("column");
                if (column is not null && view is not null && !view.Fields.Contains(column, StringComparer.Ordinal))
                {
                    Problem("column", $"\"{column}\" 不是 {view.Name} 的字段", $"\"{column}\" is not a field of {view.Name}");
                }
                values = Strings("values", allowEmpty: true);
                break;
            case AcceptanceScope.MaxRows:
                Absent("keys", "至多 N 行 / at most N rows");
                Absent("column", "至多 N 行 / at most N rows");
                Absent("values", "至多 N 行 / at most N rows");
                if (!element.TryGetProperty("maxRows", out _))
                {
                    Problem(null, "scope 为 \"maxRows\" 时须有 \"maxRows\"", "scope \"maxRows\" needs \"maxRows\"");
                }
                break;
        }

        IReadOnlySet<string> Strings(string name, bool allowEmpty)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            if (!element.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
            {
                Problem(name, $"须有 \"{name}\"：非空的字符串数组", $"\"{name}\" is required: a non-empty array of strings");
                return set;
            }
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || (!allowEmpty && string.IsNullOrWhiteSpace(item.GetString())))
                {
                    Problem(name, $"\"{name}\" 的每一项须是{(allowEmpty ? "" : "非空")}字符串", $"every item of \"{name}\" must be a{(allowEmpty ? "" : " non-empty")} string");
                    return set;
                }
                set.Add(item.GetString()!.Trim());
            }
            return set;
        }

        var hospitalld = Text("hospitalld", required: false);
        if (hospitalld is not null && !ContractFormats.IsHospitalld(hospitalld))
        {
            Problem("hospitalld", "\"hospitalld\" 须是 H + 11 位数字的医保医疗机构编码（不写则适用于全部机构）", "\"hospitalld\" must be an institution's code, H + 11 digits (leave it out for every institution)");
        }

        var reason = Text("reason");
        var agreedBy = Text("agreedBy");
        var expiresText = Text("expires");
        DateOnly expires = default;
        if (expiresText is not null && !DateOnly.TryParseExact(expiresText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out expires))
        {
            Problem("expires", "\"expires\" 须是 yyyy-MM-dd 格式的日期（该日当天仍有效）", "\"expires\" must be a date written yyyy-MM-dd (the last day it holds)");
        }

        return problems.Count > before
            ? null
            : new Acceptance(number, at, view!.Name, rule!, field!, scope!.Value, column, values, maxRows, hospitalld, reason!, agreedBy!, expires);
    }

    /// <summary>Where each acceptance and each of its properties starts in the file, for the problems' line numbers.</summary>
    private static LineMap LinesOf(byte[] body)
    {
        var map = new LineMap();
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var inArray = false;
        var index = 0;
        var line = 1;
        var counted = 0;
        string? rootProperty = null;
        while (reader.Read())
        {
            var start = (int)reader.TokenStartIndex;
            line += body.AsSpan(counted, start - counted).Count((byte)'\n');
            counted = start;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName when reader.CurrentDepth == 1:
                    rootProperty = reader.GetString();
                    map.Lines.TryAdd((0, rootProperty), line);
                    break;
                case JsonTokenType.StartArray when reader.CurrentDepth == 1:
                    inArray = rootProperty == "acceptances";
                    break;
                case JsonTokenType.EndArray when reader.CurrentDepth == 1:
                    inArray = false;
                    break;
                case not (JsonTokenType.EndObject or JsonTokenType.EndArray) when inArray && reader.CurrentDepth == 2:
                    map.Lines[(++index, null)] = line;
                    break;
                case JsonTokenType.PropertyName when inArray && reader.CurrentDepth == 3:
                    map.Lines.TryAdd((index, reader.GetString()), line);
                    break;
            }
        }
        return map;
    }

    private sealed class LineMap
    {
        public Dictionary<(int Number, string? Property), int> Lines { get; } = [];

        public int Of(int number, string? property) =>
            Lines.TryGetValue((number, property), out var line) ? line : Lines.GetValueOrDefault((number, null));

        public int Root(string property) => Lines.GetValueOrDefault((0, property), 1);
    }
}

/// <summary>
/// The hospital's accepted exceptions as the check and the push read them: the file named by
/// Check:AcceptedExceptionsPath, read again whenever it changes (a running push sees an edit at its
/// next poll), refused whole when any part of it is wrong.
/// </summary>
public sealed class AcceptedExceptions(IOptions<CheckOptions> options, ViewCatalog catalog)
{
    private readonly Lock gate = new();
    private (DateTime Written, long Length, AcceptanceList List)? last;

    public string? Path => options.Value.AcceptedExceptionsPath;

    /// <summary>The acceptances in force in the file now; <see cref="AcceptanceList.None"/> when no file is set.</summary>
    /// <exception cref="AcceptedExceptionsRefusedException">The file is missing or wrong.</exception>
    public AcceptanceList Current()
    {
        if (Path is not { } path)
        {
            return AcceptanceList.None;
        }
        var file = new FileInfo(path);
        lock (gate)
        {
            if (file.Exists && last is { } known && known.Written == file.LastWriteTimeUtc && known.Length == file.Length)
            {
                return known.List;
            }
            var list = AcceptedExceptionsFile.Read(path, catalog);
            last = file.Exists ? (file.LastWriteTimeUtc, file.Length, list) : null;
            return list;
        }
    }

    /// <summary>Today in the hospital's calendar (the provider runs on its time zone), by <paramref name="clock"/>.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
}

public static class AcceptedExceptionsServices
{
    /// <summary>Binds <c>Check</c> and registers the accepted exceptions (read by the check and the push).</summary>
    public static IServiceCollection AddAcceptedExceptions(this IServiceCollection services)
    {
        services.AddOptions<CheckOptions>().BindConfiguration(CheckOptions.Section);
        services.AddSingleton<IPostConfigureOptions<CheckOptions>, CheckOptionsSetup>();
        services.AddSingleton<AcceptedExceptions>();
        return services;
    }
}
