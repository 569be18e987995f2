using Dapper;

namespace ProviderApi.Tests.Check;

/// <summary>load-csv with the crosswalk's optional institution column, through the real executable.</summary>
public abstract partial class CheckCommandTests
{
    [Fact]
    public async Task Load_csv_takes_an_institution_column_whose_rows_win_for_that_institution_and_a_blank_or_star_for_all()
    {
        var file = WriteCsv("exam_code,exam_part,hospital_id,note\nCT0001,B01019ZZZ,H45010300002,社区头颅CT\nMR0007,C04550ZZZ,*,\nRF0002,G04510ZZZ,,静脉肾盂造影\n");

        await WithCommittedAsync(Imgcloud("exam_part_map"), _ => { }, async () =>
        {
            var (exitCode, output, error) = await RunAsync("load-csv", "--table", "exam-part-map", "--file", file);

            Assert.True(exitCode == 0, $"load-csv exited {exitCode}: {error}\n{output}");
            Assert.Contains("3 new, 0 replaced", output, StringComparison.Ordinal);
            using var connection = hospital.Open();
            var rows = connection.Query<string>(
                $"SELECT {Concat()} FROM {Imgcloud("exam_part_map")} WHERE exam_code IN ('CT0001', 'MR0007', 'RF0002')").Order(StringComparer.Ordinal);
            Assert.Equal(["* CT0001 B01010ZZZ", "* MR0007 C04550ZZZ", "* RF0002 G04510ZZZ", "H45010300002 CT0001 B01019ZZZ"], rows);
            // The centre's CT0001 settlement takes its own row; the hospital's CT0001 keeps the '*' one.
            Assert.Equal("B01019ZZZ", connection.ExecuteScalar<string>(
                "SELECT examPart FROM view_setlInfoList WHERE accessionNo = 'S-ACC-COMMUNITY' AND medListCodg = '002103000010000'"));
        });
    }

    [Fact]
    public async Task Load_csv_refuses_an_institution_that_is_no_hospitalld_and_a_code_twice_for_one_institution()
    {
        var file = WriteCsv("exam_code,exam_part,note,hospital_id\nCT0001,B01019ZZZ,,H450103\nDR0001,A03019ZZZ,,H45010300002\nDR0001,A03018ZZZ,,H45010300002\nDR0001,A03010ZZZ,,*\n");

        var (exitCode, _, error) = await RunAsync("load-csv", "--table", "exam-part-map", "--file", file);

        Assert.True(exitCode == 1, error);
        Assert.Contains("line 2: ", error, StringComparison.Ordinal);
        Assert.Contains("H450103", error, StringComparison.Ordinal);
        Assert.Contains("line 4: ", error, StringComparison.Ordinal);
        Assert.Contains("repeats line 3", error, StringComparison.Ordinal);
        Assert.DoesNotContain("line 3: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("line 5: ", error, StringComparison.Ordinal);
    }

    /// <summary>The three columns as one text, in the engine's own words (MySQL's || is OR).</summary>
    private string Concat() => provider == ProviderApi.Data.DatabaseProvider.MySql
        ? "CONCAT(hospital_id, ' ', exam_code, ' ', exam_part)"
        : "hospital_id || ' ' || exam_code || ' ' || exam_part";
}
