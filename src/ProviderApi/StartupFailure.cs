using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using ProviderApi.Cli;
using ProviderApi.Data;
using ProviderApi.Data.Demo;
using Serilog.Events;

namespace ProviderApi;

/// <summary>Tells a wrong setting (reported in one line, exit code 1) from a defect (left to crash loudly).</summary>
internal static partial class StartupFailure
{
    /// <summary>The host's own record of a start-up that failed (Microsoft.Extensions.Hosting's event 11).</summary>
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";
    private const int HostedServiceStartupFaulted = 11;

    /// <summary>The one line a setting problem ends in: the verb, then the reason naming the key.</summary>
    public static string Line(Verb verb, Exception exception)
    {
        var reason = exception is OptionsValidationException options
            ? string.Join("; ", options.Failures.Select(Reason))
            : exception.Message;
        // What the engine knows beyond the driver's words (an Oracle driver and server that do not pair).
        if (DatabaseEngine.All.Select(engine => engine.Advice(exception)).FirstOrDefault(a => a is not null) is { } advice)
        {
            reason = $"{reason.TrimEnd()} — {advice}";
        }
        var stopped = verb == Verb.Serve ? "Start-up" : verb.ToString();
        return $"{stopped} stopped: {string.Join(' ', reason.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}";
    }

    /// <summary>A data annotation's failure reduced to its message where that names the key (Contract:SuccessCode must be ...).</summary>
    private static string Reason(string failure) =>
        DataAnnotationFailure().Match(failure) is { Success: true } match && match.Groups["reason"].Value.Contains(':', StringComparison.Ordinal)
            ? match.Groups["reason"].Value
            : failure;

    /// <summary>
    /// The host logs a failed start with its stack trace before Program writes the one line: on
    /// the console that record is left out when the line will say it (a setting problem, our own
    /// process). The log file keeps it whole.
    /// </summary>
    public static bool IsReportedInOneLine(LogEvent logEvent) =>
        IsOwnProcess
        && logEvent.Exception is { } exception
        && IsSettingProblem(exception)
        && logEvent.Properties.TryGetValue("SourceContext", out var source) && source is ScalarValue { Value: HostCategory }
        && logEvent.Properties.TryGetValue("EventId", out var eventId)
        && eventId is StructureValue id
        && id.Properties.Any(p => p.Name == "Id" && p.Value is ScalarValue { Value: HostedServiceStartupFaulted });

    public static bool IsSettingProblem(Exception exception) => exception switch
    {
        OptionsValidationException or DemoDatabaseException or MigrationException => true,
        // A database server that cannot be reached or refuses the login: say so in one line.
        _ when DatabaseEngine.All.Any(engine => engine.IsSettingProblem(exception)) => true,
        // The configuration binder's words for a value of the wrong type; the message names the key.
        InvalidOperationException { InnerException: not null } e => e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>
    /// False when another program hosts the provider (the test host's WebApplicationFactory): the
    /// exception must then reach that program rather than end in a line on standard error.
    /// </summary>
    public static bool IsOwnProcess => Assembly.GetEntryAssembly() == typeof(StartupFailure).Assembly;

    /// <summary>"DataAnnotation validation failed for 'X' members: 'Y' with the error: 'reason'.": the reason names the key itself.</summary>
    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']*' members: '[^']*' with the error: '(?<reason>.*)'\.$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();
}
