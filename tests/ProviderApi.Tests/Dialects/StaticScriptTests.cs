using ProviderApi.Tests.Contract;

namespace ProviderApi.Tests.Dialects;

/// <summary>
/// The SQL Server and Oracle scripts cannot run here (no engine, no Oracle driver): they are
/// held to the old engines' rules by reading them, and these tests break copies on purpose to
/// show each rule can fail.
/// </summary>
public sealed class StaticScriptTests
{
    private static readonly string[] Dialects = ["sqlite", "postgresql", "sqlserver", "oracle", "mysql"];

    private static string Read(string relative) => File.ReadAllText(Repository.File(relative));

    private static TheoryData<string> Files(string dialect) =>
        new(Directory.GetFiles(Repository.File($"sql/{dialect}"), "*.sql", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repository.Root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal));

    public static TheoryData<string> SqlServerFiles => Files("sqlserver");

    public static TheoryData<string> OracleFiles => Files("oracle");

    public static TheoryData<string> MySqlFiles => Files("mysql");

    public static TheoryData<string, string> DialectsAndViews
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var dialect in Dialects)
            {
                foreach (var view in ContractColumns.ByView.Keys)
                {
                    data.Add(dialect, view);
                }
            }
            return data;
        }
    }

    private static string StandardViewsFile(string dialect) =>
        dialect == "sqlite" ? "sql/sqlite/03_standard_views.sql" : $"sql/{dialect}/04_standard_views.sql";

    private static IReadOnlyList<string>? Columns(string dialect, string script, string view) =>
        dialect == "sqlserver" ? TSqlRules.ViewColumns(script, view) : SqlText.ViewColumns(script, view);

    [Theory]
    [MemberData(nameof(SqlServerFiles))]
    public void Every_TSql_file_parses_under_the_2008_grammar_and_uses_only_2008_R2_built_ins(string file)
    {
        Assert.Empty(TSqlRules.Problems(Read(file)));
    }

    [Theory]
    [MemberData(nameof(OracleFiles))]
    public void Every_Oracle_file_follows_the_11g_rules(string file)
    {
        Assert.Empty(OracleRules.Problems(Read(file)));
    }

    [Theory]
    [MemberData(nameof(DialectsAndViews))]
    public void Each_standard_view_selects_exactly_the_contracts_columns_in_order(string dialect, string view)
    {
        var columns = Columns(dialect, Read(StandardViewsFile(dialect)), view);

        Assert.NotNull(columns);
        Assert.Equal(ContractColumns.ByView[view], columns, StringComparer.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("sqlserver")]
    [InlineData("oracle")]
    [InlineData("mysql")]
    public void Every_server_dialect_ships_the_same_scripts_as_postgresql(string dialect)
    {
        static IEnumerable<string> Names(string d) =>
            Directory.GetFiles(Repository.File($"sql/{d}"), "*.sql", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(Repository.File($"sql/{d}"), f).Replace(Path.DirectorySeparatorChar, '/'))
                .Order(StringComparer.Ordinal);

        Assert.Equal(Names("postgresql"), Names(dialect));
    }

    [Fact]
    public void A_CONCAT_in_a_TSql_script_is_caught()
    {
        var broken = Read("sql/sqlserver/04_standard_views.sql") + "\nGO\nSELECT CONCAT('a', 'b') AS x\nGO\n";

        Assert.Contains(TSqlRules.Problems(broken), p => p.Contains("CONCAT", StringComparison.Ordinal));
    }

    [Fact]
    public void A_CREATE_OR_ALTER_in_a_TSql_script_is_caught()
    {
        var shipped = Read("sql/sqlserver/04_standard_views.sql");
        var broken = System.Text.RegularExpressions.Regex.Replace(shipped, "(?m)^ALTER VIEW", "CREATE OR ALTER VIEW");

        Assert.NotEqual(shipped, broken);
        Assert.NotEmpty(TSqlRules.Problems(broken));
    }

    [Fact]
    public void A_31_byte_identifier_in_an_Oracle_script_is_caught()
    {
        var shipped = Read("sql/oracle/01_imgcloud_schema.sql");
        var broken = shipped.Replace("outpatient_days_ahead", "outpatient_days_ahead_of_the_vis", StringComparison.OrdinalIgnoreCase);

        Assert.NotEqual(shipped, broken);
        Assert.Contains(OracleRules.Problems(broken), p => p.Contains("longer than 30 bytes", StringComparison.Ordinal));
    }

    [Fact]
    public void An_AS_before_a_table_alias_and_a_missing_terminator_in_an_Oracle_script_are_caught()
    {
        var shipped = Read("sql/oracle/04_standard_views.sql");
        var withAs = System.Text.RegularExpressions.Regex.Replace(shipped, @"FROM\s+imgcloud\.src_dept\s+d\b", "FROM imgcloud.src_dept AS d", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        var withoutSlash = ReplaceFirst(shipped, "\n/\n", "\n");

        Assert.NotEqual(shipped, withAs);
        Assert.Contains(OracleRules.Problems(withAs), p => p.Contains("AS before a table alias", StringComparison.Ordinal));
        Assert.NotEqual(shipped, withoutSlash);
        Assert.NotEmpty(OracleRules.Problems(withoutSlash));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    [InlineData("sqlserver")]
    [InlineData("oracle")]
    [InlineData("mysql")]
    public void A_missing_column_is_caught_in_every_dialect(string dialect)
    {
        var shipped = Read(StandardViewsFile(dialect));
        var lines = shipped.Split('\n').ToList();
        var wardNo = lines.FindIndex(l => l.Contains("AS wardNo", StringComparison.OrdinalIgnoreCase));
        Assert.True(wardNo >= 0, "the first arm writes wardNo on a line of its own");
        lines.RemoveAt(wardNo);

        var columns = Columns(dialect, string.Join('\n', lines), "View_Register_Info");

        Assert.NotNull(columns);
        Assert.DoesNotContain("wardNo", columns, StringComparer.OrdinalIgnoreCase);
        Assert.NotEqual(ContractColumns.Register, columns, StringComparer.OrdinalIgnoreCase);
    }

    private static string ReplaceFirst(string text, string what, string with)
    {
        var at = text.IndexOf(what, StringComparison.Ordinal);
        return at < 0 ? text : text[..at] + with + text[(at + what.Length)..];
    }
}
