using System.Data.Common;
using Dapper;
using ProviderApi.Data;

namespace ProviderApi.Tests.Hospitals;

/// <summary>An imaging item of the reference HIS, its ground-truth examPart, and how many settlement lines it has in the window.</summary>
public sealed record ReferenceItem(string Code, string Name, string ClassCode, string Modality, string? BodyPart, string Truth, int Settlements);

/// <summary>
/// A reference HIS's imaging dictionary as hospitals have them: a few hundred items generated from a seed
/// over 28 kinds of examination (modality, body part, contrast), the same examination written many ways
/// (急诊, 床旁, 加收胶片, 三维重建, 薄层, 64排, 能谱, (含对比剂), 左/右/双侧 …), each item with its
/// ground-truth code. CT, MR, DR, DSA and MG items carry the HIS's body-part column; US, RF and NM items
/// leave it empty (as many HIS do), so only their names say the body part. A few items deliberately
/// need an override: a bedside (床旁) chest film and a spectral (能谱) CT use another technique code than
/// their kind. <see cref="Replace"/> puts it in place of the demo HIS's exam dictionary and settlements.
/// </summary>
/// <remarks>The codes have the standard's shape (9 upper-case letters or digits); the standard's own table is not available here, so they are placeholders.</remarks>
public static class ReferenceImaging
{
    private sealed record Kind(string ClassCode, string Modality, string? BodyPart, string Truth, string[] Names, string[] Variants, bool Sided = false);

    // Prefix variants end with the name's start; suffix variants are appended. '!' marks a variant whose items need another code (an override).
    private static readonly string[] CtVariants = ["急诊", "(加收胶片)", "+三维重建", "(薄层)", "(64排)"];
    private static readonly string[] CtEnhancedVariants = ["急诊", "(含对比剂)", "(加收胶片)", "+三维重建", "(64排)", "!(能谱)"];
    private static readonly string[] MrVariants = ["急诊", "(加收胶片)", "(3.0T)", "(薄层)"];
    private static readonly string[] MrEnhancedVariants = ["急诊", "(含对比剂)", "(加收胶片)", "(3.0T)"];
    private static readonly string[] DrVariants = ["急诊", "(加收胶片)", "(数字化)", "床旁"];
    private static readonly string[] DrChestVariants = ["急诊", "(加收胶片)", "(数字化)", "!床旁"];
    private static readonly string[] UsVariants = ["急诊", "床旁", "(加收图文报告)"];
    private static readonly string[] OtherVariants = ["急诊", "(加收胶片)", "(含对比剂)"];

