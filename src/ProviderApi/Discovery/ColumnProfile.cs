using System.Globalization;

namespace ProviderApi.Discovery;

/// <summary>A column in the HIS's catalog.</summary>
public sealed record CatalogColumn(string Name, string DataType, int Position, bool PrimaryKey)
{
    /// <summary>What the data type says, roughly.</summary>
    public TypeFamily Family { get; } = FamilyOf(DataType);

    private static TypeFamily FamilyOf(string type)
    {
        var t = type.ToLowerInvariant();
        if (t.Contains("blob", StringComparison.Ordinal) || t.Contains("bytea", StringComparison.Ordinal) || t.Contains("binary", StringComparison.Ordinal)
            || t.Contains("image", StringComparison.Ordinal) || t.Contains("raw", StringComparison.Ordinal) || t.Contains("clob", StringComparison.Ordinal)
            || t.Contains("xml", StringComparison.Ordinal) || t.Contains("json", StringComparison.Ordinal) || t.Contains("geometry", StringComparison.Ordinal)
            || t.Contains("geography", StringComparison.Ordinal) || t.Contains("[]", StringComparison.Ordinal) || t is "ntext" or "longtext" or "mediumtext" or "long" or "bfile" or "rowid" or "tsvector" or "hierarchyid" or "sql_variant")
        {
            return TypeFamily.Unread;
        }
        if (t.Contains("date", StringComparison.Ordinal) || t.Contains("time", StringComparison.Ordinal))
        {
            return TypeFamily.Date;
        }
        if (t.Contains("char", StringComparison.Ordinal) || t.Contains("text", StringComparison.Ordinal) || t.Contains("string", StringComparison.Ordinal) || t is "uuid" or "uniqueidentifier")
        {
            return TypeFamily.Text;
        }
        if (t.Contains("int", StringComparison.Ordinal) || t.Contains("serial", StringComparison.Ordinal) || t is "bit" or "boolean" or "bool")
        {
            return TypeFamily.Whole;
        }
        if (t.Contains("numeric", StringComparison.Ordinal) || t.Contains("decimal", StringComparison.Ordinal) || t.Contains("number", StringComparison.Ordinal)
            || t.Contains("money", StringComparison.Ordinal) || t.Contains("float", StringComparison.Ordinal) || t.Contains("double", StringComparison.Ordinal) || t.Contains("real", StringComparison.Ordinal))
        {
            return TypeFamily.Number;
        }
        return TypeFamily.Text;
    }
}

/// <summary>What a data type says of a column's values, roughly; <see cref="Unread"/>: large or binary, never sampled.</summary>
public enum TypeFamily
{
    Text,
    Whole,
    Number,
    Date,
    Unread,
}

/// <summary>A table of the catalog and what discover read of it.</summary>
public sealed class CatalogTable(string schema, string name, long approximateRows, IReadOnlyList<CatalogColumn> columns)
{
    public string Schema { get; } = schema;

    public string Name { get; } = name;

    /// <summary>Rows by the catalog's statistics; -1 where it has none.</summary>
    public long ApproximateRows { get; } = approximateRows;

    public IReadOnlyList<CatalogColumn> Columns { get; } = columns;

    /// <summary>Whether its sample was read (false: ranked by names alone).</summary>
    public bool Read { get; set; }

    /// <summary>Rows of the sample.</summary>
    public int RowsRead { get; set; }

    /// <summary>Why its sample could not be read (the driver's message, numbers masked), or null.</summary>
    public string? Problem { get; set; }

    /// <summary>Per column (as <see cref="Columns"/>), what the sample showed; empty until read.</summary>
    public IReadOnlyList<ColumnProfile> Profiles { get; set; } = [];

    /// <summary>The share of the table the sample covers (1 when read whole or when the catalog does not say).</summary>
    public double Coverage(int maxRowsPerTable) =>
        !Read ? 0 : RowsRead < maxRowsPerTable || ApproximateRows <= 0 ? 1 : Math.Min(1, RowsRead / (double)ApproximateRows);

    public string Label => $"{Schema}.{Name}";

    public override string ToString() => Label;
}

/// <summary>
/// What the sampled values of one column look like, in counts only: no value is kept but as a
/// 64-bit hash (to match values between columns for joins).
/// </summary>
public sealed class ColumnProfile
{
    public required CatalogColumn Column { get; init; }

    public int Rows { get; init; }

    public int NonNull { get; init; }

    public int Distinct { get; init; }

    public int IdValid { get; init; }

    public int IdShaped { get; init; }

    public int Mobile { get; init; }

    public int Landline { get; init; }

