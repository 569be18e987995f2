using System.Text.Json;
using Dapper;
using ProviderApi.Check;
using ProviderApi.Data.Demo;

namespace ProviderApi.Tests.Check;

/// <summary>
/// The crosswalk's coverage in check, export-crosswalk and load-csv of rules, overrides and the code table,
/// through the real executable (on PostgreSQL and MariaDB under the provider's own login, which must read
/// the rules' views). Every test puts the crosswalk back as it found it.
/// </summary>
public abstract partial class CheckCommandTests
{
    /// <summary>Runs <paramref name="test"/> with the crosswalk's three tables committed as <paramref name="change"/> leaves them, and puts them back afterwards (each kept before any changes).</summary>
    private Task WithCrosswalkAsync(Action<System.Data.Common.DbConnection> change, Func<Task> test) =>
        WithCommittedAsync(Imgcloud("exam_part_rule"), _ => { }, () =>
            WithCommittedAsync(Imgcloud("exam_part_map"), _ => { }, () =>
                WithCommittedAsync(Imgcloud("exam_part_code"), change, test)));

    private void InsertRule(System.Data.Common.DbConnection connection, int ruleNo, string? modality, string? bodyPart, string? namePattern, string? contrast, string examPart) =>
        connection.Execute(hospital.Dialect.Parameters($"""
            INSERT INTO {Imgcloud("exam_part_rule")} (rule_no, hospital_id, modality, body_part, name_pattern, contrast, exam_part, note)
            VALUES (@ruleNo, '*', @modality, @bodyPart, @namePattern, @contrast, @examPart, NULL)
            """), new { ruleNo, modality, bodyPart, namePattern, contrast, examPart });

    private long ViewLines(string where)
    {
        using var connection = hospital.Open();
        return connection.ExecuteScalar<long>($"SELECT count(*) FROM view_setlInfoList WHERE {where}");
    }

