using System.Globalization;
using Microsoft.Extensions.Options;
using ProviderApi.Check;
using ProviderApi.Data;
using ProviderApi.Data.Migrations;
using ProviderApi.Operations;

namespace ProviderApi.Cli;

public enum Verb
{
    Serve,
    Migrate,
    PrintSql,
    Check,
    LoadCsv,
    SelfTest,
    PushStatus,
    PushRequeue,
    PushResume,
    Help,
}

/// <summary>Words on the command line that are not understood; answered with the usage and exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// The verbs of the provider's one executable: <c>serve</c> (the default), <c>migrate</c>,
/// <c>print-sql</c>, <c>check</c> and <c>load-csv</c>. Every other argument is a setting
/// (<c>--Database:Provider=PostgreSql</c>).
/// </summary>
public sealed record ProviderCommand(Verb Verb, bool WithDemo, string? OutputPath, string[] ConfigurationArgs)
{
    /// <summary>check: text for a DBA, JSON for a program.</summary>
    public CheckFormat Format { get; init; } = CheckFormat.Text;

    /// <summary>check: how many example rows each broken rule shows.</summary>
    public int Examples { get; init; } = ContractCheck.DefaultExamples;

    /// <summary>load-csv: the table the file is loaded into.</summary>
    public CodeMapTable Table { get; init; }

    /// <summary>load-csv: the CSV file.</summary>
    public string? CsvPath { get; init; }

    /// <summary>push-requeue: only rows of this interface.</summary>
    public Push.PushKind? PushKind { get; init; }

    /// <summary>push-requeue: only the row with this key or label (an outpatientNumber).</summary>
    public string? PushKey { get; init; }

    /// <summary>False for the verbs that never connect to the database (print-sql writes scripts, help text).</summary>
    public bool ConnectsToDatabase => Verb is not (Verb.PrintSql or Verb.Help);

    /// <summary>
    /// Verbs whose standard output is their result (a report, JSON) send log lines to standard
    /// error, where they cannot break a JSON report piped into another program.
    /// </summary>
    private const string LogsToStandardError = "--Logging:Console:LogToStandardErrorThreshold=Trace";

    public const string Usage = """
        Usage:
          ProviderApi [serve] [--Key=Value ...]
              Start the provider (the default).
          ProviderApi migrate [--with-demo] [--Key=Value ...]
              Apply sql/<engine>/ and the hospital's source views (Database:SourceViewsPath) to
              Database:MigrationConnectionString (or Database:ConnectionString). --with-demo also
              creates the demo hospital's HIS tables and seeds them when empty.
          ProviderApi print-sql [--with-demo] [--out FILE] [--Key=Value ...]
              Write exactly the SQL that migrate runs, in order, for a DBA to read or run by hand.
          ProviderApi check [--format text|json] [--examples N] [--Key=Value ...]
              Check the four standard views against the contract before go-live (上线前检查): per
              view the rows read, each broken rule with its count, severity and N examples (default
              3; ID and phone numbers masked), and the exam items the examPart crosswalk lacks.
              Exit 0 when no error-level rule is broken (warnings allowed), 1 otherwise.
          ProviderApi load-csv --table exam-part-map|sex-map --file FILE [--Key=Value ...]
              Load the examPart crosswalk (header exam_code,exam_part[,note]) or the sex code map
              (header sex_code,sex_text) from a UTF-8 CSV file, in one transaction: a code in the
              file replaces its row, other rows are kept. One bad line and nothing is loaded.
              PostgreSQL: through Database:MigrationConnectionString (or ConnectionString).
          ProviderApi selftest [--Key=Value ...]
              Before telling the cloud "ready" (上线自检): settings, database, the four views, the
              examPart crosswalk's gaps, log folder, access lists, the cloud's address
              (Cloud:BaseAddress). One line each; exit 1 when a line says FAIL.
          ProviderApi push-status [--format text|json] [--Key=Value ...]
              The push (mode 2, section Push): rows by state, the oldest undelivered, whether it is
              paused and who holds the lease, and the parked rows with their reasons.
          ProviderApi push-requeue [--kind registration|settlement] [--key KEY] [--Key=Value ...]
              Put parked rows (rejected by the cloud or invalid) back to pending: all, one
              interface's, or the one with this outpatientNumber or key.
          ProviderApi push-resume [--Key=Value ...]
              Resume pushing after a 401 paused it (once Cloud:Headers is right).

        Settings come from appsettings.json, environment variables (Database__Provider) or --Key=Value.
        """;

