using System.Data.Common;
using Dapper;
using ProviderApi.Check;
using ProviderApi.Data.Demo;
using ProviderApi.Tests.Hospitals;

namespace ProviderApi.Tests.Contract;

/// <summary>
/// The examPart crosswalk rules (issue 19; sql/README.md "检查部位对照规则"), on every engine's demo, through the
/// views: exam_part_rule_match, exam_part_by_rule, exam_item_settlements and view_setlInfoList.examPart. Each
/// test changes rules, overrides or HIS items inside a transaction it rolls back.
/// </summary>
public abstract class ExamPartRuleTests
{
    private const string Hospital = "H45010000001";
    private const string Centre = "H45010300002";

    /// <summary>CT0005 胸部CT增强, billed in the window several times; its medListCodg is its own.</summary>
    private const string ChestEnhancedCt = "002103000020000";

    private readonly IHospital hospital;

    protected ExamPartRuleTests(IHospital hospital)
    {
        this.hospital = hospital;
        hospital.SkipUnlessAvailable();
    }

    private string Imgcloud(string table) => hospital.Dialect.Imgcloud(table);

    /// <summary>Whether the rules table itself refuses a pattern character (CHECK): not on MySQL, whose scripts hold no CHECK (5.7 ignores it).</summary>
    protected virtual bool TableChecksPatterns => true;

    /// <summary>A writable connection in a transaction that is never committed, with every rule of the demo removed.</summary>
    private sealed class Session(DbConnection connection, DbTransaction transaction, ExamPartRuleTests suite) : IDisposable
    {
        public void Execute(string sql, object? parameters = null) => connection.Execute(sql, parameters, transaction);

        public List<T> Query<T>(string sql, object? parameters = null) => connection.Query<T>(sql, parameters, transaction).ToList();

        public T Scalar<T>(string sql, object? parameters = null) => connection.ExecuteScalar<T>(sql, parameters, transaction)!;

        public void Rule(int ruleNo, string? modality, string? bodyPart, string? namePattern, string? contrast, string examPart, string hospitalId = "*") =>
            Execute($"""
                INSERT INTO {suite.Imgcloud("exam_part_rule")} (rule_no, hospital_id, modality, body_part, name_pattern, contrast, exam_part)
                VALUES (@ruleNo, @hospitalId, @modality, @bodyPart, @namePattern, @contrast, @examPart)
                """, new { ruleNo, hospitalId, modality, bodyPart, namePattern, contrast, examPart });

        /// <summary>An exam item of the hospital (ORG_CODE 01) in the demo HIS: class 01 is CT, 02 MR.</summary>
        public void Item(string code, string name, string classCode, string? bodyPart) =>
            Execute($"""
                INSERT INTO {suite.hospital.Dialect.His("CLINIC_ITEM_DICT")} (ORG_CODE, ITEM_CLASS, ITEM_CODE, ITEM_NAME, EXAM_CLASS_CODE, BODY_PART, STOP_INDICATOR)
                VALUES ('01', 'D', @code, @name, @classCode, @bodyPart, 0)
                """, new { code, name, classCode, bodyPart });

        /// <summary>The first rule's exam_part of an item, or null when no rule matches it.</summary>
        public string? ByRule(string code, string hospitalId = Hospital) =>
            Query<string>($"SELECT exam_part FROM {suite.Imgcloud("exam_part_by_rule")} WHERE exam_code = @code AND hospital_id = @hospitalId", new { code, hospitalId })
                .SingleOrDefault();

        /// <summary>Every rule matching an item, in rule order.</summary>
        public List<int> Matches(string code, string hospitalId = Hospital) =>
            Query<long>($"SELECT rule_no FROM {suite.Imgcloud("exam_part_rule_match")} WHERE exam_code = @code AND hospital_id = @hospitalId ORDER BY rule_no", new { code, hospitalId })
                .Select(n => (int)n).ToList();

