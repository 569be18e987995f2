using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using ProviderApi.Common;
using ProviderApi.Data;
using ProviderApi.Data.Demo;

namespace ProviderApi.Check;

/// <summary>How <c>check</c> writes its report.</summary>
public enum CheckFormat
{
    Text,
    Json,
}

/// <summary>The <c>check</c> and <c>load-csv</c> verbs, run over the built app's services as <c>migrate</c> is.</summary>
public static class CheckVerbs
{
    /// <summary>Runs the contract check; 0 when no error-level rule is broken (warnings allowed), 1 otherwise or when a view cannot be read.</summary>
    public static async Task<int> CheckAsync(IServiceProvider services, CheckFormat format, int examples, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (options.Provider == DatabaseProvider.Demo)
        {
            // The demo file is made (or brought up to date) as serve would, before it is read.
            services.GetRequiredService<DemoDatabase>().EnsureReady();
        }

        AcceptanceList accepted;
        try
        {
            accepted = services.GetRequiredService<AcceptedExceptions>().Current();
        }
        catch (AcceptedExceptionsRefusedException ex)
        {
            foreach (var line in ex.Lines())
            {
                await error.WriteLineAsync(line);
            }
            await error.WriteLineAsync("check stopped: 请改正已接受例外文件 / correct the accepted-exceptions file (Check:AcceptedExceptionsPath).");
            return 1;
        }

        CheckReport report;
        try
        {
            var today = AcceptedExceptions.Today(services.GetRequiredService<TimeProvider>());
            report = await ActivatorUtilities.CreateInstance<ContractCheck>(services).RunAsync(examples, accepted, today, cancellationToken);
        }
        catch (ContractCheckException ex)
        {
            await error.WriteLineAsync($"check stopped: {ex.Message}");
            if (DatabaseEngine.For(options.Provider).IsLoginRefused(ex.InnerException!))
            {
                await error.WriteLineAsync(DatabaseEngine.LoginAdvice("Database:ConnectionString"));
            }
            return 1;
        }

        if (format == CheckFormat.Json)
        {
            CheckReportWriter.WriteJson(report, output);
        }
        else
        {
            CheckReportWriter.WriteText(report, output);
        }
        return report.ExitCode;
    }

    /// <summary>
    /// Loads a code map, the standard's code table or a grouped crosswalk file from CSV: 0 loaded, 1 the file (or the
    /// database) refused and nothing loaded, 2 no such file. The crosswalk's codes are checked against exam_part_code
    /// when the hospital has loaded it.
    /// </summary>
    public static int LoadCsv(IServiceProvider services, CodeMapTable table, string path, TextWriter output, TextWriter error)
    {
        if (!File.Exists(path))
        {
            error.WriteLine($"load-csv: no file '{path}'.");
            return 2;
        }

        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        try
        {
            var engine = services.GetRequiredService<DatabaseEngine>();
            using var connection = engine.OpenWritable(options, services);
            var codes = table is CodeMapTable.ExamPartMap or CodeMapTable.ExamPartRule
                ? connection.Query<string>($"SELECT exam_part FROM {engine.Imgcloud("exam_part_code")}").ToHashSet(StringComparer.Ordinal)
                : [];
            if (table == CodeMapTable.ExamPartRule)
            {
                var grouped = CrosswalkCsv.Read(path, codes);
                if (!grouped.IsValid)
                {
                    return Refused(grouped.Problems, path, error);
                }
                var loaded = CrosswalkLoader.Load(grouped, connection, engine);
                output.WriteLine($"{path}: 已导入 {loaded.Rules} 条规则到 {engine.Imgcloud("exam_part_rule")}（新增 {loaded.NewRules}，替换 {loaded.Rules - loaded.NewRules}），{loaded.Items} 条单项对照到 {engine.Imgcloud("exam_part_map")}（新增 {loaded.NewItems}，替换 {loaded.Items - loaded.NewItems}）；{loaded.Skipped} 行未填 exam_part，已跳过");
                output.WriteLine($"{path}: loaded {loaded.Rules} rules into {engine.Imgcloud("exam_part_rule")} ({loaded.NewRules} new, {loaded.Rules - loaded.NewRules} replaced) and {loaded.Items} overrides into {engine.Imgcloud("exam_part_map")} ({loaded.NewItems} new, {loaded.Items - loaded.NewItems} replaced); {loaded.Skipped} lines without an exam_part skipped.");
                return 0;
            }

            var file = CodeMapCsv.Read(table, path);
            if (file.IsValid && codes.Count > 0)
            {
                // The standard's table is loaded: a code outside it is refused like a malformed one.
                file = file with
                {
                    Problems = [.. file.Rows.Where(r => !codes.Contains(r.Value)).Select(r => new CsvProblem(r.Line,
                        $"exam_part '{r.Value}' 不在标准编码表（exam_part_code）中", $"exam_part '{r.Value}' is not in the standard's code table (exam_part_code)"))],
                };
            }
            if (!file.IsValid)
            {
                return Refused(file.Problems, path, error);
            }
            var result = CodeMapLoader.Load(file, connection, engine);
            output.WriteLine($"{path}: 已导入 {result.Rows} 行到 {result.Table}（新增 {result.Inserted}，替换 {result.Replaced}；其他编码的行保留）");
            output.WriteLine($"{path}: loaded {result.Rows} rows into {result.Table} ({result.Inserted} new, {result.Replaced} replaced; rows of other codes kept).");
            return 0;
        }
        catch (DbException ex)
        {
            error.WriteLine($"load-csv: {Masking.Redact(ex.Message)}");
            error.WriteLine($"{path}: 已回滚，未导入任何行 / rolled back; nothing was loaded.");
            return 1;
        }
        catch (NotSupportedException ex)
        {
            error.WriteLine($"load-csv: {ex.Message}");
            return 1;
        }
    }

