using ProviderApi.Check;
using ProviderApi.Cli;

namespace ProviderApi.Tests.Cli;

/// <summary>
/// The command line as an operator types it: settings passed through to configuration in both of
/// README's forms, an unknown option refused by name, and the help in Chinese and English.
/// </summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>No connection string from anywhere, and the language left to what each test says.</summary>
    private static Dictionary<string, string?> Environment(string? lang = null, string? providerLang = null) => new()
    {
        ["Database__ConnectionString"] = null,
        ["Database__MigrationConnectionString"] = null,
        ["LC_ALL"] = null,
        ["LC_MESSAGES"] = null,
        ["LANG"] = lang ?? "en_US.UTF-8",
        [CliLanguages.EnvironmentVariable] = providerLang,
    };

    [Fact]
    public void Settings_pass_through_in_both_forms_between_the_verbs_options()
    {
        var command = ProviderCommand.Parse(
            ["check", "--Database:Provider", "Demo", "--format", "json", "--Database:DemoPath=/tmp/demo.db", "/Logging:File:Path=/tmp/logs", "--urls", "http://127.0.0.1:0"]);

        Assert.Equal(Verb.Check, command.Verb);
        Assert.Equal(CheckFormat.Json, command.Format);
        Assert.Equal(
            ["--Logging:Console:LogToStandardErrorThreshold=Trace", "--Database:Provider", "Demo", "--Database:DemoPath=/tmp/demo.db", "/Logging:File:Path=/tmp/logs", "--urls", "http://127.0.0.1:0"],
            command.ConfigurationArgs);
    }

    [Fact]
    public void An_options_value_is_its_value_even_when_it_looks_like_a_setting()
    {
        var command = ProviderCommand.Parse(["load-csv", "--table", "sex-map", "--file", "/data/maps:2026/sex.csv", "--Database:Provider=Sqlite"]);

        Assert.Equal("/data/maps:2026/sex.csv", command.CsvPath);
        Assert.DoesNotContain("/data/maps:2026/sex.csv", command.ConfigurationArgs);
    }

    [Theory]
    [InlineData("--bogus", "check", "--bogus")]
    [InlineData("--format", "migrate", "--format", "json")]
    [InlineData("--with-demo", "selftest", "--with-demo")]
    [InlineData("-x", "push-status", "-x")]
    public void An_option_the_verb_does_not_take_is_refused_by_name(string named, params string[] args)
    {
        var error = Assert.Throws<UsageException>(() => ProviderCommand.Parse(args));

        Assert.Contains($"'{named}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(args[0], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_verb_of_the_list_is_parsed_by_its_word_and_shown_in_the_help()
    {
        // A verb with a required option (load-csv, export-crosswalk) is given a value for it.
        foreach (var verb in Verb.All)
        {
            var required = verb.Options.Where(o => o.Required).SelectMany(o => new[] { o.Name, o == VerbOptions.Table ? "sex-map" : "x.csv" });
            Assert.Equal(verb, ProviderCommand.Parse([verb.Word, .. required]).Verb);
        }
        Assert.Equal(Verb.Serve, ProviderCommand.Parse([]).Verb);
        foreach (var language in Enum.GetValues<CliLanguage>())
        {
            var usage = ProviderCommand.Usage(language);
            Assert.All(Verb.All.Where(v => v != Verb.Serve), verb => Assert.Contains($"ProviderApi {verb.Word}", usage, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("--Database:Provider", "SqlServer")]
    [InlineData("--Database:Provider=MySql", null)]
    public async Task A_setting_in_either_form_reaches_the_configuration_the_verb_reads(string setting, string? value)
    {
        var engine = value ?? setting.Split('=')[1];
        string[] args = ["print-sql", setting, .. value is null ? Array.Empty<string>() : [value], "--out", "imgcloud.sql"];

        var (exitCode, output, error) = await ProviderProcess.RunAsync(args, Environment(), folder.Path);

        Assert.True(exitCode == 0, $"exit {exitCode}: {error}\n{output}");
        var sql = await File.ReadAllTextAsync(folder.File("imgcloud.sql"), TestContext.Current.CancellationToken);
        Assert.StartsWith($"-- imgcloud provider: the scripts `migrate` runs for {engine}", sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en_US.UTF-8", "Unknown option '--bogus' for check.", "Usage:")]
    [InlineData("zh_CN.UTF-8", "check 没有选项 '--bogus'。", "用法：")]
    public async Task An_unknown_option_stops_with_exit_code_2_naming_it_before_the_usage(string lang, string message, string usage)
    {
        var (exitCode, output, error) = await ProviderProcess.RunAsync(
            ["check", "--bogus", "--Database:Provider=Demo"], Environment(lang), folder.Path);

        Assert.True(exitCode == 2, $"exit {exitCode}: {error}\n{output}");
        var lines = error.Split('\n');
        Assert.Equal(message, lines[0].TrimEnd());
        Assert.Equal(usage, lines[1].TrimEnd());
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "help" }, "en_US.UTF-8", null, "Usage:")]
    [InlineData(new[] { "--help" }, "zh_CN.UTF-8", null, "用法：")]
    [InlineData(new[] { "check", "-h", "--lang", "en" }, "zh_CN.UTF-8", null, "Usage:")]
    [InlineData(new[] { "push-status", "-?" }, "en_US.UTF-8", "zh", "用法：")]
    [InlineData(new[] { "--lang", "zh", "help" }, "en_US.UTF-8", "en", "用法：")]
    public async Task The_help_follows_the_ui_language_unless_told_otherwise(string[] args, string lang, string? providerLang, string usage)
    {
        var (exitCode, output, error) = await ProviderProcess.RunAsync(args, Environment(lang, providerLang), folder.Path);

        Assert.True(exitCode == 0, $"exit {exitCode}: {error}\n{output}");
        Assert.Equal(usage, output.Split('\n')[0].TrimEnd());
        Assert.Contains("ProviderApi load-csv --table exam-part-map|exam-part-rule|exam-part-code|sex-map --file FILE [--Key=Value ...]", output, StringComparison.Ordinal);
        Assert.Contains(usage == "用法：" ? "上线前检查" : "before go-live", output, StringComparison.Ordinal);
        Assert.Contains(CliLanguages.EnvironmentVariable, output, StringComparison.Ordinal);
    }
}
