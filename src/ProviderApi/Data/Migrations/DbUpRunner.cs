using System.Text;
using DbUp.Builder;
using DbUp.Engine;
using DbUp.Engine.Output;

namespace ProviderApi.Data.Migrations;

/// <summary>Runs a plan through DbUp, for engines that have a DbUp provider: in our order, in one transaction, journaled.</summary>
public static class DbUpRunner
{
    public static void Run(UpgradeEngineBuilder builder, IReadOnlyList<SqlScript> scripts, TextWriter log)
    {
        var result = builder
            .WithScripts(scripts.Select((s, i) => new DbUp.Engine.SqlScript(s.Name, s.Text, new SqlScriptOptions
            {
                ScriptType = s.RunAlways ? DbUp.Support.ScriptType.RunAlways : DbUp.Support.ScriptType.RunOnce,
                RunGroupOrder = i, // our order, not DbUp's alphabetical one
            })))
            .WithTransaction()
            .WithVariablesDisabled()
            .LogTo(new WriterLog(log))
            .Build()
            .PerformUpgrade();
        if (!result.Successful)
        {
            throw new MigrationException($"Migration stopped at {result.ErrorScript?.Name ?? "the start"} and was rolled back: {result.Error?.Message}", result.Error, result.ErrorScript?.Name);
        }
    }

    /// <summary>DbUp's log, written to the verb's output.</summary>
    private sealed class WriterLog(TextWriter writer) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) { }

        public void LogDebug(string format, params object[] args) { }

        public void LogInformation(string format, params object[] args) => writer.WriteLine(Format(format, args));

        public void LogWarning(string format, params object[] args) => writer.WriteLine("warning: " + Format(format, args));

        public void LogError(string format, params object[] args) => writer.WriteLine("error: " + Format(format, args));

        public void LogError(Exception ex, string format, params object[] args) => writer.WriteLine("error: " + Format(format, args) + " " + ex.Message);

        private static string Format(string format, object[] args) =>
            args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, CompositeFormat.Parse(format), args);
    }
}
