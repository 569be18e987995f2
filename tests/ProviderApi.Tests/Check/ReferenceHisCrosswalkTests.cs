using ProviderApi.Tests.Contract;
using ProviderApi.Tests.Hospitals;

namespace ProviderApi.Tests.Check;

/// <summary>
/// Issue 19's "what must be shown": on a reference HIS with a few hundred imaging items (<see cref="ReferenceImaging"/>,
/// in place of the demo's exam dictionary), the crosswalk is filled by at most 30 group lines plus overrides, through
/// the real executable on every engine run here: emptied, exported, filled by a simulated radiologist, loaded, checked,
/// and every settlement line carries its item's true code.
/// </summary>
public abstract class ReferenceHisCrosswalkTests : IDisposable
{
    private readonly IHospital hospital;
    private readonly string[] settings;
    private readonly TempFolder folder = new();

    protected ReferenceHisCrosswalkTests(IHospital hospital, string[] settings)
    {
        this.hospital = hospital;
        this.settings = settings;
        hospital.SkipUnlessAvailable();
    }

    public void Dispose()
    {
        folder.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_reference_HIS_of_a_few_hundred_imaging_items_is_mapped_by_at_most_30_group_lines_plus_overrides()
    {
        var items = ReferenceImaging.Items();
        using (var connection = hospital.Open(writable: true))
        {
            ReferenceImaging.Replace(connection, hospital.Dialect, items, hospital.Anchor);
        }
        var truth = items.ToDictionary(i => i.Code, i => i.Truth);
        var round = new CrosswalkRound(hospital, settings, folder.Path);
        round.EmptyCrosswalk();

        var lines = await round.ExportAsync(folder.File("groups.csv"));
        var counts = CrosswalkRound.Fill(lines, (code, _) => truth[code], folder.File("filled.csv"));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{hospital.Dialect} reference HIS: {counts.Items} exam items, {counts.GroupLines} group lines, {counts.Overrides} overrides, {counts.Settlements} settlement lines");

        Assert.InRange(items.Count, 250, 400);
        Assert.Equal(items.Count, counts.Items);
        Assert.True(counts.GroupLines <= 30, $"{counts.GroupLines} group lines");
        Assert.Equal(ReferenceImaging.KindCount, counts.GroupLines); // the groups are the kinds of examination, found from columns and names
        Assert.Equal(items.Count(i => i.Truth[5] == '9'), counts.Overrides); // exactly the items that need another code
        Assert.Equal(items.Sum(i => i.Settlements), counts.Settlements);
        // Most settlement lines first.
        var settled = lines.Where(l => l["kind"] == "rule").Select(l => long.Parse(l["settlements"], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(settled.OrderDescending(), settled);

        await round.LoadAsync(folder.File("filled.csv"), counts);

        var crosswalk = await round.CheckCrosswalkAsync();
        Assert.Empty(crosswalk.GetProperty("unmapped").EnumerateArray());
        Assert.Equal(0, crosswalk.GetProperty("unmappedSettlements").GetInt64());
        Assert.Equal(items.Count, crosswalk.GetProperty("items").GetInt64());
        Assert.Equal(counts.Overrides, crosswalk.GetProperty("byOverride").GetProperty("items").GetInt64());
        Assert.Equal(items.Count - counts.Overrides, crosswalk.GetProperty("byRule").GetProperty("items").GetInt64());
        Assert.Empty(crosswalk.GetProperty("disagreements").EnumerateArray());

        var settlements = round.SettlementLines();
        Assert.Equal(items.Sum(i => i.Settlements), settlements.Count);
        Assert.All(settlements, line => Assert.Equal(truth[line.AccessionNo[..6]], line.ExamPart));

        // Nothing is left to export.
        Assert.Empty(await round.ExportAsync(folder.File("again.csv")));
    }
}

/// <summary>The reference HIS on SQLite (the demo file).</summary>
public sealed class SqliteReferenceHisCrosswalkTests(DemoHospital hospital)
    : ReferenceHisCrosswalkTests(hospital, ["--Database:Provider=Demo", $"--Database:DemoPath={hospital.DatabasePath}"]), IClassFixture<DemoHospital>;

/// <summary>The reference HIS on PostgreSQL (the administrator's connection: the provider's own login is CheckCommandTests').</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresReferenceHisCrosswalkTests(PostgresHospital hospital)
    : ReferenceHisCrosswalkTests(hospital, PostgresServer.UnavailableReason is not null ? [] :
        ["--Database:Provider=PostgreSql", $"--Database:ConnectionString={hospital.ConnectionString}"]), IClassFixture<PostgresHospital>;

/// <summary>The reference HIS on MariaDB: check and export under the provider's own account, load-csv through the migration connection.</summary>
[Collection(MariaDbTests.Name)]
public sealed class MySqlReferenceHisCrosswalkTests(MariaDbHospital hospital)
    : ReferenceHisCrosswalkTests(hospital, MariaDbServer.UnavailableReason is not null ? [] :
    [
        "--Database:Provider=MySql",
        $"--Database:ConnectionString={hospital.ProviderConnectionString}",
        $"--Database:MigrationConnectionString={MariaDbServer.ConnectionString()}",
    ]), IClassFixture<MariaDbHospital>;