    private static int Refused(IEnumerable<CsvProblem> problems, string path, TextWriter error)
    {
        foreach (var problem in problems)
        {
            error.WriteLine(problem);
        }
        error.WriteLine($"{path}: 文件被拒绝，未导入任何行 / the file is refused; nothing was loaded.");
        return 1;
    }

    /// <summary>
    /// Writes the unmapped exam items grouped (<see cref="CrosswalkExport"/>) to <paramref name="path"/> for a radiologist:
    /// 0 written (also when nothing is unmapped: the header alone), 1 the crosswalk could not be read or the file not written.
    /// </summary>
    public static async Task<int> ExportCrosswalkAsync(IServiceProvider services, string path, bool withItems, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (options.Provider == DatabaseProvider.Demo)
        {
            services.GetRequiredService<DemoDatabase>().EnsureReady();
        }
        Crosswalk crosswalk;
        try
        {
            crosswalk = await Crosswalk.ReadAsync(services.GetRequiredService<ViewReader>(), services.GetRequiredService<DatabaseEngine>(), options, cancellationToken);
        }
        catch (ContractCheckException ex)
        {
            await error.WriteLineAsync($"export-crosswalk stopped: {ex.Message}");
            if (DatabaseEngine.For(options.Provider).IsLoginRefused(ex.InnerException!))
            {
                await error.WriteLineAsync(DatabaseEngine.LoginAdvice("Database:ConnectionString"));
            }
            return 1;
        }

        var groups = CrosswalkExport.Groups(crosswalk);
        try
        {
            CrosswalkCsv.Write(path, CrosswalkExport.Lines(groups, withItems));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"export-crosswalk: {path}: {ex.Message}");
            return 1;
        }
        var items = groups.Sum(g => g.Items.Count);
        var lines = groups.Sum(g => g.Settlements);
        var itemLines = withItems ? items : 0;
        if (items == 0)
        {
            await output.WriteLineAsync($"{path}: 所有检查项目均已对照，文件只有表头 / every exam item is mapped; the file holds the header only.");
            return 0;
        }
        await output.WriteLineAsync($"{path}: {items} 个未对照检查项目（{lines} 行结算）分为 {groups.Count} 组，另有 {itemLines} 行单项；请放射科在 exam_part 列按组填写编码，再用 load-csv --table exam-part-rule 导入");
        await output.WriteLineAsync($"{path}: {items} unmapped exam items ({lines} settlement lines) in {groups.Count} groups, and {itemLines} item lines; a radiologist fills exam_part per group, then load-csv --table exam-part-rule loads it.");
        return 0;
    }
}
