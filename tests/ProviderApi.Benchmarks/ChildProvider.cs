using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace ProviderApi.Benchmarks;

/// <summary>
/// The provider as a process of its own (<c>dotnet ProviderApi.dll</c>, its own appsettings.json
/// and GC settings), so that its working set is its alone. Settings come as environment
/// variables; it listens on a free loopback port; it is killed when disposed. The GC is the one
/// the provider ships with (ProviderApi.runtimeconfig.json, from its project file), as every
/// deployment runs it: GC variables of the benchmark's own environment (DOTNET_GC*, DOTNET_gc*,
/// COMPlus_*) are not passed on.
/// </summary>
public sealed class ChildProvider : IAsyncDisposable
{
    private readonly Process process;

    private ChildProvider(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<ChildProvider> StartAsync(string connectionString, IReadOnlyDictionary<string, string> settings, string logFolder, HttpClient client)
    {
        var folder = AppContext.BaseDirectory;
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(folder, "ProviderApi.dll"));
        foreach (var key in start.Environment.Keys.Where(IsGcVariable).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Urls"] = address.ToString().TrimEnd('/');
        start.Environment["Database__Provider"] = "PostgreSql";
        start.Environment["Database__ConnectionString"] = connectionString;
        start.Environment["Logging__File__Path"] = logFolder;
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet ProviderApi.dll did not start.");
        var log = new StreamWriter(Path.Combine(logFolder, $"child-{process.Id}.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var child = new ChildProvider(process, address);

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The provider exited with {process.ExitCode} at start-up; see {logFolder}/child-{process.Id}.log.");
            }
            try
            {
                using var answer = await client.GetAsync(new Uri(address, "standardHttp/getDeptInfo"));
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    return child;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                await child.DisposeAsync();
                throw new TimeoutException($"The provider did not answer within 60 s; see {logFolder}.");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The GC settings the provider runs with, as its ProviderApi.runtimeconfig.json states them, for the report.</summary>
    public static string GcSettings()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "ProviderApi.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var settings = config.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var properties)
            ? properties.EnumerateObject().Where(p => p.Name.StartsWith("System.GC.", StringComparison.Ordinal)).Select(p => $"{p.Name} = {p.Value.GetRawText()}").ToList()
            : [];
        return settings.Count == 0 ? "the runtime's defaults (ProviderApi.runtimeconfig.json sets none)" : $"{string.Join(", ", settings)} (ProviderApi.runtimeconfig.json; no GC environment variables)";
    }

    /// <summary>Resident set size (the Linux working set) in bytes, from /proc.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }
        throw new InvalidOperationException("VmRSS not found in /proc status.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    private static bool IsGcVariable(string name) =>
        name.StartsWith("DOTNET_GC", StringComparison.OrdinalIgnoreCase) || name.StartsWith("COMPlus_", StringComparison.OrdinalIgnoreCase);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
