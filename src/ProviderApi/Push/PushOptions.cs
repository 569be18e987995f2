using Microsoft.Extensions.Options;
using ProviderApi.Common;
using ProviderApi.Data;

namespace ProviderApi.Push;

/// <summary>Where the push keeps what it delivered.</summary>
public enum PushStoreKind
{
    /// <summary>An SQLite file of the provider's own (<see cref="PushOptions.StorePath"/>): one instance pushes.</summary>
    Embedded,

    /// <summary>Tables imgcloud.push_delivery and imgcloud.push_control in the hospital's database: several instances, one lease.</summary>
    Database,
}

/// <summary>
/// Configuration section <c>Push</c>: mode 2 of §3.4.2 and §3.6.2, the provider posting
/// registrations and settlements to the cloud instead of (or besides) the cloud reading the
/// views. Off by default; each interface is enabled on its own. The cloud's address and the
/// headers that authenticate the provider are <c>Cloud:BaseAddress</c> and <c>Cloud:Headers</c>.
/// </summary>
public sealed class PushOptions
{
    public const string Section = "Push";

    /// <summary>Registrations and admissions (§3.4.2) to its <c>Path</c> (default /standardInterface/standardHttp/saveDataStorage).</summary>
    public PushKindOptions Registrations { get; set; } = new() { Path = "/standardInterface/standardHttp/saveDataStorage" };

    /// <summary>Imaging settlements (§3.6.2) to its <c>Path</c> (default /standardInterface/standardHttp/saveSetlInfoList).</summary>
    public PushKindOptions Settlements { get; set; } = new() { Path = "/standardInterface/standardHttp/saveSetlInfoList" };

    /// <summary>Seconds between two reads of the views (sooner while a backlog is being sent).</summary>
    public double PollSeconds { get; set; } = 60;

    /// <summary>Rows sent at most per interface and poll; the rest follow in the next poll, at once.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Embedded (default) or Database.</summary>
    public PushStoreKind Store { get; set; } = PushStoreKind.Embedded;

    /// <summary>The embedded store's SQLite file. Default: <c>data/push-state.db</c> under the content root.</summary>
    public string? StorePath { get; set; }

    /// <summary>Seconds one attempt to reach the cloud may take.</summary>
    public double AttemptTimeoutSeconds { get; set; } = 10;

    /// <summary>Further attempts within one call after a network error, a timeout or a 500 (in the HTTP status or the body's code).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay; each next one doubles, with jitter.</summary>
    public double RetryDelaySeconds { get; set; } = 1;

    /// <summary>After a call's retries are spent, the row waits before its next call: doubling from one poll up to this.</summary>
    public double MaxBackoffMinutes { get; set; } = 30;

    /// <summary>The code in the cloud's answer that means accepted (the document: 200).</summary>
    public int SuccessCode { get; set; } = 200;

    /// <summary>A settlement not delivered this many hours after it first appeared in the view raises an alert (the cloud wants it within 24 h).</summary>
    public double SettlementAlertHours { get; set; } = 20;

    /// <summary>While paused by a 401, one row is tried again this often; an accepted one resumes pushing.</summary>
    public double PausedProbeMinutes { get; set; } = 15;

    /// <summary>Seconds an instance holds the push lease without renewing it; another instance may take over after.</summary>
    public double LeaseSeconds { get; set; } = 120;

    /// <summary>Delivered rows are forgotten this many days after delivery (the views' windows are shorter).</summary>
    public int RetainDays { get; set; } = 90;

    /// <summary>
    /// The longest one call may take: every attempt timing out, with the retry delays between
    /// (doubling, jitter up to half again). The lease is renewed before a call when less than
    /// one and a half of this remains, and must be at least twice as long.
    /// </summary>
    public TimeSpan CallBudget => TimeSpan.FromSeconds(
        (AttemptTimeoutSeconds * (MaxRetries + 1)) + (RetryDelaySeconds * (Math.Pow(2, MaxRetries) - 1) * 1.5));

