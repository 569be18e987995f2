using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using ProviderApi.Check;
using ProviderApi.Contract;
using ProviderApi.Views;

namespace ProviderApi.Push;

/// <summary>The two interfaces of mode 2, each fed by the view whose declaration says Pushed with its name.</summary>
public enum PushKind
{
    /// <summary>View_Register_Info → saveDataStorage (§3.4.2).</summary>
    Registration,

    /// <summary>view_setlInfoList → saveSetlInfoList (§3.6.2).</summary>
    Settlement,
}

/// <summary>
/// One record as it would be sent: its identity in the delivery state, a hash of exactly the
/// bytes posted (a row is "changed" when they change), what operators are shown of it, and the
/// broken contract rules that keep it from being sent.
/// </summary>
/// <param name="Kind">Which interface.</param>
/// <param name="Key">Registrations: outpatientNumber (the cloud de-duplicates on it). Settlements: the hash (their identity is their whole content).</param>
/// <param name="Hash">Lower-case hex SHA-256 of <paramref name="Body"/>.</param>
/// <param name="Label">What status pages and logs show: outpatientNumber, or accessionNo/studyOrderId; never a personal value.</param>
/// <param name="Body">The JSON posted: one record, UTF-8. Made in <see cref="PushPayloads"/>' scratch buffer, valid until its next row: <see cref="Kept"/> copies it out for sending.</param>
/// <param name="Validate">The error-level rules the row breaks, each accepted (Check:AcceptedExceptionsPath) or not: run for a row new or changed (an unchanged row was judged when it was first seen), and again for an unchanged row sent with accepted problems, to count it against its acceptance's maxRows.</param>
public sealed record PushItem(PushKind Kind, string Key, string Hash, string Label, ReadOnlyMemory<byte> Body, Func<RowVerdict> Validate)
{
    /// <summary>The item with a body of its own, to keep past the next row (a quiet poll keeps none).</summary>
    public PushItem Kept() => this with { Body = Body.ToArray() };
}

/// <summary>
/// Turns rows of the pushed views into <see cref="PushItem"/>s, validated with the views' own
/// validators. A row's body is written into one scratch buffer, reused from row to row: a poll
/// hashes every row of the window, and copies out only those it sends.
/// </summary>
public sealed class PushPayloads : IDisposable
{
    private readonly IReadOnlySet<string> sexTexts;
    private readonly AcceptanceList accepted;
    private readonly DateOnly today;
    private readonly Dictionary<StandardView, (object Body, object Validator, AcceptanceLedger Ledger)> perView = [];
    private readonly ArrayBufferWriter<byte> scratch = new(4096);
    private readonly Utf8JsonWriter json;

    /// <param name="sexTexts">The sex code map's outputs (what patientSex may be), read at each poll.</param>
    /// <param name="accepted">The hospital's accepted exceptions, read at each poll; none when not given.</param>
    /// <param name="today">The hospital's day, for the acceptances' expiry.</param>
    public PushPayloads(IReadOnlySet<string> sexTexts, AcceptanceList? accepted = null, DateOnly today = default)
    {
        this.sexTexts = sexTexts;
        this.accepted = accepted ?? AcceptanceList.None;
        this.today = today;
        json = new Utf8JsonWriter(scratch, new JsonWriterOptions { Encoder = ContractJsonContext.Encoder });
    }

    /// <summary>
    /// The record of <paramref name="row"/>. Its key in the delivery state: the view's key (the
    /// cloud de-duplicates on it), or the body's hash for a view without one (its identity is its
    /// whole content). A row without its key is still tracked (by content) so that it is parked,
    /// not lost from sight.
    /// </summary>
    public PushItem Item<T>(StandardView<T> view, PushKind kind, T row)
    {
        if (!perView.TryGetValue(view, out var made))
        {
            made = (BodyInfo(view), view.Validator(sexTexts), new AcceptanceLedger(accepted, view.Name, today));
            perView[view] = made;
        }
        var body = Write(row, (JsonTypeInfo<T>)made.Body);
        var hash = Hash(body.Span);
        string key;
        if (view.KeyOf is { } keyOf)
        {
            var value = keyOf(row)?.Trim();
            key = string.IsNullOrEmpty(value) ? $"(no {view.Key}) {hash[..16]}" : value;
        }
        else
        {
            key = hash;
        }
        var label = view.PushLabel?.Invoke(row) ?? key;
        var validator = (IValidator<T>)made.Validator;
        var ledger = made.Ledger;
        var viewKey = view.KeyOf?.Invoke(row);
        return new PushItem(kind, key, hash, label, body, () => RowVerdict.Of(
            RowProblem.Of(validator.Validate(row)).Where(p => p.IsError && !view.NotPushed.Contains(p.Field)),
            ledger, problem => ledger.Covering(problem, f => view.ValueOf(row, f), viewKey)));
    }

