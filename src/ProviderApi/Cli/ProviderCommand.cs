using Microsoft.Extensions.Options;
using ProviderApi.Data;
using ProviderApi.Data.Migrations;

namespace ProviderApi.Cli;

public enum Verb
{
    Serve,
    Migrate,
    PrintSql,
    Help,
}

/// <summary>Words on the command line that are not understood; answered with the usage and exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// The verbs of the provider's one executable: <c>serve</c> (the default), <c>migrate</c> and
/// <c>print-sql</c>. Every other argument is a setting (<c>--Database:Provider=PostgreSql</c>).
/// </summary>
public sealed record ProviderCommand(Verb Verb, bool WithDemo, string? OutputPath, string[] ConfigurationArgs)
{
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
                "help" => Verb.Help,
                _ => throw new UsageException($"Unknown verb '{args[0]}'."),
            };
            start = 1;
        }

        var withDemo = false;
        string? output = null;
        var settings = new List<string>();
        for (var i = start; i < args.Count; i++)
        {
            var arg = args[i];
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
        return new ProviderCommand(verb, withDemo, output, [.. settings]);
    }

    /// <summary>Runs a verb other than serve; returns the process's exit code.</summary>
    public int Run(IServiceProvider services)
    {
        if (Verb == Verb.Help)
        {
            Console.WriteLine(Usage);
            return 0;
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
