using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ProviderApi.Check;
using ProviderApi.Push;

namespace ProviderApi.Cli;

/// <summary>
/// The options the verbs take, each declared once (a verb lists those it takes in its entry of
/// <see cref="Verb.All"/>). A wrong value is refused in the help's language, naming the option.
/// </summary>
internal static class VerbOptions
{
    public static readonly Option<bool> WithDemo = new("--with-demo")
    {
        Description = "Also the demo hospital's HIS tables and data. / 另建演示医院的 HIS 表与数据。",
    };

    public static readonly Option<string?> Out = new("--out")
    {
        HelpName = "FILE",
        Description = "Write to this file instead of standard output. / 写入此文件而非标准输出。",
    };

    public static readonly Option<CheckFormat> Format = new("--format")
    {
        HelpName = "text|json",
        DefaultValueFactory = _ => CheckFormat.Text,
        CustomParser = result => OneOf(result, "--format", "text or json", "text 或 json", name => name switch
        {
            "text" => CheckFormat.Text,
            "json" => CheckFormat.Json,
            _ => (CheckFormat?)null,
        }),
    };

    public static readonly Option<int> Examples = new("--examples")
    {
        HelpName = "N",
        DefaultValueFactory = _ => ContractCheck.DefaultExamples,
        CustomParser = result => OneOf(result, "--examples", "a whole number from 0 to 1000", "0 到 1000 的整数",
            text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 1000 ? n : (int?)null),
    };

    public static readonly Option<CodeMapTable> Table = new("--table")
    {
        HelpName = CodeMapCsv.Words,
        Required = true,
        CustomParser = result => OneOf(result, "--table", CodeMapCsv.Words.Replace("|", ", ", StringComparison.Ordinal), CodeMapCsv.Words.Replace("|", "、", StringComparison.Ordinal), CodeMapCsv.Parse),
    };

    public static readonly Option<bool> Items = new("--items")
    {
        Description = "Also one line per item under its group, for overrides. / 另在每组下列出各项目，供单项对照。",
    };

    public static readonly Option<string?> File = new("--file")
    {
        HelpName = "FILE",
        Required = true,
    };

    /// <summary>discover: where the draft source-view file goes (optional, unlike load-csv's --file).</summary>
    public static readonly Option<string?> DraftFile = new("--file")
    {
        HelpName = "FILE",
        Description = "Write the draft source-view file here. / 源视图草稿写入此文件。",
    };

    public static readonly Option<string?> Report = new("--report")
    {
        HelpName = "FILE",
        Description = "Write the JSON report here. / JSON 报告写入此文件。",
    };

    public static readonly Option<string[]> Schema = new("--schema")
    {
        HelpName = "NAME",
        Description = "Read only this schema (repeatable; default Discover:Schemas, else every schema but the system's and imgcloud). / 只读此模式（可重复）。",
    };

    public static readonly Option<PushKind?> Kind = new("--kind")
    {
        HelpName = PushInterfaces.Words,
        CustomParser = result => OneOf(result, "--kind", string.Join(" or ", PushInterfaces.All.Select(i => i.Text)), string.Join(" 或 ", PushInterfaces.All.Select(i => i.Text)),
            name => PushInterfaces.Parse(name)?.Kind),
    };

    public static readonly Option<string?> Key = new("--key")
    {
        HelpName = "KEY",
    };

    /// <summary>Help and messages in Chinese or English, whatever the UI culture says.</summary>
    public static readonly Option<CliLanguage?> Language = new("--lang")
    {
        HelpName = "zh|en",
        Recursive = true,
        CustomParser = result => OneOf(result, "--lang", "zh or en", "zh 或 en", CliLanguages.Parse),
    };

    /// <summary>The help, after any verb (also the verb help).</summary>
    public static readonly Option<bool> Help = new("--help", "-h", "-?")
    {
        Recursive = true,
    };

    /// <summary>The value of a one-word option read by <paramref name="read"/>; a word it does not know is an error naming the option and what it takes.</summary>
    private static T OneOf<T>(ArgumentResult result, string option, string english, string chinese, Func<string, T?> read)
        where T : struct
    {
        if (result.Tokens.Count == 0)
        {
            return default;
        }
        var text = result.Tokens[^1].Value;
        if (read(text) is { } value)
        {
            return value;
        }
        result.AddError(CliLanguages.Current == CliLanguage.Chinese
            ? $"{option} 的值须为 {chinese}，而不是 '{text}'。"
            : $"{option} takes {english}, not '{text}'.");
        return default;
    }
}
