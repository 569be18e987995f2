using System.Globalization;

namespace ProviderApi.Cli;

/// <summary>The languages of the help and of the command line's messages.</summary>
public enum CliLanguage
{
    English,
    Chinese,
}

/// <summary>
/// Which language the command line speaks: <c>--lang zh|en</c>, else the environment variable
/// <see cref="EnvironmentVariable"/>, else the UI culture (Chinese when its language is zh).
/// </summary>
public static class CliLanguages
{
    public const string EnvironmentVariable = "PROVIDERAPI_LANG";

    /// <summary>The language of the current UI culture (set for the parse to the one chosen).</summary>
    public static CliLanguage Current => Of(CultureInfo.CurrentUICulture);

    /// <summary>The environment variable's language, else the UI culture's.</summary>
    public static CliLanguage Default() =>
        Parse(Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim() ?? "") ?? Current;

    public static CliLanguage? Parse(string text) => text.ToLowerInvariant() switch
    {
        "zh" or "zh-cn" or "zh-hans" or "chinese" or "中文" => CliLanguage.Chinese,
        "en" or "en-us" or "english" => CliLanguage.English,
        _ => null,
    };

    public static CliLanguage Of(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "zh" ? CliLanguage.Chinese : CliLanguage.English;

    /// <summary>The culture System.CommandLine's own messages are written in for this language.</summary>
    public static CultureInfo Culture(CliLanguage language) =>
        language == CliLanguage.Chinese ? CultureInfo.GetCultureInfo("zh-Hans") : CultureInfo.GetCultureInfo("en");
}
