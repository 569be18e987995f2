using System.Data.Common;
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

    /// <summary>Loads a code map from CSV: 0 loaded, 1 the file (or the database) refused and nothing loaded, 2 no such file.</summary>
    public static int LoadCsv(IServiceProvider services, CodeMapTable table, string path, TextWriter output, TextWriter error)
    {
        if (!File.Exists(path))
        {
            error.WriteLine($"load-csv: no file '{path}'.");
            return 2;
        }
        var file = CodeMapCsv.Read(table, path);
        if (!file.IsValid)
        {
            foreach (var problem in file.Problems)
            {
                error.WriteLine(problem);
            }
            error.WriteLine($"{path}: 文件被拒绝，未导入任何行 / the file is refused; nothing was loaded.");
            return 1;
        }

        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        try
        {
            var engine = services.GetRequiredService<DatabaseEngine>();
            using var connection = engine.OpenWritable(options, services);
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

}