        /// <summary>The distinct examPart values of the settlement lines with this medListCodg (and institution).</summary>
        public List<string?> Settled(string medListCode, string hospitalId = Hospital) =>
            Query<string?>("SELECT examPart FROM view_setlInfoList WHERE medListCodg = @medListCode AND hospitalld = @hospitalId", new { medListCode, hospitalId })
                .Distinct().ToList();

        public void Dispose()
        {
            transaction.Rollback();
            transaction.Dispose();
            connection.Dispose();
        }
    }

    private Session Begin(bool withoutDemoRules = true)
    {
        var connection = hospital.Open(writable: true);
        var session = new Session(connection, connection.BeginTransaction(), this);
        if (withoutDemoRules)
        {
            session.Execute($"DELETE FROM {Imgcloud("exam_part_rule")}");
        }
        return session;
    }

    [Fact]
    public void The_lowest_matching_rule_wins_and_swapping_the_numbers_swaps_the_result()
    {
        using var s = Begin();
        Assert.NotEmpty(s.Settled(ChestEnhancedCt));
        Assert.Equal(new string?[] { null }, s.Settled(ChestEnhancedCt));

        s.Rule(10, "CT", "胸部", null, null, "B03920ZZZ");
        s.Rule(20, "CT", null, "%增强", null, "B03921ZZZ");
        Assert.Equal([10, 20], s.Matches("CT0005"));
        Assert.Equal("B03920ZZZ", s.ByRule("CT0005"));
        Assert.Equal(["B03920ZZZ"], s.Settled(ChestEnhancedCt));

        // Swapped: the name rule comes first now.
        s.Execute($"UPDATE {Imgcloud("exam_part_rule")} SET rule_no = 30 WHERE rule_no = 10");
        s.Execute($"UPDATE {Imgcloud("exam_part_rule")} SET rule_no = 10 WHERE rule_no = 20");
        s.Execute($"UPDATE {Imgcloud("exam_part_rule")} SET rule_no = 20 WHERE rule_no = 30");
        Assert.Equal([10, 20], s.Matches("CT0005"));
        Assert.Equal("B03921ZZZ", s.ByRule("CT0005"));
        Assert.Equal(["B03921ZZZ"], s.Settled(ChestEnhancedCt));
    }

    [Fact]
    public void Disagreeing_rules_both_appear_among_the_matches_and_the_first_gives_the_settlements_examPart()
    {
        using var s = Begin();
        s.Rule(5, "CT", "胸%", null, "增强", "B03020ZZZ");
        s.Rule(7, "CT", null, null, null, "B00000ZZZ");

        var pairs = s.Query<(string ExamPart, long RuleNo)>(
            $"SELECT exam_part, rule_no FROM {Imgcloud("exam_part_rule_match")} WHERE exam_code = 'CT0005' AND hospital_id = '{Hospital}' ORDER BY rule_no");
        Assert.Equal([("B03020ZZZ", 5L), ("B00000ZZZ", 7L)], pairs);
        Assert.Equal(5L, s.Scalar<long>($"SELECT rule_no FROM {Imgcloud("exam_part_by_rule")} WHERE exam_code = 'CT0005' AND hospital_id = '{Hospital}'"));
        Assert.Equal(["B03020ZZZ"], s.Settled(ChestEnhancedCt));
        // One row per item and institution in exam_part_by_rule, however many rules match.
        Assert.Equal(0L, s.Scalar<long>(
            $"SELECT count(*) FROM (SELECT exam_code, hospital_id FROM {Imgcloud("exam_part_by_rule")} GROUP BY exam_code, hospital_id HAVING count(*) > 1) d"));
    }

    [Fact]
    public void An_items_own_row_is_above_every_rule_and_its_institutions_row_above_the_all_institutions_row()
    {
        using var s = Begin();
        s.Rule(10, "CT", "胸部", null, "增强", "B03920ZZZ");
        Assert.Equal(["B03920ZZZ"], s.Settled(ChestEnhancedCt));

        s.Execute($"INSERT INTO {Imgcloud("exam_part_map")} (exam_code, exam_part, hospital_id) VALUES ('CT0005', 'B03922ZZZ', '*')");
        Assert.Equal(["B03922ZZZ"], s.Settled(ChestEnhancedCt));

        s.Execute($"INSERT INTO {Imgcloud("exam_part_map")} (exam_code, exam_part, hospital_id) VALUES ('CT0005', 'B03923ZZZ', '{Hospital}')");
        Assert.Equal(["B03923ZZZ"], s.Settled(ChestEnhancedCt));

        // The rule still matches underneath: the override is above it, not instead of it.
        Assert.Equal("B03920ZZZ", s.ByRule("CT0005"));
    }