    private static readonly Kind[] Kinds =
    [
        new("01", "CT", "头部", "B01010ZZZ", ["头颅CT平扫", "颅脑CT平扫", "头颅CT"], CtVariants),
        new("01", "CT", "头部", "B01020ZZZ", ["头颅CT增强", "颅脑CT增强扫描"], CtEnhancedVariants),
        new("01", "CT", "胸部", "B03010ZZZ", ["胸部CT平扫", "肺部CT平扫", "胸部CT"], CtVariants),
        new("01", "CT", "胸部", "B03020ZZZ", ["胸部CT增强", "胸部CT增强扫描"], CtEnhancedVariants),
        new("01", "CT", "上腹部", "B04010ZZZ", ["上腹部CT平扫", "肝胆胰脾CT平扫"], CtVariants),
        new("01", "CT", "上腹部", "B04020ZZZ", ["上腹部CT增强", "肝脏CT增强"], CtEnhancedVariants),
        new("01", "CT", "腰椎", "B06030ZZZ", ["腰椎CT平扫", "腰椎间盘CT"], CtVariants),
        new("01", "CT", "头颈部", "B01230ZZZ", ["头颈部CT血管成像", "头颈CTA血管成像"], CtEnhancedVariants),
        new("02", "MR", "头部", "C01010ZZZ", ["头颅MR平扫", "颅脑MRI平扫"], MrVariants),
        new("02", "MR", "头部", "C01020ZZZ", ["头颅MR增强", "颅脑MRI增强"], MrEnhancedVariants),
        new("02", "MR", "腰椎", "C06030ZZZ", ["腰椎MR平扫", "腰椎MRI"], MrVariants),
        new("02", "MR", "膝关节", "C08110ZZZ", ["膝关节MR平扫", "膝关节MRI"], MrVariants, Sided: true),
        new("02", "MR", "上腹部", "C04020ZZZ", ["上腹部MR增强", "肝脏MR增强"], MrEnhancedVariants),
        new("03", "DR", "胸部", "A03010ZZZ", ["胸部正位DR", "胸部正侧位DR", "胸片DR"], DrChestVariants),
        new("03", "DR", "腰椎", "A06030ZZZ", ["腰椎正侧位DR", "腰椎DR"], DrVariants),
        new("03", "DR", "膝关节", "A08110ZZZ", ["膝关节正侧位DR"], DrVariants, Sided: true),
        new("03", "DR", "手", "A07210ZZZ", ["手正斜位DR"], DrVariants, Sided: true),
        new("03", "DR", "颈椎", "A06010ZZZ", ["颈椎正侧位DR", "颈椎双斜位DR"], DrVariants),
        new("05", "DSA", "头颈部", "D01230ZZZ", ["全脑血管造影", "颈动脉造影"], OtherVariants),
        new("05", "DSA", "心脏", "D03230ZZZ", ["冠状动脉造影", "冠脉造影"], OtherVariants),
        new("06", "MG", "乳腺", "E03510ZZZ", ["乳腺钼靶摄影", "乳腺X线摄影"], ["(加收胶片)", "(数字化)"], Sided: true),
        new("07", "US", null, "F04010ZZZ", ["上腹部彩超", "上腹部超声(肝胆脾胰)"], UsVariants),
        new("07", "US", null, "F02110ZZZ", ["甲状腺彩超", "甲状腺及颈部淋巴结彩超"], UsVariants),
        new("07", "US", null, "F03510ZZZ", ["乳腺彩超"], UsVariants, Sided: true),
        new("07", "US", null, "F05110ZZZ", ["盆腔彩超", "妇科盆腔彩超(经腹)"], UsVariants),
        new("07", "US", null, "F04030ZZZ", ["上腹部超声造影", "上腹部超声造影(肝脏)"], ["急诊", "(含对比剂)"]),
        new("08", "RF", null, "G04310ZZZ", ["上消化道钡餐造影", "上消化道碘水造影"], OtherVariants),
        new("09", "NM", null, "H09010ZZZ", ["全身骨显像", "全身骨扫描(SPECT)"], ["(加收胶片)", "(断层融合)"]),
    ];

    /// <summary>How many kinds of examination the dictionary holds (the groups a radiologist fills at most).</summary>
    public static int KindCount => Kinds.Length;

