using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProviderApi.Common;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace ProviderApi.Logging;

/// <summary>Configuration section <c>Logging:File</c>: the rotating log files.</summary>
public sealed class FileLogOptions
{
    public const string Section = "Logging:File";

    /// <summary>False: console only (a container whose platform keeps the console).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The folder of the daily files (provider-yyyyMMdd.log); relative to the content root.</summary>
    public string Path { get; set; } = "logs";

    /// <summary>Days a file is kept; at least 180 (six months, as the Cybersecurity Law asks of network logs).</summary>
    public int RetainedDays { get; set; } = 180;

    /// <summary>json: one compact JSON object a line (structured, for tools); text: one readable line an event.</summary>
    public string Format { get; set; } = "json";

    /// <summary>A day's file is continued in provider-yyyyMMdd_001.log past this size.</summary>
    public long FileSizeLimitMegabytes { get; set; } = 100;

    /// <summary>
    /// All provider-*.log files together stay within this: past it the oldest files are removed even
    /// before <see cref="RetainedDays"/>, with a warning saying how many days the logs then cover, so
    /// no flood of requests can fill the disk. The file being written is never removed.
    /// </summary>
    public long MaxTotalMegabytes { get; set; } = 5120;
}

internal sealed class FileLogOptionsValidation(IHostEnvironment environment) : IValidateOptions<FileLogOptions>, IPostConfigureOptions<FileLogOptions>
{
    public void PostConfigure(string? name, FileLogOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Path))
        {
            options.Path = System.IO.Path.GetFullPath(options.Path, environment.ContentRootPath);
        }
    }

    public ValidateOptionsResult Validate(string? name, FileLogOptions options)
    {
        var errors = new List<string>();
        if (options.RetainedDays is < 180 or > 3650)
        {
            errors.Add($"Logging:File:RetainedDays must be between 180 and 3650 (was {options.RetainedDays}): logs are kept at least six months.");
        }
        if (options.Format is not ("json" or "text"))
        {
            errors.Add($"Logging:File:Format must be json or text (was '{options.Format}').");
        }
        if (options.FileSizeLimitMegabytes is < 1 or > 10_240)
        {
            errors.Add($"Logging:File:FileSizeLimitMegabytes must be between 1 and 10240 (was {options.FileSizeLimitMegabytes}).");
        }
        else if (options.MaxTotalMegabytes < 2 * options.FileSizeLimitMegabytes || options.MaxTotalMegabytes > 1_048_576)
        {
            errors.Add($"Logging:File:MaxTotalMegabytes must be between {2 * options.FileSizeLimitMegabytes} (twice Logging:File:FileSizeLimitMegabytes: the file being written is never removed) and 1048576, 1 TB (was {options.MaxTotalMegabytes}).");
        }
        if (options.Enabled)
        {
            if (string.IsNullOrWhiteSpace(options.Path))
            {
                errors.Add("Logging:File:Path is empty; name a folder, or set Logging:File:Enabled to false.");
            }
            else
            {
                try
                {
                    Directory.CreateDirectory(options.Path);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
                {
                    errors.Add($"Logging:File:Path '{options.Path}' cannot be created or written: {ex.Message}");
                }
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>
/// Every log line goes through Serilog, to the console and to daily files, masked on the way
/// out (<see cref="Common.Masking.Text"/>): message, properties and exception text alike. The
/// Logging:LogLevel filters and Logging:Console:LogToStandardErrorThreshold keep their meaning.
/// The files are capped in days (Logging:File:RetainedDays) and in size (<see cref="LogFolderCap"/>).
/// </summary>
public static class FileLogging
{
    private const string TextTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";
    private const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Categories that write a line or more per request below Warning (ASP.NET Core's request and
    /// routing lines, the cache's, the HTTP clients'): quiet unless Logging:LogLevel says otherwise,
    /// even where appsettings.json is not read, so a poll writes its one access line only.
    /// </summary>
    private static readonly (string Category, LogLevel Level)[] QuietByDefault =
    [
        ("Microsoft.AspNetCore", LogLevel.Warning),
        ("ZiggyCreatures.Caching.Fusion", LogLevel.Warning),
        ("System.Net.Http.HttpClient", LogLevel.Warning),
        ("Polly", LogLevel.Error),
    ];

    public static IServiceCollection AddFileLogging(this IServiceCollection services)
    {
        services.AddSingleton<FileLogOptionsValidation>();
        services.AddOptions<FileLogOptions>().BindConfiguration(FileLogOptions.Section).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<FileLogOptions>>(sp => sp.GetRequiredService<FileLogOptionsValidation>());
        services.AddSingleton<IValidateOptions<FileLogOptions>>(sp => sp.GetRequiredService<FileLogOptionsValidation>());
        services.AddSingleton<ILoggerProvider>(CreateProvider);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<LogFolderCap>();
        return services;
    }

    /// <summary>Replaces the default providers (console, debug, event log: all unmasked) with the masked Serilog pipeline.</summary>
    /// <param name="logging">The host's logging.</param>
    /// <param name="leftOffConsole">Records the console leaves out because the program says them in one line of its own (the file keeps them whole).</param>
    public static ILoggingBuilder UseMaskedSerilog(this ILoggingBuilder logging, Func<LogEvent, bool> leftOffConsole)
    {
        logging.Services.AddSingleton(new ConsoleExclusion(leftOffConsole));
        logging.ClearProviders();
        // Put first, so that a Logging:LogLevel entry for the same category, added before, still wins.
        logging.Services.Configure<LoggerFilterOptions>(filters =>
        {
            foreach (var (category, level) in QuietByDefault)
            {
                filters.Rules.Insert(0, new LoggerFilterRule(null, category, level, null));
            }
        });
        logging.Services.AddFileLogging();
        return logging;
    }

    private static Serilog.Extensions.Logging.SerilogLoggerProvider CreateProvider(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var environment = services.GetRequiredService<IHostEnvironment>();
        var serilog = new LoggerConfiguration()
            .MinimumLevel.Verbose() // Logging:LogLevel filters upstream, in Microsoft.Extensions.Logging.
            .Enrich.With<MaskingEnricher>()
            // A start-up stopped by a setting ends in one line on the console, not the host's stack trace.
            .WriteTo.Logger(console => console.Filter.ByExcluding(services.GetRequiredService<ConsoleExclusion>().LeftOff).WriteTo.Console(
                new MaskingFormatter(new MessageTemplateTextFormatter(ConsoleTemplate, CultureInfo.InvariantCulture)),
                standardErrorFromLevel: StandardErrorFrom(configuration["Logging:Console:LogToStandardErrorThreshold"])));

        // Bound here without throwing: a bad setting is reported by ValidateOnStart, naming the key,
        // while the console still logs.
        var options = configuration.GetSection(FileLogOptions.Section).Get<FileLogOptions>() ?? new FileLogOptions();
        var validation = new FileLogOptionsValidation(environment);
        validation.PostConfigure(null, options);
        if (options.Enabled && validation.Validate(null, options).Succeeded)
        {
            ITextFormatter inner = options.Format == "text"
                ? new MessageTemplateTextFormatter(TextTemplate, CultureInfo.InvariantCulture)
                : new LeanEventFormatter(new CompactJsonFormatter());
            serilog.WriteTo.File(
                new MaskingFormatter(inner),
                System.IO.Path.Combine(options.Path, "provider-.log"),
                fileSizeLimitBytes: options.FileSizeLimitMegabytes * 1024 * 1024,
                rollOnFileSizeLimit: true,
                shared: true,
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: null,
                retainedFileTimeLimit: TimeSpan.FromDays(options.RetainedDays),
                encoding: new System.Text.UTF8Encoding(false));
        }
        return new Serilog.Extensions.Logging.SerilogLoggerProvider(serilog.CreateLogger(), dispose: true);
    }

    private static LogEventLevel? StandardErrorFrom(string? level) => level switch
    {
        "Trace" => LogEventLevel.Verbose,
        "Debug" => LogEventLevel.Debug,
        "Information" => LogEventLevel.Information,
        "Warning" => LogEventLevel.Warning,
        "Error" => LogEventLevel.Error,
        "Critical" => LogEventLevel.Fatal,
        _ => null,
    };

    /// <summary>
    /// Leaves out of a JSON line what would only repeat itself on every line: the request scope's
    /// properties (RequestId, RequestPath, ConnectionId: a line that needs the path says it) and the
    /// activity's (TraceId, SpanId, ParentId). The trace id (@tr) stays on warnings and errors only,
    /// where it ties together the lines of one failed request. An event id is written as its number.
    /// </summary>
    private sealed class LeanEventFormatter(ITextFormatter inner) : ITextFormatter
    {
        private static readonly HashSet<string> Repeated = new(StringComparer.Ordinal)
        {
            "RequestId", "RequestPath", "ConnectionId", "TraceId", "SpanId", "ParentId",
        };

        public void Format(LogEvent logEvent, TextWriter output)
        {
            var properties = new List<LogEventProperty>(logEvent.Properties.Count);
            foreach (var (name, value) in logEvent.Properties)
            {
                if (Repeated.Contains(name))
                {
                    continue;
                }
                if (name == "EventId" && value is StructureValue eventId)
                {
                    if (eventId.Properties.FirstOrDefault(p => p.Name == "Id")?.Value is ScalarValue { Value: int and not 0 } id)
                    {
                        properties.Add(new LogEventProperty(name, id));
                    }
                    continue;
                }
                properties.Add(new LogEventProperty(name, value));
            }
            var lean = logEvent.Level >= LogEventLevel.Warning && logEvent.TraceId is { } trace
                ? new LogEvent(logEvent.Timestamp, logEvent.Level, logEvent.Exception, logEvent.MessageTemplate, properties, trace, default)
                : new LogEvent(logEvent.Timestamp, logEvent.Level, logEvent.Exception, logEvent.MessageTemplate, properties);
            inner.Format(lean, output);
        }
    }

    /// <summary>Masks the whole rendered event: message text, properties, exception and stack.</summary>
    private sealed class MaskingFormatter(ITextFormatter inner) : ITextFormatter
    {
        public void Format(LogEvent logEvent, TextWriter output)
        {
            using var rendered = new StringWriter(CultureInfo.InvariantCulture);
            inner.Format(logEvent, rendered);
            output.Write(Masking.Text(rendered.ToString()));
        }
    }

    /// <summary>
    /// Masks property values before any formatter sees them, so a structured value stays
    /// masked in every sink; a number that looks like one becomes a masked string (the JSON
    /// formatter would otherwise write the number bare, where masking text would break it).
    /// </summary>
    private sealed class MaskingEnricher : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
        {
            List<LogEventProperty>? masked = null;
            foreach (var (name, value) in logEvent.Properties)
            {
                if (value is ScalarValue { Value: not null } scalar && scalar.Value is string or long or int or decimal or ulong or double)
                {
                    var text = Convert.ToString(scalar.Value, CultureInfo.InvariantCulture) ?? "";
                    if (Masking.HasSensitiveNumber(text))
                    {
                        (masked ??= []).Add(new LogEventProperty(name, new ScalarValue(Masking.Text(text))));
                    }
                }
            }
            foreach (var property in masked ?? [])
            {
                logEvent.AddOrUpdateProperty(property);
            }
        }
    }
}

/// <summary>Records the console leaves out (see <see cref="FileLogging.UseMaskedSerilog"/>).</summary>
internal sealed record ConsoleExclusion(Func<LogEvent, bool> LeftOff);
