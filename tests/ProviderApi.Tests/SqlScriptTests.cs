using ProviderApi.Data;

namespace ProviderApi.Tests;

/// <summary>The provider runs exactly the files in sql/: no copy that could drift.</summary>
public sealed class SqlScriptTests
{
    [Fact]
    public void Every_file_in_sql_is_embedded_unchanged_and_every_embedded_script_is_a_file()
    {
        var files = Directory.GetFiles(Repository.File("sql"), "*.sql", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repository.Root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var embedded = typeof(SqlScripts).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("sql/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(files);
        Assert.Equal(files, embedded);
        Assert.All(files, f => Assert.Equal(File.ReadAllText(Repository.File(f)), SqlScripts.Read(f)));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public void Every_shipped_script_says_its_purpose_order_and_whether_it_is_safe_to_run_twice(string dialect)
    {
        foreach (var file in Directory.GetFiles(Repository.File($"sql/{dialect}"), "*.sql", SearchOption.AllDirectories))
        {
            var header = string.Join('\n', File.ReadLines(file).Take(40));
            Assert.Contains("Purpose", header, StringComparison.Ordinal);
            Assert.Contains("Order", header, StringComparison.Ordinal);
            Assert.Contains("safe to run twice", header, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void A_hospital_folder_that_is_missing_or_empty_is_refused_naming_the_key()
    {
        using var folder = new TempFolder();

        var missing = Assert.Throws<MigrationException>(() => SqlScripts.Plan(DatabaseProvider.PostgreSql, false, Path.Combine(folder.Path, "nope")));
        var empty = Assert.Throws<MigrationException>(() => SqlScripts.Plan(DatabaseProvider.PostgreSql, false, folder.Path));

        Assert.Contains("Database:SourceViewsPath", missing.Message, StringComparison.Ordinal);
        Assert.Contains("Database:SourceViewsPath", empty.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hospitals_files_take_the_place_of_the_shipped_source_views_in_name_order()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "20_b.sql"), "SELECT 2;");
        File.WriteAllText(Path.Combine(folder.Path, "10_a.sql"), "SELECT 1;");
        File.WriteAllText(Path.Combine(folder.Path, "notes.txt"), "not a script");

        var names = SqlScripts.Plan(DatabaseProvider.PostgreSql, false, folder.Path).Select(s => s.Name).ToList();

        Assert.Equal(
            ["postgresql/01_imgcloud_schema.sql", "postgresql/06_push_state.sql", "postgresql/07_utc_offset.sql", "postgresql/08_institutions.sql", "postgresql/09_exam_part_rules.sql", "postgresql/02_drop_views.sql", "hospital/10_a.sql", "hospital/20_b.sql", "postgresql/04_standard_views.sql", "postgresql/05_accounts.sql"],
            names);
    }
}
