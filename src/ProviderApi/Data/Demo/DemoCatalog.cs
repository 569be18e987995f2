namespace ProviderApi.Data.Demo;

/// <summary>The demo hospital's fixed dictionaries: departments, exam classes and exam items.</summary>
internal static class DemoCatalog
{
    public const string HospitalId = "H45010000001";

    /// <summary>ORG_CODE of the lead hospital in the demo HIS: its rows carry no 医保 code of their own (imgcloud.settings gives it).</summary>
    public const string HospitalOrg = "01";

    /// <summary>ORG_CODE of the second institution, a community centre of the same 医共体 with its own 医保 code.</summary>
    public const string CommunityOrg = "02";

    /// <summary>The community centre's 医保 code (hospitalld), from ORG_DICT.INSUR_ORG_CODE.</summary>
    public const string CommunityHospitalId = "H45010300002";

    /// <summary>The HIS's institutions: ORG_CODE, name, 医保 code (NULL for the lead hospital: the settings' default applies).</summary>
    public static readonly (string Org, string Name, string? InsurCode)[] Institutions =
    [
        (HospitalOrg, "示范市人民医院", null),
        (CommunityOrg, "示范市城东社区卫生服务中心", CommunityHospitalId),
    ];

    /// <summary>The community centre's departments: codes that overlap the hospital's, other names (9001 is administrative, left out of the view).</summary>
    public static readonly Dept[] CommunityDepartments =
    [
        new("0101", "全科医疗科", null, "0", "0"),
        new("2001", "放射科", "DR、CT", "1", "0"),
        new("9001", "中心办公室", null, "9", "0"),
    ];

    /// <summary>
    /// The community centre's exam items: the hospital's codes with their own names and prices. ExamPart is null where
    /// the hospital's all-institutions crosswalk row applies; DR0001 has a row of the centre's own (<see cref="CommunityCrosswalk"/>).
    /// </summary>
    public static readonly ExamItem[] CommunityExamItems =
    [
        new("CT0001", "头颅CT平扫（社区）", "01", "头部", 135.00m, "002103000010000", null),
        new("DR0001", "胸部正位DR（社区）", "03", "胸部", 55.00m, "002102000010000", null),
        new("US0001", "腹部彩超（社区）", "07", "腹部", 100.00m, "002201000010000", null),
    ];

    /// <summary>The crosswalk rows of the community centre's own (hospital_id = its code), winning over the all-institutions row.</summary>
    public static readonly (string Code, string ExamPart, string Note)[] CommunityCrosswalk =
    [
        ("DR0001", "A03019ZZZ", "胸部正位DR（社区，床旁机）"),
    ];

    /// <summary>Division code of every fictitious ID number: a province-level code, which no real person's number carries.</summary>
    public const string FictitiousDivision = "450000";

    public sealed record Dept(string Code, string Name, string? Alias, string ClinicAttr, string OutpOrInp, bool Stopped = false, string? Ward = null);

    // CLINIC_ATTR: 0 临床, 1 医技, 2 护理单元, 9 行政. Ward: the nursing unit its inpatients lie in.
    public static readonly Dept[] Departments =
    [
        new("0101", "心血管内科", "心内科", "0", "2", Ward: "3101"),
        new("0102", "呼吸与危重症医学科", "呼吸内科", "0", "2", Ward: "3102"),
        new("0103", "消化内科", null, "0", "2", Ward: "3103"),
        new("0104", "神经内科", null, "0", "2", Ward: "3104"),
        new("0105", "内分泌科", null, "0", "2", Ward: "3103"),
        new("0106", "肾内科", null, "0", "2", Ward: "3102"),
        new("0199", "老年病科", "已并入心血管内科", "0", "2", Stopped: true),
        new("0201", "普通外科", "普外科", "0", "2", Ward: "3201"),
        new("0202", "骨科", null, "0", "2", Ward: "3202"),
        new("0203", "神经外科", null, "0", "2", Ward: "3201"),
        new("0204", "泌尿外科", null, "0", "2", Ward: "3202"),
        new("0301", "妇科", null, "0", "2", Ward: "3301"),
        new("0302", "产科", null, "0", "2", Ward: "3301"),
        new("0401", "儿科", null, "0", "2", Ward: "3401"),
        new("0501", "眼科", null, "0", "0"),
        new("0502", "耳鼻咽喉头颈外科", "耳鼻喉科", "0", "0"),
        new("0503", "口腔科", null, "0", "0"),
        new("0601", "急诊科", null, "0", "0"),
        new("0701", "肿瘤科", null, "0", "2", Ward: "3103"),
        new("0801", "中医科", null, "0", "0"),
        new("0901", "康复医学科", null, "0", "0"),
        new("1001", "健康管理中心", "体检中心", "0", "0"),
        new("2001", "放射科", "含 DR、CR、CT、MR、DSA、钼靶", "1", "2"),
        new("2004", "超声医学科", null, "1", "2"),
        new("2005", "核医学科", null, "1", "2"),
        new("2101", "检验科", null, "1", "2"),
        new("2102", "病理科", null, "1", "2"),
        new("3101", "心内科病区", null, "2", "1"),
        new("3102", "内科二病区", null, "2", "1"),
        new("3103", "内科三病区", null, "2", "1"),
        new("3104", "神经内科病区", null, "2", "1"),
        new("3201", "外科一病区", null, "2", "1"),
        new("3202", "外科二病区", null, "2", "1"),
        new("3301", "妇产科病区", null, "2", "1"),
        new("3401", "儿科病区", null, "2", "1"),
        new("9001", "院长办公室", null, "9", "0"),
        new("9002", "医务部", null, "9", "0"),
        new("9003", "财务科", null, "9", "0"),
        new("9004", "信息科", null, "9", "0"),
    ];

