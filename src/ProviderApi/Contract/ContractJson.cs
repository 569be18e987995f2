using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using ProviderApi.Dictionaries;
using ProviderApi.Registrations;
using ProviderApi.Settlements;

namespace ProviderApi.Contract;

/// <summary>
/// System.Text.Json metadata for everything the provider writes, generated at build time.
/// Nulls are written (an absent optional value is JSON null, never a missing key).
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ExamItem))]
[JsonSerializable(typeof(Department))]
[JsonSerializable(typeof(Registration))]
[JsonSerializable(typeof(Settlement))]
[JsonSerializable(typeof(FailureEnvelope))]
[JsonSerializable(typeof(SuccessEnvelope<ExamItem>))]
[JsonSerializable(typeof(SuccessEnvelope<Department>))]
public sealed partial class ContractJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Chinese written as UTF-8, not \uXXXX: every Unicode range is allowed through; the
    /// encoder still escapes HTML-sensitive and control characters.
    /// </summary>
    public static JavaScriptEncoder Encoder { get; } = JavaScriptEncoder.Create(UnicodeRanges.All);

    /// <summary>The context every contract answer is written with: web defaults plus <see cref="Encoder"/>.</summary>
    public static ContractJsonContext Contract { get; } =
        new(new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = Encoder });
}
