using System.Data.Common;
using Dapper;
using ProviderApi.Data;
using ProviderApi.Data.Migrations;

namespace ProviderApi.Tests.Hospitals;

/// <summary>
/// The demo hospital on a database server (SQL Server and Oracle in a container, MariaDB on the
/// throwaway server tests/run.sh starts): migrated with
/// the very files in sql/&lt;engine&gt;/ through the provider's migrate code, seeded, served, and
/// read through the provider's own login (whose default schema or synonyms resolve the views).
/// </summary>
public abstract class ServerHospital(DatabaseProvider provider) : IHospital, IAsyncLifetime
{
    private ProviderFactory? factory;

    public DateTime Anchor { get; } = DateTime.SpecifyKind(DateTime.Now.AddTicks(-(DateTime.Now.Ticks % TimeSpan.TicksPerSecond)), DateTimeKind.Unspecified);

    public HttpClient Client { get; private set; } = null!;

    public DatabaseEngine Dialect { get; } = DatabaseEngine.For(provider);

    protected abstract string Engine { get; }

    /// <summary>Why this engine cannot run here, or null.</summary>
    protected virtual string? UnavailableReason => DockerEngine.UnavailableReason;

    /// <summary>Starts the container; returns the administrator's connection string to the database to use.</summary>
    protected abstract Task<string> StartAsync();

    /// <summary>Enables the provider's login with a password and returns its connection string.</summary>
    protected abstract string ProviderLogin(DbConnection admin, string adminConnectionString);

    protected abstract ValueTask StopAsync();

    private string adminConnectionString = "";
    private string providerConnectionString = "";

    /// <summary>The provider's own login, as the provider is configured with it.</summary>
    public string ProviderConnectionString => providerConnectionString;

    public async ValueTask InitializeAsync()
    {
        if (UnavailableReason is not null)
        {
            return;
        }
        adminConnectionString = await StartAsync();
        var options = new DatabaseOptions { Provider = provider, ConnectionString = adminConnectionString };
        new Migrator(options, new FixedClock(new DateTimeOffset(Anchor, TimeZoneInfo.Local.GetUtcOffset(Anchor))), TextWriter.Null).Migrate(withDemo: true);
        using (var admin = OpenWith(adminConnectionString))
        {
            AfterMigrate(admin);
            providerConnectionString = ProviderLogin(admin, adminConnectionString);
        }
        factory = new ProviderFactory(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:ConnectionString"] = providerConnectionString,
        });
        Client = factory.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
        if (adminConnectionString.Length > 0)
        {
            await StopAsync();
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs the provider's migrate again as the administrator, with a hospital's own source views when given (Database:SourceViewsPath); returns what it wrote.</summary>
    public string Migrate(string? sourceViewsPath)
    {
        var options = new DatabaseOptions { Provider = provider, ConnectionString = adminConnectionString, SourceViewsPath = sourceViewsPath };
        var log = new StringWriter();
        new Migrator(options, new FixedClock(new DateTimeOffset(Anchor, TimeZoneInfo.Local.GetUtcOffset(Anchor))), log).Migrate(withDemo: false);
        return log.ToString();
    }

    public virtual void SkipUnlessAvailable()
    {
        if (UnavailableReason is { } reason)
        {
            Assert.Skip($"{Engine}: {reason}");
        }
    }

    /// <summary>
    /// The administrator's connection, resolving the views unqualified as the provider's login does
    /// (tests also read the demo HIS's own tables, which the provider's login may not). What the
    /// provider's login may read is asserted through the provider itself (<see cref="Client"/>).
    /// </summary>
    public DbConnection Open(bool writable = false)
    {
        var connection = OpenWith(adminConnectionString);
        OnAdminOpened(connection);
        return connection;
    }

    /// <summary>Once the demo hospital is migrated and seeded: what the tests' own sessions need made once.</summary>
    protected virtual void AfterMigrate(DbConnection admin)
    {
    }

    /// <summary>Lets the administrator's session resolve the views unqualified, as the provider's login does.</summary>
    protected virtual void OnAdminOpened(DbConnection connection)
    {
    }

    private DbConnection OpenWith(string connectionString)
    {
        return Dialect.Open(new DatabaseOptions { Provider = provider }, connectionString);
    }

    protected static void Execute(DbConnection connection, string sql) => connection.Execute(sql);
}