    public sealed record ExamClass(string Code, string Name, string Modality, string PerformDept);

    public static readonly ExamClass[] ExamClasses =
    [
        new("01", "CT", "CT", "2001"),
        new("02", "磁共振", "MR", "2001"),
        new("03", "数字化摄影", "DR", "2001"),
        new("04", "计算机摄影", "CR", "2001"),
        new("05", "血管造影", "DSA", "2001"),
        new("06", "乳腺钼靶", "MG", "2001"),
        new("07", "超声", "US", "2004"),
        new("08", "透视造影", "RF", "2001"),
        new("09", "核医学", "NM", "2005"),
    ];

    /// <summary>
    /// An exam item. ExamPart is the crosswalk's WS/T 364.8 code; the demo's codes have the
    /// standard's shape (9 upper-case letters or digits) but are placeholders, not the standard's values.
    /// Unmapped items are rarely used and never billed in the seed.
    /// </summary>
    public sealed record ExamItem(string Code, string Name, string ClassCode, string BodyPart, decimal Price, string MedListCode, string? ExamPart, bool Retired = false);

    public static readonly ExamItem[] ExamItems =
    [
        new("CT0001", "头颅CT平扫", "01", "头部", 150.00m, "002103000010000", "B01010ZZZ"),
        new("CT0002", "胸部CT平扫", "01", "胸部", 180.00m, "002103000010000", "B03010ZZZ"),
        new("CT0003", "上腹部CT平扫", "01", "腹部", 200.00m, "002103000010000", "B04010ZZZ"),
        new("CT0004", "腰椎CT平扫", "01", "腰椎", 160.00m, "002103000010000", "B06030ZZZ"),
        new("CT0005", "胸部CT增强", "01", "胸部", 480.50m, "002103000020000", "B03020ZZZ"),
        new("CT0006", "头颈部CT血管成像", "01", "头颈部", 900.00m, "002103000030000", "B01230ZZZ"),
        new("CT0007", "冠状动脉CT血管成像", "01", "心脏", 1200.00m, "002103000030000", "B03230ZZZ"),
        new("CT0008", "鼻窦CT平扫", "01", "鼻窦", 140.00m, "002103000010000", "B01110ZZZ"),
        new("CT0009", "头颅CT平扫(旧收费)", "01", "头部", 130.00m, "002103000010000", "B01010ZZZ", Retired: true),
        new("MR0001", "头颅MR平扫", "02", "头部", 500.00m, "002104000010000", "C01010ZZZ"),
        new("MR0002", "腰椎MR平扫", "02", "腰椎", 480.00m, "002104000010000", "C06030ZZZ"),
        new("MR0003", "膝关节MR平扫", "02", "膝关节", 480.00m, "002104000010000", "C08110ZZZ"),
        new("MR0004", "上腹部MR增强", "02", "腹部", 900.00m, "002104000020000", "C04020ZZZ"),
        new("MR0005", "颈椎MR平扫", "02", "颈椎", 480.00m, "002104000010000", "C06010ZZZ"),
        new("MR0006", "乳腺MR增强", "02", "乳腺", 950.00m, "002104000020000", "C03520ZZZ"),
        new("MR0007", "前列腺MR波谱成像", "02", "前列腺", 1100.00m, "002104000050000", null),
        new("DR0001", "胸部正位DR", "03", "胸部", 60.00m, "002102000010000", "A03010ZZZ"),
        new("DR0002", "胸部正侧位DR", "03", "胸部", 90.00m, "002102000010000", "A03020ZZZ"),
        new("DR0003", "腰椎正侧位DR", "03", "腰椎", 100.00m, "002102000010000", "A06030ZZZ"),
        new("DR0004", "膝关节正侧位DR", "03", "膝关节", 90.00m, "002102000010000", "A08110ZZZ"),
        new("DR0005", "手正斜位DR", "03", "手", 70.00m, "002102000010000", "A07210ZZZ"),
        new("DR0006", "骨盆正位DR", "03", "骨盆", 80.00m, "002102000010000", "A05010ZZZ"),
        new("CR0001", "胸部正位CR", "04", "胸部", 50.00m, "002102000020000", "A03011ZZZ", Retired: true),
        new("DSA001", "全脑血管造影", "05", "头颈部", 3500.00m, "002105000010000", "D01230ZZZ"),
        new("DSA002", "冠状动脉造影", "05", "心脏", 4200.00m, "002105000020000", "D03230ZZZ"),
        new("MG0001", "双侧乳腺钼靶摄影", "06", "乳腺", 220.00m, "002102000030000", "E03510ZZZ"),
        new("US0001", "肝胆胰脾彩超", "07", "腹部", 120.00m, "002201000010000", "F04010ZZZ"),
        new("US0002", "甲状腺彩超", "07", "颈部", 100.00m, "002201000010000", "F02110ZZZ"),
        new("US0003", "心脏彩超", "07", "心脏", 220.00m, "002201000020000", "F03210ZZZ"),
        new("US0004", "泌尿系彩超", "07", "泌尿系", 110.00m, "002201000010000", "F04510ZZZ"),
        new("US0005", "妇科彩超(经阴道)", "07", "盆腔", 120.00m, "002201000030000", "F05110ZZZ"),
        new("US0006", "颈部血管彩超", "07", "颈部血管", 160.00m, "002201000040000", "F02230ZZZ"),
        new("US0007", "产科彩超", "07", "子宫及附件", 180.00m, "002201000050000", "F05210ZZZ"),
        new("RF0001", "上消化道钡餐造影", "08", "上消化道", 400.00m, "002102000040000", "G04310ZZZ"),
        new("RF0002", "静脉肾盂造影", "08", "泌尿系", 350.00m, "002102000050000", null),
        new("NM0001", "全身骨显像", "09", "全身骨骼", 800.00m, "002301000010000", "H09010ZZZ"),
        new("NM0002", "甲状腺静态显像", "09", "甲状腺", 300.00m, "002301000020000", "H02110ZZZ"),
        new("NM0003", "肾动态显像", "09", "肾脏", 450.00m, "002301000030000", "H04510ZZZ", Retired: true),
    ];

