using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace ProviderApi.Contract;

/// <summary>
/// System.Text.Json metadata for the contract's envelope, generated at build time; each view's
/// rows have a context of their own in the view's feature folder, made with <see cref="NewOptions"/>.
/// Nulls are written (an absent optional value is JSON null, never a missing key).
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(FailureEnvelope))]
public sealed partial class ContractJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Chinese written as UTF-8, not \uXXXX: every Unicode range is allowed through; the
    /// encoder still escapes HTML-sensitive and control characters.
    /// </summary>
    public static JavaScriptEncoder Encoder { get; } = JavaScriptEncoder.Create(UnicodeRanges.All);

    /// <summary>The context every contract answer is written with: web defaults plus <see cref="Encoder"/>.</summary>
    public static ContractJsonContext Contract { get; } = new(NewOptions());

    /// <summary>The options every contract context is made with (one set per context): web defaults plus <see cref="Encoder"/>, nulls written.</summary>
    public static JsonSerializerOptions NewOptions() =>
        new(JsonSerializerDefaults.Web) { Encoder = Encoder, DefaultIgnoreCondition = JsonIgnoreCondition.Never };
}
