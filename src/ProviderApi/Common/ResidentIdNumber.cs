namespace ProviderApi.Common;

/// <summary>GB 11643-1999 resident ID numbers: 17 digits and a check character.</summary>
public static class ResidentIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>The check character for the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("An ID number's body has 17 digits.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var digit = first17[i] - '0';
            if (digit is < 0 or > 9)
            {
                throw new ArgumentException("An ID number's body is digits only.", nameof(first17));
            }
            sum += digit * Weights[i];
        }
        return CheckCharacters[sum % 11];
    }

    /// <summary>True for 18 characters whose last is the check character of the first 17.</summary>
    public static bool IsValid(string? value) =>
        value is { Length: 18 }
        && value.AsSpan(0, 17).IndexOfAnyExceptInRange('0', '9') < 0
        && char.ToUpperInvariant(value[17]) == CheckCharacter(value.AsSpan(0, 17));

    /// <summary>Builds a valid number from a division code, a birth date and a sequence (odd for men).</summary>
    public static string Create(string division, DateOnly birthDate, int sequence)
    {
        var body = $"{division}{birthDate:yyyyMMdd}{sequence:D3}";
        return body + CheckCharacter(body);
    }
}
