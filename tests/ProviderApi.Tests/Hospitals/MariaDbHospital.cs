using System.Data.Common;
using MySqlConnector;
using ProviderApi.Data;
using ProviderApi.Tests.Contract;

namespace ProviderApi.Tests.Hospitals;

/// <summary>
/// The demo hospital on MariaDB (the throwaway server of tests/run.sh, run with MySQL 5.7's
/// sql_mode): the databases imgcloud and his and the two accounts made by the provider's own
/// migrate from sql/mysql/, under their real names, so test classes using it run one after
/// another (<see cref="MariaDbTests"/>); each fixture starts from nothing.
/// </summary>
public sealed class MariaDbHospital() : ServerHospital(DatabaseProvider.MySql)
{
    private const string Password = "Provider-test-1";

    protected override string Engine => "MariaDB";

    protected override string? UnavailableReason => MariaDbServer.UnavailableReason;

    public override void SkipUnlessAvailable() => MariaDbServer.SkipUnlessAvailable();

    protected override Task<string> StartAsync()
    {
        Drop();
        return Task.FromResult(MariaDbServer.ConnectionString());
    }

    protected override string ProviderLogin(DbConnection admin, string adminConnectionString)
    {
        Execute(admin, $"ALTER USER 'imgcloud_provider'@'%' IDENTIFIED BY '{Password}' ACCOUNT UNLOCK");
        return new MySqlConnectionStringBuilder(adminConnectionString) { UserID = "imgcloud_provider", Password = Password, Database = "imgcloud" }.ToString();
    }

    /// <summary>
    /// The administrator's sessions name the demo HIS's tables and the standard views unqualified,
    /// as the tests do on PostgreSQL (search_path his, imgcloud): they work in his, where the
    /// standard views are also reachable under their own names (views of the views, made once,
    /// for the tests only; the provider's account reads imgcloud's).
    /// </summary>
    protected override void AfterMigrate(DbConnection admin)
    {
        foreach (var view in ContractColumns.ByView.Keys)
        {
            Execute(admin, $"CREATE OR REPLACE SQL SECURITY INVOKER VIEW his.{view} AS SELECT * FROM imgcloud.{view}");
        }
    }

    protected override void OnAdminOpened(DbConnection connection) => Execute(connection, "USE his");

    protected override ValueTask StopAsync()
    {
        Drop();
        return ValueTask.CompletedTask;
    }

    private static void Drop() => MariaDbServer.Execute(
        "DROP DATABASE IF EXISTS imgcloud; DROP DATABASE IF EXISTS his; " +
        "DROP USER IF EXISTS 'imgcloud_cloud'@'%'; DROP USER IF EXISTS 'imgcloud_provider'@'%'");
}

/// <summary>Test classes on the MariaDB demo hospital run one after another: its databases and accounts have fixed names.</summary>
[CollectionDefinition(Name)]
public sealed class MariaDbTests
{
    public const string Name = "MariaDB";
}
