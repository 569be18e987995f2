using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ProviderApi.Tests.Drivers;

/// <summary>
/// A stand-in for Oracle.ManagedDataAccess.Core, compiled at test time (the real package cannot
/// be had here): an assembly named Oracle.ManagedDataAccess with the driver's factory, a
/// connection and OracleException (with Number), laid out as Oracle ships it: the bare DLL, the
/// package unpacked (lib/&lt;framework&gt;/) or the .nupkg. Opening a connection fails as a server
/// would: the Data Source "ORA-28040" refuses with that number (any ORA-nnnnn), anything else
/// with ORA-12541 (no listener).
/// </summary>
public static class FakeOracleDriver
{
    private const string Dll = "Oracle.ManagedDataAccess.dll";
    private static readonly ConcurrentDictionary<string, byte[]> Compiled = new();

    /// <summary>The assembly version Oracle gives each line (2.0.19.1, 3.1.21.1, 23.1.0.0): the package's release is not in it.</summary>
    public static string AssemblyVersionOf(string release) => release.Split('.') switch
    {
        ["2", var minor, _] => $"2.0.{minor}.1",
        ["3", var minor, _] => $"3.1.{minor}.1",
        [var major, ..] => $"{major}.1.0.0",
        _ => throw new ArgumentException(release, nameof(release)),
    };

    /// <summary>A connection string whose server refuses with ORA-<paramref name="number"/>.</summary>
    public static string Refusing(int number) => $"Data Source=ORA-{number:00000};User Id=imgcloud_provider;Password=secret";

    /// <summary>The DLL alone, written into <paramref name="folder"/>; returns its path.</summary>
    public static string WriteDll(string folder, string release)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Dll);
        File.WriteAllBytes(path, Compile(AssemblyVersionOf(release)));
        return path;
    }

    /// <summary>The package unpacked into <paramref name="root"/>: its .nuspec and lib/&lt;framework&gt;/ for each of <paramref name="frameworks"/>.</summary>
    public static string WriteUnpacked(string root, string release, params string[] frameworks)
    {
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "oracle.manageddataaccess.core.nuspec"), Nuspec(release));
        foreach (var framework in frameworks)
        {
            WriteDll(Path.Combine(root, "lib", framework), release);
        }
        return root;
    }

    /// <summary>The .nupkg as downloaded, written into <paramref name="folder"/>; returns its path.</summary>
    public static string WriteNupkg(string folder, string release, params string[] frameworks)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"oracle.manageddataaccess.core.{release}.nupkg");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using (var writer = new StreamWriter(zip.CreateEntry("Oracle.ManagedDataAccess.Core.nuspec").Open()))
        {
            writer.Write(Nuspec(release));
        }
        foreach (var framework in frameworks)
        {
            using var entry = zip.CreateEntry($"lib/{framework}/{Dll}").Open();
            entry.Write(Compile(AssemblyVersionOf(release)));
        }
        return path;
    }

    private static string Nuspec(string release) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
          <metadata>
            <id>Oracle.ManagedDataAccess.Core</id>
            <version>{release}</version>
            <authors>Oracle (fake, for tests)</authors>
          </metadata>
        </package>
        """;

    private static byte[] Compile(string assemblyVersion) => Compiled.GetOrAdd(assemblyVersion, version =>
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Private.CoreLib.dll" or "System.Data.Common.dll" or "System.ComponentModel.Primitives.dll"
                or "System.Text.RegularExpressions.dll" or "netstandard.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(
            "Oracle.ManagedDataAccess",
            [CSharpSyntaxTree.ParseText(Source(version))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return stream.ToArray();
    });

    private static string Source(string assemblyVersion) => $$"""
        using System;
        using System.Data;
        using System.Data.Common;
        using System.Text.RegularExpressions;

        [assembly: System.Reflection.AssemblyVersion("{{assemblyVersion}}")]

        namespace Oracle.ManagedDataAccess.Client
        {
            public sealed class OracleClientFactory : DbProviderFactory
            {
                public static readonly OracleClientFactory Instance = new OracleClientFactory();
                public override DbConnection CreateConnection() => new OracleConnection();
                public override DbConnectionStringBuilder CreateConnectionStringBuilder() => new DbConnectionStringBuilder();
            }

            public sealed class OracleException : DbException
            {
                public OracleException(int number, string message) : base(message) { Number = number; }
                public int Number { get; }
            }

            public sealed class OracleConnection : DbConnection
            {
                private string connectionString = "";
                public override string ConnectionString { get => connectionString; set => connectionString = value ?? ""; }
                public override string Database => "";
                public override string DataSource => "";
                public override string ServerVersion => "";
                public override ConnectionState State => ConnectionState.Closed;
                public override void ChangeDatabase(string databaseName) { }
                public override void Close() { }
                protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => throw new NotSupportedException();
                protected override DbCommand CreateDbCommand() => throw new NotSupportedException();
                public static void ClearPool(OracleConnection connection) { }

                public override void Open()
                {
                    var match = Regex.Match(connectionString, @"ORA-(\d{5})");
                    var number = match.Success ? int.Parse(match.Groups[1].Value) : 12541;
                    throw new OracleException(number, number switch
                    {
                        28040 => "ORA-28040: No matching authentication protocol",
                        3134 => "ORA-03134: Connections to this server version are no longer supported.",
                        1017 => "ORA-01017: invalid username/password; logon denied",
                        12541 => "ORA-12541: TNS:no listener",
                        _ => $"ORA-{number:00000}: refused by the fake server",
                    });
                }
            }
        }
        """;
}
