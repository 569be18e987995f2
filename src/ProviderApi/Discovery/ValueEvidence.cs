using System.Globalization;

namespace ProviderApi.Discovery;

/// <summary>
/// How far a column's sampled values fit a field's kind (0 to 1), with the evidence in words:
/// counts and rates only, never a value.
/// </summary>
public static class ValueEvidence
{
    /// <summary>How much the values weigh against the name for a kind (the rest: name 0.85 less this, table 0.15).</summary>
    public static double Strength(FieldKind kind) => kind switch
    {
        FieldKind.IdNumber or FieldKind.Mobile => 0.6,
        FieldKind.Sex or FieldKind.BirthDate or FieldKind.DiagnosisCode or FieldKind.Modality => 0.5,
        FieldKind.PersonName or FieldKind.EventTime or FieldKind.OptionalTime or FieldKind.DeptName or FieldKind.ExamName
            or FieldKind.DiagnosisName or FieldKind.BodyPart or FieldKind.Money => 0.42,
        FieldKind.Flag or FieldKind.FlagOrTime or FieldKind.Key or FieldKind.OrgCode or FieldKind.SmallCode => 0.32,
        FieldKind.CardNo or FieldKind.Code => 0.27,
        _ => 0.2,
    };

    /// <summary>The fit of <paramref name="p"/>'s values to <paramref name="kind"/>, or null when the sample holds no value of it.</summary>
    public static (double? Score, string Evidence) Of(FieldKind kind, ColumnProfile p)
    {
        if (p.Rows == 0 && p.NonNull == 0)
        {
            return (null, "not sampled");
        }
        if (p.NonNull == 0)
        {
            return (null, $"empty in the {p.Rows} rows read");
        }
        var n = (double)p.NonNull;
        var filled = $"{p.NonNull} of {p.Rows} filled";
        string Rate(int count) => $"{count}/{p.NonNull} ({Percent(count / n)})";
        var dateRate = p.Dates / n;
        var notDate = 1 - dateRate;
        switch (kind)
        {
            case FieldKind.IdNumber:
                {
                    var valid = p.IdValid / n;
                    var text = $"GB 11643 check right {Rate(p.IdValid)}, ID-shaped {Rate(p.IdShaped)}";
                    var agreement = 1.0;
                    if (p.BirthAgreement is { } birth)
                    {
                        text += $"; birth date agrees with {birth.Column} {birth.Agree}/{birth.Compared}";
                        agreement = birth.Agree / (double)birth.Compared;
                    }
                    if (p.SexAgreement is { } sex)
                    {
                        text += $"; sex digit agrees with {sex.Column} {sex.Agree}/{sex.Compared}";
                        agreement = Math.Min(agreement, sex.Agree / (double)sex.Compared);
                    }
                    var score = (0.75 * valid) + (0.1 * (p.IdShaped / n)) + (0.15 * valid * agreement);
                    return (score, $"{text}; {filled}");
                }
            case FieldKind.Mobile:
                {
                    var score = Math.Min(1, (p.Mobile / n) + (0.5 * p.Landline / n)) * (1 - (0.8 * p.IdShaped / n));
                    return (score, $"mobile-shaped {Rate(p.Mobile)}, landline {Rate(p.Landline)}; {filled}");
                }
            case FieldKind.PersonName:
                {
                    var names = p.ChinesePersonNames / n;
                    return (names * (p.DeptWords / n > 0.5 ? 0.4 : 1), $"Chinese person-name shaped (2-4 characters) {Rate(p.ChinesePersonNames)}, distinct {p.Distinct}; {filled}");
                }
            case FieldKind.Sex:
                {
                    if (p.SexSet is not { } set)
                    {
                        return (0, $"{p.Distinct} distinct values, not one sex code set; {filled}");
                    }
                    var setName = set switch
                    {
                        SexSet.Chinese => "男/女",
                        SexSet.Letters => "M/F",
                        _ => "GB/T 2261.1 digits",
                    };
                    var score = p.SexValues / n * (p.BothSexes ? 1 : 0.3) * (set == SexSet.Digits ? 0.85 : 1);
                    return (score, $"{p.Distinct} distinct values, {Rate(p.SexValues)} in the {setName} set; {filled}");
                }
            case FieldKind.BirthDate:
                {
                    var age = p.MedianAgeYears is >= 1 and <= 100 ? 1 : p.MedianAgeYears > 0.2 ? 0.4 : 0.1;
                    var spread = p.SpreadDays / 365.25 >= 5 ? 1 : p.SpreadDays / 365.25 >= 1 ? 0.6 : 0.3;
                    var time = p.Dates == 0 ? 1 : p.DatesWithTime / (double)p.Dates < 0.2 ? 1 : 0.6;
                    return (dateRate * age * spread * time, $"dates {Rate(p.Dates)}, median {p.MedianAgeYears:0.#} years ago, middle half over {p.SpreadDays / 365.25:0.#} years; {filled}");
                }
            case FieldKind.EventTime:
            case FieldKind.OptionalTime:
                {
                    var recent = p.Dates == 0 ? 0 : p.RecentDates / (double)p.Dates;
                    var time = p.Dates == 0 ? 0 : p.DatesWithTime / (double)p.Dates;
                    return (dateRate * recent * (0.8 + (0.2 * time)), $"dates {Rate(p.Dates)}, within 5 years {p.RecentDates}/{p.Dates}, with a time of day {p.DatesWithTime}/{p.Dates}, median {p.MedianAgeYears * 365.25:0} days ago; {filled}");
                }
            case FieldKind.Key:
                {
                    var distinct = p.Distinct / n;
                    var score = (p.CodeLike / n) * distinct * notDate * (1 - (0.7 * p.IdValid / n)) * (1 - (0.5 * p.Mobile / n));
                    return (score, $"distinct {Rate(p.Distinct)}, code-like {Rate(p.CodeLike)}{(p.Column.PrimaryKey ? ", primary key" : "")}; {filled}");
                }
            case FieldKind.CardNo:
                {
                    var distinct = p.Distinct / n;
                    var score = (p.CodeLike / n) * (0.5 + (0.5 * distinct)) * notDate * (1 - (0.7 * p.IdValid / n)) * (1 - (0.7 * p.Mobile / n)) * (p.AverageLength >= 5 ? 1 : 0.5);
                    return (score, $"code-like {Rate(p.CodeLike)}, distinct {p.Distinct}, GB 11643 {p.IdValid}, mobile-shaped {p.Mobile}, average length {p.AverageLength:0.#}; {filled}");
                }
            case FieldKind.Code:
                {
                    var score = (p.CodeLike / n) * notDate * (1 - (p.WithFraction / n)) * (1 - (0.7 * p.IdValid / n)) * (1 - (0.7 * p.Mobile / n)) * (p.AverageLength is >= 1 and <= 20 ? 1 : 0.5);
                    return (score, $"code-like {Rate(p.CodeLike)}, distinct {p.Distinct}, average length {p.AverageLength:0.#}; {filled}");
                }
            case FieldKind.OrgCode:
                {
                    var score = (p.CodeLike / n) * notDate * (p.Distinct <= 20 ? 1 : 0.4) * (p.AverageLength >= 2 ? 1 : 0.6);
                    return (score, $"code-like {Rate(p.CodeLike)}, {p.Distinct} distinct; {filled}");
                }
            case FieldKind.SmallCode:
                {
                    var score = Math.Min(1, (p.CodeLike + p.WithChinese) / n) * notDate * (p.Distinct <= 10 ? 1 : 0.3);
                    return (score, $"{p.Distinct} distinct values, code or word {Rate(Math.Min(p.NonNull, p.CodeLike + p.WithChinese))}; {filled}");
                }
            case FieldKind.DeptName:
                {
                    var score = (p.ChineseTexts / n) * (0.6 + (0.4 * p.DeptWords / n)) * (p.ChinesePersonNames / n > 0.8 && p.DeptWords / n < 0.3 ? 0.6 : 1);
                    return (score, $"Chinese text {Rate(p.ChineseTexts)}, ending as a department does (科, 室, 中心 ...) {Rate(p.DeptWords)}; {filled}");
                }
            case FieldKind.ExamName:
                {
                    var score = (p.WithChinese / n) * (0.55 + (0.45 * p.ExamWords / n)) * (p.AverageLength >= 3 ? 1 : 0.6);
                    return (score, $"Chinese text {Rate(p.WithChinese)}, naming an exam (CT, 平扫, 超声 ...) {Rate(p.ExamWords)}; {filled}");
                }
            case FieldKind.DiagnosisName:
                {
                    var score = (p.WithChinese / n) * (0.5 + (0.5 * p.DiagnosisWords / n)) * (p.DeptWords / n > 0.5 ? 0.5 : 1);
                    return (score, $"Chinese text {Rate(p.WithChinese)}, naming a disease (炎, 骨折, 高血压 ...) {Rate(p.DiagnosisWords)}; {filled}");
                }
            case FieldKind.DiagnosisCode:
                return (p.Icd / n, $"ICD-10 shaped {Rate(p.Icd)}; {filled}");
            case FieldKind.Modality:
                return (p.Modalities / n * (p.Distinct <= 30 ? 1 : 0.5), $"modality codes (CT, MR, DR, US ...) {Rate(p.Modalities)}, {p.Distinct} distinct; {filled}");
            case FieldKind.BodyPart:
                {
                    var score = (p.WithChinese / n) * (0.4 + (0.6 * p.BodyWords / n)) * (p.ExamWords / n > 0.5 ? 0.6 : 1);
                    return (score, $"Chinese text {Rate(p.WithChinese)}, naming a body part (头, 胸, 腹 ...) {Rate(p.BodyWords)}; {filled}");
                }
            case FieldKind.Money:
                {
                    var numeric = p.Numbers / n;
                    var typed = p.Column.Family == TypeFamily.Number ? 1 : 0.7;
                    var fraction = p.WithFraction > 0 ? 1 : 0.8;
                    return (numeric * typed * fraction * (p.Distinct > 2 ? 1 : 0.4), $"numbers {Rate(p.Numbers)}, with cents {p.WithFraction}, {p.Distinct} distinct, type {p.Column.DataType}; {filled}");
                }
            case FieldKind.Flag:
                {
                    var flags = p.FlagValues / n;
                    var small = p.Distinct <= 4 ? 0.6 : 0;
                    return (Math.Max(flags, small * notDate), $"{p.Distinct} distinct values, flag-shaped (0/1, Y/N, 是/否) {Rate(p.FlagValues)}; {filled}");
                }
            case FieldKind.FlagOrTime:
                {
                    // A status recorded as a flag, or as the time it changed (NULL until then).
                    var flags = p.FlagValues / n;
                    var recent = p.Dates == 0 ? 0 : p.RecentDates / (double)p.Dates;
                    var asTime = dateRate * recent * 0.9;
                    return (Math.Max(flags, asTime), flags >= asTime
                        ? $"{p.Distinct} distinct values, flag-shaped {Rate(p.FlagValues)}; {filled}"
                        : $"a time set when it happens: dates {Rate(p.Dates)}, within 5 years {p.RecentDates}/{p.Dates}; {filled}");
                }
            default:
                return (p.WithChinese > 0 ? 0.6 : 0.3, $"text, {p.Distinct} distinct; {filled}");
        }
    }

    public static string Percent(double rate) => rate.ToString("0.#%", CultureInfo.InvariantCulture);
}