    /// <summary>
    /// A crosswalk rule (imgcloud.exam_part_rule): modality, body part (a LIKE pattern), name pattern and contrast
    /// (平扫, 增强, 造影, derived from the item's name by the views) to an examPart; the lowest matching number wins.
    /// </summary>
    public sealed record ExamPartRule(int RuleNo, string? Modality, string? BodyPart, string? NamePattern, string? Contrast, string ExamPart, string Note);

    /// <summary>
    /// The demo's rules: most items are mapped by these, one rule per modality, body part and contrast (DR's chest
    /// films told apart by a name pattern), each giving exactly the <see cref="ExamItem.ExamPart"/> of the items it
    /// maps. MR0007 and RF0002 are left unmapped on purpose (no rule matches them), for the contract check.
    /// </summary>
    public static readonly ExamPartRule[] ExamPartRules =
    [
        new(10, "CT", "头部", null, "平扫", "B01010ZZZ", "CT 头部 平扫"),
        new(20, "CT", "胸部", null, "增强", "B03020ZZZ", "CT 胸部 增强"),
        new(30, "CT", "胸部", null, "平扫", "B03010ZZZ", "CT 胸部 平扫"),
        new(40, "CT", "腹部", null, "平扫", "B04010ZZZ", "CT 腹部 平扫"),
        new(50, "CT", "腰椎", null, "平扫", "B06030ZZZ", "CT 腰椎 平扫"),
        new(60, "CT", "头颈部", null, "造影", "B01230ZZZ", "CT 头颈部 血管成像"),
        new(70, "CT", "心脏", null, "造影", "B03230ZZZ", "CT 心脏 血管成像"),
        new(80, "CT", "鼻窦", null, "平扫", "B01110ZZZ", "CT 鼻窦 平扫"),
        new(110, "MR", "头部", null, "平扫", "C01010ZZZ", "MR 头部 平扫"),
        new(120, "MR", "腰椎", null, "平扫", "C06030ZZZ", "MR 腰椎 平扫"),
        new(130, "MR", "膝关节", null, "平扫", "C08110ZZZ", "MR 膝关节 平扫"),
        new(140, "MR", "腹部", null, "增强", "C04020ZZZ", "MR 腹部 增强"),
        new(150, "MR", "颈椎", null, "平扫", "C06010ZZZ", "MR 颈椎 平扫"),
        new(160, "MR", "乳腺", null, "增强", "C03520ZZZ", "MR 乳腺 增强"),
        new(210, "DR", "胸部", "%正侧位%", null, "A03020ZZZ", "DR 胸部 正侧位"),
        new(230, "DR", "膝关节", null, null, "A08110ZZZ", "DR 膝关节"),
        new(240, "DR", "手", null, null, "A07210ZZZ", "DR 手"),
        new(250, "DR", "骨盆", null, null, "A05010ZZZ", "DR 骨盆"),
        new(310, "US", "腹部", null, null, "F04010ZZZ", "彩超 腹部"),
        new(320, "US", "颈部", null, null, "F02110ZZZ", "彩超 颈部（甲状腺）"),
        new(330, "US", "心脏", null, null, "F03210ZZZ", "彩超 心脏"),
        new(340, "US", "泌尿系", null, null, "F04510ZZZ", "彩超 泌尿系"),
        new(350, "US", "盆腔", null, null, "F05110ZZZ", "彩超 盆腔"),
        new(360, "US", "颈部血管", null, null, "F02230ZZZ", "彩超 颈部血管"),
        new(370, "US", "子宫及附件", null, null, "F05210ZZZ", "彩超 产科"),
    ];

