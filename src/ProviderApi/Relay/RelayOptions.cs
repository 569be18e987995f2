using Microsoft.Extensions.Options;
using ProviderApi.Access;

namespace ProviderApi.Relay;

/// <summary>
/// Configuration section <c>Relay</c>: the HIS's calls to the cloud (§3.1–§3.3) made on its
/// behalf. Off until <see cref="CloudBaseAddress"/> is set.
/// </summary>
public sealed class RelayOptions
{
    public const string Section = "Relay";

    /// <summary>
    /// The cloud's base address as the HIS would call it (e.g. <c>http://10.1.2.3:8080</c>): the
    /// relay posts to <c>{CloudBaseAddress}/iuWorkStation/swipingIdCardNo</c> and <c>.../checkAgain</c>.
    /// Unset: the relay is off and those paths answer 503.
    /// </summary>
    public string? CloudBaseAddress { get; set; }

    /// <summary>Networks of the HIS workstations and servers allowed to call the relay (CIDR or addresses); loopback only when empty.</summary>
    public List<string?> HisNetworks { get; set; } = [];

    /// <summary>The cloud's SM2 public key and cipher-text layout.</summary>
    public Sm2Options Sm2 { get; set; } = new();

    /// <summary>
    /// Seconds after the HIS's call past which it is never delivered: a late swipingIdCardNo
    /// would pop up the previous patient on the doctor's screen.
    /// </summary>
    public int MaxAgeSeconds { get; set; } = 10;

    /// <summary>Seconds one attempt to reach the cloud may take.</summary>
    public int AttemptTimeoutSeconds { get; set; } = 3;

    /// <summary>Further attempts after a network error, a timeout or an HTTP 5xx, within the age cap.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Calls held while the cloud is slow; when full, the oldest is dropped.</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Calls sent at once; one HIS user's calls always go one after another, in order.</summary>
    public int Workers { get; set; } = 4;

    /// <summary>Names of HIS request headers passed on to the cloud (e.g. a key it handed over); none by default.</summary>
    public List<string?> ForwardHeaders { get; set; } = [];

    /// <summary>The plug-in launch string (§3.1).</summary>
    public LaunchOptions Launch { get; set; } = new();

    /// <summary>True when the forwarding endpoints work.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(CloudBaseAddress);

    public TimeSpan MaxAge => TimeSpan.FromSeconds(MaxAgeSeconds);
}

/// <summary>Section <c>Relay:Sm2</c>: what the cloud hands over at on-boarding (对接时提供).</summary>
public sealed class Sm2Options
{
    /// <summary>The cloud's public key: 128 or 130 hex characters, 66 (compressed), or PEM/Base64 SubjectPublicKeyInfo.</summary>
    public string? PublicKey { get; set; }

    /// <summary>C1C3C2 (default, the current standard and sm-crypto) or C1C2C3.</summary>
    public Sm2Order Order { get; set; } = Sm2Order.C1C3C2;

    /// <summary>Keep the 04 before C1 (BouncyCastle, Hutool); false by default, as sm-crypto writes it.</summary>
    public bool WithPrefix { get; set; }

    /// <summary>Hex (default, lower case) or Base64.</summary>
    public Sm2Encoding Encoding { get; set; } = Sm2Encoding.Hex;

    public Sm2Format Format => new(Order, WithPrefix, Encoding);
}

/// <summary>Section <c>Relay:Launch</c>: where the viewer plug-in lives on a workstation.</summary>
public sealed class LaunchOptions
{
    /// <summary>The plug-in's executable, e.g. <c>C:\Program Files\WYHT\XXX.exe</c>; the command-line form is left out when unset.</summary>
    public string? PluginPath { get; set; }

    /// <summary>host:port (or http://host:port) of the plug-in's HTTP entry, e.g. <c>127.0.0.1:18080</c>; the http form is left out when unset.</summary>
    public string? HrballAddress { get; set; }
}

/// <summary>Rejects settings that cannot work, naming the key; a malformed public key stops start-up.</summary>
internal sealed class RelayOptionsValidation : IValidateOptions<RelayOptions>
{
    public ValidateOptionsResult Validate(string? name, RelayOptions options)
    {
        var problems = new List<string>();
        if (options.Enabled && !IsHttpAddress(options.CloudBaseAddress!))
        {
            problems.Add($"Relay:CloudBaseAddress '{options.CloudBaseAddress}' is not an absolute http:// or https:// address (e.g. http://10.1.2.3:8080).");
        }
        Networks.Parse(options.HisNetworks, "Relay:HisNetworks", problems);

        if (!string.IsNullOrWhiteSpace(options.Sm2.PublicKey))
        {
            try
            {
                Sm2Cipher.ParsePublicKey(options.Sm2.PublicKey);
            }
            catch (FormatException ex)
            {
                problems.Add($"Relay:Sm2:PublicKey is not an SM2 public key: {ex.Message}. Give 128 or 130 hex characters (04‖X‖Y), 66 (a compressed point), or PEM/Base64 SubjectPublicKeyInfo.");
            }
        }
        else if (options.Enabled)
        {
            problems.Add("Relay:Sm2:PublicKey is required when Relay:CloudBaseAddress is set: the ID numbers are SM2-encrypted under the key the cloud hands over.");
        }
        if (!Enum.IsDefined(options.Sm2.Order))
        {
            problems.Add($"Relay:Sm2:Order '{options.Sm2.Order}' is unknown; use C1C3C2 or C1C2C3.");
        }
        if (!Enum.IsDefined(options.Sm2.Encoding))
        {
            problems.Add($"Relay:Sm2:Encoding '{options.Sm2.Encoding}' is unknown; use Hex or Base64.");
        }

        if (options.MaxAgeSeconds is < 1 or > 300)
        {
            problems.Add($"Relay:MaxAgeSeconds must be between 1 and 300 (was {options.MaxAgeSeconds}).");
        }
        if (options.AttemptTimeoutSeconds < 1 || options.AttemptTimeoutSeconds > Math.Max(1, options.MaxAgeSeconds))
        {
            problems.Add($"Relay:AttemptTimeoutSeconds must be between 1 and Relay:MaxAgeSeconds (was {options.AttemptTimeoutSeconds}).");
        }
        if (options.MaxRetries is < 0 or > 5)
        {
            problems.Add($"Relay:MaxRetries must be between 0 and 5 (was {options.MaxRetries}).");
        }
        if (options.QueueCapacity is < 1 or > 100_000)
        {
            problems.Add($"Relay:QueueCapacity must be between 1 and 100000 (was {options.QueueCapacity}).");
        }
        if (options.Workers is < 1 or > 64)
        {
            problems.Add($"Relay:Workers must be between 1 and 64 (was {options.Workers}).");
        }
        foreach (var header in options.ForwardHeaders.Where(h => !string.IsNullOrWhiteSpace(h)))
        {
            if (!header!.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                problems.Add($"Relay:ForwardHeaders holds '{header}', which is not a header name (letters, digits, '-').");
            }
        }

        if (options.Launch.PluginPath is { } path && (path.Contains('"', StringComparison.Ordinal) || path.Any(char.IsControl)))
        {
            problems.Add("Relay:Launch:PluginPath must not hold quotes or control characters: it is written inside quotes on a command line.");
        }
        if (!string.IsNullOrWhiteSpace(options.Launch.HrballAddress) && LaunchString.HrballBase(options.Launch.HrballAddress) is null)
        {
            problems.Add($"Relay:Launch:HrballAddress '{options.Launch.HrballAddress}' is not host:port or an http:// address (e.g. 127.0.0.1:18080).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsHttpAddress(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);
}
