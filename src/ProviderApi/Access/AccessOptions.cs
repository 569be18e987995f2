using System.Net;
using Microsoft.Extensions.Options;

namespace ProviderApi.Access;

/// <summary>
/// Configuration section <c>Access</c>: who may call what. Two lists of networks: the cloud's
/// (the /standardHttp endpoints) and the operators' (Swagger, health details, metrics, reports).
/// Both default to loopback only; a configured list replaces the default, it does not extend it.
/// </summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>Networks the imaging cloud calls from (CIDR or addresses).</summary>
    public List<string?> CloudNetworks { get; set; } = [];

    /// <summary>Networks of the hospital's operators (信息科): Swagger, health details, metrics.</summary>
    public List<string?> OperatorNetworks { get; set; } = [];

    /// <summary>When set, the cloud must also send this key in <see cref="ApiKeyHeader"/>. A secret: from the environment or a file, never a committed file.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The header the cloud's key comes in.</summary>
    public string ApiKeyHeader { get; set; } = "X-Api-Key";
}

/// <summary>Configuration section <c>ReverseProxy</c>: forwarded headers honoured only from the proxies named here, and a path base.</summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "ReverseProxy";

    /// <summary>Addresses of reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed.</summary>
    public List<string?> KnownProxies { get; set; } = [];

    /// <summary>Networks of such proxies (CIDR).</summary>
    public List<string?> KnownNetworks { get; set; } = [];

    /// <summary>Proxies in a chain whose entries are believed, counted from the nearest.</summary>
    public int ForwardLimit { get; set; } = 1;

    /// <summary>The path the provider is published under behind a proxy (e.g. /imgcloud); empty for the root.</summary>
    public string? PathBase { get; set; }

    public bool Enabled => KnownProxies.Concat(KnownNetworks).SelectMany(Networks.Split).Any();
}

/// <summary>The parsed lists, built once from validated options.</summary>
public sealed class AccessPolicy
{
    public AccessPolicy(IOptions<AccessOptions> options)
    {
        var value = options.Value;
        var ignored = new List<string>();
        Cloud = Networks.Parse(Networks.OrLoopback(value.CloudNetworks), AccessOptions.Section, ignored);
        Operators = Networks.Parse(Networks.OrLoopback(value.OperatorNetworks), AccessOptions.Section, ignored);
        ApiKey = string.IsNullOrEmpty(value.ApiKey) ? null : System.Text.Encoding.UTF8.GetBytes(value.ApiKey);
        ApiKeyHeader = value.ApiKeyHeader;
    }

    public Networks Cloud { get; }

    public Networks Operators { get; }

    public byte[]? ApiKey { get; }

    public string ApiKeyHeader { get; }

    public bool IsOperator(IPAddress? address) => Operators.Contains(address);

    /// <summary>Null when the cloud may call; otherwise why not (for the log: never the key itself).</summary>
    public string? RefuseCloud(IPAddress? address, string? key)
    {
        if (!Cloud.Contains(address))
        {
            return address is null ? "no remote address" : "address not in Access:CloudNetworks";
        }
        if (ApiKey is null)
        {
            return null;
        }
        if (string.IsNullOrEmpty(key))
        {
            return $"no {ApiKeyHeader} header";
        }
        var given = System.Text.Encoding.UTF8.GetBytes(key);
        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(given, ApiKey) ? null : $"wrong {ApiKeyHeader}";
    }
}

/// <summary>Rejects lists that do not parse and keys that cannot work, naming the key.</summary>
internal sealed class AccessOptionsValidation : IValidateOptions<AccessOptions>, IValidateOptions<ReverseProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        var problems = new List<string>();
        Networks.Parse(options.CloudNetworks, "Access:CloudNetworks", problems);
        Networks.Parse(options.OperatorNetworks, "Access:OperatorNetworks", problems);
        if (options.ApiKey is { } key && (key.Length < 8 || key.Any(char.IsWhiteSpace)))
        {
            problems.Add("Access:ApiKey must be at least 8 characters without spaces (or left unset for no key).");
        }
        if (string.IsNullOrWhiteSpace(options.ApiKeyHeader) || !options.ApiKeyHeader.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            problems.Add($"Access:ApiKeyHeader '{options.ApiKeyHeader}' is not a header name (letters, digits, '-').");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public ValidateOptionsResult Validate(string? name, ReverseProxyOptions options)
    {
        var problems = new List<string>();
        foreach (var proxy in options.KnownProxies.SelectMany(Networks.Split))
        {
            if (!IPAddress.TryParse(proxy, out _))
            {
                problems.Add($"ReverseProxy:KnownProxies holds '{proxy}', which is not an IP address.");
            }
        }
        Networks.Parse(options.KnownNetworks, "ReverseProxy:KnownNetworks", problems);
        if (options.ForwardLimit is < 1 or > 10)
        {
            problems.Add($"ReverseProxy:ForwardLimit must be between 1 and 10 (was {options.ForwardLimit}).");
        }
        if (!string.IsNullOrEmpty(options.PathBase) && (!options.PathBase.StartsWith('/') || options.PathBase.EndsWith('/') || options.PathBase.Contains('?', StringComparison.Ordinal)))
        {
            problems.Add($"ReverseProxy:PathBase '{options.PathBase}' must start with '/' and not end with one (e.g. /imgcloud).");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