    public int Dates { get; init; }

    public int DatesWithTime { get; init; }

    /// <summary>Dates within the last 5 years (or up to 60 days ahead: booked slots).</summary>
    public int RecentDates { get; init; }

    /// <summary>The median age of the dates, in years (negative: in the future).</summary>
    public double MedianAgeYears { get; init; }

    /// <summary>The middle half of the dates spans this many days.</summary>
    public double SpreadDays { get; init; }

    public int Numbers { get; init; }

    public int Integers { get; init; }

    public int WithFraction { get; init; }

    public int ChinesePersonNames { get; init; }

    public int ChineseTexts { get; init; }

    public int WithChinese { get; init; }

    public int CodeLike { get; init; }

    public int Icd { get; init; }

    public int Modalities { get; init; }

    public double AverageLength { get; init; }

    public int DeptWords { get; init; }

    public int ExamWords { get; init; }

    public int DiagnosisWords { get; init; }

    public int BodyWords { get; init; }

    /// <summary>The sex code set all values belong to, or null.</summary>
    public SexSet? SexSet { get; init; }

    /// <summary>Values in the sex set; whether both a man's and a woman's code occur.</summary>
    public int SexValues { get; init; }

    public bool BothSexes { get; init; }

    /// <summary>Values in a flag set (0/1, Y/N, T/F, 是/否, true/false) when the column has at most 3 distinct values.</summary>
    public int FlagValues { get; init; }

    /// <summary>The largest integer value (small sequences such as item numbers match anything).</summary>
    public double MaxNumber { get; init; }

    /// <summary>Hashes of the distinct values, for joins; empty for columns that cannot be keys.</summary>
    public IReadOnlySet<ulong> Hashes { get; init; } = new HashSet<ulong>();

    /// <summary>Up to <see cref="JoinFinder.ProbeValues"/> of a key-like column's distinct values, held in memory only, to probe a key with; never written anywhere.</summary>
    internal IReadOnlyList<string> ProbeSample { get; init; } = [];

    /// <summary>For an ID-number column: the date column its birth dates agree with best, agreeing and compared.</summary>
    public (string Column, int Agree, int Compared)? BirthAgreement { get; set; }

    /// <summary>For an ID-number column: the sex column its sex digits agree with best, agreeing and compared.</summary>
    public (string Column, int Agree, int Compared)? SexAgreement { get; set; }

    private static readonly string[] DeptEndings = ["科", "室", "部", "中心", "门诊", "病区", "区", "所", "组", "站", "房"];
    private static readonly string[] ExamMarkers = ["CT", "MR", "DR", "平扫", "增强", "超声", "彩超", "B超", "摄片", "造影", "检查", "扫描", "成像", "X线", "片", "镜", "心电"];
    private static readonly string[] DiagnosisMarkers = ["炎", "症", "病", "癌", "瘤", "伤", "骨折", "综合征", "感染", "不全", "梗", "出血", "结石", "高血压", "糖尿病", "囊肿", "疼", "痛", "性"];
    private static readonly string[] BodyMarkers = ["头", "颅", "胸", "腹", "肺", "心", "肝", "胆", "肾", "膝", "腰", "颈", "椎", "盆", "髋", "肩", "肘", "腕", "踝", "足", "手", "乳", "甲状腺", "脑", "眼", "鼻", "耳", "全身", "关节", "部"];

    /// <summary>The profiles of a table's sample: <paramref name="rows"/> hold each row's values in the order of <paramref name="columns"/>.</summary>
    public static IReadOnlyList<ColumnProfile> Of(IReadOnlyList<CatalogColumn> columns, IReadOnlyList<object?[]> rows, DateTime now)
    {
        var profiles = new ColumnProfile[columns.Count];
        var dates = new DateTime?[columns.Count][];
        var texts = new string?[columns.Count][];
        for (var c = 0; c < columns.Count; c++)
        {
            texts[c] = new string?[rows.Count];
            dates[c] = new DateTime?[rows.Count];
            for (var r = 0; r < rows.Count; r++)
            {
                (texts[c][r], dates[c][r]) = Normalise(rows[r][c]);
            }
            profiles[c] = Profile(columns[c], texts[c], dates[c], rows, c, now);
        }
        Agreements(profiles, texts, dates);
        return profiles;
    }