    [Fact]
    public void A_rule_for_one_institution_does_not_map_another_institutions_item()
    {
        using var s = Begin();
        // CT0001 is billed at both institutions (the centre's in S-ACC-COMMUNITY); without its '*' row, rules decide.
        s.Execute($"DELETE FROM {Imgcloud("exam_part_map")} WHERE exam_code = 'CT0001'");
        const string headCt = "002103000010000";
        s.Rule(10, "CT", "头部", null, "平扫", "B01011ZZZ", Hospital);
        Assert.Equal("B01011ZZZ", s.ByRule("CT0001", Hospital));
        Assert.Null(s.ByRule("CT0001", Centre));
        Assert.Empty(s.Matches("CT0001", Centre));
        Assert.Equal(new string?[] { null }, s.Settled(headCt, Centre));

        s.Rule(20, "CT", "头部", null, "平扫", "B01012ZZZ", Centre);
        s.Rule(30, "CT", "头部", null, "平扫", "B01013ZZZ");
        Assert.Equal([20, 30], s.Matches("CT0001", Centre));
        Assert.Equal(["B01012ZZZ"], s.Settled(headCt, Centre));
        Assert.Equal([10, 30], s.Matches("CT0001", Hospital));
        Assert.Equal("B01011ZZZ", s.ByRule("CT0001", Hospital));
    }

    [Fact]
    public void Contrast_is_read_from_the_name_and_a_plain_scan_rule_also_takes_names_that_say_nothing()
    {
        using var s = Begin();
        s.Item("ZZ0001", "胸部CT平扫+增强", "01", "胸部");
        s.Item("ZZ0002", "下肢CT血管成像", "01", "下肢");
        s.Item("ZZ0003", "胸部CT", "01", "胸部");
        s.Item("ZZ0004", "胸部CT平扫", "01", "胸部");
        s.Item("ZZ0005", "主动脉CT增强造影", "01", "胸部");
        s.Rule(10, "CT", null, null, "平扫", "B00010ZZZ");
        s.Rule(20, "CT", null, null, "增强", "B00020ZZZ");
        s.Rule(30, "CT", null, null, "造影", "B00030ZZZ");
        s.Rule(40, "CT", null, null, null, "B00040ZZZ");

        var contrast = s.Query<(string Code, string? Contrast)>(
                $"SELECT DISTINCT exam_code, contrast FROM {Imgcloud("exam_part_rule_match")} WHERE exam_code LIKE 'ZZ%'")
            .ToDictionary(r => r.Code, r => r.Contrast);
        Assert.Equal("增强", contrast["ZZ0001"]);
        Assert.Equal("造影", contrast["ZZ0002"]);
        Assert.Null(contrast["ZZ0003"]);
        Assert.Equal("平扫", contrast["ZZ0004"]);
        Assert.Equal("造影", contrast["ZZ0005"]);

        Assert.Equal([20, 40], s.Matches("ZZ0001"));
        Assert.Equal([30, 40], s.Matches("ZZ0002"));
        Assert.Equal([10, 40], s.Matches("ZZ0003"));   // says nothing: the 平扫 rule and the any-contrast rule only
        Assert.Equal([10, 40], s.Matches("ZZ0004"));
        Assert.Equal("B00030ZZZ", s.ByRule("ZZ0005"));

        // The one C# reading of a name (for the grouped export) says what every engine's views say, item for item.
        var everyItem = s.Query<(string Name, string? Contrast)>(
            $"SELECT exam_name, contrast FROM {Imgcloud("exam_part_rule_match")} WHERE rule_no = 40");
        Assert.True(everyItem.Count > 10);
        Assert.All(everyItem, i => Assert.Equal(ExamPartRules.ContrastOf(i.Name), i.Contrast));
    }

