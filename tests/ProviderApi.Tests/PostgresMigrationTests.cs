using Dapper;
using Npgsql;
using ProviderApi.Tests.Contract;
using ProviderApi.Tests.Hospitals;

namespace ProviderApi.Tests;

/// <summary>migrate and print-sql on PostgreSQL: what a DBA runs, run for real.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresMigrationTests : IAsyncLifetime
{
    private readonly PostgresHospital hospital = new();
    private readonly TempFolder folder = new();

    public PostgresMigrationTests() => PostgresServer.SkipUnlessAvailable();

    public ValueTask InitializeAsync() => hospital.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        await hospital.DisposeAsync();
        folder.Dispose();
    }

    private NpgsqlConnection Open(string? user = null, string? password = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(hospital.ConnectionString);
        if (user is not null)
        {
            builder.Username = user;
            builder.Password = password;
            builder.SearchPath = null; // the role's own search_path must resolve the views
        }
        var connection = new NpgsqlConnection(builder.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Everything migrate defines or fills, as text: objects and view definitions, grants, journal, row counts.</summary>
    private string Snapshot()
    {
        using var connection = Open();
        var objects = connection.Query<string>("""
            SELECT n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' ' || COALESCE(pg_get_viewdef(c.oid), '')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname IN ('imgcloud', 'his') ORDER BY 1
            """);
        var grants = connection.Query<string>("""
            SELECT grantee || ' ' || table_schema || '.' || table_name || ' ' || privilege_type
            FROM information_schema.role_table_grants WHERE table_schema IN ('imgcloud', 'his') ORDER BY 1
            """);
        var journal = connection.Query<string>("SELECT scriptname FROM imgcloud.schema_versions ORDER BY 1");
        var rows = connection.Query<string>("""
            SELECT 'patients ' || (SELECT count(*) FROM his.PAT_MASTER_INDEX) || ', visits ' || (SELECT count(*) FROM his.CLINIC_MASTER)
                || ', settings ' || (SELECT count(*) FROM imgcloud.settings) || ', crosswalk ' || (SELECT count(*) FROM imgcloud.exam_part_map)
            """);
        return string.Join('\n', objects.Concat(grants).Concat(journal).Concat(rows));
    }

    private static Task<(int ExitCode, string Output, string Error)> RunProviderAsync(params string[] args) => ProviderProcess.RunAsync(args);

    [Fact]
    public async Task Migrate_run_again_through_the_command_line_changes_nothing()
    {
        var before = Snapshot();

        var (exitCode, output, error) = await RunProviderAsync(
            "migrate", "--with-demo",
            "--Database:Provider=PostgreSql",
            $"--Database:ConnectionString={PostgresServer.ConnectionString(hospital.Database, "public")}");

        Assert.True(exitCode == 0, $"migrate exited {exitCode}: {error}\n{output}");
        Assert.Contains("not seeded again", output, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task Migrate_on_a_HIS_without_the_reference_tables_names_Database_SourceViewsPath()
    {
        // A hospital's own HIS: none of the reference HIS's tables, and no source views of its own configured yet.
        var database = PostgresServer.CreateDatabase();
        try
        {
            var (exitCode, output, error) = await RunProviderAsync(
                "migrate", "--Database:Provider=PostgreSql",
                $"--Database:ConnectionString={PostgresServer.ConnectionString(database, "public")}");

            Assert.NotEqual(0, exitCode);
            var said = error + output;
            Assert.Contains("postgresql/03_source_views.sql", said, StringComparison.Ordinal);
            Assert.Contains("Database:SourceViewsPath", said, StringComparison.Ordinal);
            Assert.Contains("本院的源视图", said, StringComparison.Ordinal);
        }
        finally
        {
            PostgresServer.DropDatabase(database);
        }
    }

    [Fact]
    public void The_clouds_login_reads_the_four_views_unqualified_and_nothing_else()
    {
        using (var admin = Open())
        {
            admin.Execute("ALTER ROLE imgcloud_cloud WITH LOGIN PASSWORD 'cloud-test-password'");
        }
        try
        {
            using var cloud = Open("imgcloud_cloud", "cloud-test-password");
            foreach (var view in new[] { "View_Register_Info", "View_ProjectItemCode_Info", "view_setlInfoList", "View_Dept_Info" })
            {
                Assert.True(cloud.ExecuteScalar<long>($"SELECT count(*) FROM {view}") > 0, view);
            }
            foreach (var forbidden in new[] { "his.CLINIC_MASTER", "his.PAT_MASTER_INDEX", "imgcloud.src_outpatient_visit", "imgcloud.src_dept", "imgcloud.settings", "imgcloud.exam_part_map" })
            {
                var denied = Assert.Throws<PostgresException>(() => cloud.ExecuteScalar<long>($"SELECT count(*) FROM {forbidden}"));
                Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);
            }
        }
        finally
        {
            using var admin = Open();
            admin.Execute("ALTER ROLE imgcloud_cloud WITH NOLOGIN PASSWORD NULL");
        }
    }

    [Fact]
    public void A_session_in_another_time_zone_sees_the_same_rows()
    {
        // PgJDBC sets the session's TimeZone to the JVM's; a cloud on UTC must see the same windows.
        static List<string> Rows(string connectionString)
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            return connection.Query<string>("SELECT outpatientNumber FROM View_Register_Info")
                .Concat(connection.Query<string>("SELECT accessionNo || feedetlSn FROM view_setlInfoList"))
                .Order(StringComparer.Ordinal).ToList();
        }

        var shanghai = Rows(new NpgsqlConnectionStringBuilder(hospital.ConnectionString) { Timezone = "Asia/Shanghai" }.ToString());
        var utc = Rows(new NpgsqlConnectionStringBuilder(hospital.ConnectionString) { Timezone = "UTC" }.ToString());
        var honolulu = Rows(new NpgsqlConnectionStringBuilder(hospital.ConnectionString) { Timezone = "Pacific/Honolulu" }.ToString());

        Assert.NotEmpty(shanghai);
        Assert.Equal(shanghai, utc);
        Assert.Equal(shanghai, honolulu);
    }

    [Fact]
    public void An_install_that_set_a_zone_name_keeps_its_offset_after_the_upgrade()
    {
        // An install from before 2026-12-01: imgcloud.settings.time_zone, a zone name, and no offset column
        // (07_utc_offset.sql not yet journaled). A hospital in India had set its zone.
        using (var admin = Open())
        {
            admin.Execute("""
                ALTER TABLE imgcloud.settings DROP COLUMN utc_offset_minutes CASCADE;
                ALTER TABLE imgcloud.settings ADD COLUMN time_zone varchar(64) NOT NULL DEFAULT 'Asia/Shanghai';
                UPDATE imgcloud.settings SET time_zone = 'Asia/Kolkata';
                DELETE FROM imgcloud.schema_versions WHERE scriptname = 'postgresql/07_utc_offset.sql';
                """);
        }

        var log = hospital.Migrate(withDemo: false);

        Assert.Contains("07_utc_offset.sql", log, StringComparison.Ordinal);
        using var connection = Open();
        Assert.Equal(330, connection.ExecuteScalar<int>("SELECT utc_offset_minutes FROM imgcloud.settings"));
        Assert.Equal(0, connection.ExecuteScalar<int>(
            "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'imgcloud' AND table_name = 'settings' AND column_name = 'time_zone'"));
        Assert.True(connection.ExecuteScalar<long>("SELECT count(*) FROM View_ProjectItemCode_Info") > 0);

        // Run again: nothing left to carry over, the DBA's value kept.
        connection.Execute("UPDATE imgcloud.settings SET utc_offset_minutes = 345");
        hospital.Migrate(withDemo: false);
        Assert.Equal(345, connection.ExecuteScalar<int>("SELECT utc_offset_minutes FROM imgcloud.settings"));
    }

    [Fact]
    public void An_install_from_before_several_institutions_keeps_its_crosswalk_rows_as_rows_for_all_after_the_upgrade()
    {
        // An install from before 2026-12-02: exam_part_map keyed on exam_code alone, no imgcloud.institution
        // (08_institutions.sql not yet journaled), and a row the DBA had added.
        List<string> before;
        using (var admin = Open())
        {
            admin.Execute("""
                DELETE FROM imgcloud.exam_part_map WHERE hospital_id <> '*';
                ALTER TABLE imgcloud.exam_part_map DROP CONSTRAINT exam_part_map_pkey;
                ALTER TABLE imgcloud.exam_part_map DROP COLUMN hospital_id CASCADE;
                ALTER TABLE imgcloud.exam_part_map ADD PRIMARY KEY (exam_code);
                DROP TABLE imgcloud.institution CASCADE;
                INSERT INTO imgcloud.exam_part_map (exam_code, exam_part, note) VALUES ('MR0007', 'C04550ZZZ', '前列腺MR波谱成像（信息科补）');
                DELETE FROM imgcloud.schema_versions WHERE scriptname = 'postgresql/08_institutions.sql';
                """);
            before = [.. admin.Query<string>("SELECT exam_code || '|' || exam_part || '|' || COALESCE(note, '') FROM imgcloud.exam_part_map ORDER BY exam_code")];
        }

        var log = hospital.Migrate(withDemo: false);

        Assert.Contains("08_institutions.sql", log, StringComparison.Ordinal);
        using var connection = Open();
        Assert.Equal(before, connection.Query<string>("SELECT exam_code || '|' || exam_part || '|' || COALESCE(note, '') FROM imgcloud.exam_part_map ORDER BY exam_code"));
        Assert.Equal(["*"], connection.Query<string>("SELECT DISTINCT hospital_id FROM imgcloud.exam_part_map"));
        Assert.Equal(["exam_code", "hospital_id"], connection.Query<string>("""
            SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
            WHERE i.indrelid = 'imgcloud.exam_part_map'::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)
            """));
        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT count(*) FROM imgcloud.institution"));
        // The views map as before: the centre's DR0001 (its own row gone with the old key) takes the row for all.
        Assert.Equal("A03010ZZZ", connection.ExecuteScalar<string>(
            "SELECT examPart FROM view_setlInfoList WHERE accessionNo = 'S-ACC-COMMUNITY' AND medListCodg = '002102000010000'"));
        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT count(*) FROM view_setlInfoList WHERE examPart IS NULL"));

        // The script run again by hand changes nothing, and a row per institution now loads beside the one for all.
        connection.Execute(File.ReadAllText(Repository.File("sql/postgresql/08_institutions.sql")));
        connection.Execute("INSERT INTO imgcloud.exam_part_map (exam_code, exam_part, hospital_id) VALUES ('DR0001', 'A03019ZZZ', 'H45010300002')");
        Assert.Equal("A03019ZZZ", connection.ExecuteScalar<string>(
            "SELECT examPart FROM view_setlInfoList WHERE accessionNo = 'S-ACC-COMMUNITY' AND medListCodg = '002102000010000'"));
    }

    [Fact]
    public void An_install_from_before_the_crosswalk_rules_gets_their_tables_and_views_once()
    {
        // An install from before issue 19: no exam_part_rule or exam_part_code (09 not yet journaled); its
        // crosswalk rows are all it has. The demo's rules are kept aside and loaded again after the upgrade.
        List<string> settlements;
        List<(long RuleNo, string Modality, string? BodyPart, string? NamePattern, string? Contrast, string ExamPart)> rules;
        using (var admin = Open())
        {
            settlements = [.. admin.Query<string>("SELECT concat_ws('|', accessionNo, medListCodg, examPart, hospitalld) FROM view_setlInfoList ORDER BY 1")];
            rules = [.. admin.Query<(long, string, string?, string?, string?, string)>(
                "SELECT rule_no, modality, body_part, name_pattern, contrast, exam_part FROM imgcloud.exam_part_rule ORDER BY rule_no")];
            Assert.NotEmpty(rules);
            admin.Execute("""
                DROP TABLE imgcloud.exam_part_rule, imgcloud.exam_part_code CASCADE;
                DELETE FROM imgcloud.schema_versions WHERE scriptname = 'postgresql/09_exam_part_rules.sql';
                """);
            Assert.Equal(0L, admin.ExecuteScalar<long>("SELECT count(*) FROM pg_views WHERE viewname = 'view_setlinfolist'"));
        }

        var log = hospital.Migrate(withDemo: false);

        Assert.Contains("09_exam_part_rules.sql", log, StringComparison.Ordinal);
        using var connection = Open();
        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT count(*) FROM imgcloud.exam_part_rule"));
        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT count(*) FROM imgcloud.exam_part_code"));
        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT count(*) FROM imgcloud.exam_part_by_rule"));
        connection.Execute(
            "INSERT INTO imgcloud.exam_part_rule (rule_no, modality, body_part, name_pattern, contrast, exam_part) VALUES (@RuleNo, @Modality, @BodyPart, @NamePattern, @Contrast, @ExamPart)",
            rules.Select(r => new { r.RuleNo, r.Modality, r.BodyPart, r.NamePattern, r.Contrast, r.ExamPart }));
        Assert.Equal(settlements, connection.Query<string>("SELECT concat_ws('|', accessionNo, medListCodg, examPart, hospitalld) FROM view_setlInfoList ORDER BY 1"));
        // The provider's own login reads the rules and their views (the check does); the cloud's does not.
        Assert.True(connection.ExecuteScalar<bool>("SELECT has_table_privilege('imgcloud_provider', 'imgcloud.exam_part_by_rule', 'SELECT')"));
        Assert.True(connection.ExecuteScalar<bool>("SELECT has_table_privilege('imgcloud_provider', 'imgcloud.exam_item_settlements', 'SELECT')"));
        Assert.False(connection.ExecuteScalar<bool>("SELECT has_table_privilege('imgcloud_cloud', 'imgcloud.exam_part_rule_match', 'SELECT')"));
        Assert.False(connection.ExecuteScalar<bool>("SELECT has_table_privilege('imgcloud_cloud', 'imgcloud.exam_part_rule', 'SELECT')"));

        // A second migrate does not run 09 again and keeps the rules; the script run by hand changes nothing either.
        Assert.DoesNotContain("09_exam_part_rules.sql", hospital.Migrate(withDemo: false), StringComparison.Ordinal);
        connection.Execute(File.ReadAllText(Repository.File("sql/postgresql/09_exam_part_rules.sql")));
        Assert.Equal(rules.Count, connection.ExecuteScalar<long>("SELECT count(*) FROM imgcloud.exam_part_rule"));
        Assert.Equal(settlements, connection.Query<string>("SELECT concat_ws('|', accessionNo, medListCodg, examPart, hospitalld) FROM view_setlInfoList ORDER BY 1"));
        // The table refuses what one engine or another would read differently.
        Assert.ThrowsAny<PostgresException>(() => connection.Execute(
            "INSERT INTO imgcloud.exam_part_rule (rule_no, body_part, exam_part) VALUES (9001, '[胸]部', 'B03010ZZZ')"));
        Assert.ThrowsAny<PostgresException>(() => connection.Execute(
            "INSERT INTO imgcloud.exam_part_rule (rule_no, contrast, exam_part) VALUES (9002, '普通', 'B03010ZZZ')"));
    }

    [Fact]
    public void The_hospitals_own_source_views_are_applied_and_survive_a_rerun()
    {
        // The hospital starts from the shipped mapping and changes one view: only 医技 departments.
        var shipped = File.ReadAllText(Repository.File("sql/postgresql/03_source_views.sql"));
        var own = shipped.Replace("WHERE d.CLINIC_ATTR IN ('0', '1')", "WHERE d.CLINIC_ATTR IN ('1')", StringComparison.Ordinal);
        Assert.NotEqual(shipped, own);
        File.WriteAllText(Path.Combine(folder.Path, "10_our_source_views.sql"), own);

        hospital.Migrate(withDemo: true, sourceViewsPath: folder.Path);
        AssertOnlyMedicalTechnicalDepartments();

        hospital.Migrate(withDemo: true, sourceViewsPath: folder.Path);
        AssertOnlyMedicalTechnicalDepartments();

        void AssertOnlyMedicalTechnicalDepartments()
        {
            using var connection = Open();
            var codes = connection.Query<string>("SELECT deptCode FROM View_Dept_Info").ToList();
            Assert.NotEmpty(codes);
            Assert.All(codes, code => Assert.StartsWith("2", code, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Print_sql_writes_the_shipped_files_verbatim_in_migrates_order()
    {
        var (exitCode, output, error) = await RunProviderAsync(
            "print-sql", "--with-demo", "--Database:Provider=PostgreSql", "--Database:ConnectionString=Host=unused");

        Assert.True(exitCode == 0, error);
        string[] order =
        [
            "postgresql/01_imgcloud_schema.sql", "postgresql/demo/01_his_schema.sql", "postgresql/06_push_state.sql", "postgresql/07_utc_offset.sql", "postgresql/08_institutions.sql", "postgresql/09_exam_part_rules.sql", "postgresql/02_drop_views.sql",
            "postgresql/03_source_views.sql", "postgresql/04_standard_views.sql", "postgresql/05_accounts.sql",
        ];
        var positions = order.Select(name => output.IndexOf($"-- ==== {name} ", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order(), positions);
        foreach (var name in order)
        {
            var text = File.ReadAllText(Repository.File($"sql/{name}")).ReplaceLineEndings("\n").TrimEnd();
            Assert.Contains(text, output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_endpoints_over_postgresql_answer_the_same_datas_as_over_sqlite_for_the_same_seed()
    {
        using var sqliteFolder = new TempFolder();
        await using var sqlite = new ProviderFactory(
            new Dictionary<string, string?> { ["Database:DemoPath"] = sqliteFolder.File("demo.db") },
            new FixedClock(new DateTimeOffset(hospital.Anchor, TimeZoneInfo.Local.GetUtcOffset(hospital.Anchor))));
        using var sqliteClient = sqlite.CreateClient();

        foreach (var path in new[] { "/standardHttp/getExamDict", "/standardHttp/getDeptInfo" })
        {
            var overPostgres = await hospital.Client.GetStringAsync(path, TestContext.Current.CancellationToken);
            var overSqlite = await sqliteClient.GetStringAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(overSqlite, overPostgres);
        }

        // And the two views no endpoint serves, row for row.
        using var postgres = hospital.Open();
        using var file = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={sqliteFolder.File("demo.db")};Mode=ReadOnly;Pooling=False");
        file.Open();
        foreach (var view in new[] { "View_Register_Info", "view_setlInfoList" })
        {
            // A view has no order of its own: compare the rows sorted by their whole content.
            static List<string> Sorted(List<Dictionary<string, object?>> rows) =>
                rows.Select(r => string.Join(" | ", r.Values)).Order(StringComparer.Ordinal).ToList();
            var fromSqlite = Sorted(ViewRows.Query(file, $"SELECT * FROM {view}"));
            Assert.NotEmpty(fromSqlite);
            Assert.Equal(fromSqlite, Sorted(ViewRows.Query(postgres, $"SELECT * FROM {view}")));
        }
    }
}