    /// <summary>A cell as text (trimmed; numbers invariant, without trailing zeros) and, where it is one, a date.</summary>
    private static (string?, DateTime?) Normalise(object? value) => value switch
    {
        null or DBNull => (null, null),
        string s when s.Trim().Length == 0 => (null, null),
        string s => (s.Trim(), ValueShapes.DateOf(s)),
        DateTime d => (d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), d),
        DateTimeOffset d => (d.DateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), d.DateTime),
        DateOnly d => (d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.ToDateTime(TimeOnly.MinValue)),
        decimal m => (m.ToString("0.##########", CultureInfo.InvariantCulture), null),
        double f => (f.ToString("0.##########", CultureInfo.InvariantCulture), null),
        float f => (f.ToString("0.##########", CultureInfo.InvariantCulture), null),
        bool b => (b ? "1" : "0", null),
        byte[] => (null, null),
        IFormattable f => (f.ToString(null, CultureInfo.InvariantCulture), null),
        _ => (value.ToString(), null),
    };

    private static ColumnProfile Profile(CatalogColumn column, string?[] texts, DateTime?[] dates, IReadOnlyList<object?[]> rows, int c, DateTime now)
    {
        int nonNull = 0, idValid = 0, idShaped = 0, mobile = 0, landline = 0, dateCount = 0, withTime = 0, recent = 0;
        int numbers = 0, integers = 0, fraction = 0, personNames = 0, chineseTexts = 0, withChinese = 0, codeLike = 0, icd = 0, modalities = 0;
        int deptWords = 0, examWords = 0, diagnosisWords = 0, bodyWords = 0;
        double maxNumber = 0;
        long totalLength = 0;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        var ages = new List<double>();
        for (var r = 0; r < texts.Length; r++)
        {
            var text = texts[r];
            if (text is null)
            {
                continue;
            }
            nonNull++;
            distinct.Add(text);
            totalLength += text.Length;
            var raw = rows[r][c];
            var numeric = raw is decimal or double or float or int or long or short or byte or sbyte or uint or ulong or ushort;
            if (numeric || (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && text.Length < 16))
            {
                var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                numbers++;
                if (Math.Abs(value % 1) < 1e-9)
                {
                    integers++;
                    maxNumber = Math.Max(maxNumber, Math.Abs(value));
                }
                else
                {
                    fraction++;
                }
            }
            if (dates[r] is { } date)
            {
                dateCount++;
                if (date.TimeOfDay != TimeSpan.Zero)
                {
                    withTime++;
                }
                var age = (now - date).TotalDays;
                ages.Add(age);
                if (age is >= -60 and <= 5 * 365.25)
                {
                    recent++;
                }
                continue;
            }
            if (ValueShapes.IsValidIdNumber(text))
            {
                idValid++;
            }
            if (ValueShapes.LooksLikeIdNumber(text))
            {
                idShaped++;
            }
            if (ValueShapes.IsMobile(text))
            {
                mobile++;
            }
            else if (ValueShapes.IsLandline(text))
            {
                landline++;
            }
            if (ValueShapes.IsChinese(text))
            {
                chineseTexts++;
                if (ValueShapes.IsChinesePersonName(text))
                {
                    personNames++;
                }
            }
            if (ValueShapes.HasChinese(text))
            {
                withChinese++;
                if (DeptEndings.Any(e => text.EndsWith(e, StringComparison.Ordinal)))
                {
                    deptWords++;
                }
                if (DiagnosisMarkers.Any(m => text.Contains(m, StringComparison.Ordinal)))
                {
                    diagnosisWords++;
                }
                if (BodyMarkers.Any(m => text.Contains(m, StringComparison.Ordinal)))
                {
                    bodyWords++;
                }
            }
            if (ExamMarkers.Any(m => text.Contains(m, StringComparison.OrdinalIgnoreCase)) && ValueShapes.HasChinese(text))
            {
                examWords++;
            }
            if (ValueShapes.IsCodeLike(text))
            {
                codeLike++;
            }
            if (ValueShapes.IsIcdCode(text))
            {
                icd++;
            }
            if (ValueShapes.IsModality(text))
            {
                modalities++;
            }
        }

        ages.Sort();
        var sexSets = distinct.Select(ValueShapes.SexSetOf).ToList();
        SexSet? sexSet = distinct.Count is >= 2 and <= 6 && sexSets.All(s => s is not null) && sexSets.Distinct().Count() == 1 ? sexSets[0] : null;
        var codes = distinct.Select(ValueShapes.SexCodeOf).ToHashSet();
        var bothSexes = codes.Contains(1) && codes.Contains(2);
        // 0/1 alone is a flag, not a sex code.
        if (sexSet == Discovery.SexSet.Digits && !bothSexes)
        {
            sexSet = null;
        }
        var sexValues = sexSet is null ? 0 : texts.Count(t => t is not null && ValueShapes.SexSetOf(t) == sexSet);
        var flags = distinct.Count is >= 1 and <= 3 && distinct.All(IsFlagValue) ? nonNull : 0;

        // Keys are codes or whole numbers: their distinct values are kept as hashes, to match columns for joins.
        var keyLike = nonNull > 0 && dateCount == 0 && fraction == 0 && codeLike >= nonNull * 0.9;
        var hashes = keyLike ? distinct.Select(Hash).ToHashSet() : [];

        return new ColumnProfile
        {
            Column = column,
            Rows = texts.Length,
            NonNull = nonNull,
            Distinct = distinct.Count,
            IdValid = idValid,
            IdShaped = idShaped,
            Mobile = mobile,
            Landline = landline,
            Dates = dateCount,
            DatesWithTime = withTime,
            RecentDates = recent,
            MedianAgeYears = ages.Count == 0 ? 0 : ages[ages.Count / 2] / 365.25,
            SpreadDays = ages.Count < 4 ? 0 : ages[ages.Count * 3 / 4] - ages[ages.Count / 4],
            Numbers = numbers,
            Integers = integers,
            WithFraction = fraction,
            ChinesePersonNames = personNames,
            ChineseTexts = chineseTexts,
            WithChinese = withChinese,
            CodeLike = codeLike,
            Icd = icd,
            Modalities = modalities,
            AverageLength = nonNull == 0 ? 0 : totalLength / (double)nonNull,
            DeptWords = deptWords,
            ExamWords = examWords,
            DiagnosisWords = diagnosisWords,
            BodyWords = bodyWords,
            SexSet = sexSet,
            SexValues = sexValues,
            BothSexes = bothSexes,
            FlagValues = flags,
            MaxNumber = maxNumber,
            Hashes = hashes,
            ProbeSample = keyLike ? Spread(distinct, JoinFinder.ProbeValues) : [],
        };
    }

    /// <summary>At most <paramref name="count"/> of <paramref name="values"/>, spread over them.</summary>
    private static List<string> Spread(HashSet<string> values, int count)
    {
        var all = values.ToList();
        var step = Math.Max(1, all.Count / count);
        return [.. all.Where((_, i) => i % step == 0).Take(count)];
    }

    private static bool IsFlagValue(string value) => value.ToUpperInvariant() is "0" or "1" or "Y" or "N" or "T" or "F" or "TRUE" or "FALSE" or "是" or "否" or "-1";

    /// <summary>The 64-bit hash a value is matched by (FNV-1a over its characters): values are compared, never kept.</summary>
    public static ulong Hash(string value)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }

    /// <summary>For each ID-number column, the date column its birth dates agree with best and the sex column its sex digits agree with best, row by row.</summary>
    private static void Agreements(ColumnProfile[] profiles, string?[][] texts, DateTime?[][] dates)
    {
        for (var id = 0; id < profiles.Length; id++)
        {
            if (profiles[id].IdValid < Math.Max(1, profiles[id].NonNull * 0.3))
            {
                continue;
            }
            for (var other = 0; other < profiles.Length; other++)
            {
                if (other == id)
                {
                    continue;
                }
                if (profiles[other].Dates >= profiles[other].NonNull * 0.8 && profiles[other].Dates > 0)
                {
                    var (agree, compared) = Compare(texts[id], r => dates[other][r] is { } d && texts[id][r] is { } n && ValueShapes.BirthDateOf(n) is { } b ? b.Date == d.Date : null);
                    if (compared > 0 && (profiles[id].BirthAgreement is not { } best || agree > best.Agree))
                    {
                        profiles[id].BirthAgreement = (profiles[other].Column.Name, agree, compared);
                    }
                }
                if (profiles[other].SexSet is not null)
                {
                    var (agree, compared) = Compare(texts[id], r => texts[other][r] is { } s && ValueShapes.SexCodeOf(s) is { } code && texts[id][r] is { } n && ValueShapes.SexOf(n) is { } digit ? code == digit : null);
                    if (compared > 0 && (profiles[id].SexAgreement is not { } best || agree > best.Agree))
                    {
                        profiles[id].SexAgreement = (profiles[other].Column.Name, agree, compared);
                    }
                }
            }
        }
    }

    private static (int Agree, int Compared) Compare(string?[] ids, Func<int, bool?> agrees)
    {
        int agree = 0, compared = 0;
        for (var r = 0; r < ids.Length; r++)
        {
            if (ids[r] is { } id && ValueShapes.IsValidIdNumber(id) && agrees(r) is { } same)
            {
                compared++;
                if (same)
                {
                    agree++;
                }
            }
        }
        return (agree, compared);
    }
}