    [Fact]
    public void Patterns_and_modality_compare_byte_for_byte_and_underscore_is_one_character()
    {
        using var s = Begin();
        s.Item("ZZ0101", "头颅MRI平扫", "02", "左膝");
        s.Item("ZZ0102", "头颅mri平扫", "02", "右膝");
        s.Item("ZZ0103", "头颅Mri平扫", "02", "双侧膝");
        s.Item("ZZ0104", "头颅MRI平扫", "02", null);

        s.Rule(10, "MR", null, "%MRI%", null, "C00010ZZZ");
        Assert.Equal([10], s.Matches("ZZ0101"));
        Assert.Empty(s.Matches("ZZ0102"));
        Assert.Empty(s.Matches("ZZ0103"));

        s.Rule(20, "MR", "_膝", null, null, "C00020ZZZ");
        Assert.Equal([10, 20], s.Matches("ZZ0101"));
        Assert.Equal([20], s.Matches("ZZ0102"));
        Assert.Empty(s.Matches("ZZ0103"));              // 双侧膝: two characters before 膝
        Assert.Equal([10], s.Matches("ZZ0104"));        // no body part: never matched by a body_part pattern

        s.Rule(30, "mr", null, null, null, "C00030ZZZ");
        s.Rule(40, null, "%膝", "头颅M__平扫", null, "C00040ZZZ");
        Assert.Equal([10, 20, 40], s.Matches("ZZ0101")); // never 30: modality 'mr' is not 'MR'
        Assert.Equal([20], s.Matches("ZZ0102"));         // 头颅M__平扫 wants an upper-case M
        Assert.Equal([40], s.Matches("ZZ0103"));
        Assert.Equal("C00020ZZZ", s.ByRule("ZZ0102"));
    }

    [Fact]
    public void Exam_item_settlements_counts_the_window_lines_of_each_item_as_view_setlInfoList_has_them()
    {
        using var s = Begin(withoutDemoRules: false);
        var settings = Imgcloud("settings");
        var byItem = Counts(s);
        Assert.Equal(s.Scalar<long>("SELECT count(*) FROM view_setlInfoList"), byItem.Values.Sum());
        Assert.Equal(s.Scalar<long>($"SELECT count(*) FROM view_setlInfoList WHERE medListCodg = '{ChestEnhancedCt}'"), byItem[("CT0005", Hospital)]);
        Assert.True(byItem[("CT0001", Centre)] > 0);

        // A narrower window: fewer lines, and again exactly the view's.
        s.Execute($"UPDATE {settings} SET settlement_days = 2 WHERE id = 1");
        var narrower = Counts(s);
        Assert.Equal(s.Scalar<long>("SELECT count(*) FROM view_setlInfoList"), narrower.Values.Sum());
        Assert.True(narrower.Values.Sum() < byItem.Values.Sum(), "the demo settles over the whole week");

        // Only the connected institutions, as the view.
        s.Execute($"INSERT INTO {Imgcloud("institution")} (hospital_id) VALUES ('{Centre}')");
        Assert.Equal([Centre], Counts(s).Keys.Select(k => k.HospitalId).Distinct());
        Assert.Equal(s.Scalar<long>("SELECT count(*) FROM view_setlInfoList"), Counts(s).Values.Sum());
    }

    private Dictionary<(string? Code, string HospitalId), long> Counts(Session s) =>
        s.Query<(string? Code, string HospitalId, long Settlements)>(
                $"SELECT exam_code, hospital_id, settlements FROM {Imgcloud("exam_item_settlements")}")
            .ToDictionary(r => (r.Code, r.HospitalId), r => r.Settlements);

