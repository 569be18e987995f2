using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProviderApi.Common;

namespace ProviderApi.Tests.Safety;

/// <summary>No ID number or mobile number in clear in any log line: masked in message, properties and exception text alike.</summary>
public sealed partial class LogMaskingTests(DemoFile demo) : IClassFixture<DemoFile>
{
    // Synthetic: the demo's province-level division code, and the demo's 1700000xxxx phones.
    private const string IdNumber = "450000199001011234";
    private const string IdNumberWithX = "45000019900101123X";
    private const string OldIdNumber = "450000900101123";
    private const string Mobile = "17000001234";

    [Theory]
    [InlineData("patient " + IdNumber + " seen", "patient 450000********1234 seen")]
    [InlineData("id=" + IdNumberWithX + ";", "id=450000********123X;")]
    [InlineData("old " + OldIdNumber, "old 450000*****1123")]
    [InlineData("tel:" + Mobile, "tel:170****1234")]
    [InlineData("身份证" + IdNumber + "手机" + Mobile, "身份证450000********1234手机170****1234")]
    [InlineData("setlId 00000000000000000000 stays", "setlId 00000000000000000000 stays")]
    [InlineData("12 digits 170000012345 and 10 digits 1700000123 stay", "12 digits 170000012345 and 10 digits 1700000123 stay")]
    [InlineData("hospitalld H45010000001 stays", "hospitalld H45010000001 stays")]
    [InlineData("trace 3d9c83fe3da83cd9190d2d941f7d1964 span 1381234567890abc stay", "trace 3d9c83fe3da83cd9190d2d941f7d1964 span 1381234567890abc stay")]
    [InlineData("19 digits 4500001990010112345 stay", "19 digits 4500001990010112345 stay")]
    public void Sensitive_numbers_are_masked_and_nothing_else(string text, string expected) =>
        Assert.Equal(expected, Masking.Text(text));

    [LoggerMessage(9001, LogLevel.Warning, "Looked up patient {IdCardNo} with phone {MobilePhone} (as a number: {Number}) in {Text}")]
    private static partial void LookedUp(ILogger logger, Exception exception, string idCardNo, string mobilePhone, long number, string text);

    [Fact]
    public async Task The_log_files_hold_no_id_or_phone_number_in_clear_wherever_it_appeared()
    {
        using var folder = new TempFolder();
        await using (var factory = demo.Demo(("Logging:File:Path", folder.Path), ("Logging:File:Format", "json")))
        {
            using var client = factory.CreateClient();
            // A refused caller's path is logged; so is the access line of a cloud poll.
            await client.FetchAsync($"/standardHttp/{IdNumber}/{Mobile}", from: "10.1.1.1");
            await client.FetchAsync($"/standardHttp/getExamDict?idCardNo={IdNumberWithX}&mobile={Mobile}", from: "10.1.1.1");
            var logger = factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ProviderApi.Tests.Masking");
            LookedUp(logger, new InvalidOperationException($"ERROR: duplicate key value ({IdNumber}, {Mobile}) violates constraint"),
                IdNumber, Mobile, long.Parse(Mobile, System.Globalization.CultureInfo.InvariantCulture), $"row {OldIdNumber}");
            await StoppedAsync(factory);
        }

        var files = Directory.GetFiles(folder.Path, "provider-*.log");
        Assert.NotEmpty(files);
        var lines = files.SelectMany(File.ReadAllLines).ToList();
        Assert.Contains(lines, l => l.Contains("Looked up patient", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("450000********1234", StringComparison.Ordinal) && l.Contains("170****1234", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Refused", StringComparison.Ordinal) && l.Contains("450000********1234", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.False(Masking.HasSensitiveNumber(l), l));
        Assert.All(lines, l => Assert.DoesNotContain(IdNumber, l, StringComparison.Ordinal));
        Assert.All(lines, l => Assert.DoesNotContain(Mobile, l, StringComparison.Ordinal));
        // Every line is still one JSON object.
        Assert.All(lines, l => System.Text.Json.JsonDocument.Parse(l).Dispose());
    }

    [Fact]
    public async Task A_text_log_is_masked_too_and_files_are_named_by_day()
    {
        using var folder = new TempFolder();
        await using (var factory = demo.Demo(("Logging:File:Path", folder.Path), ("Logging:File:Format", "text")))
        {
            using var client = factory.CreateClient();
            await client.FetchAsync($"/standardHttp/{IdNumber}", from: "10.1.1.1");
            await StoppedAsync(factory);
        }

        var file = Assert.Single(Directory.GetFiles(folder.Path, "provider-*.log"));
        Assert.Matches(@"provider-\d{8}\.log$", file);
        var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        Assert.Contains("450000********1234", text, StringComparison.Ordinal);
        Assert.DoesNotContain(IdNumber, text, StringComparison.Ordinal);
    }

    /// <summary>
    /// Stops the provider as its process stops (the refused callers' summary is written at
    /// shutdown) and waits until it has stopped. Disposing the factory alone also stops the host,
    /// but races the program's own stop, which may dispose the loggers while the summary is
    /// being written.
    /// </summary>
    private static async Task StoppedAsync(ProviderFactory factory)
    {
        var lifetime = factory.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>();
        var stopped = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStopped.Register(() => stopped.TrySetResult());
        lifetime.StopApplication();
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }
}
