using System.Data.Common;
using System.Reflection;
using System.Runtime.Loader;

namespace ProviderApi.Data;

/// <summary>
/// The Oracle driver (Oracle.ManagedDataAccess.Core) is not on every NuGet mirror, so the
/// provider does not ship it: it is linked in by <c>-p:WithOracle=true</c> where the package
/// can be had, or loaded at run time from a folder the deployer fills.
/// </summary>
public static class OracleDriver
{
    public const string AssemblyName = "Oracle.ManagedDataAccess";
    private const string FactoryType = "Oracle.ManagedDataAccess.Client.OracleClientFactory";

    /// <summary>Where the driver is looked for when Database:OracleDriverPath is not set.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "drivers", "oracle");

    private static readonly Lock Gate = new();
    private static DbProviderFactory? loaded;

    public static string MissingMessage(string folder) =>
        $"Database:Provider is Oracle but the Oracle driver was not found. Copy {AssemblyName}.dll and its dependencies " +
        $"(the lib/net8.0 folder of the NuGet package Oracle.ManagedDataAccess.Core 23.x, from a machine that can download it) " +
        $"into '{folder}', or point Database:OracleDriverPath at the folder that holds them; or build the provider with " +
        "`dotnet publish -p:WithOracle=true` where your NuGet source serves the package.";

    /// <summary>The driver's factory, or null when it cannot be found (see <see cref="MissingMessage"/>).</summary>
    public static DbProviderFactory? TryLoad(string? folder)
    {
        lock (Gate)
        {
            return loaded ??= FromLinkedPackage() ?? FromFolder(folder ?? DefaultFolder);
        }
    }

    public static DbProviderFactory Load(string? folder) =>
        TryLoad(folder) ?? throw new InvalidOperationException(MissingMessage(folder ?? DefaultFolder));

    private static DbProviderFactory? FromLinkedPackage()
    {
        try
        {
            return Factory(Assembly.Load(new AssemblyName(AssemblyName)));
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }

    private static DbProviderFactory? FromFolder(string folder)
    {
        var path = Path.Combine(folder, AssemblyName + ".dll");
        if (!File.Exists(path))
        {
            return null;
        }
        // The driver's own dependencies are looked for beside it.
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            var candidate = Path.Combine(folder, name.Name + ".dll");
            return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
        };
        return Factory(AssemblyLoadContext.Default.LoadFromAssemblyPath(path));
    }

    private static DbProviderFactory? Factory(Assembly assembly) =>
        assembly.GetType(FactoryType)?.GetField("Instance", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as DbProviderFactory;
}
