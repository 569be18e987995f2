using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using FluentValidation.Results;
using ProviderApi.Check;
using ProviderApi.Contract;
using ProviderApi.Registrations;
using ProviderApi.Settlements;

namespace ProviderApi.Push;

/// <summary>The two interfaces of mode 2.</summary>
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
/// Turns rows of the two views into <see cref="PushItem"/>s, validated with the contract check's
/// own validators. A row's body is written into one scratch buffer, reused from row to row: a
/// poll hashes every row of the window, and copies out only those it sends.
/// </summary>
public sealed class PushPayloads : IDisposable
{
    /// <summary>Fields of View_Register_Info that §3.4.2 does not list: the visiting doctor's practitioner code and ID number stay in the hospital.</summary>
    private static readonly HashSet<string> NotSent = new(StringComparer.Ordinal) { "outpatientDocCode", "outpatientIdcardNo" };

    private static readonly JsonTypeInfo<Registration> RegistrationBody = PushRegistrationInfo();

    private readonly RegistrationValidator registrations;
    private readonly SettlementValidator settlements = new();
    private readonly ArrayBufferWriter<byte> scratch = new(4096);
    private readonly Utf8JsonWriter json;

    /// <param name="sexTexts">The sex code map's outputs (what patientSex may be), read at each poll.</param>
    public PushPayloads(IReadOnlySet<string> sexTexts)
    {
        registrations = new RegistrationValidator(sexTexts);
        json = new Utf8JsonWriter(scratch, new JsonWriterOptions { Encoder = ContractJsonContext.Encoder });
    }

    public PushItem Registration(Registration row)
    {
        var body = Write(row, RegistrationBody);
        var hash = Hash(body.Span);
        var number = row.OutpatientNumber?.Trim();
        // A row without its key is still tracked (by content) so that it is parked, not lost from sight.
        var key = string.IsNullOrEmpty(number) ? $"(no outpatientNumber) {hash[..16]}" : number;
        return new PushItem(PushKind.Registration, key, hash, key, body, () => Problems(registrations.Validate(row), NotSent));
    }

    public PushItem Settlement(Settlement row)
    {
        var body = Write(row, ContractJsonContext.Contract.Settlement);
        var hash = Hash(body.Span);
        var label = $"accessionNo {row.AccessionNo ?? "-"}, studyOrderId {row.StudyOrderId ?? "-"}";
        return new PushItem(PushKind.Settlement, hash, hash, Masking.Value("label", label)!, body, () => Problems(settlements.Validate(row), null));
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
    private static string? Problems(ValidationResult result, HashSet<string>? ignoredFields)
    {
        var errors = result.Errors
            .Where(f => f.Severity == Severity.Error)
            .Select(f => (Rule: f.ErrorCode, Field: JsonNamingPolicy.CamelCase.ConvertName(f.PropertyName)))
            .Where(f => ignoredFields is null || !ignoredFields.Contains(f.Field))
            .Distinct()
            .Select(f => $"{f.Rule} {f.Field}")
            .ToList();
        return errors.Count == 0 ? null : string.Join("; ", errors);
    }

    /// <summary>The registration as §3.4.2 lists it: the view's 33 fields less the two it does not ask for.</summary>
    private static JsonTypeInfo<Registration> PushRegistrationInfo()
    {
        var options = new JsonSerializerOptions(ContractJsonContext.Contract.Options)
        {
            TypeInfoResolver = ContractJsonContext.Contract.WithAddedModifier(info =>
            {
                if (info.Type == typeof(Registration))
                {
                    foreach (var property in info.Properties.Where(p => NotSent.Contains(p.Name)).ToList())
                    {
                        info.Properties.Remove(property);
                    }
                }
            }),
        };
        return (JsonTypeInfo<Registration>)options.GetTypeInfo(typeof(Registration));
    }
}
