using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ProviderApi.Data;
using ProviderApi.Data.Demo;

namespace ProviderApi.Discovery;

/// <summary>
/// The <c>discover</c> verb: reads the HIS's catalog and bounded samples (<see cref="HisReader"/>),
/// ranks candidates for every source-view column (<see cref="Ranker"/>), prints a summary, and
/// writes the report (<c>--report</c>, JSON) and the draft source-view file (<c>--file</c>).
/// Exit 0 done (TODOs allowed), 1 the database could not be read, 2 a setting, option or schema is wrong.
/// </summary>
public static class DiscoverVerb
{
    public static int Run(IServiceProvider services, string? draftPath, string? reportPath, IReadOnlyList<string> schemas, TextWriter output, TextWriter error)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var options = Options(configuration);
        var problems = options.Problems().ToList();
        foreach (var path in new[] { draftPath, reportPath }.OfType<string>())
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is not null && !Directory.Exists(folder))
            {
                problems.Add($"no folder '{folder}' for '{path}'.");
            }
        }
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                error.WriteLine($"discover: {problem}");
            }
            return 2;
        }

        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var engine = services.GetRequiredService<DatabaseEngine>();
        var clock = services.GetRequiredService<TimeProvider>();
        var chosen = schemas.Count > 0 ? schemas : options.Schemas;
        HisRead read;
        try
        {
            if (database.Provider == DatabaseProvider.Demo)
            {
                // The demo file is made (or brought up to date) as serve would, before it is read.
                services.GetRequiredService<DemoDatabase>().EnsureReady();
            }
            read = new HisReader(engine, database, options, clock, error).Read(services, chosen);
        }
        catch (DiscoverException ex)
        {
            error.WriteLine($"discover stopped: {ex.Message}");
            if (ex.InnerException is { } inner && engine.IsLoginRefused(inner))
            {
                error.WriteLine(DatabaseEngine.LoginAdvice("Database:ConnectionString"));
            }
            return ex.ExitCode;
        }

        var ranking = Ranker.Rank(read.Tables, read.Joins);
        var report = DiscoverJsonContext.Build(engine.Provider.ToString(), read, ranking, options, engine.ReadOnlyMeans);
        WriteSummary(report, ranking, output);
        if (reportPath is not null)
        {
            File.WriteAllText(reportPath, JsonSerializer.Serialize(report, DiscoverJsonContext.Report.DiscoverReport), new UTF8Encoding(false));
            output.WriteLine($"报告 / report: {reportPath}");
        }
        if (draftPath is not null)
        {
            File.WriteAllText(draftPath, DraftWriter.Write(engine, ranking, read, options, clock.GetLocalNow()), new UTF8Encoding(false));
            output.WriteLine($"源视图草稿 / draft source views: {draftPath}");
        }
        return 0;
    }

    /// <summary>Section Discover; Schemas also as one comma-separated value (--Discover:Schemas=his,dbo).</summary>
    public static DiscoverOptions Options(IConfiguration configuration)
    {
        var section = configuration.GetSection(DiscoverOptions.Section);
        var options = new DiscoverOptions();
        section.Bind(options, o => o.ErrorOnUnknownConfiguration = false);
        var schemas = section.GetSection(nameof(DiscoverOptions.Schemas));
        options.Schemas = schemas.Value is { } list
            ? [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
            : [.. schemas.GetChildren().Select(c => c.Value).OfType<string>().Where(s => s.Trim().Length > 0)];
        return options;
    }

    private static void WriteSummary(DiscoverReport report, Ranking ranking, TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"discover — Database:Provider {report.Engine}: {report.TablesRead} of {report.TablesInCatalog} tables read, {report.RowsRead:N0} rows, {report.Seconds:0.0} s (at most {report.MaxRowsPerTable} rows per table, {report.MaxSeconds} s){(report.StoppedEarly ? "; stopped at a bound / 已达上限提前结束" : "")}"));
        output.WriteLine($"只读 / read-only: {report.ReadOnly}");
        foreach (var view in ranking.Fields.Select(f => f.Spec.View).Distinct())
        {
            output.WriteLine();
            output.WriteLine(ranking.MainTables.TryGetValue(view, out var main) ? $"{view} ← {main.Label}" : $"{view} ← ? (TODO)");
            foreach (var field in ranking.Fields.Where(f => f.Spec.View == view))
            {
                var top = field.Candidates.Count > 0 ? field.Candidates[0] : null;
                var second = field.Candidates.Skip(1).FirstOrDefault();
                var mark = top is null || top.Score < DraftWriter.Usable ? "TODO " : top.Score < DraftWriter.Sure || (second is not null && top.Score - second.Score < DraftWriter.Close) ? "check" : "     ";
                output.WriteLine($"  {mark} {field.Spec.Column,-28} {(top is null ? "—" : top.ToString())}{(second is null ? "" : $"   (next: {second})")}");
            }
        }
        if (report.Joins.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("joins / 关联:");
            foreach (var join in report.Joins)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {join.FromTable}.{join.FromColumn} → {join.ToTable}.{join.ToColumn}  {join.MatchRate:0.###}"));
            }
        }
        foreach (var unreadable in report.Unreadable)
        {
            output.WriteLine($"not read / 未能读取: {unreadable}");
        }
    }
}
