using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using FluentValidation.Results;
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
/// <param name="Validate">Error-level rules the row breaks ("RULE-ID field; ..."), null when it may be sent: run only for a row new or changed, since an unchanged row was judged when it was first seen.</param>
public sealed record PushItem(PushKind Kind, string Key, string Hash, string Label, ReadOnlyMemory<byte> Body, Func<string?> Validate)
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
    private readonly Dictionary<StandardView, (object Body, object Validator)> perView = [];
    private readonly ArrayBufferWriter<byte> scratch = new(4096);
    private readonly Utf8JsonWriter json;

    /// <param name="sexTexts">The sex code map's outputs (what patientSex may be), read at each poll.</param>
    public PushPayloads(IReadOnlySet<string> sexTexts)
    {
        this.sexTexts = sexTexts;
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
            made = (BodyInfo(view), view.Validator(sexTexts));
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
        return new PushItem(kind, key, hash, label, body, () => Problems(validator.Validate(row), view.NotPushed));
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

    /// <summary>"RULE-ID field; ..." for the error-level failures (warnings do not hold a row back); null when none.</summary>
    private static string? Problems(ValidationResult result, IReadOnlySet<string> ignoredFields)
    {
        var errors = result.Errors
            .Where(f => f.Severity == Severity.Error)
            .Select(f => (Rule: f.ErrorCode, Field: JsonNamingPolicy.CamelCase.ConvertName(f.PropertyName)))
            .Where(f => !ignoredFields.Contains(f.Field))
            .Distinct()
            .Select(f => $"{f.Rule} {f.Field}")
            .ToList();
        return errors.Count == 0 ? null : string.Join("; ", errors);
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
