using System.Data.Common;
using System.IO.Compression;
using System.Reflection;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace ProviderApi.Data;

/// <summary>
/// The Oracle driver (Oracle.ManagedDataAccess.Core) is not on every NuGet mirror, so the
/// provider does not ship it: it is linked in by <c>-p:WithOracle=true</c> where the package
/// can be had, or loaded at run time from what Database:OracleDriverPath names (default: the
/// folder drivers/oracle beside the program): the DLL itself, a folder holding it, a folder
/// holding the package unpacked (lib/&lt;framework&gt;/, the best one for this runtime: net8.0
/// over netstandard2.1 over netstandard2.0), or the .nupkg file (or a folder holding one). Which line of the driver
/// it is (19c 2.19.x, 21c 3.21.x, 23ai/26ai 23.x) decides which Oracle servers it reaches:
/// see <see cref="OracleDriverLine"/>.
/// </summary>
public static partial class OracleDriver
{
    public const string AssemblyName = "Oracle.ManagedDataAccess";
    public const string PackageName = "Oracle.ManagedDataAccess.Core";
    private const string FactoryType = "Oracle.ManagedDataAccess.Client.OracleClientFactory";
    private const string DllName = AssemblyName + ".dll";

    /// <summary>Where the driver is looked for when Database:OracleDriverPath is not set.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "drivers", "oracle");

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, Found> ByPath = new(StringComparer.Ordinal);
    private static OracleDriverInfo? linked;
    private static bool linkedTried;

    private sealed record Found(OracleDriverInfo? Driver, string? Problem);

    /// <summary>The one line that says where to put the driver, with what is wrong with <paramref name="path"/>.</summary>
    public static string MissingMessage(string path, string? why = null) =>
        $"Database:Provider is Oracle but the Oracle driver was not found{(why is null ? "" : $" ({why})")}. " +
        $"Put {DllName} (with its dependencies), or the package {PackageName} as downloaded (.nupkg) or unpacked " +
        $"(its lib/net8.0, else lib/netstandard2.x, folder is chosen), into '{path}', or point Database:OracleDriverPath at it; " +
        "the line must suit the database server: 23.x for Oracle 19c and later, 3.21.x for 12.1.0.2 to 18c, 2.19.x for 11g R2 (see sql/README.md). " +
        "Or build the provider with `dotnet publish -p:WithOracle=true` where your NuGet source serves the package.";

    /// <summary>The driver, or null when it cannot be found or loaded (<see cref="Problem"/> says why).</summary>
    public static OracleDriverInfo? TryLoad(string? path) => Find(path).Driver;

    /// <summary>Why <see cref="TryLoad"/> gives null for <paramref name="path"/>, as one line naming the setting; null when the driver loads.</summary>
    public static string? Problem(string? path) => Find(path).Problem;

    /// <summary>The driver's factory; a setting to fix (the message of <see cref="Problem"/>) when it cannot be loaded.</summary>
    public static DbProviderFactory Load(string? path) =>
        Find(path) is { Driver: { } driver } ? driver.Factory : throw new InvalidOperationException(Find(path).Problem);

    /// <summary>The loaded driver <paramref name="assembly"/> belongs to (an exception's type, say); null when it is none of them.</summary>
    public static OracleDriverInfo? Of(Assembly assembly)
    {
        lock (Gate)
        {
            return linked?.Assembly == assembly ? linked : ByPath.Values.Select(f => f.Driver).FirstOrDefault(d => d?.Assembly == assembly);
        }
    }

    private static Found Find(string? path)
    {
        lock (Gate)
        {
            if (!linkedTried)
            {
                linkedTried = true;
                linked = FromLinkedPackage();
            }
            if (linked is not null)
            {
                return new Found(linked, null);
            }
            var full = Path.GetFullPath(string.IsNullOrWhiteSpace(path) ? DefaultFolder : path);
            if (!ByPath.TryGetValue(full, out var found))
            {
                found = FromPath(full);
                ByPath[full] = found;
            }
            return found;
        }
    }

