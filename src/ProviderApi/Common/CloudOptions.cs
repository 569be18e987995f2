using Microsoft.Extensions.Options;

namespace ProviderApi.Common;

/// <summary>Configuration section <c>Cloud</c>: where the imaging cloud is (for selftest now, the push later).</summary>
public sealed class CloudOptions
{
    public const string Section = "Cloud";

    /// <summary>The cloud's base address as handed over at on-boarding (e.g. http://10.1.2.3:8080/); selftest checks it can be reached.</summary>
    public string? BaseAddress { get; set; }

    /// <summary>Seconds selftest waits for a TCP connection to the cloud.</summary>
    public int ConnectTimeoutSeconds { get; set; } = 3;

    /// <summary>
    /// Headers every push call carries, as the cloud hands them over at on-boarding (e.g.
    /// <c>Cloud:Headers:AppKey</c>, <c>Cloud:Headers:Authorization</c>). Values are secrets: keep
    /// them in a secret file (SecretsPath, <c>Cloud__Headers__AppKey</c>); they are never logged.
    /// </summary>
    public Dictionary<string, string?> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

internal sealed class CloudOptionsValidation : IValidateOptions<CloudOptions>
{
    public ValidateOptionsResult Validate(string? name, CloudOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.BaseAddress)
            && (!Uri.TryCreate(options.BaseAddress, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            errors.Add($"Cloud:BaseAddress '{options.BaseAddress}' is not an http:// or https:// address.");
        }
        if (options.ConnectTimeoutSeconds is < 1 or > 60)
        {
            errors.Add($"Cloud:ConnectTimeoutSeconds must be between 1 and 60 (was {options.ConnectTimeoutSeconds}).");
        }
        foreach (var (header, value) in options.Headers)
        {
            if (header.Length == 0 || !header.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                errors.Add($"Cloud:Headers holds '{header}', which is not a header name (letters, digits, '-').");
            }
            else if (value is not null && value.Any(char.IsControl))
            {
                errors.Add($"Cloud:Headers:{header} holds a control character (a line break copied with the key?).");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
