using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace ProviderApi.Push;

/// <summary>One interface's rows by state, and how old its oldest undelivered row is.</summary>
public sealed record PushKindStatus(
    string Kind,
    bool Enabled,
    IReadOnlyDictionary<string, long> Rows,
    double? OldestUndeliveredSeconds)
{
    /// <summary>
    /// Rows sent or to be sent although they break a rule, because an accepted exception covers it
    /// (Check:AcceptedExceptionsPath), by state (pending, delivered, rejected); counted in <see cref="Rows"/> too.
    /// </summary>
    public IReadOnlyDictionary<string, long> Accepted { get; init; } = new Dictionary<string, long>();
}

/// <summary>A parked, expired or retrying row as operators see it: label, never a personal value; the reason with digits masked.</summary>
public sealed record ParkedRow(string Kind, string Label, string State, string? Reason, int Attempts, DateTimeOffset FirstSeen);

/// <summary>What operators see of the push (GET /operations/push, the push-status verb), read from the store: true for every instance.</summary>
public sealed record PushStatusReport(
    string Store,
    string? LeaseHolder,
    DateTimeOffset? LeaseUntil,
    string? PausedReason,
    DateTimeOffset? PausedSince,
    IReadOnlyList<PushKindStatus> Kinds,
    IReadOnlyList<ParkedRow> Parked,
    IReadOnlyList<ParkedRow> Retrying)
{
    /// <summary>This instance's last poll: when it ended and, if it failed, why (the database or the store unreachable); null from the command line.</summary>
    public DateTimeOffset? LastPollAt { get; init; }

    /// <summary>Why this instance's last poll failed (masked); null when it went through.</summary>
    public string? LastPollProblem { get; init; }

    /// <summary>Parked rows listed at most.</summary>
    public const int MaxParked = 100;

    public static async Task<PushStatusReport> ReadAsync(PushStore store, PushOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        await store.EnsureReadyAsync(cancellationToken);
        var control = await store.ReadControlAsync(cancellationToken);
        var counts = await store.CountAsync(cancellationToken);
        var (parked, retrying) = await store.AttentionAsync(MaxParked, cancellationToken);
        var now = clock.GetUtcNow();
        var kinds = PushInterfaces.All.Select(i => i.Kind).Select(kind =>
        {
            var mine = counts.Where(c => c.Kind == kind).ToList();
            var rows = Enum.GetValues<DeliveryState>().ToDictionary(PushStore.StateText, s => mine.Where(c => c.State == s).Sum(c => c.Count));
            var undelivered = mine.Where(c => c.State is DeliveryState.Pending or DeliveryState.Rejected or DeliveryState.Invalid).ToList();
            double? oldest = undelivered.Count == 0 ? null : Math.Round((now - FromMs(undelivered.Min(c => c.OldestFirstSeenMs))).TotalSeconds);
            var accepted = mine.Where(c => c.State is DeliveryState.Pending or DeliveryState.Delivered or DeliveryState.Rejected)
                .ToDictionary(c => PushStore.StateText(c.State), c => c.Accepted);
            return new PushKindStatus(PushStore.KindText(kind), options.For(kind).Enabled, rows, oldest) { Accepted = accepted };
        }).ToList();
        return new PushStatusReport(
            store.Location,
            control.LeaseUntilMs > now.ToUnixTimeMilliseconds() ? control.Holder : null,
            control.LeaseUntilMs is { } until && until > now.ToUnixTimeMilliseconds() ? FromMs(until) : null,
            control.PausedReason,
            control.PausedAtMs is { } at ? FromMs(at) : null,
            kinds,
            parked.Select(Row).ToList(),
            retrying.Select(Row).ToList());
    }

    private static ParkedRow Row(Delivery d) => new(PushStore.KindText(d.Kind), d.Label ?? d.Key, PushStore.StateText(d.State), d.Reason, d.Attempts, FromMs(d.FirstSeenMs));

    public void WriteText(TextWriter output)
    {
        output.WriteLine($"push state: {Store}");
        output.WriteLine(PausedReason is null ? "pushing: not paused" : $"pushing: PAUSED since {PausedSince:u}: {PausedReason} (push-resume to resume)");
        output.WriteLine(LeaseHolder is null ? "lease: held by no running instance" : $"lease: {LeaseHolder} until {LeaseUntil:u}");
        foreach (var kind in Kinds)
        {
            var rows = string.Join(", ", kind.Rows.Select(r => $"{r.Key} {r.Value}"));
            var oldest = kind.OldestUndeliveredSeconds is { } s ? $"; oldest undelivered {TimeSpan.FromSeconds(s):g}" : "";
            var accepted = kind.Accepted.Values.Sum() is var n and > 0
                ? $"; with accepted exceptions {n} ({string.Join(", ", kind.Accepted.Where(a => a.Value > 0).Select(a => $"{a.Key} {a.Value}"))})"
                : "";
            output.WriteLine($"{kind.Kind} ({(kind.Enabled ? "enabled" : "disabled")}): {rows}{oldest}{accepted}");
        }
        output.WriteLine(Parked.Count == 0 ? "parked: none" : $"parked (newest first, at most {MaxParked}):");
        foreach (var row in Parked)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {row.Kind} {row.Label} [{row.State}] since {row.FirstSeen:u}, {row.Attempts} call(s): {row.Reason}"));
        }
        if (Retrying.Count > 0)
        {
            output.WriteLine($"retrying (pending after failed calls, at most {MaxParked}):");
        }
        foreach (var row in Retrying)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {row.Kind} {row.Label} since {row.FirstSeen:u}, {row.Attempts} call(s), last: {row.Reason}"));
        }
    }

    public void WriteJson(Stream output) => JsonSerializer.Serialize(output, this, PushJsonContext.Default.PushStatusReport);

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(PushStatusReport))]
internal sealed partial class PushJsonContext : JsonSerializerContext;

/// <summary>The operators' verbs: push-status, push-requeue, push-resume. They work on the store, so a running service sees their effect at its next poll.</summary>
public static class PushVerbs
{
    public static async Task<int> StatusAsync(IServiceProvider services, bool json, TextWriter output)
    {
        var report = await PushStatusReport.ReadAsync(
            services.GetRequiredService<PushStore>(), services.GetRequiredService<IOptions<PushOptions>>().Value, services.GetRequiredService<TimeProvider>(), CancellationToken.None);
        if (json)
        {
            using var stdout = Console.OpenStandardOutput();
            report.WriteJson(stdout);
            await stdout.WriteAsync("\n"u8.ToArray());
        }
        else
        {
            report.WriteText(output);
        }
        return 0;
    }

    public static async Task<int> RequeueAsync(IServiceProvider services, PushKind? kind, string? key, TextWriter output)
    {
        var store = services.GetRequiredService<PushStore>();
        await store.EnsureReadyAsync(CancellationToken.None);
        var count = await store.RequeueAsync(kind, key, CancellationToken.None);
        output.WriteLine($"{count} parked row(s) put back to pending; the pushing instance sends them at its next poll.");
        return 0;
    }

    public static async Task<int> ResumeAsync(IServiceProvider services, TextWriter output)
    {
        var store = services.GetRequiredService<PushStore>();
        await store.EnsureReadyAsync(CancellationToken.None);
        output.WriteLine(await store.ResumeAsync(CancellationToken.None)
            ? "Push resumed; the pushing instance sends at its next poll."
            : "Push was not paused.");
        return 0;
    }
}
