using System.Text.Json;

namespace ProviderApi.Check;

/// <summary>The report of the check as a DBA reads it (text, Chinese and English) or as a program reads it (JSON).</summary>
public static class CheckReportWriter
{
    public static void WriteJson(CheckReport report, TextWriter output)
    {
        output.WriteLine(JsonSerializer.Serialize(report, CheckJsonContext.Report.CheckReport));
    }

    public static void WriteText(CheckReport report, TextWriter output)
    {
        output.WriteLine($"上线前检查 / Pre-go-live contract check — Database:Provider {report.Provider}");
        foreach (var view in report.Views)
        {
            output.WriteLine();
            output.WriteLine($"{view.View}: {view.Rows} 行 / rows read");
            if (view.Findings.Count == 0)
            {
                output.WriteLine("  全部符合 / every rule holds");
            }
            foreach (var finding in view.Findings)
            {
                WriteFinding(finding, output);
            }
        }

        output.WriteLine();
        var crosswalk = report.Crosswalk;
        output.WriteLine($"检查部位对照 / examPart crosswalk ({crosswalk.Table}): {crosswalk.Unmapped.Count} 个检查项目未对照 / exam items unmapped");
        if (crosswalk.Unmapped.Count > 0)
        {
            var rule = CheckRules.ExamPartUnmapped;
            output.WriteLine($"  {Label(rule.Severity)} {rule.Id}  {rule.Chinese}");
            output.WriteLine($"      {rule.English}");
            foreach (var item in crosswalk.Unmapped)
            {
                output.WriteLine($"      {item.ExamCode}  {item.ExamName}  ({item.Hospitalld})");
            }
        }

        output.WriteLine();
        var errorRules = report.Findings.Count(f => f.Severity == RuleSeverity.Error);
        var warningRules = report.Findings.Count(f => f.Severity == RuleSeverity.Warning);
        output.WriteLine(
            $"结果 / Result: {(report.Passed ? "通过 / PASSED" : "未通过 / FAILED")} — {report.Errors} 处错误（{errorRules} 条规则）/ errors ({errorRules} rules), {report.Warnings} 处警告（{warningRules} 条规则）/ warnings ({warningRules} rules); exit {report.ExitCode}");
    }

    private static void WriteFinding(RuleFinding finding, TextWriter output)
    {
        output.WriteLine($"  {Label(finding.Severity)} {finding.Rule}  {finding.Field}  {finding.Count} 行 / rows");
        output.WriteLine($"      {finding.MessageZh}");
        output.WriteLine($"      {finding.MessageEn}");
        if (finding.Examples.Count > 0)
        {
            var examples = finding.Examples.Select(e => e.Value is null ? $"{e.Row} → NULL" : $"{e.Row} → '{e.Value}'");
            output.WriteLine($"      例 / e.g.: {string.Join("; ", examples)}");
        }
    }

    private static string Label(RuleSeverity severity) => severity == RuleSeverity.Error ? "错误 ERROR  " : "警告 WARNING";
}
