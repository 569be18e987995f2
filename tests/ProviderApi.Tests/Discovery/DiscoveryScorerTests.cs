using ProviderApi.Common;
using ProviderApi.Data.Migrations;
using ProviderApi.Discovery;

namespace ProviderApi.Tests.Discovery;

/// <summary>The evidence discover ranks by: value shapes, name words, and a column's profile scored per kind.</summary>
public sealed class DiscoveryScorerTests
{
    private static readonly string ValidId = ResidentIdNumber.Create("450000", new DateOnly(1980, 5, 17), 123);

    [Fact]
    public void An_ID_number_counts_only_with_its_right_check_character()
    {
        Assert.True(ValueShapes.IsValidIdNumber(ValidId));
        var wrong = ValidId[..17] + (ValidId[17] == '0' ? '1' : '0');
        Assert.False(ValueShapes.IsValidIdNumber(wrong));
        Assert.True(ValueShapes.LooksLikeIdNumber(wrong));
        Assert.Equal(new DateTime(1980, 5, 17), ValueShapes.BirthDateOf(ValidId));
        Assert.Equal(1, ValueShapes.SexOf(ValidId)); // sequence 123: odd, a man
    }

    [Fact]
    public void A_lower_case_x_check_character_is_accepted()
    {
        var withX = Enumerable.Range(0, 999).Select(s => ResidentIdNumber.Create("450000", new DateOnly(1990, 1, 1), s)).First(n => n.EndsWith('X'));
        Assert.True(ValueShapes.IsValidIdNumber(withX[..17] + "x"));
    }

    [Theory]
    [InlineData("17012345678", true)]
    [InlineData("+86 170 1234 5678", true)]
    [InlineData("170-1234-5678", true)]
    [InlineData("12012345678", false)]
    [InlineData("1701234567", false)]
    [InlineData("0771-5551234", false)]
    public void Mobile_numbers_have_the_mainland_shape(string value, bool mobile)
    {
        Assert.Equal(mobile, ValueShapes.IsMobile(value));
    }

    [Theory]
    [InlineData("0771-5551234", true)]
    [InlineData("01055512345", true)]
    [InlineData("17012345678", false)]
    public void Landlines_are_told_from_mobiles(string value, bool landline)
    {
        Assert.Equal(landline, ValueShapes.IsLandline(value));
    }

    [Theory]
    [InlineData("男", SexSet.Chinese, 1)]
    [InlineData("女", SexSet.Chinese, 2)]
    [InlineData("M", SexSet.Letters, 1)]
    [InlineData("f", SexSet.Letters, 2)]
    [InlineData("2", SexSet.Digits, 2)]
    [InlineData("9", SexSet.Digits, null)]
    public void Sex_values_belong_to_a_set_and_stand_for_a_code(string value, SexSet set, int? code)
    {
        Assert.Equal(set, ValueShapes.SexSetOf(value));
        Assert.Equal(code, ValueShapes.SexCodeOf(value));
    }

    [Theory]
    [InlineData("BRXM", new[] { "brxm" })]
    [InlineData("PatientInfo", new[] { "patient", "info" })]
    [InlineData("IdCardNo", new[] { "id", "card", "no" })]
    [InlineData("IDCard", new[] { "id", "card" })]
    [InlineData("dept_code2", new[] { "dept", "code", "2" })]
    [InlineData("MZ_GHXX", new[] { "mz", "ghxx" })]
    public void Names_split_into_words_at_underscores_case_and_digits(string name, string[] words)
    {
        Assert.Equal(words, NameHints.Words(name));
    }

    [Fact]
    public void Pinyin_initials_and_english_words_match_case_insensitively_and_look_alikes_do_not()
    {
        string[] hints = ["id card no", "sfzh"];
        Assert.Equal(1, NameHints.Match("SFZH", hints));
        Assert.Equal(1, NameHints.Match("IdCardNo", hints));
        Assert.Equal(1, NameHints.Match("id_card_no", hints));
        Assert.InRange(NameHints.Match("BRSFZH", hints), 0.6, 0.7);
        Assert.Equal(0, NameHints.Match("LXDH", hints));
        Assert.True(NameHints.Mentions("JHRDH", ["jhr"]));
        Assert.False(NameHints.Mentions("LXDH", ["jhr"]));
    }

    [Fact]
    public void Every_source_view_column_has_exactly_one_field()
    {
        var fields = FieldSpecs.All.Select(f => $"{f.View}.{f.Column}").ToList();
        var expected = SourceViewColumns.ByView.SelectMany(v => v.Value.Select(c => $"{v.Key}.{c}")).ToList();
        Assert.Equal(expected, fields);
    }

    [Fact]
    public void A_column_of_valid_ID_numbers_agreeing_with_birth_date_and_sex_outscores_one_of_wrong_check_digits()
    {
        var now = new DateTime(2026, 12, 1);
        CatalogColumn[] columns = [new("SFZH", "varchar(18)", 1, false), new("CSRQ", "date", 2, false), new("XB", "varchar(2)", 3, false), new("YBKH", "varchar(18)", 4, false)];
        var rows = Enumerable.Range(0, 200).Select(i =>
        {
            var birth = new DateOnly(1950 + (i % 60), 1 + (i % 12), 1 + (i % 28));
            var id = ResidentIdNumber.Create("450000", birth, 100 + i);
            var broken = id[..17] + (id[17] == '0' ? '1' : '0');
            return new object?[] { id, birth.ToDateTime(TimeOnly.MinValue), i % 2 == 0 ? "女" : "男", broken };
        }).ToList();

        var profiles = ColumnProfile.Of(columns, rows, now);
        var (valid, evidence) = ValueEvidence.Of(FieldKind.IdNumber, profiles[0]);
        var (broken, _) = ValueEvidence.Of(FieldKind.IdNumber, profiles[3]);

        Assert.Equal(200, profiles[0].IdValid);
        Assert.Equal(0, profiles[3].IdValid);
        Assert.Equal(("CSRQ", 200, 200), profiles[0].BirthAgreement);
        Assert.Equal(("XB", 200, 200), profiles[0].SexAgreement);
        Assert.True(valid > 0.95, evidence);
        Assert.True(broken < 0.2);
        Assert.Contains("GB 11643 check right 200/200", evidence, StringComparison.Ordinal);
        Assert.False(Masking.HasSensitiveNumber(evidence));
        var (sex, sexEvidence) = ValueEvidence.Of(FieldKind.Sex, profiles[2]);
        Assert.True(sex > 0.95, sexEvidence);
        var (birthDate, _) = ValueEvidence.Of(FieldKind.BirthDate, profiles[1]);
        var (visitTime, _) = ValueEvidence.Of(FieldKind.EventTime, profiles[1]);
        Assert.True(birthDate > 0.9 && visitTime < 0.1, $"{birthDate} {visitTime}");
    }

    [Fact]
    public void Mobile_numbers_score_as_a_phone_and_ID_numbers_do_not()
    {
        CatalogColumn[] columns = [new("LXDH", "varchar(20)", 1, false), new("SFZH", "varchar(18)", 2, false)];
        var rows = Enumerable.Range(0, 50).Select(i => new object?[] { $"170{i:D8}", ResidentIdNumber.Create("450000", new DateOnly(1970, 1, 1), i) }).ToList();
        var profiles = ColumnProfile.Of(columns, rows, DateTime.Now);
        Assert.True(ValueEvidence.Of(FieldKind.Mobile, profiles[0]).Score > 0.95);
        Assert.True(ValueEvidence.Of(FieldKind.Mobile, profiles[1]).Score < 0.3);
    }
}
