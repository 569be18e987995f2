using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ProviderApi.Access;

/// <summary>A list of address ranges, written as CIDR (10.20.0.0/16) or single addresses (10.20.30.40).</summary>
public sealed class Networks
{
    /// <summary>127.0.0.0/8 and ::1: the default of every list, so a fresh install answers only its own machine.</summary>
    public static readonly IReadOnlyList<string> Loopback = ["127.0.0.0/8", "::1/128"];

    private readonly IPNetwork[] ranges;

    private Networks(IPNetwork[] ranges) => this.ranges = ranges;

    public IReadOnlyList<IPNetwork> Ranges => ranges;

    /// <summary>True when <paramref name="address"/> lies in one of the ranges; an IPv4 address seen as IPv6 (::ffff:a.b.c.d) counts as IPv4.</summary>
    public bool Contains(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }
        address = Normalise(address);
        foreach (var range in ranges)
        {
            if (range.Contains(address))
            {
                return true;
            }
        }
        return false;
    }

    public static IPAddress Normalise(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>
    /// Parses every entry (an entry may hold several, separated by commas, semicolons or spaces, so one
    /// environment variable can carry a list); the problems name <paramref name="key"/>.
    /// </summary>
    public static Networks Parse(IEnumerable<string?> entries, string key, List<string> problems)
    {
        var parsed = new List<IPNetwork>();
        foreach (var entry in entries.SelectMany(Split))
        {
            if (TryParse(entry, out var range))
            {
                parsed.Add(range);
            }
            else
            {
                problems.Add($"{key} holds '{entry}', which is neither an IP address nor a network in CIDR notation (e.g. 10.20.0.0/16 or 10.20.30.40).");
            }
        }
        return new Networks([.. parsed]);
    }

    /// <summary>The configured entries, or loopback when none is configured.</summary>
    public static IEnumerable<string?> OrLoopback(IReadOnlyCollection<string?> configured) =>
        configured.Any(e => !string.IsNullOrWhiteSpace(e)) ? configured : Loopback;

    public static IEnumerable<string> Split(string? entry) =>
        (entry ?? "").Split([',', ';', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A CIDR range or one address; host bits after the prefix are ignored (10.20.30.40/16 is 10.20.0.0/16).</summary>
    public static bool TryParse(string text, out IPNetwork range)
    {
        range = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var address))
        {
            return false;
        }
        address = Normalise(address);
        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = bits;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bits))
        {
            return false;
        }
        range = Enclosing(address, prefix);
        return true;
    }

    /// <summary>The network of <paramref name="prefix"/> bits that holds <paramref name="address"/> (10.1.2.3 and 24: 10.1.2.0/24).</summary>
    public static IPNetwork Enclosing(IPAddress address, int prefix)
    {
        var bytes = Normalise(address).GetAddressBytes();
        prefix = Math.Clamp(prefix, 0, bytes.Length * 8);
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
        return new IPNetwork(new IPAddress(bytes), prefix);
    }
}
