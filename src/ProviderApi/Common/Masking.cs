using System.Text.RegularExpressions;

namespace ProviderApi.Common;

/// <summary>
/// The one masker: ID numbers, phone numbers and names never in clear, in a log line (every sink
/// goes through <see cref="Text"/>), the check's reports, the push's labels or an error line.
/// </summary>
public static partial class Masking
{
    private const int MaxShown = 64;

    /// <summary>The number with all but its first 6 and last 4 characters hidden, for logs and reports.</summary>
    public static string IdNumber(string? value) =>
        value is null ? "" : value.Length <= 10 ? new string('*', value.Length) : value[..6] + new string('*', value.Length - 10) + value[^4..];

    /// <summary>A phone number with all but its first 3 and last 4 characters hidden (170****1234).</summary>
    public static string Phone(string? value) =>
        value is null ? "" : value.Length <= 7 ? new string('*', value.Length) : value[..3] + new string('*', value.Length - 7) + value[^4..];

    /// <summary>A person's name with all but its first character hidden (张**).</summary>
    public static string Name(string? value) =>
        string.IsNullOrEmpty(value) ? "" : value[..1] + new string('*', value.Length - 1);

    /// <summary>A field's value as a report may show it: masked where the field holds a personal number or name, shortened where long.</summary>
    public static string? Value(string field, string? value) => value is null ? null : field switch
    {
        "idCardNo" or "outpatientIdcardNo" => IdNumber(value),
        "mobilePhone" => Phone(value),
        "patientName" or "outpatientDocName" => Name(value),
        _ => value.Length <= MaxShown ? value : value[..MaxShown] + "…",
    };

    /// <summary>
    /// A free text (a database's error message) with every run of 7 or more digits masked, so
    /// a value a database quotes back is never printed whole.
    /// </summary>
    public static string Redact(string text) =>
        LongNumber().Replace(text, m => m.Value.Length >= 15 ? IdNumber(m.Value) : Phone(m.Value));

    [GeneratedRegex("[0-9]{7,}[0-9Xx]?")]
    private static partial Regex LongNumber();

    // Texts (log lines):
    // Hides what looks like a resident ID number (18 characters, or the old 15 digits) or a mainland
    // mobile number (11 digits from 13x to 19x) wherever it stands in a text: only a run of exactly
    // that many digits counts, so the twenty-zero placeholder, timestamps and counts stay readable.
    // Trace and span ids (16 or 32 lower-case hex characters) are left whole: decimal runs inside
    // them are chance, and a masked trace id could no longer be followed.
    /// <summary>The text with every ID-like and mobile-like number masked (450000********123X, 170****1234).</summary>
    public static string Text(string text) =>
        text.Length < 11 || !HasSensitiveNumber(text) ? text : Pattern().Replace(text, m => m.Groups["hex"].Success ? m.Value : MaskOne(m.Value));

    /// <summary>True when <paramref name="text"/> holds such a number in clear.</summary>
    public static bool HasSensitiveNumber(string text)
    {
        for (var match = Pattern().Match(text); match.Success; match = match.NextMatch())
        {
            if (!match.Groups["hex"].Success)
            {
                return true;
            }
        }
        return false;
    }

    private static string MaskOne(string value) =>
        value.Length == 11 ? value[..3] + "****" + value[^4..] : IdNumber(value);

    [GeneratedRegex(
        "(?<hex>(?<![0-9A-Za-z])[0-9a-f]{16}(?:[0-9a-f]{16})?(?![0-9A-Za-z]))" +
        "|(?<![0-9])(?:[1-9][0-9]{16}[0-9Xx]|[1-9][0-9]{14}|1[3-9][0-9]{9})(?![0-9])",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
