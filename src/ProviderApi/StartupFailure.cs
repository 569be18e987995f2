using System.Reflection;
using Microsoft.Extensions.Options;
using ProviderApi.Data;
using ProviderApi.Data.Demo;

namespace ProviderApi;

/// <summary>Tells a wrong setting (reported in one line, exit code 1) from a defect (left to crash loudly).</summary>
internal static class StartupFailure
{
    public static bool IsSettingProblem(Exception exception) => exception switch
    {
        OptionsValidationException or DemoDatabaseException or MigrationException => true,
        // A database server that cannot be reached or refuses the login: say so in one line.
        Npgsql.NpgsqlException { InnerException: System.Net.Sockets.SocketException or TimeoutException } => true,
        Npgsql.PostgresException { SqlState: "28P01" or "28000" or "3D000" } => true,
        // The configuration binder's words for a value of the wrong type; the message names the key.
        InvalidOperationException { InnerException: not null } e => e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>
    /// False when another program hosts the provider (the test host's WebApplicationFactory): the
    /// exception must then reach that program rather than end in a line on standard error.
    /// </summary>
    public static bool IsOwnProcess => Assembly.GetEntryAssembly() == typeof(StartupFailure).Assembly;
}
