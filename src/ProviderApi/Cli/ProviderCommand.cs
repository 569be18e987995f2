using System.CommandLine;
using System.Globalization;
using System.Text;
using ProviderApi.Check;

namespace ProviderApi.Cli;

/// <summary>Words on the command line that are not understood; answered with the usage and exit code 2.</summary>
public sealed class UsageException(string message, CliLanguage language = CliLanguage.English) : Exception(message)
{
    /// <summary>The language the message is written in, and the usage that follows it.</summary>
    public CliLanguage Language { get; } = language;
}

/// <summary>
/// A parsed command line: the verb (<see cref="Verb.All"/>; serve by default), its options, and
/// the settings handed to configuration. Parsed by System.CommandLine; a setting
/// (<c>--Database:Provider=PostgreSql</c>, <c>--Database:Provider PostgreSql</c>, or one of
/// ASP.NET Core's host settings such as <c>--urls</c>) is taken out before, exactly as written,
/// and every other word the verb does not take is an error that names it.
/// </summary>
public sealed record ProviderCommand(Verb Verb, bool WithDemo, string? OutputPath, string[] ConfigurationArgs)
{
    /// <summary>check, push-status: text for a DBA, JSON for a program.</summary>
    public CheckFormat Format { get; init; } = CheckFormat.Text;

    /// <summary>check: how many example rows each broken rule shows.</summary>
    public int Examples { get; init; } = ContractCheck.DefaultExamples;

    /// <summary>load-csv: the table the file is loaded into.</summary>
    public CodeMapTable Table { get; init; }

    /// <summary>load-csv: the CSV file.</summary>
    public string? CsvPath { get; init; }

    /// <summary>export-crosswalk --items: a line per item under its group.</summary>
    public bool WithItems { get; init; }

    /// <summary>push-requeue: only rows of this interface.</summary>
    public Push.PushKind? PushKind { get; init; }

    /// <summary>push-requeue: only the row with this key or label (an outpatientNumber).</summary>
    public string? PushKey { get; init; }

    /// <summary>discover: the draft source-view file to write.</summary>
    public string? DraftPath { get; init; }

    /// <summary>discover: the JSON report to write.</summary>
    public string? ReportPath { get; init; }

    /// <summary>discover: the schemas to read (empty: Discover:Schemas or every non-system schema).</summary>
    public IReadOnlyList<string> Schemas { get; init; } = [];

    /// <summary>The language of the help (<c>--lang</c>, <see cref="CliLanguages.EnvironmentVariable"/> or the UI culture).</summary>
    public CliLanguage Language { get; init; } = CliLanguage.English;

    /// <summary>False for the verbs that never connect to the database (print-sql writes scripts, help text).</summary>
    public bool ConnectsToDatabase => Verb.ConnectsToDatabase;

    /// <summary>Where log lines go for the verbs whose standard output is their result.</summary>
    private const string LogsToStandardError = "--Logging:Console:LogToStandardErrorThreshold=Trace";