    public static ProviderCommand Parse(IReadOnlyList<string> args)
    {
        var verb = Verb.Serve;
        var start = 0;
        if (args.Count > 0 && !args[0].StartsWith('-'))
        {
            verb = args[0] switch
            {
                "serve" => Verb.Serve,
                "migrate" => Verb.Migrate,
                "print-sql" => Verb.PrintSql,
                "check" => Verb.Check,
                "load-csv" => Verb.LoadCsv,
                "selftest" => Verb.SelfTest,
                "push-status" => Verb.PushStatus,
                "push-requeue" => Verb.PushRequeue,
                "push-resume" => Verb.PushResume,
                "help" => Verb.Help,
                _ => throw new UsageException($"Unknown verb '{args[0]}'."),
            };
            start = 1;
        }

        var withDemo = false;
        string? output = null;
        var format = CheckFormat.Text;
        var examples = ContractCheck.DefaultExamples;
        CodeMapTable? table = null;
        string? csvPath = null;
        Push.PushKind? pushKind = null;
        string? pushKey = null;
        var settings = new List<string>();
        if (verb is Verb.Check or Verb.LoadCsv or Verb.SelfTest or Verb.PushStatus or Verb.PushRequeue or Verb.PushResume)
        {
            settings.Add(LogsToStandardError);
        }
        for (var i = start; i < args.Count; i++)
        {
            var arg = args[i];
            if (verb is Verb.Check or Verb.PushStatus && Option(args, ref i, "--format") is { } formatName)
            {
                format = formatName switch
                {
                    "text" => CheckFormat.Text,
                    "json" => CheckFormat.Json,
                    _ => throw new UsageException($"--format takes text or json, not '{formatName}'."),
                };
                continue;
            }
            if (verb == Verb.Check && Option(args, ref i, "--examples") is { } count)
            {
                examples = int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 1000
                    ? n
                    : throw new UsageException($"--examples takes a whole number from 0 to 1000, not '{count}'.");
                continue;
            }
            if (verb == Verb.LoadCsv && Option(args, ref i, "--table") is { } tableName)
            {
                table = CodeMapCsv.Parse(tableName) ?? throw new UsageException($"--table takes exam-part-map or sex-map, not '{tableName}'.");
                continue;
            }
            if (verb == Verb.PushRequeue && Option(args, ref i, "--kind") is { } kindName)
            {
                pushKind = kindName switch
                {
                    "registration" or "registrations" => Push.PushKind.Registration,
                    "settlement" or "settlements" => Push.PushKind.Settlement,
                    _ => throw new UsageException($"--kind takes registration or settlement, not '{kindName}'."),
                };
                continue;
            }
            if (verb == Verb.PushRequeue && Option(args, ref i, "--key") is { } key)
            {
                pushKey = key;
                continue;
            }
            if (verb == Verb.LoadCsv && Option(args, ref i, "--file") is { } file)
            {
                csvPath = file;
                continue;
            }
            switch (arg)
            {
                case "--help" or "-h" or "-?":
                    verb = Verb.Help;
                    break;
                case "--with-demo" when verb is Verb.Migrate or Verb.PrintSql:
                    withDemo = true;
                    break;
                case "--out" when verb == Verb.PrintSql:
                    output = i + 1 < args.Count ? args[++i] : throw new UsageException("--out needs a file name.");
                    break;
                default:
                    if (!arg.StartsWith("--", StringComparison.Ordinal) && !arg.StartsWith('/'))
                    {
                        throw new UsageException($"Unexpected argument '{arg}'.");
                    }
                    settings.Add(arg);
                    // A setting written as two words: --Key Value.
                    if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        settings.Add(args[++i]);
                    }
                    break;
            }
        }
        if (verb == Verb.LoadCsv && (table is null || string.IsNullOrWhiteSpace(csvPath)))
        {
            throw new UsageException("load-csv needs --table exam-part-map|sex-map and --file FILE.");
        }
        return new ProviderCommand(verb, withDemo, output, [.. settings])
        {
            Format = format,
            Examples = examples,
            Table = table ?? default,
            CsvPath = csvPath,
            PushKind = pushKind,
            PushKey = pushKey,
        };
    }

    /// <summary>The value of <paramref name="name"/> written as <c>--name value</c> or <c>--name=value</c>; null when args[i] is another argument.</summary>
    private static string? Option(IReadOnlyList<string> args, ref int i, string name)
    {
        var arg = args[i];
        if (arg.StartsWith(name + "=", StringComparison.Ordinal))
        {
            return arg[(name.Length + 1)..];
        }
        if (arg != name)
        {
            return null;
        }
        if (i + 1 >= args.Count)
        {
            throw new UsageException($"{name} needs a value.");
        }
        return args[++i];
    }

    /// <summary>Runs a verb other than serve; returns the process's exit code.</summary>
    public int Run(IServiceProvider services)
    {
        if (Verb == Verb.Help)
        {
            Console.WriteLine(Usage);
            return 0;
        }
        if (Verb == Verb.SelfTest)
        {
            return SelfTest.RunAsync(services, Console.Out).GetAwaiter().GetResult();
        }
        if (Verb == Verb.Check)
        {
            // A console program without a synchronization context: blocking here cannot deadlock.
            return CheckVerbs.CheckAsync(services, Format, Examples, Console.Out, Console.Error).GetAwaiter().GetResult();
        }
        if (Verb == Verb.PushStatus)
        {
            return Push.PushVerbs.StatusAsync(services, Format == CheckFormat.Json, Console.Out).GetAwaiter().GetResult();
        }
        if (Verb == Verb.PushRequeue)
        {
            return Push.PushVerbs.RequeueAsync(services, PushKind, PushKey, Console.Out).GetAwaiter().GetResult();
        }
        if (Verb == Verb.PushResume)
        {
            return Push.PushVerbs.ResumeAsync(services, Console.Out).GetAwaiter().GetResult();
        }
        if (Verb == Verb.LoadCsv)
        {
            return CheckVerbs.LoadCsv(services, Table, CsvPath!, Console.Out, Console.Error);
        }
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var migrator = new Migrator(options, services.GetRequiredService<TimeProvider>(), Console.Out);
        if (Verb == Verb.PrintSql)
        {
            if (OutputPath is null)
            {
                migrator.PrintSql(Console.Out, WithDemo);
            }
            else
            {
                using var file = new StreamWriter(OutputPath, append: false, new System.Text.UTF8Encoding(false));
                migrator.PrintSql(file, WithDemo);
            }
            return 0;
        }
        migrator.Migrate(WithDemo);
        Console.WriteLine("Migration complete.");
        return 0;
    }
}
