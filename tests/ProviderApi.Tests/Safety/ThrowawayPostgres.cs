using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using ProviderApi.Tests.Hospitals;

namespace ProviderApi.Tests.Safety;

/// <summary>
/// A PostgreSQL server of one test's own, which the test may stop and start (the shared one of
/// tests/run.sh must stay up for the others). Built from the machine's server binaries (initdb,
/// pg_ctl) under /tmp, listening on 127.0.0.1 only; as root the server runs as the postgres OS user.
/// </summary>
public sealed class ThrowawayPostgres : IDisposable
{
    private readonly string bin;
    private readonly string password = $"own-{Guid.NewGuid():N}";

    private ThrowawayPostgres(string bin)
    {
        this.bin = bin;
        Folder = Directory.CreateTempSubdirectory("imgcloud-own-pg-").FullName;
        Port = FreePort();
    }

    public string Folder { get; }

    public int Port { get; }

    private string Data => Path.Combine(Folder, "data");

    /// <summary>Null when the server binaries are here; otherwise why the test cannot run.</summary>
    public static string? UnavailableReason => FindBinaries() is null ? "no PostgreSQL server binaries (initdb, pg_ctl) on PATH or under /usr/lib/postgresql" : null;

    /// <summary>Skips with the reason, or fails under CI=true, where this must run for real.</summary>
    public static void SkipUnlessAvailable()
    {
        if (UnavailableReason is { } reason)
        {
            if (PostgresServer.UnderCi)
            {
                Assert.Fail($"CI=true and {reason}");
            }
            Assert.Skip(reason);
        }
    }

    public static ThrowawayPostgres Create()
    {
        var server = new ThrowawayPostgres(FindBinaries() ?? throw new InvalidOperationException(UnavailableReason));
        try
        {
            server.Initialise();
            server.Start();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public string ConnectionString(string database = "postgres", string? searchPath = null) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Password = password,
        Database = database,
        SearchPath = searchPath,
    }.ToString();

    public void Start() => Run(Path.Combine(bin, "pg_ctl"), "-D", Data, "-l", Path.Combine(Folder, "server.log"), "-w", "-t", "60", "start",
        "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {Folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c timezone=Asia/Shanghai");

    /// <summary>The server goes away at once, as a crashed or unplugged one does: connections are cut, new ones refused.</summary>
    public void Stop() => Run(Path.Combine(bin, "pg_ctl"), "-D", Data, "-m", "immediate", "-w", "stop");

    public void Dispose()
    {
        try
        {
            Run(Path.Combine(bin, "pg_ctl"), "-D", Data, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped, or never started.
        }
        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Initialise()
    {
        var passwordFile = Path.Combine(Folder, "pw");
        File.WriteAllText(passwordFile, password + "\n");
        if (Environment.IsPrivilegedProcess)
        {
            // initdb refuses root: the cluster belongs to the postgres OS user.
            if (RunQuiet("id", "postgres") != 0)
            {
                Run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres");
            }
            Run("chown", "-R", "postgres", Folder);
        }
        Run(Path.Combine(bin, "initdb"), "-D", Data, "-U", "postgres", $"--pwfile={passwordFile}", "--auth-local=trust",
            "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
    }

    private static string? FindBinaries()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")) : []);
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string program, params string[] args)
    {
        var (code, output) = Execute(program, args);
        if (code != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited {code}: {output}");
        }
    }

    private static int RunQuiet(string program, params string[] args) => Execute(program, args).Code;

    private static (int Code, string Output) Execute(string program, string[] args)
    {
        var asPostgres = Environment.IsPrivilegedProcess && Path.GetFileName(program) is "initdb" or "pg_ctl";
        var start = asPostgres ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", program, .. args]) : new ProcessStartInfo(program, args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out");
        }
        return (process.ExitCode, output.Result + error.Result);
    }
}
