using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProviderApi.Tests.Contract;
using ProviderApi.Tests.Hospitals;

namespace ProviderApi.Tests.Push;

/// <summary>
/// Push:Store Database on a server engine run for real: the delivery state and the lease in
/// imgcloud.push_delivery and imgcloud.push_control (06_push_state.sql, run by migrate), shared
/// by two instances. One subclass per engine.
/// </summary>
public abstract class PushDatabaseStoreTests<THospital> : IAsyncLifetime
    where THospital : IHospital, IAsyncLifetime, new()
{
    private protected THospital Hospital { get; } = new();
    private FakeCloud cloud = null!;

    protected PushDatabaseStoreTests() => Hospital.SkipUnlessAvailable();

    /// <summary>Database:Provider.</summary>
    protected abstract string Provider { get; }

    /// <summary>The connection string the provider pushes with.</summary>
    protected abstract string ConnectionString { get; }

    /// <summary>An UPDATE that marks the outpatient visit whose outpatientNumber is @number as withdrawn.</summary>
    protected abstract string WithdrawVisit { get; }

    /// <summary>A statement that keeps every other session from reading imgcloud.push_delivery, and the one that ends it after the transaction is rolled back (none where the rollback does).</summary>
    protected abstract (string Lock, string? Unlock) DeliveryTableLock { get; }

    public async ValueTask InitializeAsync()
    {
        await Hospital.InitializeAsync();
        cloud = await FakeCloud.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await cloud.DisposeAsync();
        await Hospital.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private ProviderFactory Instance(TempFolder folder) => new(new Dictionary<string, string?>(PushHost.Settings(folder, cloud))
    {
        ["Database:Provider"] = Provider,
        ["Database:ConnectionString"] = ConnectionString,
        ["Database:DemoPath"] = null,
        ["Push:Store"] = "Database",
        ["Push:StorePath"] = null,
        ["Push:LeaseSeconds"] = "5",
    });

    [Fact]
    public async Task Two_instances_push_through_one_lease_each_row_once_and_the_second_takes_over_when_the_first_stops()
    {
        using var folder = new TempFolder();
        var first = Instance(folder);
        var second = Instance(folder);
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();
        try
        {
            // Settled: nothing pending in the shared state, and the cloud quiet for a while.
            await PushHost.WaitUntilAsync(async () =>
            {
                var calls = cloud.Calls.Count;
                await Task.Delay(1500, TestContext.Current.CancellationToken);
                using var db = Hospital.Open();
                var pending = await db.ExecuteScalarAsync<long>("SELECT count(*) FROM imgcloud.push_delivery WHERE state = 'pending'");
                var settlements = await db.ExecuteScalarAsync<long>("SELECT count(*) FROM imgcloud.push_delivery WHERE kind = 'settlement'");
                return calls > 0 && calls == cloud.Calls.Count && pending == 0 && settlements > 0;
            }, TimeSpan.FromSeconds(90), "both instances settle");

            var accepted = cloud.Accepted;
            Assert.Equal(accepted.Count, accepted.Select(c => (c.Kind, c.Key)).Distinct().Count());
            Assert.Equal(accepted.Count, cloud.Calls.Count);
            using (var db = Hospital.Open())
            {
                var registrations = (await db.QueryAsync<string>("SELECT outpatientNumber FROM imgcloud.View_Register_Info")).ToHashSet();
                Assert.Equal(registrations, accepted.Where(c => c.Kind == "registration").Select(c => c.Key).ToHashSet());
                Assert.Equal(accepted.Count, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM imgcloud.push_delivery WHERE state = 'delivered'"));
            }

            // Whoever holds the lease stops (and gives it up); the other one sends the next change.
            var holder = (string)(await PushHost.StatusAsync(firstClient))["leaseHolder"]!;
            var (stopping, staying) = Worker(first).Holder == holder ? (first, secondClient) : (second, firstClient);
            await stopping.DisposeAsync();

            var number = accepted.First(c => c.Kind == "registration" && (string?)c.Body["patientType"] == "1"
                && (string?)c.Body["outpatientType"] == "0" && (string?)c.Body["quitType"] == "0").Key;
            using (var db = Hospital.Open(writable: true))
            {
                Assert.Equal(1, await db.ExecuteAsync(WithdrawVisit, new { number }));
            }
            await PushHost.WaitUntilAsync(() => Task.FromResult(cloud.CallsFor("registration", number) == 2), TimeSpan.FromSeconds(30), "the other instance sends the changed row");
            await Task.Delay(1500, TestContext.Current.CancellationToken);
            Assert.Equal(accepted.Count + 1, cloud.Calls.Count);
            Assert.NotEqual(holder, (string?)(await PushHost.StatusAsync(staying))["leaseHolder"]);
        }
        finally
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_locked_push_table_gives_the_status_page_a_503_within_the_command_timeout_and_it_answers_again_once_released()
    {
        using var folder = new TempFolder();
        await using var instance = new ProviderFactory(new Dictionary<string, string?>(PushHost.Settings(folder, cloud))
        {
            ["Database:Provider"] = Provider,
            ["Database:ConnectionString"] = ConnectionString,
            ["Database:DemoPath"] = null,
            ["Database:CommandTimeoutSeconds"] = "2",
            ["Push:Store"] = "Database",
            ["Push:StorePath"] = null,
        });
        using var client = instance.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/operations/push", TestContext.Current.CancellationToken)).StatusCode);

        using (var locker = Hospital.Open(writable: true))
        {
            using var transaction = locker.BeginTransaction();
            locker.Execute(DeliveryTableLock.Lock, transaction: transaction);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var locked = await client.GetAsync("/operations/push", TestContext.Current.CancellationToken);
            var waited = clock.Elapsed;
            // Answered while the lock is still held: the command gave up by Database:CommandTimeoutSeconds, not the lock's end.
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, locked.StatusCode);
            Assert.InRange(waited, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(15));
            transaction.Rollback();
            if (DeliveryTableLock.Unlock is { } unlock)
            {
                locker.Execute(unlock);
            }
        }

        // No restart: the next request reads the state again.
        await PushHost.WaitUntilAsync(
            async () => (await client.GetAsync("/operations/push", TestContext.Current.CancellationToken)).StatusCode == System.Net.HttpStatusCode.OK,
            TimeSpan.FromSeconds(20), "the status page answers again once the lock is gone");
    }

    private static ProviderApi.Push.PushWorker Worker(ProviderFactory instance) =>
        instance.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ProviderApi.Push.PushWorker>().Single();
}

[Collection(PostgresTests.Name)]
public sealed class PushPostgresTests : PushDatabaseStoreTests<PostgresHospital>
{
    protected override string Provider => "PostgreSql";

    protected override string ConnectionString => Hospital.ConnectionString;

    protected override string WithdrawVisit => """
        UPDATE his.CLINIC_MASTER SET REGISTRATION_STATUS = '1'
        WHERE to_char(VISIT_DATE, 'YYYYMMDD') || repeat('0', 5 - length(CAST(VISIT_NO AS varchar))) || CAST(VISIT_NO AS varchar) = @number
        """;

    protected override (string Lock, string? Unlock) DeliveryTableLock => ("LOCK TABLE imgcloud.push_delivery IN ACCESS EXCLUSIVE MODE", null);

    [Fact]
    public void The_providers_role_keeps_the_push_state_and_the_clouds_role_cannot_see_it()
    {
        using var db = new NpgsqlConnection(Hospital.ConnectionString);
        db.Open();
        using var transaction = db.BeginTransaction();
        db.Execute("SET LOCAL ROLE imgcloud_provider", transaction: transaction);
        db.Execute("""
            INSERT INTO imgcloud.push_delivery (kind, item_key, state, content_hash, first_seen_ms)
            VALUES ('registration', 'T1', 'pending', repeat('0', 64), 0)
            """, transaction: transaction);
        Assert.Equal(1, db.Execute("UPDATE imgcloud.push_delivery SET state = 'delivered' WHERE item_key = 'T1'", transaction: transaction));
        Assert.Equal(1, db.Execute("UPDATE imgcloud.push_control SET generation = generation + 1 WHERE name = 'push'", transaction: transaction));
        Assert.Equal(1, db.Execute("DELETE FROM imgcloud.push_delivery WHERE item_key = 'T1'", transaction: transaction));
        db.Execute("SET LOCAL ROLE imgcloud_cloud", transaction: transaction);
        var refused = Assert.Throws<PostgresException>(() => db.Execute("SELECT count(*) FROM imgcloud.push_delivery", transaction: transaction));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }
}

/// <summary>Push:Store Database on MariaDB, through the provider's own account (it may write the push tables and nothing else).</summary>
[Collection(MariaDbTests.Name)]
public sealed class PushMariaDbTests : PushDatabaseStoreTests<MariaDbHospital>
{
    protected override string Provider => "MySql";

    protected override string ConnectionString => Hospital.ProviderConnectionString;

    protected override string WithdrawVisit => """
        UPDATE his.CLINIC_MASTER SET REGISTRATION_STATUS = '1'
        WHERE CONCAT(DATE_FORMAT(VISIT_DATE, '%Y%m%d'), REPEAT('0', 5 - CHAR_LENGTH(CAST(VISIT_NO AS CHAR))), CAST(VISIT_NO AS CHAR)) = @number
        """;

    // LOCK TABLES ends the transaction and outlives it: UNLOCK TABLES ends it.
    protected override (string Lock, string? Unlock) DeliveryTableLock => ("LOCK TABLES imgcloud.push_delivery WRITE", "UNLOCK TABLES");
}
