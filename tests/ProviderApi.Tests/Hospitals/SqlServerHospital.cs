using System.Data.Common;
using Microsoft.Data.SqlClient;
using ProviderApi.Data;
using Testcontainers.MsSql;

namespace ProviderApi.Tests.Hospitals;

/// <summary>The demo hospital on SQL Server (a pinned 2019 image; the scripts target 2008 R2 and later).</summary>
public sealed class SqlServerHospital() : ServerHospital(DatabaseProvider.SqlServer)
{
    public const string Image = "mcr.microsoft.com/mssql/server:2019-CU27-ubuntu-20.04";

    private MsSqlContainer? container;

    protected override string Engine => "SQL Server";

    protected override async Task<string> StartAsync()
    {
        container = new MsSqlBuilder(Image).Build();
        await container.StartAsync();
        using (var master = new SqlConnection(container.GetConnectionString()))
        {
            master.Open();
            Execute(master, "CREATE DATABASE hisdb");
        }
        return new SqlConnectionStringBuilder(container.GetConnectionString()) { InitialCatalog = "hisdb", TrustServerCertificate = true }.ToString();
    }

    protected override string ProviderLogin(DbConnection admin, string adminConnectionString)
    {
        Execute(admin, "ALTER LOGIN imgcloud_provider WITH PASSWORD = 'Provider-test-1'; ALTER LOGIN imgcloud_provider ENABLE;");
        return new SqlConnectionStringBuilder(adminConnectionString) { UserID = "imgcloud_provider", Password = "Provider-test-1" }.ToString();
    }

    protected override void OnAdminOpened(DbConnection connection) =>
        // sa's default schema is dbo; the tests' unqualified view names need imgcloud.
        Execute(connection, "IF USER_ID('imgcloud_test') IS NULL CREATE USER imgcloud_test WITHOUT LOGIN WITH DEFAULT_SCHEMA = imgcloud; GRANT SELECT, INSERT ON SCHEMA::his TO imgcloud_test; GRANT SELECT ON SCHEMA::imgcloud TO imgcloud_test; EXECUTE AS USER = 'imgcloud_test';");

    protected override async ValueTask StopAsync()
    {
        if (container is not null)
        {
            await container.DisposeAsync();
        }
    }
}
