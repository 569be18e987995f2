using System.Text.RegularExpressions;
using ProviderApi.Data.Migrations;
using ProviderApi.Tests.Contract;
using ProviderApi.Tests.Hospitals;

namespace ProviderApi.Tests;

/// <summary>
/// The source views' contract as migrate knows it (<see cref="SourceViewColumns"/>): the same
/// columns the guide lists, and what migrate says of a hospital's folder on a real PostgreSQL,
/// through the real executable: the default of the optional cancelled list, and a missing column.
/// </summary>
public sealed partial class SourceViewContractTests
{
    [Fact]
    public void The_columns_migrate_compares_are_the_ones_sql_README_lists()
    {
        var guide = File.ReadAllText(Repository.File("sql/README.md")).ReplaceLineEndings("\n");

        var fromGuide = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (Match section in GuideSection().Matches(guide))
        {
            var columns = TableRow().Matches(section.Groups["body"].Value)
                .SelectMany(row => row.Groups["names"].Value.Split(',', StringSplitOptions.TrimEntries))
                .Where(name => name != "column")
                .ToList();
            if (section.Groups["body"].Value.Contains("Also the nine patient columns", StringComparison.Ordinal))
            {
                columns.AddRange(fromGuide["src_patient"].Skip(1)); // all but patient_id
            }
            fromGuide[section.Groups["view"].Value] = columns;
        }

        Assert.Equal(SourceViewColumns.ByView.Keys.Order(StringComparer.Ordinal), fromGuide.Keys.Order(StringComparer.Ordinal));
        foreach (var (view, columns) in SourceViewColumns.ByView)
        {
            Assert.Equal(columns.Order(StringComparer.Ordinal), fromGuide[view].Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [InlineData("CREATE OR REPLACE VIEW imgcloud.src_inpatient_cancelled AS\nSELECT 1", true)]                                                   // PostgreSQL, Oracle
    [InlineData("CREATE OR REPLACE DEFINER = CURRENT_USER SQL SECURITY DEFINER VIEW imgcloud.src_inpatient_cancelled AS SELECT 1;", true)]   // MySQL
    [InlineData("IF OBJECT_ID('imgcloud.src_inpatient_cancelled', 'V') IS NULL EXEC('CREATE VIEW imgcloud.src_inpatient_cancelled AS SELECT 1 AS x');\nGO\nALTER VIEW imgcloud.src_inpatient_cancelled AS SELECT 1;", true)] // SQL Server
    [InlineData("DROP VIEW IF EXISTS src_inpatient_cancelled;\nCREATE VIEW src_inpatient_cancelled AS SELECT 1;", true)]                       // SQLite
    [InlineData("create view \"imgcloud\".\"src_inpatient_cancelled\" as select 1;", true)]
    [InlineData("-- src_inpatient_cancelled: not defined here.\n-- CREATE VIEW imgcloud.src_inpatient_cancelled AS ...\nCREATE VIEW imgcloud.src_dept AS SELECT 1;", false)]
    [InlineData("DROP VIEW IF EXISTS imgcloud.src_inpatient_cancelled;", false)]
    [InlineData("CREATE OR REPLACE VIEW imgcloud.src_inpatient_cancelled_old AS SELECT 1;", false)]
    public void A_source_view_file_defines_the_cancelled_list_only_by_creating_or_altering_it(string script, bool defines)
    {
        Assert.Equal(defines, SourceViewColumns.Defines(script, SourceViewColumns.Cancelled));
    }

    [Fact]
    public void No_shipped_reference_mapping_defines_the_cancelled_list()
    {
        // The reference HIS gives every cancelled admission its CANCEL_DATE_TIME: the default applies.
        foreach (var file in new[] { "postgresql/03_source_views.sql", "mysql/03_source_views.sql", "sqlserver/03_source_views.sql", "oracle/03_source_views.sql", "sqlite/02_source_views.sql" })
        {
            Assert.False(SourceViewColumns.Defines(File.ReadAllText(Repository.File($"sql/{file}")), SourceViewColumns.Cancelled), file);
        }
    }

    [GeneratedRegex(@"^### (?<view>src_[a-z_]+)[^\n]*\n(?<body>.*?)(?=^##)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex GuideSection();

    [GeneratedRegex(@"^\| (?<names>[a-z_, ]+) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}

/// <summary>migrate on a fresh PostgreSQL database with a hospital's folder of source views, through the real executable.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresSourceViewFolderTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly string database;

    public PostgresSourceViewFolderTests()
    {
        PostgresServer.SkipUnlessAvailable();
        database = PostgresServer.CreateDatabase();
    }

    public void Dispose()
    {
        folder.Dispose();
        if (database is not null)
        {
            PostgresServer.DropDatabase(database);
        }
    }

    /// <summary>
    /// The hospital's folder: every source view the standard views read, with the contract's columns
    /// as typed NULLs and no row, except the <paramref name="left"/> out ("view.column").
    /// </summary>
    private void WriteSourceViews(params string[] left)
    {
        var views = SourceViewColumns.ByView
            .Where(v => v.Key != SourceViewColumns.Cancelled)
            .Select(v => $"CREATE OR REPLACE VIEW imgcloud.{v.Key} AS SELECT\n    " +
                string.Join(",\n    ", v.Value.Where(c => !left.Contains($"{v.Key}.{c}")).Select(c => $"CAST(NULL AS {Type(c)}) AS {c}")) +
                "\nWHERE false;");
        File.WriteAllText(Path.Combine(folder.Path, "10_views.sql"), string.Join("\n\n", views) + "\n");

        static string Type(string column) => column switch
        {
            _ when column.EndsWith("_time", StringComparison.Ordinal) => "timestamp",
            "date_of_birth" => "date",
            "price" => "numeric",
            "is_valid" or "withdrawn" or "seen" or "self_paid" => "integer",
            _ => "varchar(20)",
        };
    }

    private Task<(int ExitCode, string Output, string Error)> MigrateAsync() => ProviderProcess.RunAsync(
    [
        "migrate", "--Database:Provider=PostgreSql",
        $"--Database:ConnectionString={PostgresServer.ConnectionString(database, "public")}",
        $"--Database:SourceViewsPath={folder.Path}",
    ]);

    [Fact]
    public async Task A_folder_without_the_cancelled_list_migrates_twice_and_migrate_says_the_default_is_used()
    {
        WriteSourceViews();

        foreach (var run in new[] { "first", "again" })
        {
            var (exitCode, output, error) = await MigrateAsync();

            Assert.True(exitCode == 0, $"{run} migrate exited {exitCode}: {error}\n{output}");
            Assert.Contains("do not define imgcloud.src_inpatient_cancelled: its empty default is in place", output, StringComparison.Ordinal);
            Assert.Contains("使用空的默认视图", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_source_view_lacking_a_column_the_standard_views_read_is_named_with_the_column()
    {
        // An older mapping: written before cancel_time and remark were read.
        WriteSourceViews("src_inpatient_visit.cancel_time", "src_dept.remark");

        var (exitCode, output, error) = await MigrateAsync();

        Assert.NotEqual(0, exitCode);
        var said = error + output;
        Assert.Contains("postgresql/04_standard_views.sql", said, StringComparison.Ordinal);
        Assert.Contains("imgcloud.src_inpatient_visit lacks cancel_time", said, StringComparison.Ordinal);
        Assert.Contains("imgcloud.src_dept lacks remark", said, StringComparison.Ordinal);
        Assert.Contains("源视图缺少标准视图读取的列", said, StringComparison.Ordinal);
        Assert.DoesNotContain("src_outpatient_visit lacks", said, StringComparison.Ordinal);

        // The diagnosis ran in a transaction of its own, rolled back: nothing of the failed migration stays.
        using var connection = new Npgsql.NpgsqlConnection(PostgresServer.ConnectionString(database, "public"));
        connection.Open();
        Assert.Equal(0L, Dapper.SqlMapper.ExecuteScalar<long>(connection, "SELECT count(*) FROM pg_views WHERE schemaname = 'imgcloud'"));
    }
}
