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
                output.WriteLine(view.Accepted.Count == 0 ? "  全部符合 / every rule holds" : "  除已接受的例外外全部符合 / every rule holds but for the accepted exceptions");
            }
            foreach (var finding in view.Findings)
            {
                WriteFinding(finding, output);
            }
            foreach (var finding in view.Accepted)
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

        if (report.Accepted is { } accepted)
        {
            WriteAccepted(accepted, output);
        }

        output.WriteLine();
        var errorRules = report.Findings.Count(f => f.Severity == RuleSeverity.Error);
        var warningRules = report.Findings.Count(f => f.Severity == RuleSeverity.Warning);
        var acceptedText = report.Accepted is null
            ? ""
            : $", {report.AcceptedProblems} 处已接受（{report.Accepted.Acceptances.Count(a => a.AcceptedRows > 0)} 条例外）/ accepted ({report.Accepted.Acceptances.Count(a => a.AcceptedRows > 0)} acceptances)";
        output.WriteLine(
            $"结果 / Result: {(report.Passed ? "通过 / PASSED" : "未通过 / FAILED")} — {report.Errors} 处错误（{errorRules} 条规则）/ errors ({errorRules} rules), {report.Warnings} 处警告（{warningRules} 条规则）/ warnings ({warningRules} rules){acceptedText}; exit {report.ExitCode}");
    }

    /// <summary>Each acceptance: what it covers, why, who agreed, until when, how many rows; and what needs the DBA (unused, expiring, expired, exceeded).</summary>
    private static void WriteAccepted(AcceptedReport accepted, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"已接受的例外 / Accepted exceptions ({accepted.Path}): {accepted.Acceptances.Count} 条 / acceptances");
        foreach (var a in accepted.Acceptances)
        {
            var label = a.State switch
            {
                "exceeded" or "expired" when a.Fails => "错误 ERROR   ",
                "ok" => "已接受 ACCEPTED",
                _ => "警告 WARNING ",
            };
            output.WriteLine($"  {label} #{a.Number} {a.View} {a.Rule}  {a.Field}  {a.AcceptedRows} 行 / rows");
            output.WriteLine($"      范围 / scope: {a.ScopeZh} / {a.Scope}; 有效至 / until {a.Expires}");
            output.WriteLine($"      原因 / reason: {a.Reason}");
            output.WriteLine($"      同意方 / agreed by: {a.AgreedBy}");
            switch (a.State)
            {
                case "exceeded":
                    output.WriteLine($"      超出上限：另有 {a.OverLimitRows} 行未被接受，按错误计 / over its limit: {a.OverLimitRows} more rows are not accepted and count as errors");
                    break;
                case "expired":
                    output.WriteLine(a.ExpiredRows > 0
                        ? $"      已于 {a.Expires} 到期：其 {a.ExpiredRows} 行按错误计（与云平台续期后改 expires）/ expired on {a.Expires}: its {a.ExpiredRows} rows count as errors (renew it with the cloud, then change expires)"
                        : $"      已于 {a.Expires} 到期，且未匹配任何行：可删除 / expired on {a.Expires} and matches no row: remove it");
                    break;
                case "unused":
                    output.WriteLine("      未匹配任何行：问题已修复则可删除 / matches no row: remove it if the problem is fixed");
                    break;
                case "expiring":
                    output.WriteLine($"      {a.DaysLeft} 天后到期（{a.Expires} 为最后一天）/ expires in {a.DaysLeft} days ({a.Expires} is its last day)");
                    break;
            }
        }
    }

    private static void WriteFinding(RuleFinding finding, TextWriter output)
    {
        var label = finding.Acceptance is { } number ? $"已接受 ACCEPTED (#{number})" : Label(finding.Severity);
        output.WriteLine($"  {label} {finding.Rule}  {finding.Field}  {finding.Count} 行 / rows");
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
