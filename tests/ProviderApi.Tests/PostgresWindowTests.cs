using System.Text.Json;
using Dapper;
using Npgsql;
using ProviderApi.Tests.Contract;
using ProviderApi.Tests.Hospitals;

namespace ProviderApi.Tests;

/// <summary>
/// The recency windows on PostgreSQL: their bounds come from the imgcloud.window_*() functions,
/// which read imgcloud.settings at every query (as their owner), and which the planner can see
/// into, unlike the scalar subquery they replaced (always estimated at a third of the table).
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresWindowTests : IAsyncLifetime
{
    private const string CloudPassword = "cloud-window-test-password";

    private readonly PostgresHospital hospital = new();

    public PostgresWindowTests() => PostgresServer.SkipUnlessAvailable();

    public ValueTask InitializeAsync() => hospital.InitializeAsync();

    public ValueTask DisposeAsync() => hospital.DisposeAsync();

    private NpgsqlConnection OpenAdmin()
    {
        var connection = new NpgsqlConnection(hospital.ConnectionString);
        connection.Open();
        return connection;
    }

    [Fact]
    public void Window_lengths_changed_in_the_settings_apply_at_the_next_query_of_the_clouds_login()
    {
        using (var admin = OpenAdmin())
        {
            admin.Execute($"ALTER ROLE imgcloud_cloud WITH LOGIN PASSWORD '{CloudPassword}'");
        }
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(hospital.ConnectionString)
            {
                Username = "imgcloud_cloud",
                Password = CloudPassword,
                SearchPath = null, // the role's own search_path resolves the views
            };
            using var cloud = new NpgsqlConnection(builder.ToString());
            cloud.Open();
            (long Registrations, long Settlements) Counts() =>
                (cloud.ExecuteScalar<long>("SELECT count(*) FROM View_Register_Info"),
                 cloud.ExecuteScalar<long>("SELECT count(*) FROM view_setlInfoList"));

            var usual = Counts();
            SetWindows(0);
            var none = Counts();
            SetWindows(3650);
            var tenYears = Counts();

            Assert.True(usual.Registrations > 0 && usual.Settlements > 0, $"the demo's windows hold rows: {usual}");
            Assert.True(none.Registrations < usual.Registrations, $"windows of 0 days: {none} against {usual}");
            Assert.True(none.Settlements < usual.Settlements, $"windows of 0 days: {none} against {usual}");
            Assert.True(tenYears.Registrations > usual.Registrations, $"windows of 3650 days: {tenYears} against {usual}");
            Assert.True(tenYears.Settlements > usual.Settlements, $"windows of 3650 days: {tenYears} against {usual}");
        }
        finally
        {
            using var admin = OpenAdmin();
            admin.Execute("ALTER ROLE imgcloud_cloud WITH NOLOGIN PASSWORD NULL");
        }
    }

    [Fact]
    public void The_planner_estimates_the_settlement_window_from_the_settings()
    {
        // A subquery's value is unknown when the plan is made: the window was estimated at a
        // third of the history whatever its length, and a ten-year history was hash-joined
        // whole. The function's value is known to the planner, so the estimate follows it.
        using var admin = OpenAdmin();
        admin.Execute("ANALYZE", commandType: System.Data.CommandType.Text); // one word would be taken for a procedure
        var total = admin.ExecuteScalar<long>("SELECT count(*) FROM imgcloud.src_settlement");
        Assert.True(total >= 100, $"the demo has {total} settlements");

        using var transaction = admin.BeginTransaction();
        double Estimate(int days)
        {
            admin.Execute("UPDATE imgcloud.settings SET settlement_days = @days", new { days }, transaction);
            var plan = admin.ExecuteScalar<string>("EXPLAIN (FORMAT JSON) SELECT * FROM view_setlInfoList", transaction: transaction)!;
            return JsonDocument.Parse(plan).RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
        }

        var none = Estimate(0);
        var all = Estimate(36500);
        transaction.Rollback();

        Assert.True(none < total / 10.0, $"window of 0 days: estimated {none} of {total} settlements");
        Assert.True(all > total / 2.0, $"window of 36500 days: estimated {all} of {total} settlements");
    }

    private void SetWindows(int days)
    {
        using var admin = OpenAdmin();
        admin.Execute("""
            UPDATE imgcloud.settings
               SET outpatient_days_back = @days, outpatient_days_ahead = @days, discharged_days = @days, settlement_days = @days
            """, new { days });
    }
}
