using System.Text;
using ProviderApi.Check;

namespace ProviderApi.Tests.Check;

/// <summary>Reading a crosswalk or the sex map from CSV: every line validated, the whole file refused on any problem.</summary>
public sealed class CodeMapCsvTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static CodeMapFile Read(CodeMapTable table, string text) => CodeMapCsv.Read(table, new StringReader(text));

    private string WriteFile(string text, Encoding encoding)
    {
        var path = folder.File($"{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, [.. encoding.GetPreamble(), .. encoding.GetBytes(text)]);
        return path;
    }

    [Fact]
    public void A_good_crosswalk_file_gives_its_rows_with_and_without_notes()
    {
        var file = Read(CodeMapTable.ExamPartMap, "exam_code,exam_part,note\nCT0001,B01010ZZZ,头颅CT平扫\nMR0007,C04550ZZZ,\r\n\nRF0002,G04510ZZZ,\"静脉肾盂造影, 含 \"\"IVP\"\"\"\n");

        Assert.True(file.IsValid, string.Join('\n', file.Problems));
        Assert.Equal(
            [new CodeMapRow(2, "CT0001", "B01010ZZZ", "头颅CT平扫"), new CodeMapRow(3, "MR0007", "C04550ZZZ", null), new CodeMapRow(5, "RF0002", "G04510ZZZ", "静脉肾盂造影, 含 \"IVP\"")],
            file.Rows);
    }

    [Fact]
    public void The_note_column_is_optional_and_the_header_ignores_case_and_spaces()
    {
        var file = Read(CodeMapTable.ExamPartMap, "Exam_Code , EXAM_PART\n CT0001 , B01010ZZZ \n");

        Assert.Equal([new CodeMapRow(2, "CT0001", "B01010ZZZ", null)], file.Rows);
    }

    [Fact]
    public void The_crosswalk_may_name_an_institution_per_row_after_the_required_columns_a_blank_meaning_all()
    {
        var file = Read(CodeMapTable.ExamPartMap, "exam_code,exam_part,hospital_id,note\nDR0001,A03019ZZZ,H45010300002,社区\nDR0001,A03010ZZZ,*,\nCT0001,B01010ZZZ,,\n");

        Assert.True(file.IsValid, string.Join('\n', file.Problems));
        Assert.Equal(
            [new CodeMapRow(2, "DR0001", "A03019ZZZ", "社区", "H45010300002"), new CodeMapRow(3, "DR0001", "A03010ZZZ", null, "*"), new CodeMapRow(4, "CT0001", "B01010ZZZ", null, "*")],
            file.Rows);
    }

    [Fact]
    public void A_code_twice_for_one_institution_or_an_institution_that_is_no_hospitalld_refuses_the_file()
    {
        var file = Read(CodeMapTable.ExamPartMap, "exam_code,exam_part,hospital_id\nDR0001,A03019ZZZ,H45010300002\nDR0001,A03018ZZZ,H45010300002\nCT0001,B01010ZZZ,h45010300002\nCT0001,B01010ZZZ,\nCT0001,B01011ZZZ,*\n");

        Assert.False(file.IsValid);
        Assert.Empty(file.Rows);
        Assert.Equal([3, 4, 6], file.Problems.Select(p => p.Line));
        Assert.Contains("DR0001 (H45010300002)", file.Problems[0].English, StringComparison.Ordinal);
        Assert.Contains("h45010300002", file.Problems[1].English, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_naming_a_column_twice_or_an_unknown_one_is_refused()
    {
        Assert.Equal([1], Read(CodeMapTable.ExamPartMap, "exam_code,exam_part,exam_code\nCT0001,B01010ZZZ,CT0001\n").Problems.Select(p => p.Line));
        Assert.Equal([1], Read(CodeMapTable.ExamPartMap, "exam_code,exam_part,campus\nCT0001,B01010ZZZ,A\n").Problems.Select(p => p.Line));
        Assert.Equal([1], Read(CodeMapTable.SexMap, "sex_code,sex_text,hospital_id\n1,男,*\n").Problems.Select(p => p.Line));
    }

    [Fact]
    public void A_sex_map_file_is_read_as_codes_and_texts()
    {
        var file = Read(CodeMapTable.SexMap, "sex_code,sex_text\n0,未知\n1,男\n2,女\n9,未说明\n");

        Assert.True(file.IsValid);
        Assert.Equal(["0:未知", "1:男", "2:女", "9:未说明"], file.Rows.Select(r => $"{r.Code}:{r.Value}"));
    }

    [Fact]
    public void A_utf8_file_is_read_with_or_without_a_byte_order_mark()
    {
        const string text = "exam_code,exam_part,note\nCT0001,B01010ZZZ,头颅CT平扫\n";
        foreach (var encoding in new Encoding[] { new UTF8Encoding(true), new UTF8Encoding(false) })
        {
            var file = CodeMapCsv.Read(CodeMapTable.ExamPartMap, WriteFile(text, encoding));
            Assert.True(file.IsValid, string.Join('\n', file.Problems));
            Assert.Equal("头颅CT平扫", file.Rows.Single().Note);
        }
    }

    [Fact]
    public void A_file_saved_as_gbk_is_refused_as_not_utf8()
    {
        var gbkBytes = new byte[] { 0xBC, 0xEC, 0xB2, 0xE9 }; // 检查 in GBK
        var path = folder.File("gbk.csv");
        File.WriteAllBytes(path, [.. "exam_code,exam_part,note\nCT0001,B01010ZZZ,"u8.ToArray(), .. gbkBytes, (byte)'\n']);

        var file = CodeMapCsv.Read(CodeMapTable.ExamPartMap, path);

        Assert.False(file.IsValid);
        Assert.Empty(file.Rows);
        Assert.Contains("UTF-8", file.Problems.Single().English, StringComparison.Ordinal);
    }

    [Fact]
    public void One_bad_line_refuses_the_whole_file_and_names_the_line()
    {
        var file = Read(CodeMapTable.ExamPartMap, "exam_code,exam_part\nCT0001,B01010ZZZ\nCT0002,B03010ZZ\nCT0003,B04010ZZZ\n");

        Assert.False(file.IsValid);
        Assert.Empty(file.Rows);
        var problem = Assert.Single(file.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Contains("B03010ZZ", problem.English, StringComparison.Ordinal);
        Assert.StartsWith("第 3 行 / line 3:", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_of_the_file_is_reported_with_its_line()
    {
        var file = Read(CodeMapTable.ExamPartMap, string.Join('\n',
            "exam_code,exam_part,note",
            "CT0001,b01010zzz,lower case",          // 2: format
            "CT0002",                                // 3: too few columns
            "CT0003,B04010ZZZ,a,b",                  // 4: too many columns
            ",B04010ZZZ,",                           // 5: empty code
            "CT0005,B04010ZZZ,",
            "CT0005,B04020ZZZ,",                     // 7: repeats line 6
            "\"CT0007,B04010ZZZ,",                   // 8: unclosed quote
            "CT0008,B04\"010ZZZ,",                   // 9: quote inside an unquoted field
            $"{new string('C', 51)},B04010ZZZ,"));  // 10: code too long

        Assert.Equal([2, 3, 4, 5, 7, 8, 9, 10], file.Problems.Select(p => p.Line));
        Assert.Contains("repeats line 6", file.Problems.Single(p => p.Line == 7).English, StringComparison.Ordinal);
        Assert.Empty(file.Rows);
    }

    [Theory]
    [InlineData("code,part\nCT0001,B01010ZZZ\n")]
    [InlineData("exam_part,exam_code\nB01010ZZZ,CT0001\n")]
    [InlineData("CT0001,B01010ZZZ\n")]
    [InlineData("exam_code,exam_part,note,extra\nCT0001,B01010ZZZ,,\n")]
    public void A_file_without_the_header_is_refused(string text)
    {
        var problem = Assert.Single(Read(CodeMapTable.ExamPartMap, text).Problems);

        Assert.Equal(1, problem.Line);
        Assert.Contains("exam_code,exam_part[,note]", problem.English, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("exam_code,exam_part\n")]
    public void An_empty_file_or_a_header_alone_is_refused(string text)
    {
        Assert.False(Read(CodeMapTable.ExamPartMap, text).IsValid);
    }

    [Fact]
    public void A_sex_map_line_needs_a_code_of_at_most_two_characters_and_a_text()
    {
        var file = Read(CodeMapTable.SexMap, "sex_code,sex_text\n1,男\n,女\n123,未知\n9,\n");

        Assert.Equal([3, 4, 5], file.Problems.Select(p => p.Line));
    }

    [Fact]
    public void Broken_quoting_is_reported_per_line_and_a_line_of_spaces_is_skipped()
    {
        var file = Read(CodeMapTable.SexMap, "sex_code,sex_text\n\"1\" x,男\n   \n2,女\n\"9,未说明");

        Assert.Equal([(2, "text after a closing quote"), (5, "a quote is not closed (a field cannot span lines)")], file.Problems.Select(p => (p.Line, p.English)));
        Assert.Empty(file.Rows);
    }

    [Fact]
    public void A_broken_header_line_stops_the_reading_there()
    {
        var problem = Assert.Single(Read(CodeMapTable.SexMap, "sex_code,\"sex_text\n1,男\n").Problems);

        Assert.Equal(1, problem.Line);
    }
}
