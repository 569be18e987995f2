using System.Globalization;
using System.Text.RegularExpressions;
using ProviderApi.Common;

namespace ProviderApi.Discovery;

/// <summary>
/// What one sampled value looks like: an ID number (GB 11643), a mobile or a landline number,
/// a date, a code, a Chinese name, a sex code. Pure functions: the evidence of <see cref="ColumnProfile"/>.
/// </summary>
public static partial class ValueShapes
{
    /// <summary>18 characters whose check character is right (a lower-case x accepted).</summary>
    public static bool IsValidIdNumber(string value) => value.Length == 18 && ResidentIdNumber.IsValid(value);

    /// <summary>Shaped like an ID number (17 digits and a digit or X, or the old 15 digits), whatever its check character.</summary>
    public static bool LooksLikeIdNumber(string value) => IdShape().IsMatch(value);

    /// <summary>The birth date an 18-character ID number carries (digits 7 to 14), or null.</summary>
    public static DateTime? BirthDateOf(string idNumber) =>
        idNumber.Length == 18 && DateTime.TryParseExact(idNumber.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date : null;

    /// <summary>The sex an 18-character ID number carries (digit 17: odd 1 man, even 2 woman), or null.</summary>
    public static int? SexOf(string idNumber) =>
        idNumber.Length == 18 && char.IsAsciiDigit(idNumber[16]) ? ((idNumber[16] - '0') % 2 == 1 ? 1 : 2) : null;

    /// <summary>A mainland mobile number (1[3-9] and 9 digits), also written with +86, 86, spaces or hyphens.</summary>
    public static bool IsMobile(string value) => Mobile().IsMatch(Digits(value));

    /// <summary>A fixed-line number (area code 0xx or 0xxx and 7 or 8 digits, hyphenated or not).</summary>
    public static bool IsLandline(string value) => Landline().IsMatch(value.Trim());

    private static string Digits(string value)
    {
        var digits = value.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return digits.StartsWith("+86", StringComparison.Ordinal) ? digits[3..] : digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal) ? digits[2..] : digits;
    }

    /// <summary>Which sex code set a value belongs to: the GB/T 2261.1 digits, Chinese words, or letters; null for none.</summary>
    public static SexSet? SexSetOf(string value) => value.Trim().ToUpperInvariant() switch
    {
        "0" or "1" or "2" or "9" => SexSet.Digits,
        "男" or "女" or "未知" or "未说明" or "男性" or "女性" => SexSet.Chinese,
        "M" or "F" or "U" or "MALE" or "FEMALE" or "UNKNOWN" => SexSet.Letters,
        _ => null,
    };

    /// <summary>The GB/T 2261.1 code (1 man, 2 woman) a sex value stands for, or null.</summary>
    public static int? SexCodeOf(string value) => value.Trim().ToUpperInvariant() switch
    {
        "1" or "男" or "男性" or "M" or "MALE" => 1,
        "2" or "女" or "女性" or "F" or "FEMALE" => 2,
        _ => null,
    };

    /// <summary>Only CJK ideographs (a middle dot allowed, as minority names write it).</summary>
    public static bool IsChinese(string value) => value.Length > 0 && ChineseText().IsMatch(value);

    /// <summary>A person's name as a HIS writes it: 2 to 4 ideographs (up to 10 with a middle dot).</summary>
    public static bool IsChinesePersonName(string value) =>
        IsChinese(value) && (value.Contains('·', StringComparison.Ordinal) ? value.Length <= 12 : value.Length is >= 2 and <= 4);

    /// <summary>Contains at least one ideograph.</summary>
    public static bool HasChinese(string value) => AnyChinese().IsMatch(value);

    /// <summary>A code: 1 to 30 ASCII letters, digits, dots, hyphens, slashes or underscores, starting with a letter or digit.</summary>
    public static bool IsCodeLike(string value) => CodeLike().IsMatch(value);

    /// <summary>An ICD-10 code as a HIS writes it (A00, K35.8, J18.900x001).</summary>
    public static bool IsIcdCode(string value) => Icd().IsMatch(value.Trim());

    /// <summary>A DICOM modality or its common Chinese-market spelling (CT, MR, MRI, DR, CR, US, DX ...).</summary>
    public static bool IsModality(string value) => Modalities.Contains(value.Trim());

    private static readonly HashSet<string> Modalities = new(StringComparer.OrdinalIgnoreCase)
    {
        "CT", "MR", "MRI", "DR", "CR", "DX", "US", "XA", "MG", "NM", "PT", "PET", "RF", "ES", "OT", "RG", "XR", "SC", "IO", "PX", "ECG", "超声", "放射", "内镜",
    };

    /// <summary>A date read from text the way HIS tables store it (2024-05-01, 2024-05-01 08:30:00, 20240501, 2024/5/1 ...), years 1900 to 2100.</summary>
    public static DateTime? DateOf(string value)
    {
        var text = value.Trim();
        if (text.Length is < 8 or > 26)
        {
            return null;
        }
        if (DateTime.TryParseExact(text, TextDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date)
            && date.Year is >= 1900 and <= 2100)
        {
            return date;
        }
        return null;
    }

    private static readonly string[] TextDateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss.fff", "yyyy-MM-dd HH:mm:ss.ffffff", "yyyy-MM-ddTHH:mm:ss",
        "yyyy/M/d", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm", "yyyyMMdd", "yyyyMMddHHmmss", "yyyyMMddHHmm", "yyyy.MM.dd",
    ];

    [GeneratedRegex(@"^(?:[0-9]{17}[0-9Xx]|[0-9]{15})$")]
    private static partial Regex IdShape();

    [GeneratedRegex(@"^1[3-9][0-9]{9}$")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^(?:\(0[0-9]{2,3}\)|0[0-9]{2,3})-?[1-9][0-9]{6,7}(?:-[0-9]{1,5})?$")]
    private static partial Regex Landline();

    [GeneratedRegex(@"^[\u3400-\u9fff\uf900-\ufaff·•]+$")]
    private static partial Regex ChineseText();

    [GeneratedRegex(@"[\u3400-\u9fff]")]
    private static partial Regex AnyChinese();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._\-/]{0,29}$")]
    private static partial Regex CodeLike();

    [GeneratedRegex(@"^[A-Za-z][0-9]{2}(?:\.[0-9A-Za-z]{1,10})?(?:[+*xX][0-9]{0,4})?$")]
    private static partial Regex Icd();
}

/// <summary>The sex code sets a HIS uses.</summary>
public enum SexSet
{
    /// <summary>GB/T 2261.1: 0, 1, 2, 9.</summary>
    Digits,

    /// <summary>男 / 女 / 未知.</summary>
    Chinese,

    /// <summary>M / F / U.</summary>
    Letters,
}
