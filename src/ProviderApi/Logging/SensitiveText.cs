using System.Text.RegularExpressions;
using ProviderApi.Contract;

namespace ProviderApi.Logging;

/// <summary>
/// Hides what looks like a resident ID number (18 characters, or the old 15 digits) or a mainland
/// mobile number (11 digits from 13x to 19x) wherever it stands in a text: only a run of exactly
/// that many digits counts, so the twenty-zero placeholder, timestamps and counts stay readable.
/// Trace and span ids (16 or 32 lower-case hex characters) are left whole: decimal runs inside
/// them are chance, and a masked trace id could no longer be followed.
/// </summary>
public static partial class SensitiveText
{
    /// <summary>The text with every ID-like and mobile-like number masked (450000********123X, 170****1234).</summary>
    public static string Mask(string text) =>
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
        value.Length == 11 ? value[..3] + "****" + value[^4..] : ResidentIdNumber.Mask(value);

    [GeneratedRegex(
        "(?<hex>(?<![0-9A-Za-z])[0-9a-f]{16}(?:[0-9a-f]{16})?(?![0-9A-Za-z]))" +
        "|(?<![0-9])(?:[1-9][0-9]{16}[0-9Xx]|[1-9][0-9]{14}|1[3-9][0-9]{9})(?![0-9])",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
