using ProviderApi.Data;
using ProviderApi.Tests.Dialects;

namespace ProviderApi.Tests.Discovery;

/// <summary>
/// discover's SQL for the engines that cannot run here (SQL Server, Oracle), held to the old
/// engines' rules as the shipped scripts are: the catalog query, a sample of a large and of a
/// small table with names that need quotes, and a drafted view.
/// </summary>
public sealed class DiscoverySqlTests
{
    private static string Statements(DatabaseProvider provider)
    {
        var engine = DatabaseEngine.For(provider);
        // Oracle's lint refuses quoted names in shipped scripts: its statements are linted with names that need none.
        string[] columns = provider == DatabaseProvider.Oracle ? ["ID", "BRXM", "SFZH"] : ["Id", "ORDER", "PatientName", "SFZH", "user"];
        // As the catalog spells them: Oracle's names are stored in upper case.
        var (dbo, his) = provider == DatabaseProvider.Oracle ? ("DBO", "HIS") : ("dbo", "his");
        var separator = provider == DatabaseProvider.SqlServer ? "\nGO\n" : "\n/\n";
        return string.Join(separator,
            engine.DiscoveryCatalog,
            engine.DiscoverySample(dbo, provider == DatabaseProvider.Oracle ? "PATIENTINFO" : "PatientInfo", columns, 1000, 5_000_000),
            engine.DiscoverySample(his, "MZ_GHXX", columns, 1000, 500)) + separator
            + engine.DraftView("src_dept", $"SELECT\n    t0.{engine.Identifier(provider == DatabaseProvider.Oracle ? "KSDM" : "Order")} AS dept_code\nFROM {engine.QualifiedName(his, "KS_ZD")} t0");
    }

    [Fact]
    public void SQL_Server_catalog_sample_and_draft_parse_under_the_2008_grammar()
    {
        var sql = Statements(DatabaseProvider.SqlServer);
        Assert.Empty(TSqlRules.Problems(sql));
        Assert.Contains("TABLESAMPLE SYSTEM (0.06 PERCENT) WITH (NOLOCK)", sql, StringComparison.Ordinal);
        Assert.Contains("Id, [ORDER], PatientName, SFZH, [user]", sql, StringComparison.Ordinal); // reserved words quoted; mixed case need not be
    }

    [Fact]
    public void Oracle_catalog_sample_and_draft_follow_the_11g_rules()
    {
        var sql = Statements(DatabaseProvider.Oracle);
        Assert.Empty(OracleRules.Problems(sql));
        Assert.Contains("SAMPLE (0.06) WHERE ROWNUM <= 1000", sql, StringComparison.Ordinal);
        // Oracle folds bare names to upper case: a mixed-case or lower-case name is quoted, as is a reserved word.
        Assert.Equal(
            "SELECT \"Id\", \"ORDER\", \"PatientName\", SFZH, \"user\" FROM DBO.\"PatientInfo\" WHERE ROWNUM <= 100",
            DatabaseEngine.For(DatabaseProvider.Oracle).DiscoverySample("DBO", "PatientInfo", ["Id", "ORDER", "PatientName", "SFZH", "user"], 100, 50));
    }

    [Fact]
    public void PostgreSQL_quotes_mixed_case_and_samples_a_large_table_by_pages()
    {
        var engine = DatabaseEngine.For(DatabaseProvider.PostgreSql);
        Assert.Equal(
            "SELECT \"Id\", \"ORDER\", \"PatientName\", \"SFZH\", \"user\" FROM dbo.\"PatientInfo\" TABLESAMPLE SYSTEM (0.06) LIMIT 1000",
            engine.DiscoverySample("dbo", "PatientInfo", ["Id", "ORDER", "PatientName", "SFZH", "user"], 1000, 5_000_000));
        Assert.Equal("SELECT dept_code FROM his.ks_zd LIMIT 1000", engine.DiscoverySample("his", "ks_zd", ["dept_code"], 1000, 500));
    }

    [Fact]
    public void MySQL_quotes_with_backticks_and_reads_with_LIMIT()
    {
        var engine = DatabaseEngine.For(DatabaseProvider.MySql);
        Assert.Equal("SELECT Id, `ORDER`, `Date` FROM his.PatientInfo LIMIT 500", engine.DiscoverySample("his", "PatientInfo", ["Id", "ORDER", "Date"], 500, 5_000_000));
    }
}
