using DotNet.Testcontainers.Configurations;

namespace ProviderApi.Tests.Hospitals;

/// <summary>
/// Whether Testcontainers can reach a Docker engine, asked once. This project's CI machines
/// have none: the SQL Server and Oracle suites skip there, with the reason, in well under a second.
/// </summary>
public static class DockerEngine
{
    private static readonly Lazy<string?> Unavailable = new(() =>
    {
        try
        {
            return TestcontainersSettings.OS.DockerEndpointAuthConfig is null
                ? "no Docker engine is reachable (Testcontainers found no endpoint)"
                : null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IOException)
        {
            return ex.Message;
        }
    });

    public static string? UnavailableReason => Unavailable.Value;

    public static void SkipUnlessAvailable(string engine)
    {
        if (UnavailableReason is not null)
        {
            Assert.Skip($"{engine} runs in Testcontainers and {UnavailableReason}; the static script tests cover it here.");
        }
    }
}
