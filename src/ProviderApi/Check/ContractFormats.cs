using System.Globalization;
using System.Text.RegularExpressions;
using ProviderApi.Common;

namespace ProviderApi.Check;

/// <summary>What an identity-document number looks like, from the cloud's point of view.</summary>
public enum IdNumberShape
{
    /// <summary>18 characters, a real birth date, the GB 11643 check character right.</summary>
    Resident,

    /// <summary>17 digits and a check character that is wrong.</summary>
    BadChecksum,

    /// <summary>Check character right, but digits 7–14 are not a real date.</summary>
    BadBirthDate,

    /// <summary>15 digits: a first-generation (pre-1999) ID number.</summary>
    Legacy15,

    /// <summary>A passport or a Hong Kong, Macao or Taiwan travel permit.</summary>
    Foreign,

    /// <summary>None of the above.</summary>
    Unknown,
}

/// <summary>The formats contract.md settles, as predicates the validators and the CSV loader share.</summary>
public static partial class ContractFormats
{
    public const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>The self-paid placeholder of setlId and feedetlSn.</summary>
    public const string TwentyZeros = "00000000000000000000";

    /// <summary>What 01_imgcloud_*.sql inserts as hospital_id until the DBA sets the hospital's own.</summary>
    public const string PlaceholderHospitalld = "H00000000000";

    public static bool IsEmpty(string? value) => string.IsNullOrWhiteSpace(value);

    public static bool IsDateTime(string? value) =>
        value is { Length: 19 } && DateTime.TryParseExact(value, DateTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    public static bool IsHospitalld(string? value) => value is not null && HospitalldPattern().IsMatch(value) && value != PlaceholderHospitalld;

    public static bool IsExamPart(string? value) => value is not null && ExamPartPattern().IsMatch(value);

    public static bool IsPrice(string? value) => value is not null && PricePattern().IsMatch(value);

    public static bool IsWholeYears(string? value) => value is not null && AgePattern().IsMatch(value);

    public static bool IsMobile(string? value) => value is not null && MobilePattern().IsMatch(value);

    /// <summary>A fixed-line number: area code and 7–8 digits (0771-1234567, (0771)1234567, 07711234567), or 7–8 digits alone, with an optional extension.</summary>
    public static bool IsLandline(string? value) => value is not null && LandlinePattern().IsMatch(value);

    /// <summary>A value of zeros only that is not the twenty-zero placeholder: a placeholder typed wrong.</summary>
    public static bool IsWrongPlaceholder(string? value) =>
        !string.IsNullOrEmpty(value) && value.AsSpan().IndexOfAnyExcept('0') < 0 && value.Length != TwentyZeros.Length;

    public static IdNumberShape ShapeOf(string value)
    {
        if (value.Length == 18 && value.AsSpan(0, 17).IndexOfAnyExceptInRange('0', '9') < 0 && (char.IsAsciiDigit(value[17]) || value[17] is 'X' or 'x'))
        {
            if (!ResidentIdNumber.IsValid(value))
            {
                return IdNumberShape.BadChecksum;
            }
            return BirthDate(value) is null ? IdNumberShape.BadBirthDate : IdNumberShape.Resident;
        }
        if (value.Length == 15 && value.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0)
        {
            return IdNumberShape.Legacy15;
        }
        return ForeignPattern().IsMatch(value) ? IdNumberShape.Foreign : IdNumberShape.Unknown;
    }

    /// <summary>The birth date held in digits 7–14 of an 18-character ID number, or null when it is not a real date.</summary>
    public static DateOnly? BirthDate(string idNumber) =>
        idNumber.Length == 18 && DateOnly.TryParseExact(idNumber.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    /// <summary>Whole years from <paramref name="birth"/> to <paramref name="at"/>, as the standard views compute patientAge.</summary>
    public static int AgeAt(DateOnly birth, DateTime at)
    {
        var age = at.Year - birth.Year;
        return (at.Month, at.Day).CompareTo((birth.Month, birth.Day)) < 0 ? age - 1 : age;
    }

    /// <summary>A patient the emergency department registered without knowing who they are: 无名氏, 未知 and the like.</summary>
    public static bool IsUnidentifiedName(string? name) =>
        name is not null && (name.Contains("无名氏", StringComparison.Ordinal) || name.Contains("未知", StringComparison.Ordinal));

    [GeneratedRegex(@"^H[0-9]{11}\z")]
    private static partial Regex HospitalldPattern();

    [GeneratedRegex(@"^[A-Z0-9]{9}\z")]
    private static partial Regex ExamPartPattern();

    [GeneratedRegex(@"^[0-9]+\.[0-9]{2}\z")]
    private static partial Regex PricePattern();

    [GeneratedRegex(@"^[0-9]{1,3}\z")]
    private static partial Regex AgePattern();

    [GeneratedRegex(@"^1[3-9][0-9]{9}\z")]
    private static partial Regex MobilePattern();

    [GeneratedRegex(@"^(?:(?:0[0-9]{2,3}-?|\(0[0-9]{2,3}\)|（0[0-9]{2,3}）)[0-9]{7,8}|[2-9][0-9]{6,7})(?:-[0-9]{1,6})?\z")]
    private static partial Regex LandlinePattern();

    // Passports (E12345678, EA1234567, G12345678, foreign: one to three letters and digits),
    // 港澳居民来往内地通行证 (H/M + 8 or 10 digits), old 外国人永久居留证 (3 letters + 12 digits),
    // 台湾居民来往大陆通行证 (8 digits; older: 10 digits, sometimes with a letter in brackets).
    [GeneratedRegex(@"^(?:[A-Za-z]{1,3}[0-9]{6,12}|[0-9]{8}|[0-9]{10}(?:\([A-Za-z]{1,2}\)|（[A-Za-z]{1,2}）)?)\z")]
    private static partial Regex ForeignPattern();
}