    /// <summary>Settings without a section that configuration takes on the command line: ASP.NET Core's host settings.</summary>
    private static readonly HashSet<string> TopLevelSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        "urls", "http_ports", "https_ports", "environment", "contentRoot", "applicationName", "webroot",
        "detailedErrors", "shutdownTimeoutSeconds", "AllowedHosts", "preventHostingStartup",
        "hostingStartupAssemblies", "hostingStartupExcludeAssemblies", "suppressStatusMessages",
    };

    private static readonly (RootCommand Root, Dictionary<Command, Verb> Verbs) Tree = BuildTree();

    /// <summary>Every option of every verb that takes a value: the word after it is its value, never a setting.</summary>
    private static readonly HashSet<string> OptionsWithValues = [.. Verb.All
        .SelectMany(v => v.Options).Append(VerbOptions.Language)
        .Where(o => o.Arity.MaximumNumberOfValues > 0 && o.ValueType != typeof(bool))
        .SelectMany(o => o.Aliases.Prepend(o.Name))];

    public static ProviderCommand Parse(IReadOnlyList<string> args)
    {
        var (words, settings) = SplitSettings(args);
        var language = CliLanguages.Default();
        var result = ParseIn(language, words);
        if (Value(result, VerbOptions.Language, null) is { } chosen && chosen != language)
        {
            language = chosen;
            result = ParseIn(language, words);
        }

        var verb = Tree.Verbs[result.CommandResult.Command];
        if (verb == Verb.Help || Value(result, VerbOptions.Help, false))
        {
            return new ProviderCommand(Verb.Help, false, null, [.. settings]) { Language = language };
        }
        if (result.UnmatchedTokens.Count > 0)
        {
            var word = result.UnmatchedTokens[0];
            throw new UsageException(word.StartsWith('-')
                ? Say(language, $"Unknown option '{word}' for {verb.Word}.", $"{verb.Word} 没有选项 '{word}'。")
                : verb == Verb.Serve && word == words.FirstOrDefault()
                    ? Say(language, $"Unknown verb '{word}'.", $"未知的动词 '{word}'。")
                    : Say(language, $"Unexpected argument '{word}'.", $"多余的参数 '{word}'。"), language);
        }
        if (result.Errors.Count > 0)
        {
            throw new UsageException(result.Errors[0].Message, language);
        }

        if (verb.LogsToStandardError)
        {
            settings.Insert(0, LogsToStandardError);
        }
        return new ProviderCommand(verb, Value(result, VerbOptions.WithDemo, false), Value(result, VerbOptions.Out, null), [.. settings])
        {
            Format = Value(result, VerbOptions.Format, CheckFormat.Text),
            Examples = Value(result, VerbOptions.Examples, ContractCheck.DefaultExamples),
            Table = Value(result, VerbOptions.Table, default),
            CsvPath = Value(result, VerbOptions.File, null),
            WithItems = Value(result, VerbOptions.Items, false),
            PushKind = Value(result, VerbOptions.Kind, null),
            PushKey = Value(result, VerbOptions.Key, null),
            DraftPath = Value(result, VerbOptions.DraftFile, null),
            ReportPath = Value(result, VerbOptions.Report, null),
            Schemas = Value(result, VerbOptions.Schema, []),
            Language = language,
        };
    }

    /// <summary>
    /// Takes out the settings, as configuration reads them: <c>--Section:Key=Value</c>,
    /// <c>--Section:Key Value</c> (the next word when it does not start with --), <c>/Section:Key=Value</c>,
    /// and ASP.NET Core's host settings (<c>--urls</c>). The value of a verb's option is never a setting.
    /// </summary>
    private static (List<string> Words, List<string> Settings) SplitSettings(IReadOnlyList<string> args)
    {
        var words = new List<string>();
        var settings = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (OptionsWithValues.Contains(arg))
            {
                words.Add(arg);
                if (i + 1 < args.Count)
                {
                    words.Add(args[++i]);
                }
                continue;
            }
            if (!IsSetting(arg))
            {
                words.Add(arg);
                continue;
            }
            settings.Add(arg);
            if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                settings.Add(args[++i]);
            }
        }
        return (words, settings);
    }

    private static bool IsSetting(string arg)
    {
        var name = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : arg.StartsWith('/') ? arg[1..] : null;
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }
        var equals = name.IndexOf('=', StringComparison.Ordinal);
        var key = equals < 0 ? name : name[..equals];
        return key.Length > 0 && (key.Contains(':', StringComparison.Ordinal) || TopLevelSettings.Contains(key));
    }

    /// <summary>Parses in <paramref name="language"/>'s culture, so that System.CommandLine's own messages speak it too.</summary>
    private static ParseResult ParseIn(CliLanguage language, IReadOnlyList<string> words)
    {
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CliLanguages.Culture(language);
        try
        {
            return Tree.Root.Parse(words, new ParserConfiguration { EnablePosixBundling = false, ResponseFileTokenReplacer = null });
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    /// <summary>The root command (serve, also with no verb) with one subcommand per verb of <see cref="Verb.All"/>.</summary>
    private static (RootCommand, Dictionary<Command, Verb>) BuildTree()
    {
        var root = new RootCommand { TreatUnmatchedTokensAsErrors = false };
        root.Options.Clear();
        root.Directives.Clear();
        root.Options.Add(VerbOptions.Help);
        root.Options.Add(VerbOptions.Language);
        // Not a parent that needs a verb: with none, the provider serves.
        root.SetAction(_ => 0);
        var verbs = new Dictionary<Command, Verb> { [root] = Verb.Serve };
        foreach (var verb in Verb.All)
        {
            var command = new Command(verb.Word, verb.English) { TreatUnmatchedTokensAsErrors = false };
            foreach (var option in verb.Options)
            {
                command.Options.Add(option);
            }
            root.Subcommands.Add(command);
            verbs[command] = verb;
        }
        return (root, verbs);
    }

    /// <summary>An option's value where the verb takes it, else <paramref name="absent"/>.</summary>
    private static T Value<T>(ParseResult result, Option<T> option, T absent) =>
        result.GetResult(option) is not null ? result.GetValue(option)! : absent;

    private static string Say(CliLanguage language, string english, string chinese) =>
        language == CliLanguage.Chinese ? chinese : english;

    /// <summary>The help: every verb of <see cref="Verb.All"/> with its options, in <paramref name="language"/>.</summary>
    public static string Usage(CliLanguage language)
    {
        var chinese = language == CliLanguage.Chinese;
        var text = new StringBuilder(chinese ? "用法：" : "Usage:").AppendLine();
        foreach (var verb in Verb.All)
        {
            var synopsis = verb == Verb.Serve ? "[serve]" : verb.Word;
            var options = string.Concat(verb.Options.Select(o => " " + Synopsis(o)));
            var settings = verb == Verb.Help ? " [--lang zh|en]" : " [--Key=Value ...]";
            text.Append(CultureInfo.InvariantCulture, $"  ProviderApi {synopsis}{options}{settings}").AppendLine();
            foreach (var line in (chinese ? verb.Chinese : verb.English).Split('\n'))
            {
                text.Append("      ").AppendLine(line.TrimEnd());
            }
        }
        text.AppendLine();
        text.AppendLine(chinese
            ? "配置来自 appsettings.json、环境变量（Database__Provider）或命令行的 --Key=Value（也可写作 --Key Value）。"
            : "Settings come from appsettings.json, environment variables (Database__Provider) or --Key=Value (also --Key Value).");
        text.Append(chinese
            ? $"说明的语言：--lang zh|en，或环境变量 {CliLanguages.EnvironmentVariable}=zh|en；都未设置时随系统界面语言。"
            : $"Language of this text: --lang zh|en, or the environment variable {CliLanguages.EnvironmentVariable}=zh|en; otherwise the system's UI language.");
        return text.ToString();
    }

    private static string Synopsis(Option option)
    {
        var word = option.ValueType == typeof(bool) ? option.Name : $"{option.Name} {option.HelpName}";
        return option.Required ? word : $"[{word}]";
    }

    /// <summary>Runs a verb other than serve; returns the process's exit code.</summary>
    public int Run(IServiceProvider services)
    {
        if (Verb.Work is null)
        {
            Console.WriteLine(Usage(Language));
            return 0;
        }
        return Verb.Work(this, services);
    }
}
