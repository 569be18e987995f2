namespace ProviderApi.Tests.Relay;

/// <summary>Settings of a provider on the demo hospital whose relay goes to a given cloud.</summary>
internal static class RelaySettings
{
    /// <summary>The relay to <paramref name="cloud"/> under the sm-crypto fixture's public key, then <paramref name="more"/>.</summary>
    public static Dictionary<string, string?> To(string? cloud, params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Relay:CloudBaseAddress"] = cloud,
            ["Relay:Sm2:PublicKey"] = Sm2Fixtures.SmCryptoPublicKey,
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }
        return settings;
    }

    /// <summary>The provider in memory on a demo file in <paramref name="folder"/>, with these settings.</summary>
    public static ProviderFactory Provider(TempFolder folder, Dictionary<string, string?> settings, TimeProvider? clock = null)
    {
        settings["Database:Provider"] = "Demo";
        settings["Database:DemoPath"] = folder.File("demo.db");
        return new ProviderFactory(settings, clock);
    }
}
