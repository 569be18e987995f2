using Dapper;

namespace ProviderApi.Tests.Check;

/// <summary>The check on a HIS holding two institutions whose codes overlap (the demo's hospital and community centre).</summary>
public abstract partial class CheckTests
{
    [Fact]
    public async Task The_same_code_in_two_institutions_is_no_repeat_but_institutions_merged_under_one_hospitalld_repeat_their_codes()
    {
        // As the demo is: CT0001, DR0001, US0001, 0101 and 2001 in both institutions, nothing repeats (the first test: no error).
        await CheckAfterAsync((_, _) => { }, (_, _, report) =>
        {
            Assert.DoesNotContain(report.Findings, f => f.Rule is "EXAM-CODE-DUPLICATE" or "DEPT-CODE-DUPLICATE");
            Assert.True(report.Passed);
        });

        // The centre's 医保 code left out of ORG_DICT: its rows take the settings' code, the hospital's, and their codes collide.
        await CheckAfterAsync((c, t) => c.Execute("UPDATE ORG_DICT SET INSUR_ORG_CODE = NULL WHERE ORG_CODE = '02'", transaction: t),
            (_, _, report) =>
            {
                AssertFindings(report,
                    ("EXAM-CODE-DUPLICATE", "examCode", Error, 3),
                    ("DEPT-CODE-DUPLICATE", "deptCode", Error, 2));
                var examples = report.Findings.Single(f => f.Rule == "EXAM-CODE-DUPLICATE").Examples.Select(e => e.Value).Order(StringComparer.Ordinal);
                Assert.Equal(["CT0001 (hospitalld H45010000001)", "DR0001 (hospitalld H45010000001)", "US0001 (hospitalld H45010000001)"], examples);
            });
    }

    [Fact]
    public async Task An_item_is_unmapped_when_neither_its_institution_nor_all_institutions_have_a_crosswalk_row()
    {
        // DR0001 without its '*' row: the hospital's item is unmapped, the centre's keeps its own row.
        await CheckAfterAsync((c, t) => c.Execute($"DELETE FROM {Imgcloud("exam_part_map")} WHERE exam_code = 'DR0001' AND hospital_id = '*'", transaction: t),
            (c, t, report) =>
            {
                var missing = Count(c, t, "SELECT count(*) FROM view_setlInfoList WHERE examPart IS NULL");
                Assert.Equal(0, Count(c, t, "SELECT count(*) FROM view_setlInfoList WHERE examPart IS NULL AND hospitalld = 'H45010300002'"));
                if (missing > 0)
                {
                    AssertFindings(report, ("SETL-EXAM-PART-MISSING", "examPart", Error, missing), ("EXAM-PART-UNMAPPED", "examCode", Warning, 3));
                }
                else
                {
                    AssertFindings(report, ("EXAM-PART-UNMAPPED", "examCode", Warning, 3));
                }
                Assert.Contains(report.Crosswalk.Unmapped, u => u is { ExamCode: "DR0001", Hospitalld: "H45010000001" });
                Assert.DoesNotContain(report.Crosswalk.Unmapped, u => u.Hospitalld == "H45010300002");
            });

        // A row for the centre alone maps nothing for the hospital: MR0007 stays unmapped there.
        await CheckAfterAsync((c, t) => c.Execute(
                $"INSERT INTO {Imgcloud("exam_part_map")} (exam_code, exam_part, note, hospital_id) VALUES ('MR0007', 'C07010ZZZ', '社区', 'H45010300002')", transaction: t),
            (_, _, report) =>
            {
                AssertFindings(report, ("EXAM-PART-UNMAPPED", "examCode", Warning, 2));
                Assert.Contains(report.Crosswalk.Unmapped, u => u is { ExamCode: "MR0007", Hospitalld: "H45010000001" });
            });
    }
}