    /// <summary>Lower-case hex SHA-256 of the body.</summary>
    public static string Hash(ReadOnlySpan<byte> body)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, digest);
        return Convert.ToHexStringLower(digest);
    }

    public void Dispose() => json.Dispose();

    /// <summary>The row's JSON in the scratch buffer (the serializer's bytes, as SerializeToUtf8Bytes writes them), valid until the next row.</summary>
    private ReadOnlyMemory<byte> Write<T>(T row, JsonTypeInfo<T> type)
    {
        scratch.ResetWrittenCount();
        json.Reset();
        JsonSerializer.Serialize(json, row, type);
        json.Flush();
        return scratch.WrittenMemory;
    }

    /// <summary>The record as the push interface lists it: the view's fields less those it does not ask for.</summary>
    private static JsonTypeInfo<T> BodyInfo<T>(StandardView<T> view)
    {
        if (view.NotPushed.Count == 0)
        {
            return view.Json;
        }
        var options = new JsonSerializerOptions(view.Json.Options)
        {
            TypeInfoResolver = view.Json.Options.TypeInfoResolver!.WithAddedModifier(info =>
            {
                if (info.Type == typeof(T))
                {
                    foreach (var property in info.Properties.Where(p => view.NotPushed.Contains(p.Name)).ToList())
                    {
                        info.Properties.Remove(property);
                    }
                }
            }),
        };
        return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
    }
}

/// <summary>
/// What the push makes of a row's broken rules: those no acceptance covers (the row is parked with
/// them) and those an acceptance in force covers (the row is sent: the cloud decides), each
/// counted against its acceptance's maxRows only when the row is sent.
/// </summary>
public sealed class RowVerdict
{
    /// <summary>What a row sent with accepted problems carries as its reason: "accepted: RULE field; ...".</summary>
    public const string AcceptedPrefix = "accepted: ";

    private readonly AcceptanceLedger? ledger;
    private readonly List<(RowProblem Problem, List<Acceptance> Covering)> accepted;

    private RowVerdict(string? problems, List<(RowProblem, List<Acceptance>)> accepted, AcceptanceLedger? ledger)
    {
        Problems = problems;
        this.accepted = accepted;
        this.ledger = ledger;
    }

    /// <summary>"RULE-ID field; ..." of the problems no acceptance covers; null when none.</summary>
    public string? Problems { get; }

    /// <summary>Problems that acceptances cover (the row may be sent if they have room).</summary>
    public bool HasAccepted => accepted.Count > 0;

    /// <summary>The reason a row sent with accepted problems is stored with.</summary>
    public string AcceptedReason => AcceptedPrefix + string.Join("; ", accepted.Select(a => a.Problem));

    /// <summary>A verdict of problems alone (no acceptance applies): <paramref name="problems"/> null for a row that may be sent.</summary>
    public static RowVerdict Plain(string? problems) => new(problems, [], null);

    public static RowVerdict Of(IEnumerable<RowProblem> problems, AcceptanceLedger ledger, Func<RowProblem, List<Acceptance>> covering)
    {
        var open = new List<RowProblem>();
        var accepted = new List<(RowProblem, List<Acceptance>)>();
        foreach (var problem in problems.DistinctBy(p => (p.Rule.Id, p.Field)))
        {
            var cover = ledger.IsEmpty ? [] : covering(problem).Where(a => !a.HasExpired(ledger.Today)).ToList();
            if (cover.Count == 0)
            {
                open.Add(problem);
            }
            else
            {
                accepted.Add((problem, cover));
            }
        }
        return new RowVerdict(open.Count == 0 ? null : string.Join("; ", open), accepted, ledger);
    }

    /// <summary>
    /// Takes a row of each covering acceptance, or none when one has no room left; then the
    /// problems over a limit, as the row is parked with ("RULE field (over maxRows of #n)").
    /// </summary>
    public (bool Taken, string? Over) TryTake()
    {
        var full = accepted.Where(a => ledger!.Take(a.Covering, dryRun: true) is null).ToList();
        if (full.Count > 0)
        {
            return (false, string.Join("; ", full.Select(a => $"{a.Problem} (over maxRows of acceptance #{a.Covering[0].Number})")));
        }
        foreach (var (_, covering) in accepted)
        {
            ledger!.Take(covering);
        }
        return (true, null);
    }

    /// <summary>Counts a row already sent against its acceptances (what it takes of their maxRows in this window).</summary>
    public void Count()
    {
        foreach (var (_, covering) in accepted)
        {
            ledger!.Take(covering);
        }
    }
}
