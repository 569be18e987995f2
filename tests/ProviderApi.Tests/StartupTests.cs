using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace ProviderApi.Tests;

/// <summary>Settings: what starts, what refuses to start and says which key is wrong.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private Task<string> StartFailsAsync(Dictionary<string, string?> settings) => ProviderProcess.StartupFailsAsync(settings, folder.Path);

    private Dictionary<string, string?> Demo(params (string Key, string? Value)[] more) =>
        new(more.Select(m => KeyValuePair.Create(m.Key, m.Value))) { ["Database:Provider"] = "Demo", ["Database:DemoPath"] = folder.File("demo.db") };

    [Fact]
    public async Task Success_code_can_be_configured_to_zero_and_http_status_stays_200()
    {
        await using var factory = ProviderFactory.ForDemo(folder.File("demo.db"), ("Contract:SuccessCode", "0"));
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/standardHttp/getDeptInfo", TestContext.Current.CancellationToken);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, json.GetProperty("code").GetInt32());
        Assert.True(json.GetProperty("datas").GetArrayLength() > 0);
    }

    [Fact]
    public async Task A_success_code_other_than_200_or_0_stops_start_up_naming_the_key()
    {
        var error = await StartFailsAsync(Demo(("Contract:SuccessCode", "1")));

        Assert.Contains("Contract:SuccessCode", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sqlite_without_a_connection_string_stops_start_up_naming_the_key()
    {
        var error = await StartFailsAsync(new Dictionary<string, string?> { ["Database:Provider"] = "Sqlite" });

        Assert.Contains("Database:ConnectionString", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oracle_without_its_driver_stops_start_up_saying_where_to_put_it()
    {
        var error = await StartFailsAsync(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Oracle",
            ["Database:ConnectionString"] = "Data Source=127.0.0.1:1521/HIS;User Id=imgcloud_provider",
            ["Database:OracleDriverPath"] = folder.Path,
        });

        Assert.Contains("Database:OracleDriverPath", error, StringComparison.Ordinal);
        Assert.Contains(folder.Path, error, StringComparison.Ordinal);
        Assert.Contains("Oracle.ManagedDataAccess.dll", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_timeout_out_of_range_stops_start_up_naming_the_key()
    {
        var error = await StartFailsAsync(Demo(("Database:CommandTimeoutSeconds", "0")));

        Assert.Contains("Database:CommandTimeoutSeconds", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a database at all")]
    [InlineData("sqlite")]
    public async Task The_demo_never_overwrites_a_file_it_did_not_create(string kind)
    {
        var path = folder.File($"{kind.Replace(' ', '-')}.db");
        if (kind == "sqlite")
        {
            await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE hospital_own (x TEXT); INSERT INTO hospital_own VALUES ('keep me');";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        else
        {
            await File.WriteAllTextAsync(path, kind, TestContext.Current.CancellationToken);
        }
        var before = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);

        var error = await StartFailsAsync(new Dictionary<string, string?> { ["Database:Provider"] = "Demo", ["Database:DemoPath"] = path });

        Assert.Contains("Database:DemoPath", error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_demo_file_the_account_cannot_read_is_reported_as_unreadable()
    {
        // root reads a mode-000 file: as root, the provider runs as an unprivileged account.
        var user = Environment.UserName == "root" ? UnprivilegedUser() : null;
        Assert.SkipWhen(Environment.UserName == "root" && user is null && Environment.GetEnvironmentVariable("CI") != "true",
            "running as root and no unprivileged account (nobody) exists or can be made with useradd");
        Assert.False(Environment.UserName == "root" && user is null, "running as root under CI and no unprivileged account can be made");
        string? program = null;
        if (user is not null)
        {
            // The account must reach the program and the folder (a checkout under /root is closed to it).
            program = ProviderProcess.Install(Directory.CreateDirectory(folder.File("installed")).FullName);
            foreach (var entry in Directory.EnumerateFileSystemEntries(folder.Path, "*", SearchOption.AllDirectories).Append(folder.Path))
            {
                File.SetUnixFileMode(entry, Directory.Exists(entry)
                    ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute
                    : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }
        }
        var path = folder.File("demo.db");
        await File.WriteAllTextAsync(path, "kept", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(path, UnixFileMode.None);

        var error = await ProviderProcess.StartupFailsAsync(
            new Dictionary<string, string?> { ["Database:Provider"] = "Demo", ["Database:DemoPath"] = path, ["Logging:File:Enabled"] = "false" },
            folder.Path, program, user);

        Assert.Contains($"Database:DemoPath '{path}' cannot be read by the account running the provider", error, StringComparison.Ordinal);
        Assert.DoesNotContain("did not create", error, StringComparison.Ordinal);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal("kept", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
    }

    /// <summary>An account without root's rights to run the provider as: nobody, else one made for the tests; null when neither.</summary>
    private static string? UnprivilegedUser()
    {
        static bool Succeeds(string program, params string[] args)
        {
            try
            {
                using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
                process.WaitForExit();
                return process.ExitCode == 0;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return false; // the program is not installed
            }
        }
        if (!Succeeds("runuser", "--help"))
        {
            return null;
        }
        const string made = "imgcloud-test";
        return Succeeds("id", "-u", "nobody") ? "nobody"
            : Succeeds("id", "-u", made) || Succeeds("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", made) ? made
            : null;
    }

    [Fact]
    public async Task An_unknown_provider_stops_the_process_with_one_line_naming_the_key()
    {
        var error = await StartFailsAsync(new Dictionary<string, string?> { ["Database:Provider"] = "Mongo" });

        Assert.Contains("Database:Provider", error, StringComparison.Ordinal);
    }
}

/// <summary>print-sql is for a DBA who will not let an application connect: it needs no database.</summary>
public sealed class PrintSqlTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>No connection string from anywhere, as on a DBA's desk.</summary>
    private static readonly Dictionary<string, string?> NoConnection = new()
    {
        ["Database__ConnectionString"] = null,
        ["Database__MigrationConnectionString"] = null,
    };

    [Theory]
    [InlineData("PostgreSql", "postgresql/01_imgcloud_schema.sql")]
    [InlineData("SqlServer", "sqlserver/01_imgcloud_schema.sql")]
    [InlineData("Oracle", "oracle/01_imgcloud_schema.sql")]
    [InlineData("MySql", "mysql/01_imgcloud_schema.sql")]
    public async Task Print_sql_writes_the_scripts_without_a_connection_string(string engine, string firstScript)
    {
        // README's own example; Oracle also without its driver (Database:OracleDriverPath empty).
        var (exitCode, output, error) = await ProviderProcess.RunAsync(
            ["print-sql", $"--Database:Provider={engine}", $"--Database:OracleDriverPath={folder.Path}", "--out", "imgcloud.sql"],
            NoConnection, folder.Path);

        Assert.True(exitCode == 0, $"exit {exitCode}: {error}\n{output}");
        var sql = await File.ReadAllTextAsync(folder.File("imgcloud.sql"), TestContext.Current.CancellationToken);
        Assert.StartsWith($"-- imgcloud provider: the scripts `migrate` runs for {engine}", sql, StringComparison.Ordinal);
        Assert.Contains($"-- ==== {firstScript} ", sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("migrate", "Migrate stopped: ")]
    [InlineData("check", "Check stopped: ")]
    [InlineData("serve", "Start-up stopped: ")]
    public async Task The_verbs_that_connect_still_demand_a_connection_string(string verb, string stopped)
    {
        var (exitCode, output, error) = await ProviderProcess.RunAsync(
            [verb, "--Database:Provider=PostgreSql", "--Urls=http://127.0.0.1:0"], NoConnection, folder.Path);

        Assert.True(exitCode == 1, $"exit {exitCode}: {error}\n{output}");
        Assert.Equal($"{stopped}Database:ConnectionString is required when Database:Provider is PostgreSql.", error.Trim());
    }
}
