using System.Data.Common;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using ProviderApi.Data;

namespace ProviderApi.Tests.Hospitals;

/// <summary>
/// The demo hospital on Oracle XE through Testcontainers' generic builder (no Testcontainers.Oracle
/// package is served here), with a pinned image, and the driver the deployer supplies
/// (Database:OracleDriverPath's default folder, or a build with -p:WithOracle=true).
/// </summary>
public sealed class OracleHospital() : ServerHospital(DatabaseProvider.Oracle)
{
    public const string Image = "gvenzl/oracle-xe:21.3.0-slim-faststart";
    private const string Password = "Imgcloud-test-1";

    private IContainer? container;

    protected override string Engine => "Oracle";

    protected override string? UnavailableReason =>
        OracleDriver.TryLoad(null) is null
            ? "the Oracle driver is not supplied here (see Database:OracleDriverPath)"
            : DockerEngine.UnavailableReason;

    protected override async Task<string> StartAsync()
    {
        container = new ContainerBuilder(Image)
            .WithEnvironment("ORACLE_PASSWORD", Password)
            .WithPortBinding(1521, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("DATABASE IS READY TO USE!"))
            .Build();
        await container.StartAsync();
        return $"User Id=system;Password={Password};Data Source={container.Hostname}:{container.GetMappedPublicPort(1521)}/XEPDB1";
    }

    protected override string ProviderLogin(DbConnection admin, string adminConnectionString)
    {
        Execute(admin, $"ALTER USER imgcloud_provider IDENTIFIED BY \"{Password}\" ACCOUNT UNLOCK");
        return adminConnectionString.Replace("User Id=system", "User Id=imgcloud_provider", StringComparison.Ordinal);
    }

    protected override void OnAdminOpened(DbConnection connection) =>
        Execute(connection, "ALTER SESSION SET CURRENT_SCHEMA = IMGCLOUD");

    protected override async ValueTask StopAsync()
    {
        if (container is not null)
        {
            await container.DisposeAsync();
        }
    }
}
