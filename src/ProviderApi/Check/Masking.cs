using System.Text.RegularExpressions;
using ProviderApi.Contract;

namespace ProviderApi.Check;

/// <summary>
/// What the check may print of a value: ID numbers, phone numbers and names never in clear,
/// whether in the text report, the JSON report or an error line.
/// </summary>
public static partial class Masking
{
    private const int MaxShown = 64;

    /// <summary>A phone number with all but its first 3 and last 4 characters hidden (170****1234).</summary>
    public static string Phone(string? value) =>
        value is null ? "" : value.Length <= 7 ? new string('*', value.Length) : value[..3] + new string('*', value.Length - 7) + value[^4..];

    /// <summary>A person's name with all but its first character hidden (张**).</summary>
    public static string Name(string? value) =>
        string.IsNullOrEmpty(value) ? "" : value[..1] + new string('*', value.Length - 1);

    /// <summary>A field's value as a report may show it: masked where the field holds a personal number or name, shortened where long.</summary>
    public static string? Value(string field, string? value) => value is null ? null : field switch
    {
        "idCardNo" or "outpatientIdcardNo" => ResidentIdNumber.Mask(value),
        "mobilePhone" => Phone(value),
        "patientName" or "outpatientDocName" => Name(value),
        _ => value.Length <= MaxShown ? value : value[..MaxShown] + "…",
    };

    /// <summary>
    /// A free text (a database's error message) with every run of 7 or more digits masked, so
    /// a value a database quotes back is never printed whole.
    /// </summary>
    public static string Redact(string text) =>
        LongNumber().Replace(text, m => m.Value.Length >= 15 ? ResidentIdNumber.Mask(m.Value) : Phone(m.Value));

    [GeneratedRegex("[0-9]{7,}[0-9Xx]?")]
    private static partial Regex LongNumber();
}
