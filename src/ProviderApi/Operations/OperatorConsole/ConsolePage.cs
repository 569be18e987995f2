using System.Globalization;
using System.Net;
using System.Text;

namespace ProviderApi.Operations.OperatorConsole;

/// <summary>
/// The operator console as one HTML page, drawn on the server from a <see cref="ConsoleSnapshot"/>:
/// charts as inline SVG, each with its data as a table beside it, Chinese first with an English
/// switch (both texts are in the page; CSS shows one). No outside file, font or script library;
/// the little script (the buttons, the language switch) keeps to what Chrome 109 runs.
/// </summary>
public static class ConsolePage
{
    /// <summary>The header the console's buttons send with each POST: a form or a link of another site cannot set it.</summary>
    public const string ActionHeader = "X-Imgcloud-Console";

    public const string Favicon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1565c0"/><path d="M6 22 L12 14 L17 19 L26 8" stroke="#fff" stroke-width="3" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>
        """;

    private static readonly Dictionary<string, (string Zh, string En, string Colour)> SeriesNames = new(StringComparer.Ordinal)
    {
        ["answers"] = ("应答", "answers", "#2e7d32"),
        ["failures"] = ("失败", "failures", "#c62828"),
        ["ok"] = ("成功", "ok", "#2e7d32"),
        ["error"] = ("出错", "error", "#c62828"),
        ["delivered"] = ("已送达", "delivered", "#2e7d32"),
        ["refused_by_cloud"] = ("云端拒绝", "refused by cloud", "#ef6c00"),
        ["failed"] = ("失败", "failed", "#c62828"),
        ["too_old"] = ("超时未发", "too old", "#6a1b9a"),
        ["queue_full"] = ("队列满", "queue full", "#795548"),
        ["dropped_at_shutdown"] = ("停机丢弃", "dropped at shutdown", "#546e7a"),
    };

    public static string Render(ConsoleSnapshot s)
    {
        var h = new StringBuilder(32 * 1024);
        h.Append("""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>医保影像云接口 运行状态 · Imaging cloud exchange</title>
            <link rel="icon" href="favicon.svg" type="image/svg+xml">
            <style>
            body{font-family:"Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei",sans-serif;margin:0;background:#f4f6f8;color:#1f2933;font-size:14px}
            header{background:#1565c0;color:#fff;padding:10px 20px;display:flex;align-items:center;justify-content:space-between;flex-wrap:wrap}
            header h1{font-size:20px;margin:0}
            main{padding:12px 20px;display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:14px}
            section{background:#fff;border-radius:6px;padding:12px 16px;box-shadow:0 1px 2px rgba(0,0,0,.15)}
            section h2{font-size:16px;margin:0 0 8px}
            html[lang="zh-CN"] .en{display:none} html[lang="en"] .zh{display:none}
            .badge{display:inline-block;padding:2px 8px;border-radius:10px;font-size:12px;color:#fff;margin-right:6px}
            .good{background:#2e7d32} .bad{background:#c62828} .warn{background:#ef6c00} .idle{background:#78909c}
            table{border-collapse:collapse;margin:6px 0;font-size:12px}
            th,td{border:1px solid #d9dee3;padding:2px 6px;text-align:right;white-space:nowrap} th{background:#eef1f4} td.t,th.t{text-align:left;white-space:normal}
            .figure{display:flex;gap:12px;align-items:flex-start;flex-wrap:wrap;margin:6px 0}
            .scroll{overflow-x:auto;max-width:100%} table.data th{white-space:nowrap} .tall{max-height:320px;overflow-y:auto}
            button{background:#1565c0;color:#fff;border:0;border-radius:4px;padding:5px 12px;cursor:pointer;font-size:13px;margin:4px 6px 4px 0}
            button:disabled{background:#90a4ae;cursor:default}
            #lang{background:#fff;color:#1565c0}
            pre{background:#f4f6f8;padding:6px;font-size:12px;overflow-x:auto;max-height:260px}
            .muted{color:#607080;font-size:12px} .msg{font-size:12px;margin-left:6px}
            </style>
            </head>
            <body>
            """);
        h.Append("<header><h1>").Append(T("医保影像云接口 运行状态", "Imaging cloud exchange: status")).Append("</h1><div>")
            .Append("<span class=\"muted\" style=\"color:#dbe7f6\">").Append(T("生成于 ", "Generated ")).Append(Time(s.GeneratedAt)).Append("</span> ")
            .Append("<button id=\"lang\" type=\"button\">English</button></div></header>\n<main>\n");
        Summary(h, s);
        Cloud(h, s);
        Dictionaries(h, s);
        Database(h, s);
        Push(h, s);
        Relay(h, s);
        Check(h, s);
        SelfTest(h, s);
        h.Append("</main>\n<p class=\"muted\" style=\"padding:0 20px\">")
            .Append(T("历史计数保存于 ", "History kept in ")).Append(E(s.History.Location))
            .Append(T($"（按小时，保留 {s.History.KeepDays} 天）", $" (hourly, {s.History.KeepDays} days)"));
        if (s.History.Problem is { } problem)
        {
            h.Append(" <span class=\"badge bad\">").Append(E(problem)).Append("</span>");
        }
        h.Append("</p>\n<script>\n").Append(Script).Append("\n</script>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static void Summary(StringBuilder h, ConsoleSnapshot s)
    {
        h.Append("<section id=\"summary\" style=\"grid-column:1/-1\"><h2>").Append(T("概览", "At a glance")).Append("</h2>");
        h.Append(s.Cloud.Callers.Count == 0 ? Badge("idle", "云端尚未调用", "no poll from the cloud yet")
            : s.Cloud.Silent ? Badge("bad", "云端已静默", "cloud silent") : Badge("good", "云端调用正常", "cloud polling"));
        h.Append(s.Database.LastReadOk switch
        {
            true => Badge("good", "数据库读取正常", "database reads ok"),
            false => Badge("bad", "数据库读取失败", "database read failed"),
            null => Badge("idle", "数据库尚未读取", "database not read yet"),
        });
        if (s.Dictionaries.Any(d => d.Stale))
        {
            h.Append(Badge("warn", "字典为缓存旧数据", "dictionary served stale"));
        }
        if (s.Push?.Status is { } push)
        {
            h.Append(push.PausedReason is not null ? Badge("bad", "推送已暂停", "push paused") : Badge("good", "推送运行中", "push running"));
            // From the counts by state: the list of parked rows stops at PushStatusReport.MaxParked.
            var parked = push.Kinds.Sum(k => k.Rows.GetValueOrDefault("rejected") + k.Rows.GetValueOrDefault("invalid"));
            if (parked > 0)
            {
                h.Append(Badge("warn", $"搁置 {parked} 条", $"{parked} parked"));
            }
        }
        else if (s.Push?.Problem is not null)
        {
            h.Append(Badge("bad", "推送状态不可读", "push state unreadable"));
        }
        h.Append(s.Check.Last switch
        {
            null => Badge("idle", "尚未检查", "not checked yet"),
            { Problem: not null } => Badge("bad", "检查未完成", "check stopped"),
            { Passed: true } => Badge("good", "契约检查通过", "contract check passed"),
            _ => Badge("bad", "契约检查未通过", "contract check failed"),
        });
        h.Append("</section>\n");
    }

    private static void Cloud(StringBuilder h, ConsoleSnapshot s)
    {
        h.Append("<section id=\"cloud\"><h2>").Append(T("云端调用", "The cloud's polls")).Append("</h2>");
        h.Append("<p class=\"muted\">").Append(T($"静默告警阈值 Monitoring:CloudSilenceMinutes = {s.Cloud.SilenceMinutes} 分钟", $"Silence alert after Monitoring:CloudSilenceMinutes = {s.Cloud.SilenceMinutes} minutes")).Append("</p>");
        if (s.Cloud.Callers.Count == 0)
        {
            h.Append("<p>").Append(T("尚无云端调用记录。", "No poll from the cloud recorded yet.")).Append("</p>");
        }
        h.Append("<table id=\"callers\"><tr><th class=\"t\">").Append(T("云端地址", "Cloud address")).Append("</th><th>").Append(T("最近调用", "Last poll"))
            .Append("</th><th>").Append(T("距今（分钟）", "Age (minutes)")).Append("</th><th>").Append(T("状态", "State")).Append("</th></tr>");
        foreach (var caller in s.Cloud.Callers)
        {
            h.Append("<tr data-address=\"").Append(E(caller.Address)).Append("\"><td class=\"t\">").Append(E(caller.Address)).Append("</td><td>").Append(Time(caller.LastPoll))
                .Append("</td><td>").Append(Number(caller.AgeMinutes)).Append("</td><td>")
                .Append(caller.Silent ? Badge("bad", "静默", "silent") : Badge("good", "正常", "ok")).Append("</td></tr>");
        }
        h.Append("</table>");
        foreach (var caller in s.Cloud.Callers)
        {
            h.Append("<h3 style=\"font-size:14px\">").Append(E(caller.Address)).Append("</h3>");
            Figure(h, "cloud-day", caller.Address, T("近 24 小时（每小时）", "Last 24 hours (hourly)"), caller.Day);
            Figure(h, "cloud-week", caller.Address, T("近 7 天（每天）", "Last 7 days (daily)"), caller.Week);
        }
        h.Append("</section>\n");
    }

    private static void Dictionaries(StringBuilder h, ConsoleSnapshot s)
    {
        h.Append("<section id=\"dictionaries\"><h2>").Append(T("字典缓存", "Dictionaries")).Append("</h2><table><tr><th class=\"t\">").Append(T("字典", "Dictionary"))
            .Append("</th><th>").Append(T("行数", "Rows")).Append("</th><th>").Append(T("最近读库", "Last database read")).Append("</th><th>")
            .Append(T("缓存时长（秒）", "Cache age (s)")).Append("</th><th>").Append(T("最近来源", "Last served from")).Append("</th></tr>");
        foreach (var d in s.Dictionaries)
        {
            h.Append("<tr data-dictionary=\"").Append(E(d.Name)).Append("\"><td class=\"t\">").Append(E(d.Name)).Append(" <span class=\"muted\">").Append(E(d.View)).Append("</span></td><td>")
                .Append(Number(d.Rows)).Append("</td><td>").Append(Time(d.LastDatabaseRead)).Append("</td><td>")
                .Append(d.CacheSeconds == 0 ? T("缓存关闭", "cache off") : Number(d.CacheAgeSeconds)).Append("</td><td>")
                .Append(d.LastSource switch
                {
                    "stale" => Badge("warn", "旧数据（数据库失败）", "stale (database failing)"),
                    "cache" => T("缓存", "cache"),
                    "database" => T("数据库", "database"),
                    _ => "–",
                }).Append("</td></tr>");
        }
        h.Append("</table></section>\n");
    }

    private static void Database(StringBuilder h, ConsoleSnapshot s)
    {
        var db = s.Database;
        h.Append("<section id=\"database\"><h2>").Append(T("HIS 数据库", "The HIS database")).Append("</h2><p>")
            .Append(db.LastReadOk switch
            {
                true => Badge("good", "可达", "reachable"),
                false => Badge("bad", "最近一次读取失败", "last read failed"),
                null => Badge("idle", "未知", "unknown"),
            })
            .Append(T("最近读取 ", "Last read ")).Append(Time(db.LastReadAt)).Append(T("，耗时 ", ", took ")).Append(Number(db.LastReadMs)).Append(" ms</p>");
        h.Append("<p class=\"muted\">").Append(T("行数为轮询、推送或契约检查最近一次读取所得；本页从不读取视图。", "Rows as last read by a poll, the push or the contract check; this page never reads a view.")).Append("</p>");
        h.Append("<table id=\"views\"><tr><th class=\"t\">").Append(T("视图", "View")).Append("</th><th>").Append(T("行数", "Rows")).Append("</th><th>")
            .Append(T("读取者", "Read by")).Append("</th><th>").Append(T("读取时间", "Read at")).Append("</th></tr>");
        foreach (var v in db.Views)
        {
            h.Append("<tr data-view=\"").Append(E(v.View)).Append("\"><td class=\"t\">").Append(E(v.View)).Append("</td><td>").Append(Number(v.Rows)).Append("</td><td>")
                .Append(v.ReadBy switch
                {
                    "poll" => T("轮询", "poll"),
                    "push" => T("推送", "push"),
                    "check" => T("检查", "check"),
                    _ => "–",
                }).Append("</td><td>").Append(Time(v.ReadAt)).Append("</td></tr>");
        }
        h.Append("</table>");
        Figure(h, "db-day", "", T("视图查询，近 24 小时", "View queries, last 24 hours"), db.Reads);
        h.Append("</section>\n");
    }

    private static void Push(StringBuilder h, ConsoleSnapshot s)
    {
        h.Append("<section id=\"push\"><h2>").Append(T("主动推送（方式二）", "The push")).Append("</h2>");
        if (s.Push is null)
        {
            h.Append("<p>").Append(T("推送未开启（Push:Registrations / Push:Settlements）。", "The push is off (Push:Registrations, Push:Settlements).")).Append("</p></section>\n");
            return;
        }
        if (s.Push.Status is not { } p)
        {
            h.Append("<p>").Append(Badge("bad", "推送状态不可读", "push state unreadable")).Append(E(s.Push.Problem ?? "")).Append("</p></section>\n");
            return;
        }
        h.Append("<p>").Append(p.PausedReason is null ? Badge("good", "未暂停", "not paused")
            : Badge("bad", "已暂停", "paused") + T(" 自 ", " since ") + Time(p.PausedSince) + "：" + E(p.PausedReason));
        h.Append("<br>").Append(T("租约：", "Lease: ")).Append(p.LeaseHolder is null ? T("无运行实例持有", "held by no running instance") : E(p.LeaseHolder) + T(" 至 ", " until ") + Time(p.LeaseUntil));
        if (p.LastPollProblem is not null)
        {
            h.Append("<br>").Append(Badge("bad", "最近一轮失败", "last poll failed")).Append(E(p.LastPollProblem));
        }
        h.Append("</p><table id=\"push-states\"><tr><th class=\"t\">").Append(T("接口", "Interface")).Append("</th>");
        var states = p.Kinds.SelectMany(k => k.Rows.Keys).Distinct(StringComparer.Ordinal).ToList();
        foreach (var state in states)
        {
            h.Append("<th>").Append(StateName(state)).Append("</th>");
        }
        h.Append("<th>").Append(T("最早未送达（分钟）", "Oldest undelivered (min)")).Append("</th></tr>");
        foreach (var kind in p.Kinds)
        {
            h.Append("<tr data-kind=\"").Append(E(kind.Kind)).Append("\"><td class=\"t\">").Append(E(kind.Kind)).Append(kind.Enabled ? "" : T("（关）", " (off)")).Append("</td>");
            foreach (var state in states)
            {
                h.Append("<td data-state=\"").Append(E(state)).Append("\">").Append(Number(kind.Rows.GetValueOrDefault(state))).Append("</td>");
            }
            h.Append("<td>").Append(Number(kind.OldestUndeliveredSeconds is { } sec ? Math.Round(sec / 60, 1) : null)).Append("</td></tr>");
        }
        h.Append("</table>");
        h.Append("<button type=\"button\" data-post=\"console/requeue\"").Append(p.Parked.Any(r => r.State is "rejected" or "invalid") ? "" : " disabled").Append('>')
            .Append(T("重新排队搁置行", "Re-queue parked rows")).Append("</button>");
        h.Append("<button type=\"button\" data-post=\"console/resume\"").Append(p.PausedReason is null ? " disabled" : "").Append('>')
            .Append(T("恢复推送", "Resume pushing")).Append("</button><span class=\"msg\"></span>");
        if (p.Parked.Count > 0)
        {
            h.Append("<div class=\"scroll tall\"><table id=\"parked\"><tr><th class=\"t\">").Append(T("接口", "Interface")).Append("</th><th class=\"t\">").Append(T("标识", "Label"))
                .Append("</th><th class=\"t\">").Append(T("状态", "State")).Append("</th><th>").Append(T("次数", "Calls")).Append("</th><th>").Append(T("首次出现", "First seen"))
                .Append("</th><th class=\"t\">").Append(T("原因（已脱敏）", "Reason (masked)")).Append("</th></tr>");
            foreach (var row in p.Parked)
            {
                h.Append("<tr><td class=\"t\">").Append(E(row.Kind)).Append("</td><td class=\"t\">").Append(E(row.Label)).Append("</td><td class=\"t\">").Append(StateName(row.State))
                    .Append("</td><td>").Append(row.Attempts).Append("</td><td>").Append(Time(row.FirstSeen)).Append("</td><td class=\"t\">").Append(E(row.Reason ?? "")).Append("</td></tr>");
            }
            h.Append("</table></div>");
        }
        h.Append("</section>\n");
    }

    private static void Relay(StringBuilder h, ConsoleSnapshot s)
    {
        h.Append("<section id=\"relay\"><h2>").Append(T("HIS 转发（方式一）", "The relay")).Append("</h2>");
        if (!s.Relay.Enabled)
        {
            h.Append("<p>").Append(T("转发未开启（Relay:CloudBaseAddress）。", "The relay is off (Relay:CloudBaseAddress).")).Append("</p>");
        }
        // Only the outcomes that happened (a row of zeros for each of six outcomes says nothing).
        var calls = s.Relay.Calls;
        var happened = calls.Series.Where(series => series.Total > 0).ToList();
        Figure(h, "relay-day", "", T("调用结果，近 24 小时", "Calls by outcome, last 24 hours"), calls with { Series = happened.Count > 0 ? happened : calls.Series.Take(1).ToList() });
        h.Append("</section>\n");
    }

    private static void Check(StringBuilder h, ConsoleSnapshot s)
    {
        h.Append("<section id=\"check\"><h2>").Append(T("契约检查", "The contract check")).Append("</h2><p>");
        var last = s.Check.Last;
        h.Append(last switch
        {
            null => Badge("idle", "尚未运行", "not run yet"),
            { Problem: { } problem } => Badge("bad", "未完成", "stopped") + E(problem),
            { Passed: true } => Badge("good", "通过", "passed"),
            _ => Badge("bad", "未通过", "failed"),
        });
        if (last is not null)
        {
            h.Append(T("最近运行 ", "Last run ")).Append(Time(s.Check.LastAt)).Append(T($"，错误 {last.Errors}，警告 {last.Warnings}，耗时 {last.Seconds} 秒", $": {last.Errors} error(s), {last.Warnings} warning(s), {last.Seconds} s"));
        }
        h.Append("</p><button type=\"button\" data-post=\"console/check\" data-wait=\"check\"").Append(s.Check.Running ? " disabled" : "").Append('>')
            .Append(s.Check.Running ? T("检查运行中…", "Check running…") : T("立即检查", "Run the check now")).Append("</button><span class=\"msg\"></span>");
        if (last is { Findings.Count: > 0 })
        {
            h.Append("<table id=\"findings\"><tr><th class=\"t\">").Append(T("规则", "Rule")).Append("</th><th class=\"t\">").Append(T("级别", "Severity")).Append("</th><th class=\"t\">")
                .Append(T("字段", "Field")).Append("</th><th>").Append(T("行数", "Rows")).Append("</th><th class=\"t\">").Append(T("说明", "Meaning")).Append("</th></tr>");
            foreach (var f in last.Findings)
            {
                h.Append("<tr data-rule=\"").Append(E(f.Rule)).Append("\"><td class=\"t\">").Append(E(f.Rule)).Append("</td><td class=\"t\">")
                    .Append(f.Severity == "error" ? Badge("bad", "错误", "error") : Badge("warn", "警告", "warning")).Append("</td><td class=\"t\">").Append(E(f.Field ?? ""))
                    .Append("</td><td>").Append(f.Count).Append("</td><td class=\"t\">").Append(T(f.MessageZh, f.MessageEn)).Append("</td></tr>");
            }
            h.Append("</table>");
        }
        if (last is { Views.Count: > 0 })
        {
            h.Append("<p class=\"muted\">").Append(string.Join(" · ", last.Views.Select(v => $"{E(v.View)} {v.Rows}"))).Append("</p>");
        }
        h.Append("</section>\n");
    }

    private static void SelfTest(StringBuilder h, ConsoleSnapshot s)
    {
        h.Append("<section id=\"selftest\"><h2>").Append(T("自检 selftest", "selftest")).Append("</h2><p>");
        h.Append(s.SelfTest.Last switch
        {
            null => Badge("idle", "尚未运行", "not run yet"),
            { ExitCode: 0 } => Badge("good", "通过", "passed"),
            _ => Badge("bad", "有 FAIL 项", "a line says FAIL"),
        });
        if (s.SelfTest.Last is not null)
        {
            h.Append(T("最近运行 ", "Last run ")).Append(Time(s.SelfTest.LastAt));
        }
        h.Append("</p><button type=\"button\" data-post=\"console/selftest\" data-wait=\"selfTest\"").Append(s.SelfTest.Running ? " disabled" : "").Append('>')
            .Append(T("重新自检", "Run selftest again")).Append("</button><span class=\"msg\"></span>");
        if (s.SelfTest.Last is { } result)
        {
            h.Append("<pre id=\"selftest-lines\">").Append(E(string.Join('\n', result.Lines))).Append("</pre>");
        }
        h.Append("</section>\n");
    }

    /// <summary>A stacked bar chart as SVG with its data as a table beside it (series by row, one column per bar).</summary>
    private static void Figure(StringBuilder h, string chart, string item, string caption, Chart data)
    {
        const int width = 480, height = 150, left = 36, bottom = 20, top = 8;
        var bars = data.Labels.Count;
        var totals = Enumerable.Range(0, bars).Select(i => data.Series.Sum(s => s.Values[i])).ToList();
        var max = Math.Max(1, totals.Count == 0 ? 1 : totals.Max());
        var step = (width - left - 4) / (double)Math.Max(1, bars);
        var plot = height - bottom - top;
        h.Append("<div class=\"figure\"><div><div class=\"muted\">").Append(caption).Append("</div>");
        h.Append(CultureInfo.InvariantCulture, $"<svg data-chart=\"{chart}\" data-item=\"{E(item)}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">");
        h.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top + plot}\" x2=\"{width - 4}\" y2=\"{top + plot}\" stroke=\"#90a4ae\"/>");
        h.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 4}\" y=\"{top + 8}\" font-size=\"10\" text-anchor=\"end\" fill=\"#607080\">{max}</text>");
        h.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 4}\" y=\"{top + plot}\" font-size=\"10\" text-anchor=\"end\" fill=\"#607080\">0</text>");
        for (var i = 0; i < bars; i++)
        {
            var x = left + (i * step) + 1;
            var y = (double)(top + plot);
            foreach (var series in data.Series)
            {
                var value = series.Values[i];
                if (value == 0)
                {
                    continue;
                }
                var barHeight = plot * value / (double)max;
                y -= barHeight;
                h.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{Math.Max(1, step - 2):0.#}\" height=\"{barHeight:0.#}\" fill=\"{Colour(series.Name)}\"><title>{E(data.Labels[i])} {E(series.Name)}: {value}</title></rect>");
            }
            if (bars <= 7 || i % 3 == 0)
            {
                h.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (step / 2):0.#}\" y=\"{height - 6}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#607080\">{E(data.Labels[i])}</text>");
            }
        }
        h.Append("</svg></div>");
        h.Append("<div class=\"scroll\"><table class=\"data\" data-chart=\"").Append(chart).Append("\" data-item=\"").Append(E(item)).Append("\"><tr><th class=\"t\"></th>");
        foreach (var label in data.Labels)
        {
            h.Append("<th>").Append(E(label)).Append("</th>");
        }
        h.Append("<th>").Append(T("合计", "total")).Append("</th></tr>");
        foreach (var series in data.Series)
        {
            h.Append("<tr><th class=\"t\"><span style=\"color:").Append(Colour(series.Name)).Append("\">■</span> ").Append(SeriesName(series.Name)).Append("</th>");
            for (var i = 0; i < bars; i++)
            {
                h.Append("<td data-series=\"").Append(E(series.Name)).Append("\">").Append(series.Values[i]).Append("</td>");
            }
            h.Append("<td data-total=\"").Append(E(series.Name)).Append("\">").Append(series.Total).Append("</td></tr>");
        }
        h.Append("</table></div></div>");
    }

    private static string SeriesName(string name) => SeriesNames.TryGetValue(name, out var n) ? T(n.Zh, n.En) : E(name);

    private static string Colour(string name) => SeriesNames.TryGetValue(name, out var n) ? n.Colour : "#1565c0";

    private static string StateName(string state) => state switch
    {
        "pending" => T("待发送", "pending"),
        "delivered" => T("已送达", "delivered"),
        "rejected" => T("云端拒收", "rejected"),
        "invalid" => T("不合规", "invalid"),
        "expired" => T("已过期", "expired"),
        _ => E(state),
    };

    private static string Badge(string kind, string zh, string en) => $"<span class=\"badge {kind}\">{T(zh, en)}</span>";

    /// <summary>Both texts, encoded; CSS shows the one of the page's language.</summary>
    private static string T(string zh, string en) => $"<span class=\"zh\">{E(zh)}</span><span class=\"en\">{E(en)}</span>";

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string Time(DateTimeOffset? at) => at is { } t
        ? TimeZoneInfo.ConvertTime(t, TimeZoneInfo.Local).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
        : "–";

    private static string Number(double? value) => value is { } v ? v.ToString("#,0.#", CultureInfo.InvariantCulture) : "–";

    private static string Number(long? value) => value is { } v ? v.ToString("#,0", CultureInfo.InvariantCulture) : "–";

    // Chrome 109: fetch, promises, arrow functions, const/let; nothing newer.
    private const string Script = """
        (function () {
          var root = document.documentElement, button = document.getElementById('lang');
          function setLang(lang) {
            root.lang = lang;
            button.textContent = lang === 'en' ? '中文' : 'English';
            try { localStorage.setItem('imgcloud-console-lang', lang); } catch (e) { }
          }
          var saved = null;
          try { saved = localStorage.getItem('imgcloud-console-lang'); } catch (e) { }
          setLang(saved === 'en' ? 'en' : 'zh-CN');
          button.addEventListener('click', function () { setLang(root.lang === 'en' ? 'zh-CN' : 'en'); });

          function waitFor(job) {
            return fetch('console.json', { cache: 'no-store' }).then(function (r) { return r.json(); }).then(function (s) {
              if (s[job] && s[job].running) {
                return new Promise(function (done) { setTimeout(done, 1000); }).then(function () { return waitFor(job); });
              }
            });
          }
          Array.prototype.forEach.call(document.querySelectorAll('button[data-post]'), function (b) {
            b.addEventListener('click', function () {
              var msg = b.parentNode.querySelector('.msg');
              b.disabled = true;
              fetch(b.getAttribute('data-post'), { method: 'POST', headers: { 'X-Imgcloud-Console': '1' }, credentials: 'same-origin' })
                .then(function (r) { return r.json().then(function (body) { return { status: r.status, body: body }; }); })
                .then(function (res) {
                  if (msg) { msg.textContent = res.body.message || ''; }
                  var job = b.getAttribute('data-wait');
                  return job && res.status === 202 ? waitFor(job) : null;
                })
                .then(function () { location.reload(); })
                .catch(function (e) { if (msg) { msg.textContent = String(e); } b.disabled = false; });
            });
          });
        })();
        """;
}
