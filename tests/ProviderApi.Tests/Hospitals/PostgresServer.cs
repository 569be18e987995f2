using Npgsql;

namespace ProviderApi.Tests.Hospitals;

/// <summary>
/// The PostgreSQL server the tests use: IMGCLOUD_TEST_POSTGRES (an admin connection string;
/// tests/run.sh starts a throwaway server and sets it). Unreachable, its tests skip with the
/// reason, except under CI=true, where they fail: CI must run them for real.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "IMGCLOUD_TEST_POSTGRES";

    private static readonly Lazy<string?> Unavailable = new(Probe);

    public static string AdminConnectionString => Environment.GetEnvironmentVariable(Variable) ?? "";

    /// <summary>Null when the server answers; otherwise why not.</summary>
    public static string? UnavailableReason => Unavailable.Value;

    public static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void SkipUnlessAvailable() => SkipUnlessReachable("PostgreSQL", UnavailableReason);

    /// <summary>Skips the calling test with the reason an engine's server is unreachable, or fails it under CI=true, where it must run for real.</summary>
    public static void SkipUnlessReachable(string engine, string? unavailableReason)
    {
        if (unavailableReason is null)
        {
            return;
        }
        if (UnderCi)
        {
            Assert.Fail($"CI=true and {engine} is not reachable: {unavailableReason}");
        }
        Assert.Skip($"{engine} not reachable: {unavailableReason} (bash tests/run.sh starts one)");
    }

    private static string? Probe()
    {
        if (string.IsNullOrWhiteSpace(AdminConnectionString))
        {
            return $"{Variable} is not set";
        }
        try
        {
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AdminConnectionString) { Timeout = 3 }.ToString());
            connection.Open();
            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            return ex.Message;
        }
    }

    /// <summary>A connection string to <paramref name="database"/> on the test server, resolving the imgcloud and his schemas unqualified.</summary>
    public static string ConnectionString(string database, string searchPath = "imgcloud, his, public") =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, SearchPath = searchPath, Pooling = false }.ToString();

    public static void Execute(string sql, string database = "postgres")
    {
        using var connection = new NpgsqlConnection(ConnectionString(database));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>A new empty database with a unique name.</summary>
    public static string CreateDatabase()
    {
        var name = $"imgcloud_test_{Guid.NewGuid():N}"[..40];
        Execute($"CREATE DATABASE {name}");
        return name;
    }

    public static void DropDatabase(string name)
    {
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }
}