    [Fact]
    public void The_demo_maps_every_item_as_its_catalogue_says_most_by_rules_and_a_rule_takes_an_item_off_the_unmapped_list()
    {
        using var s = Begin(withoutDemoRules: false);
        var map = s.Query<(string Code, string HospitalId, string ExamPart)>($"SELECT exam_code, hospital_id, exam_part FROM {Imgcloud("exam_part_map")}");
        var byRule = s.Query<(string Code, string HospitalId, string ExamPart)>($"SELECT exam_code, hospital_id, exam_part FROM {Imgcloud("exam_part_by_rule")}")
            .ToDictionary(r => (r.Code, r.HospitalId), r => r.ExamPart);
        string? Resolved(string code, string hospitalId) =>
            map.FirstOrDefault(m => m.Code == code && m.HospitalId == hospitalId).ExamPart
            ?? map.FirstOrDefault(m => m.Code == code && m.HospitalId == "*").ExamPart
            ?? byRule.GetValueOrDefault((code, hospitalId));

        foreach (var item in DemoCatalog.ExamItems)
        {
            Assert.True(item.ExamPart == Resolved(item.Code, Hospital), item.Code);
        }
        Assert.Equal("B01010ZZZ", Resolved("CT0001", Centre));
        Assert.Equal("A03019ZZZ", Resolved("DR0001", Centre));
        Assert.Equal("F04010ZZZ", Resolved("US0001", Centre));
        var viaRules = DemoCatalog.ExamItems.Count(i => i.ExamPart is not null && !map.Any(m => m.Code == i.Code));
        Assert.True(viaRules > map.Count(m => m.HospitalId == "*"), $"{viaRules} items by rules");

        var unmapped = $"SELECT count(*) {ContractCheck.UnmappedItems(hospital.Dialect)}";
        Assert.Equal(2L, s.Scalar<long>(unmapped));
        s.Rule(999, "MR", "前列腺", null, null, "C05510ZZZ");
        Assert.Equal(1L, s.Scalar<long>(unmapped));
    }

    [Fact]
    public void The_rule_table_refuses_the_pattern_characters_the_loader_refuses_and_takes_percent_and_underscore()
    {
        foreach (var c in ExamPartRules.RefusedCharacters)
        {
            var pattern = $"胸{c}部";
            Assert.NotNull(ExamPartRules.PatternProblem(pattern));
            if (!TableChecksPatterns)
            {
                continue;
            }
            using var connection = hospital.Open(writable: true);
            var refused = false;
            try
            {
                connection.Execute($"INSERT INTO {Imgcloud("exam_part_rule")} (rule_no, name_pattern, exam_part) VALUES (90001, @pattern, 'B03010ZZZ')", new { pattern });
            }
            catch (DbException)
            {
                refused = true;
            }
            finally
            {
                connection.Execute($"DELETE FROM {Imgcloud("exam_part_rule")} WHERE rule_no = 90001");
            }
            Assert.True(refused, $"the table took the pattern {pattern}");
        }
        Assert.Null(ExamPartRules.PatternProblem("胸_部%"));
        Assert.NotNull(ExamPartRules.PatternProblem("胸部 "));
        Assert.NotNull(ExamPartRules.ContrastProblem("普通"));
        Assert.Null(ExamPartRules.ContrastProblem("造影"));
        using var s = Begin();
        s.Rule(10, null, "胸_部%", "%", "造影", "B03010ZZZ");
        Assert.Equal(1L, s.Scalar<long>($"SELECT count(*) FROM {Imgcloud("exam_part_rule")}"));
    }
}

/// <summary>The crosswalk rules on the embedded demo hospital (SQLite).</summary>
public sealed class SqliteExamPartRuleTests(DemoHospital hospital) : ExamPartRuleTests(hospital), IClassFixture<DemoHospital>;

/// <summary>The crosswalk rules on PostgreSQL, over the very files in sql/postgresql/.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresExamPartRuleTests(PostgresHospital hospital) : ExamPartRuleTests(hospital), IClassFixture<PostgresHospital>;

/// <summary>The crosswalk rules on MariaDB, over the very files in sql/mysql/.</summary>
[Collection(MariaDbTests.Name)]
public sealed class MySqlExamPartRuleTests(MariaDbHospital hospital) : ExamPartRuleTests(hospital), IClassFixture<MariaDbHospital>
{
    protected override bool TableChecksPatterns => false;
}
