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

        WriteCrosswalk(report.Crosswalk, output);

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

    /// <summary>The crosswalk's coverage: the totals, each rule's share, the overrides, what nothing maps, disagreeing rules, unknown codes.</summary>
    private static void WriteCrosswalk(CrosswalkReport crosswalk, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"检查部位对照 / examPart crosswalk: {crosswalk.Items} 个检查项目 / exam items, {crosswalk.Settlements} 行结算 / settlement lines in the window");
        output.WriteLine($"  单项对照 / by override ({crosswalk.Table}): {crosswalk.ByOverride.Items} 项 / items, {crosswalk.ByOverride.Settlements} 行 / lines"
            + (crosswalk.Overrides.Unused > 0 ? $"; {crosswalk.Overrides.Unused} 行对照的编码不在字典中 / override rows name a code the dictionary lacks" : ""));
        output.WriteLine($"  按规则 / by rule ({crosswalk.RuleTable}): {crosswalk.ByRule.Items} 项 / items, {crosswalk.ByRule.Settlements} 行 / lines, {crosswalk.Rules.Count} 条规则 / rules");
        foreach (var rule in crosswalk.Rules)
        {
            var shadowed = rule.Items == 0 && rule.Matched > 0 ? $"  (匹配 {rule.Matched} 项，均被前面的规则或单项对照取代 / matches {rule.Matched}, all taken by rules above or overrides)"
                : rule.Matched == 0 ? "  (不匹配任何项目 / matches no item)"
                : rule.Matched > rule.Items ? $"  (另匹配 {rule.Matched - rule.Items} 项，被前面的规则或单项对照取代 / {rule.Matched - rule.Items} more matched, taken above)" : "";
            output.WriteLine($"    #{rule.RuleNo} {Describe(rule)} → {rule.ExamPart}: {rule.Items} 项 / items, {rule.Settlements} 行 / lines{shadowed}");
        }
        output.WriteLine($"  未对照 / unmapped: {crosswalk.Unmapped.Count} 项 / items, {crosswalk.UnmappedSettlements} 行结算的 examPart 为空 / settlement lines with examPart NULL");
        if (crosswalk.Unmapped.Count > 0)
        {
            WriteCrosswalkRule(CheckRules.ExamPartUnmapped, $"{crosswalk.Unmapped.Count} 项 / items",
                crosswalk.Unmapped.Select(item => $"{item.ExamCode}  {item.ExamName}  ({item.Hospitalld})  {item.Settlements} 行 / lines"), output);
            output.WriteLine("      分组导出供放射科填写 / export them grouped for a radiologist: ProviderApi export-crosswalk --file groups.csv");
        }
        if (crosswalk.Disagreements.Count > 0)
        {
            WriteCrosswalkRule(CheckRules.ExamPartRulesDisagree, $"{crosswalk.Disagreements.Count} 项 / items", crosswalk.Disagreements.Select(d =>
            {
                var used = d.Winner == "override" ? "单项对照 / override" : $"规则 / rule {d.Rules[0].RuleNo}";
                return $"{d.ExamCode}  {d.ExamName}  ({d.Hospitalld}): {string.Join(", ", d.Rules.Select(r => $"#{r.RuleNo} → {r.ExamPart}"))}; 采用 / used: {used} → {d.ExamPart}";
            }), output);
        }
        if (crosswalk.Codes == 0)
        {
            output.WriteLine($"  编码表 / code table ({crosswalk.CodeTable}): 空，只检查编码格式（9 位大写字母或数字）；本程序不附带 WS/T 364.8-2023 编码表，可用 load-csv --table exam-part-code 导入");
            output.WriteLine("      empty: only the format is checked (9 upper-case letters or digits); the WS/T 364.8-2023 code table does not ship with the provider: load it with load-csv --table exam-part-code");
        }
        else
        {
            output.WriteLine($"  编码表 / code table ({crosswalk.CodeTable}): {crosswalk.Codes} 个编码 / codes; {crosswalk.UnknownCodes.Count} 个对照编码不在表中 / crosswalk codes not in it");
            if (crosswalk.UnknownCodes.Count > 0)
            {
                WriteCrosswalkRule(CheckRules.ExamPartUnknown, $"{crosswalk.UnknownCodes.Count} 行 / rows",
                    crosswalk.UnknownCodes.Select(unknown => $"{unknown.Source} → '{unknown.ExamPart}'"), output);
            }
        }
    }

    /// <summary>A crosswalk finding: its rule with severity and count, what it means in both languages, then one line per item or row.</summary>
    private static void WriteCrosswalkRule(CheckRule rule, string count, IEnumerable<string> lines, TextWriter output)
    {
        output.WriteLine($"  {Label(rule.Severity)} {rule.Id}  {count}");
        output.WriteLine($"      {rule.Chinese}");
        output.WriteLine($"      {rule.English}");
        foreach (var line in lines)
        {
            output.WriteLine($"      {line}");
        }
    }

    /// <summary>A rule's conditions as a DBA reads them: modality, body part, name pattern, contrast, institution; "any" for a NULL.</summary>
    private static string Describe(RuleCoverage rule)
    {
        var parts = new List<string>();
        parts.Add(rule.Modality ?? "*");
        if (rule.BodyPart is not null)
        {
            parts.Add($"body_part LIKE '{rule.BodyPart}'");
        }
        if (rule.NamePattern is not null)
        {
            parts.Add($"name LIKE '{rule.NamePattern}'");
        }
        if (rule.Contrast is not null)
        {
            parts.Add(rule.Contrast);
        }
        if (rule.HospitalId != ContractCheck.AllInstitutions)
        {
            parts.Add($"({rule.HospitalId})");
        }
        return string.Join(' ', parts);
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
