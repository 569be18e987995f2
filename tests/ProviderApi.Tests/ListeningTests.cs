using System.Net;
using System.Net.Sockets;

namespace ProviderApi.Tests;

/// <summary>
/// Where the real executable listens and where it keeps its files: ASP.NET Core's own settings
/// (ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS, --urls, Kestrel:Endpoints) move it, and
/// http://localhost:5080 applies only when none is set anywhere.
/// </summary>
public sealed class ListeningTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>Every variable that would say where to listen, removed: a machine or a CI image may set one.</summary>
    private static Dictionary<string, string?> NothingSet(params (string Key, string Value)[] more)
    {
        var environment = new[] { "URLS", "HTTP_PORTS", "HTTPS_PORTS" }
            .SelectMany(key => new[] { key, $"ASPNETCORE_{key}", $"DOTNET_{key}" })
            .Append("Kestrel__Endpoints__Http__Url")
            .ToDictionary(key => key, _ => (string?)null);
        foreach (var (key, value) in more)
        {
            environment[key] = value;
        }
        return environment;
    }

    /// <summary>A database that is never opened: the provider starts at once, without seeding a demo.</summary>
    private string[] QuickStart(params string[] more) =>
        ["--Database:Provider=Sqlite", $"--Database:ConnectionString=Data Source={folder.File("views.db")}", .. more];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool PortInUse(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    private static async Task AnswersAsync(string baseAddress)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(baseAddress) };
        var response = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task With_nothing_set_it_listens_on_localhost_5080()
    {
        Assert.SkipWhen(PortInUse(5080) && Environment.GetEnvironmentVariable("CI") != "true",
            "port 5080 is taken by another program on this machine");

        using var provider = await ProviderProcess.StartListeningAsync(QuickStart(), NothingSet(), folder.Path);

        Assert.Equal(["http://localhost:5080"], provider.Addresses);
        await AnswersAsync("http://127.0.0.1:5080");
    }

    [Theory]
    [InlineData("ASPNETCORE_URLS", "http://127.0.0.1:{port}", "http://127.0.0.1:{port}")]
    [InlineData("ASPNETCORE_HTTP_PORTS", "{port}", "http://[::]:{port}")]
    [InlineData("Kestrel__Endpoints__Http__Url", "http://127.0.0.1:{port}", "http://127.0.0.1:{port}")]
    public async Task An_aspnet_core_variable_alone_moves_it(string variable, string value, string expected)
    {
        var port = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var provider = await ProviderProcess.StartListeningAsync(
            QuickStart(), NothingSet((variable, value.Replace("{port}", port, StringComparison.Ordinal))), folder.Path);

        var address = Assert.Single(provider.Addresses);
        // HTTP_PORTS listens on every interface: [::] where the machine has IPv6, else 0.0.0.0.
        Assert.Equal(expected.Replace("{port}", port, StringComparison.Ordinal), address.Replace("0.0.0.0", "[::]", StringComparison.Ordinal));
        await AnswersAsync($"http://127.0.0.1:{port}");
    }

    [Fact]
    public async Task The_command_lines_urls_wins_over_aspnetcore_urls()
    {
        var port = FreePort();

        using var provider = await ProviderProcess.StartListeningAsync(
            QuickStart($"--urls=http://127.0.0.1:{port}"), NothingSet(("ASPNETCORE_URLS", $"http://127.0.0.1:{FreePort()}")), folder.Path);

        Assert.Equal([$"http://127.0.0.1:{port}"], provider.Addresses);
        await AnswersAsync($"http://127.0.0.1:{port}");
    }

    [Fact]
    public async Task Installed_elsewhere_and_started_from_another_folder_it_reads_its_own_settings_and_writes_beside_itself()
    {
        var installed = Directory.CreateDirectory(folder.File("installed")).FullName;
        var elsewhere = Directory.CreateDirectory(folder.File("elsewhere")).FullName;
        var program = ProviderProcess.Install(installed);
        var port = FreePort();
        // The operator's own settings file beside the program: the address it names is proof it was read.
        var settings = Path.Combine(installed, "appsettings.json");
        var text = (await File.ReadAllTextAsync(settings, TestContext.Current.CancellationToken)).TrimStart();
        await File.WriteAllTextAsync(settings, $$"""{ "Urls": "http://127.0.0.1:{{port}}", """ + text[1..], TestContext.Current.CancellationToken);
        // Logging__File__Path removed: the log folder is the default, logs/ under the content root.
        var environment = NothingSet();
        environment["Logging__File__Path"] = null;
        environment["Database__DemoPath"] = null;

        using (var provider = await ProviderProcess.StartListeningAsync([], environment, elsewhere, program))
        {
            Assert.Equal([$"http://127.0.0.1:{port}"], provider.Addresses);
            await AnswersAsync($"http://127.0.0.1:{port}");
        }

        Assert.True(File.Exists(Path.Combine(installed, "data", "demo-hospital.db")), "data/demo-hospital.db beside the program");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(installed, "logs"), "provider-*.log"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
    }
}
