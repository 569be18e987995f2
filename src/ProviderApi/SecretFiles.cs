namespace ProviderApi;

/// <summary>
/// Secrets kept out of every settings file: a folder named by the setting <c>SecretsPath</c>
/// (e.g. a mounted /run/secrets, or /etc/imgcloud-provider/secrets readable by the service account only) holds one file a
/// setting, named as the environment variable would be (<c>Database__ConnectionString</c>),
/// holding the value. Read last, so a secret file wins over the other sources.
/// </summary>
public static class SecretFiles
{
    public const string Key = "SecretsPath";

    public static IConfigurationBuilder AddSecretFiles(this ConfigurationManager configuration)
    {
        var folder = configuration[Key];
        if (!string.IsNullOrWhiteSpace(folder))
        {
            var contentRoot = configuration[HostDefaults.ContentRootKey] ?? AppContext.BaseDirectory;
            configuration.AddKeyPerFile(Path.GetFullPath(folder, contentRoot), optional: true);
        }
        return configuration;
    }
}
