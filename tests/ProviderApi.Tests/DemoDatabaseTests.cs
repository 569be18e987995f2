using Microsoft.Data.Sqlite;

namespace ProviderApi.Tests;

/// <summary>The demo file: deterministic apart from its anchor, and moved forward when it has aged.</summary>
public sealed class DemoDatabaseTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static void Start(ProviderFactory factory)
    {
        using (factory)
        {
            factory.CreateClient().Dispose();
        }
        SqliteConnection.ClearAllPools();
    }

    private static List<Dictionary<string, object?>> Query(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return ViewRows.Query(connection, sql);
    }

    private static bool InWindow(string path, string scenario) =>
        Query(path, $"SELECT 1 FROM View_Register_Info r JOIN demo_scenario s ON s.patient_id = r.insuranceId WHERE s.name = '{scenario}'").Count == 1;

    [Fact]
    public void Two_demos_made_at_the_same_moment_hold_the_same_rows()
    {
        var moment = new DateTimeOffset(2026, 3, 15, 10, 30, 0, TimeSpan.FromHours(8));
        Start(new ProviderFactory(new Dictionary<string, string?> { ["Database:DemoPath"] = folder.File("a.db") }, new FixedClock(moment)));
        Start(new ProviderFactory(new Dictionary<string, string?> { ["Database:DemoPath"] = folder.File("b.db") }, new FixedClock(moment)));

        foreach (var table in new[] { "PAT_MASTER_INDEX", "CLINIC_MASTER", "PAT_VISIT", "OUTP_BILL_ITEMS", "INP_BILL_DETAIL", "STAFF_DICT" })
        {
            var a = Query(folder.File("a.db"), $"SELECT * FROM {table} ORDER BY 1, 2");
            var b = Query(folder.File("b.db"), $"SELECT * FROM {table} ORDER BY 1, 2");
            Assert.NotEmpty(a);
            Assert.Equal(a, b);
        }
    }

    [Fact]
    public void A_demo_that_has_aged_is_moved_forward_at_start_so_its_windows_are_filled_again()
    {
        var path = folder.File("aged.db");
        Start(new ProviderFactory(new Dictionary<string, string?> { ["Database:DemoPath"] = path }, new FixedClock(DateTimeOffset.Now.AddDays(-3))));
        Assert.False(InWindow(path, "outpatient_just_inside"), "made three days ago, its edge visit has left the window");
        Assert.False(InWindow(path, "inpatient_discharged_6_days"));

        Start(ProviderFactory.ForDemo(path));

        Assert.True(InWindow(path, "outpatient_just_inside"));
        Assert.False(InWindow(path, "outpatient_just_outside"));
        Assert.True(InWindow(path, "inpatient_discharged_6_days"));
        Assert.False(InWindow(path, "inpatient_discharged_8_days"));
        Assert.True(InWindow(path, "outpatient_future_appointment"));
    }

    [Fact]
    public void Restarting_on_a_fresh_demo_changes_nothing()
    {
        var path = folder.File("fresh.db");
        Start(ProviderFactory.ForDemo(path));
        var before = Query(path, "SELECT * FROM CLINIC_MASTER ORDER BY VISIT_NO");

        Start(ProviderFactory.ForDemo(path));

        Assert.Equal(before, Query(path, "SELECT * FROM CLINIC_MASTER ORDER BY VISIT_NO"));
    }
}