    [Fact]
    public async Task Check_shows_each_rules_items_and_lines_the_unmapped_items_and_rules_that_disagree_or_are_shadowed()
    {
        await WithCrosswalkAsync(connection =>
        {
            connection.Execute($"DELETE FROM {Imgcloud("exam_part_rule")}");
            connection.Execute($"DELETE FROM {Imgcloud("exam_part_map")}");
            InsertRule(connection, 10, "CT", "头部", null, "平扫", "B01010ZZZ");   // the head CTs: CT0001 in both institutions, the retired CT0009
            InsertRule(connection, 20, "CT", null, null, null, "B00000ZZZ");      // every other CT; disagrees with 10 on the head CTs
            InsertRule(connection, 30, "MR", null, "%波谱%", null, "C04550ZZZ");   // MR0007 alone
            InsertRule(connection, 40, "CT", "头部", null, null, "B01019ZZZ");     // shadowed: the head CTs, all taken by 10
            InsertRule(connection, 50, "XR", null, null, null, "A00000ZZZ");      // no item has this modality
            connection.Execute($"INSERT INTO {Imgcloud("exam_part_map")} (exam_code, exam_part, note, hospital_id) VALUES ('DR0001', 'A03010ZZZ', NULL, '*')");
        }, async () =>
        {
            var (exitCode, output, error) = await RunAsync("check", "--format", "json");
            using var json = JsonDocument.Parse(output);
            var crosswalk = json.RootElement.GetProperty("crosswalk");
            var rules = crosswalk.GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("ruleNo").GetInt64());
            Assert.Equal([10L, 20, 30, 40, 50], rules.Keys);
            (long Items, long Lines, long Matched) Of(long rule) =>
                (rules[rule].GetProperty("items").GetInt64(), rules[rule].GetProperty("settlements").GetInt64(), rules[rule].GetProperty("matched").GetInt64());

            // A rule's lines are the lines that carry its code (no other rule or override gives the same code).
            Assert.Equal((3L, ViewLines("examPart = 'B01010ZZZ'"), 3L), Of(10));
            long otherCts = DemoCatalog.ExamItems.Count(i => i.Code.StartsWith("CT", StringComparison.Ordinal)) - 2; // CT0001 and CT0009 are 10's
            Assert.Equal((otherCts, ViewLines("examPart = 'B00000ZZZ'"), otherCts + 3), Of(20));
            Assert.Equal((1L, 0L, 1L), Of(30)); // MR0007 is never billed
            Assert.Equal((0L, 0L, 3L), Of(40));
            Assert.Equal((0L, 0L, 0L), Of(50));
            Assert.True(ViewLines("examPart = 'B00000ZZZ'") > 0, "the demo bills CTs other than the head");

            // The override maps DR0001 in both institutions; the items nothing maps, with their lines (NULL examPart).
            Assert.Equal(2, crosswalk.GetProperty("byOverride").GetProperty("items").GetInt64());
            Assert.Equal(ViewLines("examPart = 'A03010ZZZ'"), crosswalk.GetProperty("byOverride").GetProperty("settlements").GetInt64());
            var unmapped = crosswalk.GetProperty("unmapped").EnumerateArray().Select(u => u.GetProperty("examCode").GetString()).ToList();
            Assert.Contains("RF0002", unmapped);
            Assert.Contains("US0001", unmapped);
            Assert.DoesNotContain("MR0007", unmapped);
            Assert.DoesNotContain("DR0001", unmapped);
            Assert.Equal(ViewLines("examPart IS NULL"), crosswalk.GetProperty("unmappedSettlements").GetInt64());
            Assert.True(crosswalk.GetProperty("unmappedSettlements").GetInt64() > 0);
            Assert.Equal(crosswalk.GetProperty("items").GetInt64(),
                crosswalk.GetProperty("byOverride").GetProperty("items").GetInt64() + crosswalk.GetProperty("byRule").GetProperty("items").GetInt64() + unmapped.Count);

            // The head CTs match 10, 20 and 40 with three codes: information, the first rule's code is used.
            var disagreements = crosswalk.GetProperty("disagreements").EnumerateArray().ToList();
            Assert.Equal(3, disagreements.Count);
            Assert.All(disagreements, d =>
            {
                Assert.Equal([10L, 20, 40], d.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("ruleNo").GetInt64()));
                Assert.Equal(("rule 10", "B01010ZZZ"), (d.GetProperty("winner").GetString(), d.GetProperty("examPart").GetString()));
            });
            Assert.Equal(0, crosswalk.GetProperty("codes").GetInt64()); // no code table: only the format is checked

            // The unmapped items' billed lines break SETL-EXAM-PART-MISSING: check's exit code stays what it was.
            Assert.True(exitCode == 1, $"check exited {exitCode}: {error}");

            (exitCode, output, _) = await RunAsync("check");
            Assert.Equal(1, exitCode);
            Assert.Contains("警告 WARNING EXAM-PART-RULES-DISAGREE  3 项 / items", output, StringComparison.Ordinal);
            Assert.Contains("CT0001  头颅CT平扫  (H45010000001): #10 → B01010ZZZ, #20 → B00000ZZZ, #40 → B01019ZZZ; 采用 / used: 规则 / rule 10 → B01010ZZZ", output, StringComparison.Ordinal);
            Assert.Contains("#40 CT body_part LIKE '头部' → B01019ZZZ: 0 项 / items, 0 行 / lines  (匹配 3 项，均被前面的规则或单项对照取代 / matches 3, all taken by rules above or overrides)", output, StringComparison.Ordinal);
            Assert.Contains("#50 XR → A00000ZZZ: 0 项 / items, 0 行 / lines  (不匹配任何项目 / matches no item)", output, StringComparison.Ordinal);
            Assert.Contains("警告 WARNING EXAM-PART-UNMAPPED", output, StringComparison.Ordinal);
            Assert.Contains("only the format is checked", output, StringComparison.Ordinal);
            AssertNothingInClear(output);
        });
    }

    [Fact]
    public async Task A_loaded_code_table_makes_codes_outside_it_a_check_error_and_a_refused_load()
    {
        var codes = WriteCsv("exam_part,name\nB01010ZZZ,头部 CT 平扫\nA03010ZZZ,胸部 DR 正位\n");
        var overrides = WriteCsv("exam_code,exam_part\nUS0001,F04010ZZZ\n");

        await WithCrosswalkAsync(_ => { }, async () =>
        {
            var (exitCode, output, error) = await RunAsync("load-csv", "--table", "exam-part-code", "--file", codes);
            Assert.True(exitCode == 0, $"load-csv exited {exitCode}: {error}\n{output}");
            Assert.Contains("loaded 2 rows", output, StringComparison.Ordinal);

            // The demo's rules and overrides give many codes the two-code table lacks: each is an error.
            (exitCode, output, _) = await RunAsync("check", "--format", "json");
            Assert.Equal(1, exitCode);
            using (var json = JsonDocument.Parse(output))
            {
                var crosswalk = json.RootElement.GetProperty("crosswalk");
                Assert.Equal(2, crosswalk.GetProperty("codes").GetInt64());
                var unknown = crosswalk.GetProperty("unknownCodes").EnumerateArray().Select(u => u.GetProperty("examPart").GetString()).ToList();
                Assert.NotEmpty(unknown);
                Assert.DoesNotContain("B01010ZZZ", unknown);
                Assert.DoesNotContain("A03010ZZZ", unknown);
            }
            (_, output, _) = await RunAsync("check");
            Assert.Contains("错误 ERROR   EXAM-PART-UNKNOWN", output, StringComparison.Ordinal);

            // An override of a code outside the table is refused, and nothing is loaded.
            var before = Crosswalk();
            (exitCode, _, error) = await RunAsync("load-csv", "--table", "exam-part-map", "--file", overrides);
            Assert.Equal(1, exitCode);
            Assert.Contains("line 2: ", error, StringComparison.Ordinal);
            Assert.Contains("'F04010ZZZ' is not in the standard's code table", error, StringComparison.Ordinal);
            Assert.Equal(before, Crosswalk());
        });
    }

    [Fact]
    public async Task Load_csv_of_a_grouped_file_with_bad_lines_names_each_and_loads_nothing()
    {
        var header = CrosswalkCsv.Header;
        var file = WriteCsv(header + "\n" + string.Join("\n",
            "rule,9010,*,CT,胸部,平扫,,,,,,,B03010ZZZ,fine",                 // 2: right
            "rule,9010,*,MR,头部,平扫,,,,,,,C01010ZZZ,",                     // 3: rule_no repeats line 2
            "rule,ten,*,MR,腰椎,平扫,,,,,,,C06030ZZZ,",                      // 4: rule_no not a number
            "rule,9030,*,US,,彩超,,,,,,,F04010ZZZ,",                        // 5: contrast 彩超
            "rule,9040,*,,,,,,,,,,B00000ZZZ,",                             // 6: no condition
            "rule,9050,*,CT,[胸]部,,,,,,,,B03010ZZZ,",                      // 7: a pattern character one engine reads apart
            "rule,9060,*,CT,腹部,平扫,,,,,,,b04010zzz,",                     // 8: lower case
            "item,,H45010000001,CT,,,,CT0001,头颅CT平扫,,,,B01010ZZZ,",       // 9: an item line with a rule's column
            "item,,H450100,,,,,CT0002,,,,,B03010ZZZ,",                       // 10: no hospitalld
            "item,,*,,,,,CT0003,,,,,B04010ZZZ,",                             // 11: right
            "item,,*,,,,,CT0003,,,,,B04011ZZZ,",                             // 12: repeats line 11
            "group,,*,,,,,CT0004,,,,,B06030ZZZ,",                            // 13: no such kind
            "rule,9070,*,DR,胸部,,,,,,,,,left for later",                     // 14: empty exam_part: skipped, no problem
            "rule,9080,H45010000001,DR,腰椎,,,CT0005,,,,,A06030ZZZ,") + "\n"); // 15: a rule line with an exam_code

        await WithCrosswalkAsync(_ => { }, async () =>
        {
            var (map, rules) = (Crosswalk(), Rules());
            var (exitCode, output, error) = await RunAsync("load-csv", "--table", "exam-part-rule", "--file", file);

            Assert.True(exitCode == 1, $"load-csv exited {exitCode}: {error}\n{output}");
            foreach (var (line, text) in new[]
            {
                (3, "rule_no 9010 repeats line 2"), (4, "rule_no 'ten' is not a positive whole number"), (5, "the contrast '彩超' is not one of"),
                (6, "the rule has no condition"), (7, "the pattern '[胸]部' holds [ ]"), (8, "exam_part 'b04010zzz' is not 9 upper-case"),
                (9, "an item line takes exam_code"), (10, "hospital_id 'H450100'"), (12, "exam_code 'CT0003' (*) repeats line 11"),
                (13, "kind 'group' must be rule or item"), (15, "a rule line takes no exam_code"),
            })
            {
                Assert.Contains($"line {line}: ", error, StringComparison.Ordinal);
                Assert.Contains(text, error, StringComparison.Ordinal);
            }
            foreach (var line in new[] { 2, 11, 14 })
            {
                Assert.DoesNotContain($"line {line}: ", error, StringComparison.Ordinal);
            }
            Assert.Contains("nothing was loaded", error, StringComparison.Ordinal);
            Assert.Equal(map, Crosswalk());
            Assert.Equal(rules, Rules());
        });
    }

    [Fact]
    public async Task The_demos_unmapped_items_are_exported_grouped_loaded_back_and_then_nothing_is_left()
    {
        var groups = folder.File("groups.csv");
        var round = new CrosswalkRound(hospital, settings, folder.Path);

        await WithCrosswalkAsync(_ => { }, async () =>
        {
            // As the demo comes: MR0007 (MR, 前列腺, a name that says no contrast) and RF0002 (RF, 泌尿系, 造影), never billed.
            var lines = await round.ExportAsync(groups);
            var groupLines = lines.Where(l => l["kind"] == "rule").ToList();
            Assert.Equal(2, groupLines.Count);
            Assert.Equal(["MR0007", "RF0002"], lines.Where(l => l["kind"] == "item").Select(l => l["exam_code"]).Order(StringComparer.Ordinal));
            var maxRule = Rules().Select(r => long.Parse(r.Split('|')[0], System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
            Assert.All(groupLines, l => Assert.True(long.Parse(l["rule_no"], System.Globalization.CultureInfo.InvariantCulture) > maxRule));
            Assert.Contains(groupLines, l => (l["modality"], l["body_part"], l["contrast"], l["examples"], l["items"], l["settlements"]) == ("MR", "前列腺", "平扫", "前列腺MR波谱成像", "1", "0"));
            Assert.Contains(groupLines, l => (l["modality"], l["body_part"], l["contrast"], l["examples"]) == ("RF", "泌尿系", "造影", "静脉肾盂造影"));
            Assert.All(groupLines, l => Assert.Equal(("*", ""), (l["hospital_id"], l["exam_part"])));

            groupLines.Single(l => l["modality"] == "MR")["exam_part"] = "C04550ZZZ";
            CrosswalkCsv.Write(groups, lines.Select(l => CrosswalkCsv.Columns.Select(c => (string?)l[c]).ToArray()));
            var (exitCode, output, error) = await round.RunAsync("load-csv", "--table", "exam-part-rule", "--file", groups);
            Assert.True(exitCode == 0, $"load-csv exited {exitCode}: {error}\n{output}");
            Assert.Contains("loaded 1 rules", output, StringComparison.Ordinal);
            Assert.Contains("3 lines without an exam_part skipped", output, StringComparison.Ordinal);

            // What is left: RF0002 alone.
            lines = await round.ExportAsync(groups);
            Assert.Equal(["静脉肾盂造影"], lines.Where(l => l["kind"] == "rule").Select(l => l["examples"]));
            Assert.Equal(["RF0002"], lines.Where(l => l["kind"] == "item").Select(l => l["exam_code"]));
            var crosswalk = await round.CheckCrosswalkAsync();
            Assert.Equal(["RF0002"], crosswalk.GetProperty("unmapped").EnumerateArray().Select(u => u.GetProperty("examCode").GetString()));
        });
    }

    [Fact]
    public async Task The_demo_HIS_emptied_is_mapped_again_by_group_lines_and_overrides_and_every_settlement_carries_its_true_code()
    {
        var round = new CrosswalkRound(hospital, settings, folder.Path);
        // The demo's truth: DemoCatalog's codes (two never-billed items, unmapped in the demo, get one here), the centre's own DR0001.
        string Truth(string code, string institution) =>
            DemoCatalog.CommunityCrosswalk.FirstOrDefault(c => c.Code == code && institution == DemoCatalog.CommunityHospitalId).ExamPart
            ?? DemoCatalog.ExamItems.Single(i => i.Code == code).ExamPart
            ?? (code == "MR0007" ? "C04550ZZZ" : "G04510ZZZ");

        await WithCrosswalkAsync(connection =>
        {
            connection.Execute($"DELETE FROM {Imgcloud("exam_part_rule")}");
            connection.Execute($"DELETE FROM {Imgcloud("exam_part_map")}");
        }, async () =>
        {
            var lines = await round.ExportAsync(folder.File("demo-groups.csv"));
            var counts = CrosswalkRound.Fill(lines, Truth, folder.File("demo-filled.csv"));
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{provider} demo HIS: {counts.Items} exam items, {counts.GroupLines} group lines, {counts.Overrides} overrides, {counts.Settlements} settlement lines");
            Assert.Equal(DemoCatalog.ExamItems.Length + DemoCatalog.CommunityExamItems.Length, counts.Items);
            Assert.True(counts.GroupLines + counts.Overrides < counts.Items, "groups map more than one item each");

            await round.LoadAsync(folder.File("demo-filled.csv"), counts);

            var crosswalk = await round.CheckCrosswalkAsync();
            Assert.Empty(crosswalk.GetProperty("unmapped").EnumerateArray());
            Assert.Equal(0, crosswalk.GetProperty("unmappedSettlements").GetInt64());
            Assert.Equal(counts.Items, crosswalk.GetProperty("items").GetInt64());
            Assert.Equal(counts.Overrides, crosswalk.GetProperty("byOverride").GetProperty("items").GetInt64());

            // Each line's examPart is the true code of an item of its exam (an exam may hold two items).
            List<(string ExamNo, string Code)> examItems;
            using (var connection = hospital.Open())
            {
                examItems = [.. connection.Query<(string, string)>("SELECT EXAM_NO, EXAM_ITEM_CODE FROM EXAM_ITEMS")];
            }
            var byExam = examItems.ToLookup(e => e.ExamNo, e => e.Code);
            var settled = round.SettlementLines();
            Assert.NotEmpty(settled);
            Assert.All(settled, line =>
            {
                Assert.NotNull(line.ExamPart);
                Assert.Contains(line.ExamPart, byExam[line.AccessionNo].Select(code => Truth(code, line.Hospitalld)));
            });
        });
    }

    private List<string> Rules()
    {
        using var connection = hospital.Open();
        return ViewRows.Query(connection, $"SELECT rule_no, hospital_id, modality, body_part, name_pattern, contrast, exam_part, note FROM {Imgcloud("exam_part_rule")} ORDER BY rule_no")
            .Select(r => string.Join('|', r.Values)).ToList();
    }
}
