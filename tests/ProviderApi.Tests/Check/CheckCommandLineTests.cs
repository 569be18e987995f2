using ProviderApi.Check;
using ProviderApi.Cli;
using ProviderApi.Common;

namespace ProviderApi.Tests.Check;

/// <summary>The words of the check and load-csv verbs, and what the check may print of a value.</summary>
public sealed class CheckCommandLineTests
{
    [Fact]
    public void Check_defaults_to_text_with_three_examples_and_sends_logs_to_standard_error()
    {
        var command = ProviderCommand.Parse(["check", "--Database:Provider=Demo"]);

        Assert.Equal(Verb.Check, command.Verb);
        Assert.Equal(CheckFormat.Text, command.Format);
        Assert.Equal(3, command.Examples);
        Assert.Contains("--Database:Provider=Demo", command.ConfigurationArgs);
        Assert.Contains("--Logging:Console:LogToStandardErrorThreshold=Trace", command.ConfigurationArgs);
    }

    [Theory]
    [InlineData("--format", "json", "--examples", "10")]
    [InlineData("--format=json", "--examples=10", null, null)]
    public void Check_takes_a_format_and_a_number_of_examples_in_either_spelling(string a, string? b, string? c, string? d)
    {
        var command = ProviderCommand.Parse(new[] { "check", a, b, c, d }.OfType<string>().ToArray());

        Assert.Equal(CheckFormat.Json, command.Format);
        Assert.Equal(10, command.Examples);
    }

    [Theory]
    [InlineData("check", "--format", "xml")]
    [InlineData("check", "--format")]
    [InlineData("check", "--examples", "many")]
    [InlineData("check", "--examples", "-1")]
    [InlineData("check", "stray")]
    [InlineData("load-csv", "--file", "map.csv")]
    [InlineData("load-csv", "--table", "exam-part-map")]
    [InlineData("load-csv", "--table", "dept-map", "--file", "map.csv")]
    public void Words_the_verbs_do_not_take_are_usage_errors(params string[] args)
    {
        Assert.Throws<UsageException>(() => ProviderCommand.Parse(args));
    }

    [Fact]
    public void Load_csv_takes_a_table_and_a_file()
    {
        var command = ProviderCommand.Parse(["load-csv", "--table", "sex-map", "--file=/tmp/sex.csv", "--Database:Provider=Sqlite"]);

        Assert.Equal(Verb.LoadCsv, command.Verb);
        Assert.Equal(CodeMapTable.SexMap, command.Table);
        Assert.Equal("/tmp/sex.csv", command.CsvPath);
        Assert.Contains("--Database:Provider=Sqlite", command.ConfigurationArgs);
    }

    [Theory]
    [InlineData("17000001234", "170****1234")]
    [InlineData("0771-1234567", "077*****4567")]
    [InlineData("1234567", "*******")]
    [InlineData("", "")]
    public void A_phone_number_keeps_its_first_three_and_last_four_characters(string phone, string masked)
    {
        Assert.Equal(masked, Masking.Phone(phone));
    }

    [Fact]
    public void Report_values_are_masked_by_field_and_error_texts_lose_long_numbers()
    {
        Assert.Equal("450000********123X", Masking.Value("idCardNo", "45000019800501123X"));
        Assert.Equal("450000********4570", Masking.Value("outpatientIdcardNo", "450000197503094570"));
        Assert.Equal("170****1234", Masking.Value("mobilePhone", "17000001234"));
        Assert.Equal("张*", Masking.Value("patientName", "张三"));
        Assert.Equal("2025-6-1 10:45:22", Masking.Value("registDateTime", "2025-6-1 10:45:22"));
        Assert.Null(Masking.Value("idCardNo", null));

        var redacted = Masking.Redact("invalid input syntax for type bigint: \"45000019800501123X\" near 17000001234");
        Assert.DoesNotContain("45000019800501123X", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("17000001234", redacted, StringComparison.Ordinal);
        Assert.Contains("450000********123X", redacted, StringComparison.Ordinal);
    }
}
