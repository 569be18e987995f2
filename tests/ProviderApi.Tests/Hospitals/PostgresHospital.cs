using System.Data.Common;
using Npgsql;
using ProviderApi.Data;
using ProviderApi.Data.Migrations;

namespace ProviderApi.Tests.Hospitals;

/// <summary>
/// The demo hospital on PostgreSQL: a database of its own, migrated with the very files in
/// sql/postgresql/ through the provider's migrate code, seeded, and served by the provider.
/// </summary>
public sealed class PostgresHospital : IHospital, IAsyncLifetime
{
    private ProviderFactory? factory;

    public string Database { get; private set; } = "";

    public DateTime Anchor { get; } = DateTime.SpecifyKind(DateTime.Now.AddTicks(-(DateTime.Now.Ticks % TimeSpan.TicksPerSecond)), DateTimeKind.Unspecified);

    public HttpClient Client { get; private set; } = null!;

    public ProviderApi.Data.DatabaseEngine Dialect { get; } = ProviderApi.Data.DatabaseEngine.For(ProviderApi.Data.DatabaseProvider.PostgreSql);

    public string ConnectionString => PostgresServer.ConnectionString(Database);

    public ValueTask InitializeAsync()
    {
        if (PostgresServer.UnavailableReason is not null)
        {
            return ValueTask.CompletedTask;
        }
        Database = PostgresServer.CreateDatabase();
        Migrate(withDemo: true);
        factory = new ProviderFactory(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = PostgresServer.ConnectionString(Database, "imgcloud"),
        });
        Client = factory.CreateClient();
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs the provider's migrate on this database, as the verb would.</summary>
    public string Migrate(bool withDemo, string? sourceViewsPath = null)
    {
        var log = new StringWriter();
        var options = new DatabaseOptions
        {
            Provider = DatabaseProvider.PostgreSql,
            ConnectionString = PostgresServer.ConnectionString(Database, "public"),
            SourceViewsPath = sourceViewsPath,
        };
        new Migrator(options, new FixedClock(new DateTimeOffset(Anchor, TimeZoneInfo.Local.GetUtcOffset(Anchor))), log).Migrate(withDemo);
        return log.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
        if (Database.Length > 0)
        {
            PostgresServer.DropDatabase(Database);
        }
    }

    public void SkipUnlessAvailable() => PostgresServer.SkipUnlessAvailable();

    public DbConnection Open(bool writable = false)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }
}
