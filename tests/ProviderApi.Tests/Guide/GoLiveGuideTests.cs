using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;
using ProviderApi.Tests.Contract;
using ProviderApi.Tests.Hospitals;

namespace ProviderApi.Tests.Guide;

/// <summary>
/// docs/go-live.md run as written: its PostgreSQL blocks (the migration owner's role; enabling the
/// provider's login) taken from the guide itself, then migrate as that owner and check as the
/// provider, both through the real executable. A block the guide changes is the block tested.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed partial class GoLiveGuideTests : IAsyncLifetime
{
    private const string OwnerPassword = "owner-guide-password";
    private const string ProviderPassword = "provider-guide-password";

    private readonly PostgresHospital hospital = new();

    public GoLiveGuideTests() => PostgresServer.SkipUnlessAvailable();

    public ValueTask InitializeAsync() => hospital.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        if (PostgresServer.UnavailableReason is null)
        {
            PostgresServer.Execute("ALTER ROLE imgcloud_provider WITH NOLOGIN PASSWORD NULL");
        }
        await hospital.DisposeAsync();
        if (PostgresServer.UnavailableReason is null)
        {
            PostgresServer.Execute("DROP ROLE IF EXISTS imgcloud_owner");
        }
    }

    /// <summary>The SQL block that follows <c>&lt;!-- guide-test: name --&gt;</c> in docs/go-live.md.</summary>
    public static string Block(string name)
    {
        var guide = File.ReadAllText(Repository.File("docs/go-live.md"));
        var match = Regex.Match(guide, $@"<!-- guide-test: {Regex.Escape(name)} -->\s*```sql\n(?<sql>.*?)```", RegexOptions.Singleline);
        Assert.True(match.Success, $"docs/go-live.md has no SQL block marked guide-test: {name}");
        return match.Groups["sql"].Value;
    }

    [Fact]
    public void The_guide_marks_its_tested_blocks_with_a_password_placeholder_and_no_password()
    {
        foreach (var name in new[] { "postgresql-owner", "postgresql-logins" })
        {
            var block = Block(name);
            Assert.Contains("PASSWORD '...'", block, StringComparison.Ordinal);
            Assert.DoesNotMatch(PasswordOtherThanPlaceholder(), block);
        }
    }

    [Fact]
    public async Task The_owner_role_the_guide_creates_migrates_and_the_login_it_enables_runs_check()
    {
        var (_, provider) = await MigrateAsTheGuidesOwnerAsync();

        using (var admin = new NpgsqlConnection(hospital.ConnectionString))
        {
            Assert.Equal(
                ["imgcloud_owner"],
                admin.Query<string>("SELECT DISTINCT viewowner FROM pg_views WHERE schemaname = 'imgcloud'"));
        }

        // Before the login is enabled, check fails on the login, not on the data, and says where the guide enables it.
        var refused = await ProviderProcess.RunAsync(["check", "--Database:Provider=PostgreSql", $"--Database:ConnectionString={provider}"]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("password authentication failed", refused.Error, StringComparison.Ordinal);
        Assert.Contains("The server refused the login of Database:ConnectionString", refused.Error, StringComparison.Ordinal);
        Assert.Contains("docs/go-live.md", refused.Error, StringComparison.Ordinal);

        PostgresServer.Execute(Block("postgresql-logins").Replace("'...'", $"'{ProviderPassword}'", StringComparison.Ordinal), hospital.Database);
        var check = await ProviderProcess.RunAsync(["check", "--format", "json", "--Database:Provider=PostgreSql", $"--Database:ConnectionString={provider}"]);

        // The crosswalk is empty in a new schema, so the verdict may be FAILED; every view must have been read.
        Assert.True(check.ExitCode is 0 or 1, $"check exited {check.ExitCode}: {check.Error}");
        using var report = JsonDocument.Parse(check.Output);
        var views = report.RootElement.GetProperty("views").EnumerateArray().ToList();
        Assert.Equal(4, views.Count);
        Assert.All(views, v => Assert.True(v.GetProperty("rows").GetInt64() > 0, $"{v.GetProperty("view")} read no row"));
    }

    [Fact]
    public async Task An_owner_that_lost_SELECT_on_a_HIS_table_after_migrate_is_told_the_GRANT_by_check_and_selftest()
    {
        // Migrated as the guide's owner, logins enabled; then the HIS's DBA takes one table's SELECT back
        // (PostgreSQL checks a view's rights when it is read, so migrate would not have stopped either).
        var (owner, provider) = await MigrateAsTheGuidesOwnerAsync();
        string[] settings = ["--Database:Provider=PostgreSql", $"--Database:ConnectionString={provider}", $"--Database:MigrationConnectionString={owner}"];
        PostgresServer.Execute(Block("postgresql-logins").Replace("'...'", $"'{ProviderPassword}'", StringComparison.Ordinal), hospital.Database);
        PostgresServer.Execute("REVOKE SELECT ON his.PAT_MASTER_INDEX FROM imgcloud_owner", hospital.Database);

        const string grant = "GRANT SELECT ON pat_master_index TO imgcloud_owner;";
        var check = await ProviderProcess.RunAsync(["check", .. settings]);
        Assert.NotEqual(0, check.ExitCode);
        Assert.Contains(grant, check.Error + check.Output, StringComparison.Ordinal);
        Assert.Contains("owner's rights", check.Error + check.Output, StringComparison.Ordinal);

        var selftest = await ProviderProcess.RunAsync(["selftest", .. settings]);
        Assert.NotEqual(0, selftest.ExitCode);
        Assert.Contains(grant, selftest.Error + selftest.Output, StringComparison.Ordinal);

        // The provider's own login refused a standard view: the GRANT goes to the login, not the owner.
        PostgresServer.Execute("GRANT SELECT ON his.PAT_MASTER_INDEX TO imgcloud_owner; REVOKE SELECT ON imgcloud.View_Dept_Info FROM imgcloud_provider", hospital.Database);
        var login = await ProviderProcess.RunAsync(["selftest", .. settings]);
        Assert.Contains("GRANT SELECT ON view_dept_info TO imgcloud_provider;", login.Error + login.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_owner_without_the_right_to_create_the_schema_is_told_the_GRANT_it_lacks()
    {
        PostgresServer.Execute("DROP SCHEMA imgcloud CASCADE", hospital.Database);
        PostgresServer.Execute(
            Block("postgresql-owner").Replace("hisdb", hospital.Database, StringComparison.Ordinal).Replace("'...'", $"'{OwnerPassword}'", StringComparison.Ordinal)
            + $"REVOKE CREATE ON DATABASE {hospital.Database} FROM imgcloud_owner;",
            hospital.Database);
        var owner = new NpgsqlConnectionStringBuilder(hospital.ConnectionString) { Username = "imgcloud_owner", Password = OwnerPassword, SearchPath = null };

        var migrate = await ProviderProcess.RunAsync(["migrate", "--Database:Provider=PostgreSql", $"--Database:ConnectionString={owner}"]);

        Assert.NotEqual(0, migrate.ExitCode);
        // (A SELECT missing on a HIS table does not stop migrate on PostgreSQL, which checks a view's rights when it is read.)
        Assert.Contains($"GRANT CONNECT, CREATE ON DATABASE {hospital.Database} TO imgcloud_owner;", migrate.Error + migrate.Output, StringComparison.Ordinal);
    }

    /// <summary>A first installation (the HIS's tables and data, no imgcloud schema yet) migrated by the role the guide's block creates.</summary>
    private async Task<(NpgsqlConnectionStringBuilder Owner, NpgsqlConnectionStringBuilder Provider)> MigrateAsTheGuidesOwnerAsync()
    {
        PostgresServer.Execute("DROP SCHEMA imgcloud CASCADE", hospital.Database);
        PostgresServer.Execute(
            Block("postgresql-owner").Replace("hisdb", hospital.Database, StringComparison.Ordinal).Replace("'...'", $"'{OwnerPassword}'", StringComparison.Ordinal),
            hospital.Database);
        var owner = new NpgsqlConnectionStringBuilder(hospital.ConnectionString) { Username = "imgcloud_owner", Password = OwnerPassword, SearchPath = null };
        var provider = new NpgsqlConnectionStringBuilder(hospital.ConnectionString) { Username = "imgcloud_provider", Password = ProviderPassword, SearchPath = null };
        var migrate = await ProviderProcess.RunAsync(
            ["migrate", "--Database:Provider=PostgreSql", $"--Database:ConnectionString={provider}", $"--Database:MigrationConnectionString={owner}"]);
        Assert.True(migrate.ExitCode == 0, $"migrate as the guide's owner exited {migrate.ExitCode}: {migrate.Error}\n{migrate.Output}");
        return (owner, provider);
    }

    [GeneratedRegex(@"PASSWORD '(?!\.\.\.')")]
    private static partial Regex PasswordOtherThanPlaceholder();
}
