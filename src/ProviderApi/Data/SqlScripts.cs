using System.Reflection;

namespace ProviderApi.Data;

/// <summary>One script of a migration: where it comes from and whether it runs every time.</summary>
/// <param name="Name">The name it is journaled and printed under (shipped: its path under sql/; the hospital's: hospital/ + file name).</param>
/// <param name="RunAlways">Views and grants run every time (a journal would skip them); tables once.</param>
/// <param name="Text">The script's text, exactly as the file holds it.</param>
public sealed record SqlScript(string Name, bool RunAlways, string Text);

/// <summary>
/// The scripts of <c>sql/</c>, embedded at build time (the provider runs exactly the files a
/// DBA reads, never a copy), and the order they run in for each engine.
/// </summary>
public static class SqlScripts
{
    private static readonly Assembly Assembly = typeof(SqlScripts).Assembly;

    public static string Read(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"SQL script '{name}' is not embedded in {Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// What a migration runs, in order (<see cref="DatabaseEngine.Plan"/>). The hospital's folder
    /// (<see cref="DatabaseOptions.SourceViewsPath"/>), when set, takes the place of the shipped reference source views.
    /// </summary>
    public static IReadOnlyList<SqlScript> Plan(DatabaseProvider provider, bool withDemo, string? sourceViewsPath) =>
        DatabaseEngine.For(provider).Plan(withDemo, HospitalSourceViews(sourceViewsPath));

    private static SqlScript[]? HospitalSourceViews(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }
        if (!Directory.Exists(path))
        {
            throw new MigrationException($"Database:SourceViewsPath '{path}' is not a folder.");
        }
        var files = Directory.GetFiles(path, "*.sql").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            throw new MigrationException($"Database:SourceViewsPath '{path}' holds no *.sql file; copy the shipped source views there as a start.");
        }
        return files.Select(f => new SqlScript($"hospital/{Path.GetFileName(f)}", RunAlways: true, File.ReadAllText(f))).ToArray();
    }
}

/// <summary>A migration that cannot run as configured; the message names the setting.</summary>
/// <param name="message">What failed and what to do, naming the setting.</param>
/// <param name="inner">The driver's error, when there is one.</param>
/// <param name="script">The script that failed (its plan name, e.g. postgresql/03_source_views.sql), when one did.</param>
public sealed class MigrationException(string message, Exception? inner = null, string? script = null) : Exception(message, inner)
{
    public string? Script { get; } = script;
}