    /// <summary>The dictionary from <paramref name="seed"/>: 9 to 14 items per kind, codes RH0001…, the same on every engine.</summary>
    public static IReadOnlyList<ReferenceItem> Items(int seed = 19)
    {
        var random = new Random(seed);
        var items = new List<ReferenceItem>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kind in Kinds)
        {
            var wanted = random.Next(9, 15);
            var made = 0;
            for (var attempt = 0; made < wanted && attempt < 200; attempt++)
            {
                var name = kind.Names[attempt < kind.Names.Length ? attempt : random.Next(kind.Names.Length)];
                var special = false;
                if (attempt >= kind.Names.Length)
                {
                    // A side for the paired body parts, then one or two variants.
                    if (kind.Sided && random.Next(3) > 0)
                    {
                        name = new[] { "左", "右", "双侧" }[random.Next(3)] + name;
                    }
                    foreach (var variant in kind.Variants.OrderBy(_ => random.Next()).Take(random.Next(1, 3)))
                    {
                        special |= variant.StartsWith('!');
                        var text = variant.TrimStart('!');
                        name = text.StartsWith('(') || text.StartsWith('+') ? name + text : text + name;
                    }
                }
                if (!names.Add(name))
                {
                    continue;
                }
                var truth = special ? kind.Truth[..5] + "9" + kind.Truth[6..] : kind.Truth;
                var settlements = attempt < kind.Names.Length ? random.Next(3, 10) : random.Next(0, 4);
                items.Add(new ReferenceItem($"RH{items.Count + 1:D4}", name, kind.ClassCode, kind.Modality, kind.BodyPart, truth, settlements));
                made++;
            }
        }
        return items;
    }

    /// <summary>
    /// Puts the reference dictionary in place of the demo HIS's exam items (institution 01, the settings' hospitalld),
    /// with one outpatient exam and one insured settlement line per settlement, a day before <paramref name="anchor"/>
    /// (inside the window). The demo's own exam items and the bill lines of exams are removed first, so the
    /// crosswalk sees the reference HIS alone. Accession numbers are RH + item code + line (RH0001-01).
    /// </summary>
    public static void Replace(DbConnection connection, DatabaseEngine dialect, IReadOnlyList<ReferenceItem> items, DateTime anchor)
    {
        using var transaction = connection.BeginTransaction();
        void Run(string sql, object? rows = null) => connection.Execute(dialect.Parameters(sql), rows, transaction);

        Run($"DELETE FROM {dialect.His("CLINIC_ITEM_DICT")} WHERE ITEM_CLASS = 'D'");
        Run($"DELETE FROM {dialect.His("OUTP_BILL_ITEMS")} WHERE EXAM_NO IS NOT NULL");
        Run($"DELETE FROM {dialect.His("INP_BILL_DETAIL")} WHERE EXAM_NO IS NOT NULL");
        Run($"""
            INSERT INTO {dialect.His("CLINIC_ITEM_DICT")} (ORG_CODE, ITEM_CLASS, ITEM_CODE, ITEM_NAME, EXAM_CLASS_CODE, BODY_PART, STOP_INDICATOR)
            VALUES ('01', 'D', @Code, @Name, @ClassCode, @BodyPart, 0)
            """, items);
        var settled = anchor.AddDays(-1);
        var lines = items.SelectMany(i => Enumerable.Range(1, i.Settlements).Select(n => new
        {
            ExamNo = $"{i.Code}-{n:D2}",
            i.Code,
            i.Name,
            i.ClassCode,
            RcptNo = $"RHR{i.Code}{n:D2}",
            SetlId = $"RHSETL{i.Code}{n:D2}",
            FeedetlSn = $"RHSN{i.Code}{n:D2}",
            Settled = settled,
        })).ToList();
        Run($"""
            INSERT INTO {dialect.His("EXAM_MASTER")} (ORG_CODE, EXAM_NO, APPLY_NO, PATIENT_ID, PATIENT_SOURCE, EXAM_CLASS_CODE, REQ_DATE_TIME, REQ_DEPT, RESULT_STATUS)
            VALUES ('01', @ExamNo, @ExamNo, 'RH-PATIENT', '1', @ClassCode, @Settled, '0101', '1')
            """, lines);
        Run($"""
            INSERT INTO {dialect.His("EXAM_ITEMS")} (EXAM_NO, EXAM_ITEM_NO, EXAM_ITEM, EXAM_ITEM_CODE, COSTS)
            VALUES (@ExamNo, 1, @Name, @Code, 100)
            """, lines);
        Run($"""
            INSERT INTO {dialect.His("OUTP_RCPT_MASTER")} (RCPT_NO, PATIENT_ID, VISIT_DATE_TIME, CHARGE_TYPE, TOTAL_CHARGES, INSUR_SETL_ID, OPERATOR_NO)
            VALUES (@RcptNo, 'RH-PATIENT', @Settled, '职工医保', 100, @SetlId, 'SF01')
            """, lines);
        Run($"""
            INSERT INTO {dialect.His("OUTP_BILL_ITEMS")} (RCPT_NO, ITEM_NO, ITEM_CLASS, ITEM_CODE, ITEM_NAME, AMOUNT, CHARGES, EXAM_NO, EXAM_ITEM_NO, MED_LIST_CODG, INSUR_FEEDETL_SN)
            VALUES (@RcptNo, 1, 'D', @Code, @Name, 1, 100, @ExamNo, 1, '002103000010000', @FeedetlSn)
            """, lines);
        transaction.Commit();
    }
}
