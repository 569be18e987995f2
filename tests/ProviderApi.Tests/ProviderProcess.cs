using System.Diagnostics;
using System.Text;

namespace ProviderApi.Tests;

/// <summary>
/// The provider's real executable, as an operator runs it: verbs, settings on the command line,
/// exit code and what it prints. Start-up failures are tested this way rather than through
/// WebApplicationFactory, which can report its own ObjectDisposedException instead of the
/// reason when the host it waits for fails to start.
/// </summary>
/// <remarks>
/// The program's folder is its content root: unless a test says otherwise, its log files go to
/// <see cref="TestLogs.Folder"/> (Logging__File__Path) rather than beside the build output.
/// In <c>environment</c>, a null value removes the variable from the process's environment.
/// </remarks>
public static class ProviderProcess
{
    /// <summary>The built program the tests run (its settings and folder: the test project's output).</summary>
    public static string BuiltProgram { get; } = Path.Combine(AppContext.BaseDirectory, "ProviderApi.dll");

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null,
        string? program = null, string? user = null)
    {
        using var process = Process.Start(StartInfo(args, environment, workingDirectory ?? Path.GetTempPath(), program, user))!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output, await error);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    /// <summary>
    /// Starts the provider as a long-running service (its output drained and dropped) and returns
    /// the process; the caller kills it, as an operator or a crash would.
    /// </summary>
    public static Process Start(IEnumerable<string> args, string workingDirectory)
    {
        var process = Process.Start(StartInfo(args, environment: null, workingDirectory, program: null, user: null))!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// Starts the provider with these settings and expects it to stop at start-up with exit code 1;
    /// returns the one line it wrote to standard error (and nothing else: no stack trace anywhere).
    /// </summary>
    public static async Task<string> StartupFailsAsync(
        IReadOnlyDictionary<string, string?> settings, string workingDirectory, string? program = null, string? user = null)
    {
        var args = settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}").Append("--Urls=http://127.0.0.1:0");
        var (exitCode, output, error) = await RunAsync(args, workingDirectory: workingDirectory, program: program, user: user);

        Assert.True(exitCode == 1, $"expected start-up to stop with exit code 1, got {exitCode}: {error}\n{output}");
        Assert.True(error.TrimEnd().Split('\n').Length == 1, $"expected one line on standard error, got:\n{error}");
        Assert.StartsWith("Start-up stopped: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error + output, StringComparison.Ordinal);
        Assert.DoesNotContain("Hosting failed to start", output, StringComparison.Ordinal);
        return error;
    }

    /// <summary>
    /// Copies the built program (its DLLs, appsettings.json, runtimes) into <paramref name="folder"/>,
    /// as an installation would; returns the path of its ProviderApi.dll.
    /// </summary>
    public static string Install(string folder)
    {
        var from = AppContext.BaseDirectory;
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.StartsWith("logs" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || relative.StartsWith("data" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }
            var to = Path.Combine(folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return Path.Combine(folder, "ProviderApi.dll");
    }

    /// <summary>
    /// Starts the provider and waits until it has started; returns it with the addresses it said
    /// it listens on ("Now listening on: ..."). Fails with its output if it stops instead.
    /// </summary>
    public static async Task<ListeningProvider> StartListeningAsync(
        IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment, string workingDirectory, string? program = null)
    {
        var provider = new ListeningProvider(Process.Start(StartInfo(args, environment, workingDirectory, program, user: null))!);
        try
        {
            await provider.StartedAsync();
            return provider;
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    private static ProcessStartInfo StartInfo(
        IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment, string workingDirectory, string? program, string? user)
    {
        string[] command = ["dotnet", program ?? BuiltProgram, .. args];
        var start = user is null
            ? new ProcessStartInfo(command[0], command[1..])
            // runuser may reset PATH: the dotnet found here, by its full path.
            : new ProcessStartInfo("runuser", ["-u", user, "--", Dotnet(), .. command[1..]]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.StandardOutputEncoding = Encoding.UTF8;
        start.StandardErrorEncoding = Encoding.UTF8;
        start.WorkingDirectory = workingDirectory;
        start.Environment["Logging__File__Path"] = TestLogs.Folder;
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }
        return start;
    }

    private static string Dotnet() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "dotnet"))
            .FirstOrDefault(File.Exists) ?? "dotnet";
}

/// <summary>A provider process started as a service; killed when disposed.</summary>
public sealed class ListeningProvider : IDisposable
{
    private const string ListeningOn = "Now listening on: ";
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal ListeningProvider(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Received(e.Data);
        process.ErrorDataReceived += (_, e) => Received(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => started.TrySetException(new InvalidOperationException($"the provider stopped with exit code {process.ExitCode}:\n{Output}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Everything it wrote so far, standard output and error.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>The addresses Kestrel said it listens on.</summary>
    public IReadOnlyList<string> Addresses => Output.Split('\n')
        .Select(line => line.IndexOf(ListeningOn, StringComparison.Ordinal) is var at and >= 0 ? line[(at + ListeningOn.Length)..].Trim() : null)
        .OfType<string>()
        .ToList();

    internal async Task StartedAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        try
        {
            await started.Task.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the provider did not start within 3 minutes:\n{Output}");
        }
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
        if (line.Contains("Application started.", StringComparison.Ordinal))
        {
            started.TrySetResult();
        }
    }

    public void Dispose()
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(30));
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        process.Dispose();
    }
}