    private static OracleDriverInfo? FromLinkedPackage()
    {
        try
        {
            var assembly = Assembly.Load(new AssemblyName(AssemblyName));
            return Factory(assembly) is { } factory ? Describe(assembly, factory, assembly.Location + " (linked in by -p:WithOracle=true)", release: null) : null;
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }

    private static Found FromPath(string path)
    {
        try
        {
            return Locate(path) switch
            {
                { Problem: { } problem } => new Found(null, MissingMessage(path, problem)),
                { Dll: { } dll } located => LoadFile(path, dll, located.Release, located.Source ?? dll, located.Probe),
                _ => new Found(null, MissingMessage(path)),
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or BadImageFormatException or FileLoadException)
        {
            return new Found(null, MissingMessage(path, $"{ex.GetType().Name}: {ex.Message}"));
        }
    }

    /// <summary>Where the DLL is: <see cref="Dll"/> the file to load, <see cref="Source"/> what to call it, <see cref="Probe"/> folders for its dependencies.</summary>
    private sealed record Located(string? Dll, string? Source, string? Release, string[] Probe, string? Problem = null);

    private static Located Locate(string path)
    {
        if (File.Exists(path))
        {
            var folder = Path.GetDirectoryName(path)!;
            return path.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase) ? FromNupkg(path)
                : Path.GetFileName(path).Equals(DllName, StringComparison.OrdinalIgnoreCase) ? new Located(path, null, null, [folder])
                : new Located(null, null, null, [], $"'{Path.GetFileName(path)}' is neither {DllName} nor a .nupkg");
        }
        if (!Directory.Exists(path))
        {
            return new Located(null, null, null, [], "no such file or folder");
        }
        var beside = Path.Combine(path, DllName);
        if (File.Exists(beside))
        {
            return new Located(beside, null, null, [path]);
        }
        var candidates = Directory.Exists(Path.Combine(path, "lib"))
            ? Directory.EnumerateFiles(Path.Combine(path, "lib"), DllName, SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(path, f).Replace('\\', '/'))
                .ToList()
            : [];
        if (candidates.Count > 0)
        {
            return Best(candidates) is { } best
                ? new Located(Path.Combine(path, best), null, NuspecVersion(Directory.EnumerateFiles(path, "*.nuspec").Select(File.ReadAllText).FirstOrDefault()),
                    [Path.GetDirectoryName(Path.Combine(path, best))!, path])
                : new Located(null, null, null, [], NoUsableFramework(candidates));
        }
        var packages = Directory.EnumerateFiles(path, "*.nupkg")
            .Where(f => Path.GetFileName(f).StartsWith(PackageName + ".", StringComparison.OrdinalIgnoreCase))
            .ToList();
        return packages.Count switch
        {
            1 => FromNupkg(packages[0]),
            > 1 => new Located(null, null, null, [], $"several packages there ({string.Join(", ", packages.Select(Path.GetFileName))}): keep the one to use"),
            _ => new Located(null, null, null, [], $"no {DllName}, lib/<framework>/{DllName} or {PackageName}.*.nupkg there"),
        };
    }

    /// <summary>
    /// A .nupkg is a zip: its best lib/&lt;framework&gt;/ folder is copied once to a folder of its own
    /// under the temporary folder (named by the package's hash) and loaded from there, as the
    /// driver expects to be a file; its dependencies are looked for beside the .nupkg.
    /// </summary>
    private static Located FromNupkg(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var candidates = zip.Entries.Select(e => e.FullName.Replace('\\', '/'))
            .Where(n => n.StartsWith("lib/", StringComparison.OrdinalIgnoreCase) && n.EndsWith("/" + DllName, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (candidates.Count == 0)
        {
            return new Located(null, null, null, [], $"'{Path.GetFileName(nupkg)}' has no lib/<framework>/{DllName}");
        }
        if (Best(candidates) is not { } best)
        {
            return new Located(null, null, null, [], NoUsableFramework(candidates));
        }
        var nuspec = zip.Entries.FirstOrDefault(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
        string? release = null;
        if (nuspec is not null)
        {
            using var reader = new StreamReader(nuspec.Open());
            release = NuspecVersion(reader.ReadToEnd());
        }
        string hash;
        using (var stream = File.OpenRead(nupkg))
        {
            hash = Convert.ToHexStringLower(SHA256.HashData(stream))[..16];
        }
        var framework = best[..best.LastIndexOf('/')];
        var target = Path.Combine(Path.GetTempPath(), "imgcloud-oracle-driver", hash, framework.Replace('/', Path.DirectorySeparatorChar));
        var dll = Path.Combine(target, DllName);
        if (!File.Exists(dll))
        {
            Directory.CreateDirectory(target);
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith(framework + "/", StringComparison.OrdinalIgnoreCase) && e.Name.Length > 0))
            {
                entry.ExtractToFile(Path.Combine(target, entry.Name), overwrite: true);
            }
        }
        return new Located(dll, $"{nupkg} ({best})", release, [target, Path.GetDirectoryName(nupkg)!]);
    }

    /// <summary>The best of the package's lib/&lt;framework&gt;/ files for this runtime: the newest .NET (net8.0) first, then .NET Standard 2.1, 2.0; null when none runs here.</summary>
    private static string? Best(IEnumerable<string> candidates) =>
        candidates.Select(c => (Path: c, Rank: Rank(c.Split('/')[^2]))).Where(c => c.Rank > 0).OrderByDescending(c => c.Rank).Select(c => c.Path).FirstOrDefault();

    private static int Rank(string framework)
    {
        var match = FrameworkName().Match(framework.ToLowerInvariant());
        if (!match.Success || !Version.TryParse(match.Groups["version"].Value, out var version))
        {
            return 0;
        }
        var runtime = Environment.Version;
        return match.Groups["kind"].Value switch
        {
            "net" when version.Major >= 5 && version <= new Version(runtime.Major, runtime.Minor) => 3000 + (version.Major * 10) + version.Minor,
            "netcoreapp" => 2000 + (version.Major * 10) + version.Minor,
            "netstandard" when version.Major == 2 => 1000 + version.Minor,
            _ => 0,
        };
    }

    private static string NoUsableFramework(IEnumerable<string> candidates) =>
        $"none of {string.Join(", ", candidates.Select(c => c.Split('/')[^2]))} runs on .NET {Environment.Version.Major}" +
        $" (net4x is the .NET Framework package Oracle.ManagedDataAccess: this provider needs {PackageName})";

    private static string? NuspecVersion(string? nuspec) =>
        nuspec is not null && NuspecVersionElement().Match(nuspec) is { Success: true } match ? match.Groups[1].Value.Trim() : null;

    private static Found LoadFile(string path, string dll, string? release, string source, string[] probe)
    {
        var context = new DriverContext(probe);
        var assembly = context.LoadFromAssemblyPath(dll);
        if (!string.Equals(assembly.GetName().Name, AssemblyName, StringComparison.OrdinalIgnoreCase))
        {
            return new Found(null, MissingMessage(path, $"'{dll}' is the assembly {assembly.GetName().Name}"));
        }
        return Factory(assembly) is { } factory
            ? new Found(Describe(assembly, factory, source, release), null)
            : new Found(null, MissingMessage(path, $"'{dll}' has no {FactoryType}.Instance: not the ADO.NET driver"));
    }

    private static OracleDriverInfo Describe(Assembly assembly, DbProviderFactory factory, string source, string? release)
    {
        var assemblyVersion = assembly.GetName().Version ?? new Version(0, 0);
        var fromAssembly = new[]
        {
            assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion,
            assembly.GetCustomAttribute<AssemblyFileVersionAttribute>()?.Version,
        };
        // The package's own version where it is known, else the assembly's attributes where they read as one ("2.19.230").
        var known = release ?? fromAssembly.Select(v => v?.Split('+')[0]).FirstOrDefault(v => OracleDriverLine.FromRelease(v) is not null);
        return new OracleDriverInfo(source, assemblyVersion, known, OracleDriverLine.FromRelease(known) ?? OracleDriverLine.FromAssemblyVersion(assemblyVersion), factory, assembly);
    }

    private static DbProviderFactory? Factory(Assembly assembly) =>
        assembly.GetType(FactoryType)?.GetField("Instance", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as DbProviderFactory;

    [GeneratedRegex(@"^(?<kind>netstandard|netcoreapp|net)(?<version>\d+\.\d+)$")]
    private static partial Regex FrameworkName();

    [GeneratedRegex(@"<version>\s*([^<]+?)\s*</version>", RegexOptions.IgnoreCase)]
    private static partial Regex NuspecVersionElement();

    /// <summary>
    /// The driver's own load context: its dependencies are found beside it (or beside the package),
    /// except those this program or .NET already has, which are shared (System.Data.Common's
    /// DbProviderFactory above all: the provider talks to the driver through it).
    /// </summary>
    private sealed class DriverContext(string[] folders) : AssemblyLoadContext("Oracle driver")
    {
        private static readonly Lazy<HashSet<string>> Shared = new(() =>
            ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(Path.GetFileNameWithoutExtension)
                .OfType<string>()
                .ToHashSet(StringComparer.OrdinalIgnoreCase));

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (assemblyName.Name is not { } name || Shared.Value.Contains(name))
            {
                return null;
            }
            return folders.Select(f => Path.Combine(f, name + ".dll")).FirstOrDefault(File.Exists) is { } file ? LoadFromAssemblyPath(file) : null;
        }
    }
}

/// <summary>The driver that was loaded: what, from where, and which line of Oracle's releases it belongs to.</summary>
public sealed record OracleDriverInfo(string Source, Version AssemblyVersion, string? Release, OracleDriverLine Line, DbProviderFactory Factory, Assembly Assembly)
{
    /// <summary>Any warning about this driver (a line Oracle does not support on this runtime, a security advisory); null when none.</summary>
    public string? Warning => Line.Warning(Release);

    /// <summary>One line for the log and selftest: release, line and the servers it reaches, file, and any warning.</summary>
    public string Describe() =>
        $"{OracleDriver.AssemblyName} {Release ?? "release unknown"} (assembly {AssemblyVersion}; {Line.Name}: {Line.Servers}) from {Source}" +
        (Warning is { } warning ? $". {warning}" : "");
}

/// <summary>
/// A line of Oracle.ManagedDataAccess.Core and the Oracle servers it reaches (Oracle's own
/// requirements): 23.x (the 23ai and 26ai lines) 19c and later; 3.21.x (21c) 12.1.0.2 and later;
/// 2.19.x (19c) 11g R2 and later, but supported by Oracle only on .NET Core 2.1 to 5.
/// </summary>
public sealed record OracleDriverLine(string Name, string Servers, OracleDriverLine.Kind Of)
{
    public enum Kind
    {
        Unknown,
        Older,
        Line19c,
        Line21c,
        Line23ai,
    }

    public const string Advisory = "GHSA-5pm2-9mr2-3frq (CVE-2023-21893, high severity)";

    public static readonly OracleDriverLine Line19c = new("19c line 2.19.x", "Oracle 11g R2 and later", Kind.Line19c);
    public static readonly OracleDriverLine Line21c = new("21c line 3.21.x", "Oracle 12.1.0.2 and later", Kind.Line21c);
    public static readonly OracleDriverLine Line23ai = new("23ai/26ai line 23.x", "Oracle 19c and later", Kind.Line23ai);
    public static readonly OracleDriverLine Older = new("a line older than 19c", "no server Oracle still supports it for", Kind.Older);
    public static readonly OracleDriverLine Unknown = new("an unknown line", "servers unknown", Kind.Unknown);

    /// <summary>The first release of each line with the advisory fixed (GitHub's advisory database: 2.19.180, 3.21.90).</summary>
    private static readonly Version Fixed19c = new(2, 19, 180);
    private static readonly Version Fixed21c = new(3, 21, 90);

    /// <summary>The line of a package version ("2.19.230", "3.21.120", "23.9.1"); null when it reads as none.</summary>
    public static OracleDriverLine? FromRelease(string? release) =>
        Version.TryParse(release?.Split('-', '+')[0], out var version) ? version switch
        {
            { Major: 2, Minor: 19 } => Line19c,
            { Major: 2, Minor: >= 12 and < 19 } => Older,
            { Major: 3, Minor: 21 } => Line21c,
            { Major: >= 23 and < 100 } => Line23ai,
            _ => null,
        } : null;

    /// <summary>The line from the assembly version alone (2.0.19.x, 3.1.21.x, 23.x.x.x), for a DLL supplied without its package.</summary>
    public static OracleDriverLine FromAssemblyVersion(Version version) => version switch
    {
        { Major: 2, Minor: 0, Build: 19 } => Line19c,
        { Major: 2, Minor: 0, Build: >= 12 and < 19 } => Older,
        { Major: 3, Minor: 1, Build: 21 } => Line21c,
        { Major: >= 23 and < 100 } => Line23ai,
        _ => FromRelease($"{version.Major}.{version.Minor}.{Math.Max(version.Build, 0)}") ?? Unknown,
    };

    /// <summary>What to tell about a driver of this line and <paramref name="release"/> (null when it is unknown); null when nothing.</summary>
    public string? Warning(string? release)
    {
        var version = Version.TryParse(release?.Split('-', '+')[0], out var parsed) ? parsed : null;
        string? AdvisoryWarning(Version fixedIn) =>
            version is null ? $"Its exact release is unknown (supply the package, .nupkg or unpacked, to see it): releases before {fixedIn} carry the advisory {Advisory}"
            : version < fixedIn ? $"WARNING: this release carries the security advisory {Advisory}: replace it with {fixedIn} or later of the same line"
            : null;
        return Of switch
        {
            Kind.Line19c => "WARNING: Oracle supports the 19c line only on .NET Core 2.1 to 5, not on the .NET 10 this provider runs on: it works without Oracle's guarantee. " +
                "Use it only for servers older than 12.1.0.2 (11g R2, 12.1.0.1); for 12.1.0.2 and later use the 21c or 23ai line" +
                (AdvisoryWarning(Fixed19c) is { } advisory ? $". {advisory}" : ""),
            Kind.Line21c => AdvisoryWarning(Fixed21c),
            Kind.Older => "WARNING: Oracle no longer supports this driver and it carries known security advisories: use the 19c line 2.19.x (for 11g R2) or a newer line",
            Kind.Unknown => $"WARNING: not a known line of {OracleDriver.PackageName} (23.x, 3.21.x, 2.19.x)",
            _ => null,
        };
    }
}