    /// <summary>
    /// The items mapped one by one, for every institution (exam_part_map rows '*', above every rule): the modalities
    /// with one or two items (CR, DSA, MG, RF, NM) and three codes whose rows the tests change or remove (CT0001; DR0001
    /// and DR0003, the item the seed bills in S-ACC-INSURED, have no rule of their own). The community centre's own row
    /// (<see cref="CommunityCrosswalk"/>) comes on top.
    /// </summary>
    public static readonly string[] ExamPartOverrides =
        ["CT0001", "DR0001", "DR0003", "CR0001", "DSA001", "DSA002", "MG0001", "RF0001", "NM0001", "NM0002", "NM0003"];

    public static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林",
        "罗", "高", "梁", "郑", "谢", "韦", "覃", "蒙", "莫", "陆", "农", "黎", "欧阳", "宋", "唐", "邓", "冯", "蓝",
    ];

    public static readonly string[] GivenNameCharacters =
    [
        "伟", "芳", "娜", "秀", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
        "霞", "平", "刚", "桂", "英", "华", "玲", "建", "文", "斌", "宁", "红", "春", "燕", "志", "海", "佳", "琳",
        "欣", "宇", "浩", "梓", "涵", "子", "晨", "雨", "思", "嘉", "俊", "婷", "凤", "兰", "德", "福", "祥", "瑶",
    ];

    public static readonly (string Code, string Name)[] Diagnoses =
    [
        ("I25.103", "冠状动脉粥样硬化性心脏病"), ("J18.900", "肺炎"), ("K80.101", "胆囊结石伴慢性胆囊炎"),
        ("I63.900", "脑梗死"), ("E11.900", "2型糖尿病"), ("M51.202", "腰椎间盘突出"), ("S72.001", "股骨颈骨折"),
        ("N20.000", "肾结石"), ("C34.900", "肺恶性肿瘤"), ("O80.000", "单胎顺产"), ("J44.100", "慢性阻塞性肺病伴急性加重"),
    ];
}
