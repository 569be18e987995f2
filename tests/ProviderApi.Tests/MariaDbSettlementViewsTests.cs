using System.Globalization;
using Dapper;
using ProviderApi.Data;
using ProviderApi.Data.Migrations;
using ProviderApi.Tests.Hospitals;

namespace ProviderApi.Tests;

/// <summary>
/// Issue 16 on MySQL/MariaDB: the settlements' source view is two views there
/// (src_outpatient_settlement, src_inpatient_settlement), so that view_setlInfoList's window
/// reaches the HIS's date indexes. A hospital upgrading with its own folder still mapping one
/// src_settlement meets a migrate that names what to write; once it has, the old view is gone.
/// Through the provider's migrate, on the demo hospital (real names: one class at a time).
/// </summary>
[Collection(MariaDbTests.Name)]
public sealed class MariaDbSettlementViewsTests(MariaDbHospital hospital) : IClassFixture<MariaDbHospital>, IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void A_hospital_folder_with_one_src_settlement_is_told_to_split_it_and_the_old_view_goes_once_it_has()
    {
        hospital.SkipUnlessAvailable();
        using var admin = hospital.Open(writable: true);
        var before = Settlements(admin);
        Assert.NotEmpty(before);

        // The hospital's folder as written for an earlier version: the reference mapping with
        // both kinds of settlement in one view, a UNION ALL; the database as that version left it.
        var shipped = MySqlScripts.Split(SqlScripts.Read("sql/mysql/03_source_views.sql"));
        var outpatient = shipped.Single(s => s.Text.Contains("VIEW imgcloud.src_outpatient_settlement AS", StringComparison.Ordinal));
        var inpatient = shipped.Single(s => s.Text.Contains("VIEW imgcloud.src_inpatient_settlement AS", StringComparison.Ordinal));
        var single = outpatient.Text.Replace("src_outpatient_settlement", "src_settlement", StringComparison.Ordinal)
            + "\nUNION ALL\n" + inpatient.Text[(inpatient.Text.IndexOf(" AS\n", StringComparison.Ordinal) + 4)..];
        File.WriteAllText(folder.File("10_his.sql"),
            string.Join(";\n\n", shipped.Except([outpatient, inpatient]).Select(s => s.Text).Append(single)) + ";\n");
        admin.Execute("DROP VIEW imgcloud.src_outpatient_settlement, imgcloud.src_inpatient_settlement");

        var failure = Assert.Throws<MigrationException>(() => hospital.Migrate(folder.Path));
        Assert.Equal("mysql/04_standard_views.sql", failure.Script);
        Assert.Contains("src_outpatient_settlement' doesn't exist", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Source-view columns", failure.Message, StringComparison.Ordinal);
        Assert.Contains("imgcloud.src_inpatient_settlement", failure.Message, StringComparison.Ordinal);
        Assert.Contains("SELECT ... WHERE 1 = 0", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, Views(admin, "src_settlement"));

        // The DBA splits it (here: the shipped mapping, which does) and migrates again.
        File.WriteAllText(folder.File("10_his.sql"), SqlScripts.Read("sql/mysql/03_source_views.sql"));
        hospital.Migrate(folder.Path);

        Assert.Equal(0, Views(admin, "src_settlement"));
        Assert.Equal(1, Views(admin, "src_outpatient_settlement"));
        Assert.Equal(1, Views(admin, "src_inpatient_settlement"));
        Assert.Equal(before, Settlements(admin));
    }

    private static long Views(System.Data.Common.DbConnection admin, string name) =>
        admin.ExecuteScalar<long>("SELECT COUNT(*) FROM information_schema.VIEWS WHERE TABLE_SCHEMA = 'imgcloud' AND TABLE_NAME = @name", new { name });

    private static List<string> Settlements(System.Data.Common.DbConnection admin) =>
        ViewRows.Query(admin, "SELECT * FROM imgcloud.view_setlInfoList")
            .Select(r => string.Join("|", r.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))))
            .Order(StringComparer.Ordinal)
            .ToList();
}
