namespace ProviderApi.Tests.Drivers;

/// <summary>
/// The Oracle driver supplied at run time (Database:OracleDriverPath), through the real
/// executable: each layout Oracle ships is found and its release and line reported by selftest
/// and at start-up; a server that refuses the driver gets the advice (which line for which
/// server, the server's sqlnet.ora); a missing or unusable driver says where to put it.
/// </summary>
public sealed class OracleDriverTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string Path(params string[] parts) => System.IO.Path.Combine([folder.Path, .. parts]);

    /// <summary>The provider's temporary folder (where a .nupkg is unpacked): the test's own, removed with it.</summary>
    private Dictionary<string, string?> Environment => new() { ["TMPDIR"] = folder.Path };

    private async Task<(int ExitCode, string[] Lines)> SelfTestAsync(string driverPath, string connectionString)
    {
        var (exitCode, output, error) = await ProviderProcess.RunAsync(
            ["selftest", "--Database:Provider=Oracle", $"--Database:OracleDriverPath={driverPath}", $"--Database:ConnectionString={connectionString}",
                "--Database:ConnectTimeoutSeconds=2"],
            Environment, folder.Path);
        Assert.True(error.Length == 0, $"standard error: {error}\n{output}");
        return (exitCode, output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static string DriverLine(string[] lines) =>
        Assert.Single(lines, l => l.StartsWith("OK    database driver", StringComparison.Ordinal) || l.StartsWith("WARN  database driver", StringComparison.Ordinal));

    [Theory]
    // The DLL named directly, and a folder holding it: the release is not in the DLL, the line is (assembly 23.1.0.0).
    [InlineData("dll", "/bare/Oracle.ManagedDataAccess.dll", "release unknown (assembly 23.1.0.0; 23ai/26ai line 23.x: Oracle 19c and later)")]
    [InlineData("folder", "/bare/Oracle.ManagedDataAccess.dll", "release unknown (assembly 23.1.0.0; 23ai/26ai line 23.x")]
    // The package unpacked: its .nuspec gives the release; net8.0 is chosen over netstandard2.1.
    [InlineData("unpacked net8.0", "/unpacked/lib/net8.0/Oracle.ManagedDataAccess.dll", "Oracle.ManagedDataAccess 23.9.1 (assembly 23.1.0.0; 23ai/26ai line 23.x: Oracle 19c and later)")]
    [InlineData("unpacked netstandard2.1", "/unpacked/lib/netstandard2.1/Oracle.ManagedDataAccess.dll", "Oracle.ManagedDataAccess 3.21.120 (assembly 3.1.21.1; 21c line 3.21.x: Oracle 12.1.0.2 and later)")]
    [InlineData("unpacked netstandard2.0", "/unpacked/lib/netstandard2.0/Oracle.ManagedDataAccess.dll", "Oracle.ManagedDataAccess 2.19.230 (assembly 2.0.19.1; 19c line 2.19.x: Oracle 11g R2 and later)")]
    [InlineData("unpacked both", "/unpacked/lib/net8.0/Oracle.ManagedDataAccess.dll", "Oracle.ManagedDataAccess 23.9.1 (")]
    // The .nupkg as downloaded, named or in the folder: its best lib/ folder is loaded.
    [InlineData("nupkg", "oracle.manageddataaccess.core.23.9.1.nupkg (lib/net8.0/Oracle.ManagedDataAccess.dll)", "Oracle.ManagedDataAccess 23.9.1 (")]
    [InlineData("folder with nupkg", "oracle.manageddataaccess.core.2.19.230.nupkg (lib/netstandard2.1/Oracle.ManagedDataAccess.dll)", "Oracle.ManagedDataAccess 2.19.230 (assembly 2.0.19.1; 19c line 2.19.x: Oracle 11g R2 and later)")]
    public async Task Selftest_loads_the_driver_in_each_layout_and_says_which_file_release_and_line(string layout, string source, string described)
    {
        var driverPath = layout switch
        {
            "dll" => FakeOracleDriver.WriteDll(Path("bare"), "23.9.1"),
            "folder" => System.IO.Path.GetDirectoryName(FakeOracleDriver.WriteDll(Path("bare"), "23.9.1"))!,
            "unpacked net8.0" => FakeOracleDriver.WriteUnpacked(Path("unpacked"), "23.9.1", "net8.0"),
            "unpacked netstandard2.1" => FakeOracleDriver.WriteUnpacked(Path("unpacked"), "3.21.120", "netstandard2.1"),
            "unpacked netstandard2.0" => FakeOracleDriver.WriteUnpacked(Path("unpacked"), "2.19.230", "netstandard2.0"),
            "unpacked both" => FakeOracleDriver.WriteUnpacked(Path("unpacked"), "23.9.1", "netstandard2.1", "net8.0", "net462"),
            "nupkg" => FakeOracleDriver.WriteNupkg(Path("packages"), "23.9.1", "netstandard2.1", "net8.0"),
            "folder with nupkg" => System.IO.Path.GetDirectoryName(FakeOracleDriver.WriteNupkg(Path("packages"), "2.19.230", "netstandard2.1"))!,
            _ => throw new ArgumentException(layout, nameof(layout)),
        };

        var (exitCode, lines) = await SelfTestAsync(driverPath, FakeOracleDriver.Refusing(12541));

        var line = DriverLine(lines);
        Assert.Contains(described, line, StringComparison.Ordinal);
        Assert.Contains(source.Replace("/", System.IO.Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal).TrimStart(System.IO.Path.DirectorySeparatorChar), line, StringComparison.Ordinal);
        // The fake server has no listener: the driver was used, and said so.
        Assert.Contains(lines, l => l.StartsWith("FAIL  database ", StringComparison.Ordinal) && l.Contains("ORA-12541", StringComparison.Ordinal));
        Assert.Equal(1, exitCode);
    }

    [Theory]
    // The 19c line: unsupported on .NET 10 whatever its release; before 2.19.180 (3.21.90) under the advisory too.
    [InlineData("2.19.170", "WARN", "not on the .NET 10", true)]
    [InlineData("2.19.230", "WARN", "not on the .NET 10", false)]
    [InlineData("3.21.80", "WARN", "replace it with 3.21.90 or later", true)]
    [InlineData("3.21.120", "OK", null, false)]
    [InlineData("23.9.1", "OK", null, false)]
    public async Task Selftest_warns_of_the_19c_line_and_of_releases_under_the_advisory(string release, string outcome, string? said, bool advisory)
    {
        var nupkg = FakeOracleDriver.WriteNupkg(Path("packages"), release, "netstandard2.1");

        var (_, lines) = await SelfTestAsync(nupkg, FakeOracleDriver.Refusing(12541));

        var line = DriverLine(lines);
        Assert.StartsWith(outcome, line, StringComparison.Ordinal);
        Assert.Contains($"Oracle.ManagedDataAccess {release} (", line, StringComparison.Ordinal);
        if (said is not null)
        {
            Assert.Contains(said, line, StringComparison.Ordinal);
        }
        Assert.Equal(advisory, line.Contains("WARNING: this release carries the security advisory GHSA-5pm2-9mr2-3frq", StringComparison.Ordinal));
    }

    [Theory]
    // A 23ai driver refused by a server older than 19c: the 21c line for 12.1.0.2-18c, the 19c line for 11g R2.
    [InlineData("23.9.1", 3134, "older than 19c", "21c line 3.21.x for Oracle 12.1.0.2 to 18c")]
    // A 21c driver refused by 11g R2: the 19c line, said to be unsupported on .NET 10.
    [InlineData("3.21.120", 3134, "older than 12.1.0.2", "19c line 2.19.x, 2.19.180 or later, which Oracle does not support on .NET 10")]
    // No common logon protocol: the line for the server's version, else the server's sqlnet.ora.
    [InlineData("23.9.1", 28040, "SQLNET.ALLOWED_LOGON_VERSION_SERVER in the server's sqlnet.ora", "the 19c line 2.19.x (2.19.180 or later) for 11g R2")]
    [InlineData("2.19.230", 28040, "19c line 2.19.x (Oracle 11g R2 and later)", "SQLNET.ALLOWED_LOGON_VERSION_SERVER")]
    // A refused password that may be right: the account's password versions.
    [InlineData("23.9.1", 1017, "DBA_USERS.PASSWORD_VERSIONS", "SEC_CASE_SENSITIVE_LOGON")]
    public async Task Selftest_gives_the_advice_for_a_driver_the_server_refuses(string release, int number, string advice, string alsoAdvice)
    {
        var nupkg = FakeOracleDriver.WriteNupkg(Path("packages"), release, "netstandard2.1", "net8.0");

        var (exitCode, lines) = await SelfTestAsync(nupkg, FakeOracleDriver.Refusing(number));

        var line = Assert.Single(lines, l => l.StartsWith("FAIL  database ", StringComparison.Ordinal));
        Assert.Contains($"ORA-{number:00000}", line, StringComparison.Ordinal);
        Assert.Contains(advice, line, StringComparison.Ordinal);
        Assert.Contains(alsoAdvice, line, StringComparison.Ordinal);
        Assert.Equal(1, exitCode);
    }

    [Fact]
    public async Task A_server_that_refuses_the_driver_stops_start_up_with_the_advice()
    {
        var nupkg = FakeOracleDriver.WriteNupkg(Path("packages"), "23.9.1", "net8.0");

        var error = await ProviderProcess.StartupFailsAsync(
            new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Oracle",
                ["Database:OracleDriverPath"] = nupkg,
                ["Database:ConnectionString"] = FakeOracleDriver.Refusing(3134),
            },
            folder.Path);

        Assert.StartsWith("Start-up stopped: ORA-03134: Connections to this server version are no longer supported.", error, StringComparison.Ordinal);
        Assert.Contains("The driver loaded is the 23ai/26ai line 23.x (Oracle 19c and later): this server is older than 19c", error, StringComparison.Ordinal);
        Assert.Contains("21c line 3.21.x for Oracle 12.1.0.2 to 18c", error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_not_up_yet_does_not_stop_start_up_and_the_driver_is_reported_with_its_warning()
    {
        var nupkg = FakeOracleDriver.WriteNupkg(Path("packages"), "2.19.170", "netstandard2.1");

        using var provider = await ProviderProcess.StartListeningAsync(
            ["--Database:Provider=Oracle", $"--Database:OracleDriverPath={nupkg}", $"--Database:ConnectionString={FakeOracleDriver.Refusing(12541)}",
                "--Database:ConnectTimeoutSeconds=2", "--Urls=http://127.0.0.1:0"],
            Environment, folder.Path);

        Assert.Contains("Oracle driver: Oracle.ManagedDataAccess 2.19.170 (assembly 2.0.19.1; 19c line 2.19.x", provider.Output, StringComparison.Ordinal);
        Assert.Contains("GHSA-5pm2-9mr2-3frq", provider.Output, StringComparison.Ordinal);
        Assert.Contains("no connection at start-up (OracleException: ORA-12541: TNS:no listener)", provider.Output, StringComparison.Ordinal);
        Assert.NotEmpty(provider.Addresses);
    }

    [Theory]
    [InlineData("empty folder", "no Oracle.ManagedDataAccess.dll, lib/<framework>/Oracle.ManagedDataAccess.dll or Oracle.ManagedDataAccess.Core.*.nupkg there")]
    [InlineData("missing", "no such file or folder")]
    [InlineData(".NET Framework package", "none of net462 runs on .NET 10 (net4x is the .NET Framework package Oracle.ManagedDataAccess")]
    [InlineData("two packages", "several packages there (oracle.manageddataaccess.core.")]
    public async Task Without_a_usable_driver_selftest_says_why_and_where_to_put_it(string layout, string why)
    {
        var driverPath = Path("drivers");
        Directory.CreateDirectory(driverPath);
        switch (layout)
        {
            case "missing":
                driverPath = Path("nowhere");
                break;
            case ".NET Framework package":
                FakeOracleDriver.WriteUnpacked(driverPath, "23.9.1", "net462");
                break;
            case "two packages":
                FakeOracleDriver.WriteNupkg(driverPath, "23.8.0", "net8.0");
                FakeOracleDriver.WriteNupkg(driverPath, "23.9.1", "net8.0");
                break;
        }

        // A setting that cannot work stops selftest as it stops start-up: one line on standard error.
        var (exitCode, output, error) = await ProviderProcess.RunAsync(
            ["selftest", "--Database:Provider=Oracle", $"--Database:OracleDriverPath={driverPath}", $"--Database:ConnectionString={FakeOracleDriver.Refusing(12541)}"],
            Environment, folder.Path);

        Assert.True(exitCode == 1, $"exit {exitCode}: {error}\n{output}");
        Assert.StartsWith("SelfTest stopped: Database:Provider is Oracle but the Oracle driver was not found", error, StringComparison.Ordinal);
        Assert.Contains($"the Oracle driver was not found ({why}", error, StringComparison.Ordinal);
        Assert.Contains($"into '{driverPath}', or point Database:OracleDriverPath at it", error, StringComparison.Ordinal);
        Assert.Contains("23.x for Oracle 19c and later, 3.21.x for 12.1.0.2 to 18c, 2.19.x for 11g R2", error, StringComparison.Ordinal);
    }
}