    /// <summary>True when either interface is enabled.</summary>
    public bool Enabled => PushInterfaces.All.Any(i => i.Options(this).Enabled);

    public PushKindOptions For(PushKind kind) => PushInterfaces.Of(kind).Options(this);
}

/// <summary>One interface of the push.</summary>
public sealed class PushKindOptions
{
    /// <summary>Off by default.</summary>
    public bool Enabled { get; set; }

    /// <summary>The cloud's path, after Cloud:BaseAddress.</summary>
    public string Path { get; set; } = "";
}

/// <summary>Resolves the embedded store's path against the content root.</summary>
internal sealed class PushOptionsSetup(IHostEnvironment environment) : IPostConfigureOptions<PushOptions>
{
    public void PostConfigure(string? name, PushOptions options) =>
        options.StorePath = Path.GetFullPath(
            string.IsNullOrWhiteSpace(options.StorePath) ? Path.Combine("data", "push-state.db") : options.StorePath,
            environment.ContentRootPath);
}

/// <summary>Rejects settings that cannot work, naming the key.</summary>
internal sealed class PushOptionsValidation(IOptions<DatabaseOptions> database, IOptions<CloudOptions> cloud) : IValidateOptions<PushOptions>
{
    public ValidateOptionsResult Validate(string? name, PushOptions options)
    {
        var problems = new List<string>();
        if (options.Enabled && string.IsNullOrWhiteSpace(cloud.Value.BaseAddress))
        {
            problems.Add("Cloud:BaseAddress is required when Push:Registrations:Enabled or Push:Settlements:Enabled is true (e.g. http://10.1.2.3:8080).");
        }
        foreach (var (key, kind) in PushInterfaces.All.Select(i => (i.OptionsKey, i.Options(options))))
        {
            if (!kind.Path.StartsWith('/') || kind.Path.Contains('?', StringComparison.Ordinal) || kind.Path.Contains('#', StringComparison.Ordinal))
            {
                problems.Add($"Push:{key}:Path '{kind.Path}' must be a path starting with '/', without query.");
            }
        }
        Range(problems, "PollSeconds", options.PollSeconds, 0.1, 86_400);
        Range(problems, "BatchSize", options.BatchSize, 1, 100_000);
        Range(problems, "AttemptTimeoutSeconds", options.AttemptTimeoutSeconds, 0.1, 300);
        Range(problems, "MaxRetries", options.MaxRetries, 0, 10);
        Range(problems, "RetryDelaySeconds", options.RetryDelaySeconds, 0.001, 60);
        Range(problems, "MaxBackoffMinutes", options.MaxBackoffMinutes, 0.001, 1440);
        Range(problems, "SettlementAlertHours", options.SettlementAlertHours, 0.0001, 24 * 7);
        Range(problems, "PausedProbeMinutes", options.PausedProbeMinutes, 0.001, 1440);
        Range(problems, "LeaseSeconds", options.LeaseSeconds, 1, 3600);
        Range(problems, "RetainDays", options.RetainDays, 40, 3650);
        if (options.LeaseSeconds < 2 * options.CallBudget.TotalSeconds)
        {
            problems.Add($"Push:LeaseSeconds ({options.LeaseSeconds}) must be at least twice the longest call ({options.CallBudget.TotalSeconds:0.#} s from Push:AttemptTimeoutSeconds, Push:MaxRetries and Push:RetryDelaySeconds), so that no other instance can take the lease while a call is in flight.");
        }
        if (!Enum.IsDefined(options.Store))
        {
            problems.Add($"Push:Store '{options.Store}' is unknown; use Embedded or Database.");
        }
        else if (options.Store == PushStoreKind.Database && DatabaseEngine.TryFor(database.Value.Provider)?.IsServer != true)
        {
            problems.Add($"Push:Store Database needs a server database (Database:Provider {DatabaseEngine.Names(DatabaseEngine.Servers)}, not {database.Value.Provider}); use Embedded.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Range(List<string> problems, string key, double value, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            problems.Add($"Push:{key} must be between {min} and {max} (was {value}).");
        }
    }
}
