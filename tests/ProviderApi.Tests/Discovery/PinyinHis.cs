using ProviderApi.Data.Demo;

namespace ProviderApi.Tests.Discovery;

/// <summary>
/// Reference HIS shape B, "pinyin": tables and columns named by pinyin initials in upper case
/// (MZ_GHXX 门诊挂号信息: BRID, BRXM, SFZH, XB, CSRQ, LXDH, GHRQ, KSDM, YSDM …; ZY_BRRY 住院病人入院;
/// JC_XMZD 检查项目字典; SF_JSXX/SF_JSMX 结算信息/明细), varchar keys with leading zeros, codes in a
/// shared code table (GY_DMZD: DMLB, DMDM, DMMC) for sex, registration kind, department kind and
/// payer, departments in KS_ZD; withdrawals and cancellations as flag columns (ZFBZ) with no time;
/// the patient's identity copied into every registration; birth dates missing for some patients,
/// ID numbers partly with a lower-case x, some foreign or mistyped; phones mixed with landlines.
/// Missing: the electronic health card, the exam item's body part, a cancel time, the
/// institution's 医保 code. Distractors: the guardian's name and phone, an ID-shaped 医保卡号,
/// operators' and cashiers' names, insert timestamps (JLSJ) beside every event time, drug codes
/// shaped like exam codes beside them on the bill lines, pinyin input codes (PYM).
/// </summary>
public sealed class PinyinHis : ReferenceHis
{
    private readonly HisTable codes = new("GY_DMZD", ["DMLB", "DMDM"],
        new("DMLB", HisType.Code, 10), new("DMDM", HisType.Code, 10), new("DMMC", HisType.Text, 50));

    private readonly HisTable department = new("KS_ZD", ["KSDM"],
        new("KSDM", HisType.Code, 10), new("KSMC", HisType.Text), new("KSLB", HisType.Code, 2), new("PYM", HisType.Code), new("BZ", HisType.Text),
        new("ZFBZ", HisType.Flag));

    private readonly HisTable staff = new("GY_YGDM", ["YGDM"],
        new("YGDM", HisType.Code, 10), new("YGXM", HisType.Text, 30), new("XB", HisType.Code, 2), new("SFZH", HisType.Code, 20),
        new("YBYSDM", HisType.Code, 30), new("KSDM", HisType.Code, 10), new("ZC", HisType.Text, 30));

    private readonly HisTable patient = new("GY_BRXX", ["BRID"],
        new("BRID", HisType.Code, 10), new("JZKH", HisType.Code), new("YBKH", HisType.Code, 30), new("SFZH", HisType.Code, 20),
        new("ZYH", HisType.Code), new("DZYBM", HisType.Code, 40), new("BRXM", HisType.Text, 30), new("XB", HisType.Code, 2),
        new("CSRQ", HisType.Date), new("LXDH", HisType.Code, 30), new("JHRXM", HisType.Text, 30), new("JHRDH", HisType.Code, 30),
        new("GZDW", HisType.Text), new("JDRQ", HisType.DateTime), new("CZYXM", HisType.Text, 30));

    private readonly HisTable registration = new("MZ_GHXX", ["GHXH"],
        new("GHXH", HisType.Code, 12), new("BRID", HisType.Code, 10), new("BRXM", HisType.Text, 30), new("SFZH", HisType.Code, 20),
        new("XB", HisType.Code, 2), new("CSRQ", HisType.Date), new("LXDH", HisType.Code, 30), new("GHRQ", HisType.DateTime),
        new("JZRQ", HisType.DateTime), new("KSDM", HisType.Code, 10), new("YSDM", HisType.Code, 10), new("GHLB", HisType.Code, 2),
        new("ZFBZ", HisType.Flag), new("JZBZ", HisType.Flag), new("ZDDM", HisType.Code), new("ZDMC", HisType.Text), new("GHF", HisType.Money),
        new("CZY", HisType.Code, 10), new("CZYXM", HisType.Text, 30), new("JLSJ", HisType.DateTime));

    private readonly HisTable stay = new("ZY_BRRY", ["ZYXH"],
        new("ZYXH", HisType.Code, 12), new("ZYH", HisType.Code), new("BRID", HisType.Code, 10), new("DJRQ", HisType.DateTime),
        new("RYRQ", HisType.DateTime), new("CYRQ", HisType.DateTime), new("RYKS", HisType.Code, 10), new("DQKS", HisType.Code, 10),
        new("BQDM", HisType.Code, 10), new("CWH", HisType.Code, 10), new("SZYS", HisType.Code, 10), new("RYZDDM", HisType.Code),
        new("RYZDMC", HisType.Text), new("ZYZT", HisType.Code, 2), new("ZFBZ", HisType.Flag), new("JLSJ", HisType.DateTime),
        new("CZYXM", HisType.Text, 30));

    private readonly HisTable examItem = new("JC_XMZD", ["XMDM"],
        new("XMDM", HisType.Code), new("XMMC", HisType.Text), new("SBLX", HisType.Code, 10), new("DJ", HisType.Money),
        new("YBBM", HisType.Code, 30), new("PYM", HisType.Code), new("ZFBZ", HisType.Flag));

    private readonly HisTable drug = new("YP_ZD", ["YPDM"],
        new("YPDM", HisType.Code), new("YPMC", HisType.Text), new("GG", HisType.Text, 50), new("DJ", HisType.Money), new("ZFBZ", HisType.Flag));

    private readonly HisTable request = new("JC_SQD", ["SQDH"],
        new("SQDH", HisType.Code), new("JCH", HisType.Code), new("BRID", HisType.Code, 10), new("GHXH", HisType.Code, 12),
        new("ZYXH", HisType.Code, 12), new("XMDM", HisType.Code), new("SQRQ", HisType.DateTime), new("SQYS", HisType.Code, 10));

    private readonly HisTable settlement = new("SF_JSXX", ["JSXH"],
        new("JSXH", HisType.Code, 12), new("BRID", HisType.Code, 10), new("JSRQ", HisType.DateTime), new("JSLB", HisType.Code, 2),
        new("YBJSID", HisType.Code, 40), new("ZJE", HisType.Money), new("SFYXM", HisType.Text, 30), new("JLSJ", HisType.DateTime));

    private readonly HisTable billLine = new("SF_JSMX", ["JSXH", "MXXH"],
        new("JSXH", HisType.Code, 12), new("MXXH", HisType.Number), new("SQDH", HisType.Code), new("JCXMDM", HisType.Code),
        new("YPDM", HisType.Code), new("SL", HisType.Number), new("JE", HisType.Money), new("FYMXLSH", HisType.Code, 40), new("JLSJ", HisType.DateTime));

    private readonly List<(string Code, string Dept)> doctors = [];
    private readonly List<string> clerks = [];

    public PinyinHis(int seed, DateTime anchor, int patients = 3000, int visits = 6000, int stays = 700, int orders = 2000)
        : base(seed, anchor)
    {
        CreateDictionaries();
        CreatePatients(patients);
        CreateVisits(visits);
        CreateStays(stays);
        CreateRequestsAndBills(orders);
    }

    public override string Name => "B (pinyin)";

    public override string Schema => "hisdb";

    public override IReadOnlyList<HisTable> Tables => [codes, department, staff, patient, registration, stay, examItem, drug, request, settlement, billLine];

    public override Truth TruthFor(string view, string column)
    {
        var outpatient = view == "src_outpatient_visit";
        // The patient's identity: the master index, and in a registration its inline copy too.
        Truth Patient(string name) => outpatient && name != "ZYH" && registration.Columns.Any(c => c.Name == name)
            ? Truth.At($"GY_BRXX.{name}", $"MZ_GHXX.{name}")
            : Truth.At($"GY_BRXX.{name}");
        return column switch
        {
            "patient_id" => Truth.At("GY_BRXX.BRID"),
            "id_card_no" => Patient("SFZH"),
            "insurance_card_no" => Truth.At("GY_BRXX.JZKH", "GY_BRXX.YBKH"),
            "inpatient_no" when view == "src_inpatient_visit" => Truth.At("GY_BRXX.ZYH", "ZY_BRRY.ZYH"),
            "inpatient_no" => Truth.At("GY_BRXX.ZYH"),
            "medicare_no" => Truth.At("GY_BRXX.DZYBM"),
            "mobile_phone" => Patient("LXDH"),
            "patient_name" => Patient("BRXM"),
            "sex_code" => Patient("XB"),
            "date_of_birth" => Patient("CSRQ"),
            "visit_no" => Truth.At("MZ_GHXX.GHXH"),
            "patient_type" => Truth.At("MZ_GHXX.GHLB"),
            "register_time" when outpatient => Truth.At("MZ_GHXX.GHRQ"),
            "visit_time" => Truth.At("MZ_GHXX.JZRQ"),
            "dept_code" when outpatient => Truth.At("MZ_GHXX.KSDM", "KS_ZD.KSDM"),
            "dept_code" => Truth.At("KS_ZD.KSDM"),
            "dept_name" or "admit_dept_name" or "current_dept_name" => Truth.At("KS_ZD.KSMC"),
            "doctor_name" or "admit_doctor_name" => Truth.At("GY_YGDM.YGXM"),
            "doctor_his_uid" => Truth.At("GY_YGDM.YGDM", "MZ_GHXX.YSDM"),
            "admit_doctor_his_uid" => Truth.At("GY_YGDM.YGDM", "ZY_BRRY.SZYS"),
            "doctor_insurance_code" or "admit_doctor_insurance_code" => Truth.At("GY_YGDM.YBYSDM"),
            "doctor_id_card_no" or "admit_doctor_id_card_no" => Truth.At("GY_YGDM.SFZH"),
            "withdrawn" => Truth.At("MZ_GHXX.ZFBZ"),
            "seen" => Truth.At("MZ_GHXX.JZBZ"),
            "diagnosis_code" when outpatient => Truth.At("MZ_GHXX.ZDDM"),
            "diagnosis_name" when outpatient => Truth.At("MZ_GHXX.ZDMC"),
            "admission_no" => Truth.At("ZY_BRRY.ZYXH"),
            "register_time" => Truth.At("ZY_BRRY.DJRQ"),
            "admission_time" => Truth.At("ZY_BRRY.RYRQ"),
            "discharge_time" => Truth.At("ZY_BRRY.CYRQ"),
            "admit_dept_code" => Truth.At("ZY_BRRY.RYKS", "KS_ZD.KSDM"),
            "current_dept_code" => Truth.At("ZY_BRRY.DQKS", "KS_ZD.KSDM"),
            "ward_no" => Truth.At("ZY_BRRY.BQDM"),
            "bed_no" => Truth.At("ZY_BRRY.CWH"),
            "diagnosis_code" => Truth.At("ZY_BRRY.RYZDDM"),
            "diagnosis_name" => Truth.At("ZY_BRRY.RYZDMC"),
            "exam_code" => Truth.At("JC_XMZD.XMDM"),
            "exam_name" => Truth.At("JC_XMZD.XMMC"),
            "modality" => Truth.At("JC_XMZD.SBLX"),
            "price" => Truth.At("JC_XMZD.DJ"),
            "is_valid" => Truth.At("JC_XMZD.ZFBZ"),
            "accession_no" => Truth.At("JC_SQD.JCH"),
            "study_order_id" => Truth.At("JC_SQD.SQDH", "SF_JSMX.SQDH"),
            "setl_id" => Truth.At("SF_JSXX.YBJSID"),
            "med_list_code" => Truth.At("JC_XMZD.YBBM"),
            "fee_detail_sn" => Truth.At("SF_JSMX.FYMXLSH"),
            "exam_item_code" => Truth.At("SF_JSMX.JCXMDM", "JC_XMZD.XMDM", "JC_SQD.XMDM"),
            "settle_time" => Truth.At("SF_JSXX.JSRQ"),
            "self_paid" => Truth.At("SF_JSXX.JSLB"),
            "remark" => Truth.At("KS_ZD.BZ"),
            // Not in this HIS: the health card, a cancel time (a flag only), body parts, the institution's 医保 code, the dictionary's source.
            _ => Truth.Absent,
        };
    }

    private void CreateDictionaries()
    {
        foreach (var (kind, code, name) in new[]
        {
            ("XB", "0", "未知的性别"), ("XB", "1", "男"), ("XB", "2", "女"), ("XB", "9", "未说明的性别"),
            ("GHLB", "1", "普通门诊"), ("GHLB", "2", "专家门诊"), ("GHLB", "3", "急诊"), ("GHLB", "4", "健康体检"),
            ("KSLB", "1", "临床"), ("KSLB", "2", "医技"), ("KSLB", "3", "护理单元"), ("KSLB", "9", "行政"),
            ("JSLB", "01", "自费"), ("JSLB", "02", "职工医保"), ("JSLB", "03", "居民医保"),
            ("ZYZT", "0", "等床"), ("ZYZT", "1", "在院"), ("ZYZT", "2", "出院"), ("ZYZT", "9", "取消"),
        })
        {
            codes.Add(kind, code, name);
        }
        foreach (var d in DemoCatalog.Departments)
        {
            var kind = d.ClinicAttr switch { "0" => "1", "1" => "2", "2" => "3", _ => "9" };
            department.Add($"00{d.Code}", d.Name, kind, $"KS{d.Code}", d.Alias, d.Stopped ? 1 : 0);
        }
        var serial = 0;
        foreach (var d in DemoCatalog.Departments.Where(d => !d.Stopped))
        {
            for (var i = d.ClinicAttr is "0" or "1" ? 3 : 1; i > 0; i--)
            {
                serial++;
                var code = $"00{serial:D4}";
                var male = Random.Next(2) == 0;
                var doctor = d.ClinicAttr is "0" or "1";
                staff.Add(code, PersonName(), male ? "1" : "2", IdNumber(BirthDate(28, 62), male), doctor ? $"D450103{serial:D6}" : null,
                    $"00{d.Code}", doctor ? Pick(["主任医师", "副主任医师", "主治医师", "住院医师"]) : "护士");
                if (doctor && d.ClinicAttr == "0")
                {
                    doctors.Add((code, $"00{d.Code}"));
                }
                else if (!doctor)
                {
                    clerks.Add(code);
                }
            }
        }
        var number = 0;
        foreach (var item in DemoCatalog.ExamItems)
        {
            number++;
            var modality = DemoCatalog.ExamClasses.First(c => c.Code == item.ClassCode).Modality;
            examItem.Add($"JC{number:D5}", item.Name, modality, item.Price, item.MedListCode, $"PY{number:D3}", item.Retired ? 1 : 0);
        }
        for (var i = 0; i < 60; i++)
        {
            drug.Add($"YP{i + 1:D5}", DrugName(i),
                $"{Random.Next(1, 50) * 10}mg*{Random.Next(1, 4) * 12}", Random.Next(100, 50000) / 100m, Random.Next(12) == 0 ? 1 : 0);
        }
    }

    /// <summary>
    /// An ID number as this HIS holds them: mostly valid, a check character X often in lower case,
    /// a few foreign passports (no birth date in them) and a few mistyped (a wrong check digit).
    /// </summary>
    private string? AsEntered(string valid)
    {
        const string Checks = "0123456789X";
        return Random.Next(100) switch
        {
            < 2 => null,
            < 4 => Secret($"{Pick(["E", "G", "P"])}{Random.Next(10_000_000, 99_999_999)}"),
            < 6 => Secret(valid[..17] + Checks[(Checks.IndexOf(valid[17], StringComparison.Ordinal) + 1 + Random.Next(10)) % Checks.Length]),
            _ => valid.EndsWith('X') && Random.Next(3) > 0 ? Secret(valid.ToLowerInvariant()) : valid,
        };
    }

    private void CreatePatients(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var male = Random.Next(2) == 0;
            var birth = BirthDate(0, 90);
            var child = birth > DateOnly.FromDateTime(Anchor).AddYears(-14);
            var phone = Random.Next(20) switch { 0 => null, < 5 => Landline(), _ => Mobile() };
            var insured = Random.Next(10) < 7;
            patient.Add($"{i + 1:D10}", $"{Random.Next(10_000_000, 99_999_999)}",
                insured ? Secret($"{DemoCatalog.FictitiousDivision}{Random.NextInt64(100_000_000_000L, 999_999_999_999L)}") : null,
                AsEntered(IdNumber(birth, male)), null,
                insured && Random.Next(2) == 0 ? $"YB{Hex(10)}" : null,
                PersonName(), Random.Next(300) == 0 ? "9" : male ? "1" : "2", Random.Next(12) == 0 ? null : birth, phone,
                child ? PersonName() : null, child ? Mobile() : null,
                child ? null : Pick<string?>(["示范市第一中学", "示范市糖厂", "个体", null]),
                Seconds(Anchor.AddDays(-Random.Next(1, 2500)), 0, 36_000), PersonName());
        }
    }

    private void CreateVisits(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var p = patient.Rows[Random.Next(patient.Rows.Count)];
            var slot = Slot(150, 20);
            var registered = slot > Anchor ? Seconds(Anchor.AddDays(-Random.Next(0, 7)), 0, 30_000) : Seconds(slot.AddHours(-Random.Next(0, 48)), 0, 3000);
            var (doctor, dept) = Pick(doctors);
            var withdrawn = Random.Next(12) == 0;
            var seen = !withdrawn && slot < Anchor && Random.Next(10) < 8;
            var kind = Random.Next(20) switch { 0 => "4", 1 or 2 => "3", < 8 => "2", _ => "1" };
            var (code, name) = seen && Random.Next(3) > 0 ? Pick(DemoCatalog.Diagnoses) : (null, null);
            var clerk = Pick(clerks);
            registration.Add($"{100_001 + i:D12}", p[0], p[6], p[3], p[7], p[8], p[9], registered, slot, dept, doctor, kind,
                withdrawn ? 1 : 0, seen ? 1 : 0, code, name, kind == "2" ? 20.00m : 8.00m, clerk, PersonName(), Seconds(registered, 0, 5));
        }
    }

    private void CreateStays(int count)
    {
        var wards = DemoCatalog.Departments.Where(d => d.Ward is not null).ToList();
        for (var i = 0; i < count; i++)
        {
            var p = patient.Rows[Random.Next(patient.Rows.Count)];
            p[4] ??= $"{Random.Next(100_000, 999_999)}";
            var registered = Seconds(Anchor.AddDays(-Random.Next(0, 200)), 0, 80_000);
            var dept = Pick(wards);
            var doctor = doctors.Where(d => d.Dept == $"00{dept.Code}").Select(d => d.Code).DefaultIfEmpty(Pick(doctors).Code).First();
            DateTime? admitted = null, discharged = null;
            var cancelled = Random.Next(20) == 0;
            if (!cancelled && (registered < Anchor.AddDays(-1) || Random.Next(2) == 0))
            {
                admitted = Seconds(registered, 600, 30_000);
                var leave = Seconds(admitted.Value.AddDays(Random.Next(2, 20)), 0, 30_000);
                discharged = leave < Anchor ? leave : null;
            }
            var (code, name) = Pick(DemoCatalog.Diagnoses);
            stay.Add($"{500_001 + i:D12}", p[4], p[0], registered, admitted, discharged, $"00{dept.Code}", $"00{dept.Ward}",
                admitted is null ? null : $"00{dept.Ward}", admitted is null ? null : $"{Random.Next(1, 60):D2}", doctor, code, name,
                cancelled ? "9" : discharged is not null ? "2" : admitted is not null ? "1" : "0", cancelled ? 1 : 0,
                Seconds(registered, 0, 5), PersonName());
        }
    }

    private void CreateRequestsAndBills(int count)
    {
        var items = examItem.Rows.Where(r => (int)r[6]! == 0).ToList();
        for (var i = 0; i < count; i++)
        {
            var fromVisit = Random.Next(10) < 7;
            var source = fromVisit ? registration.Rows[Random.Next(registration.Rows.Count)] : stay.Rows[Random.Next(stay.Rows.Count)];
            var at = Seconds(Anchor.AddDays(-Random.Next(0, 150)), 28_800, 64_800);
            var item = Pick(items);
            var number = $"SQ{i + 1:D8}";
            request.Add(number, $"{at:yyMMdd}{i % 100_000:D5}", source[fromVisit ? 1 : 2], fromVisit ? source[0] : null, fromVisit ? null : source[0],
                item[0], at, Pick(doctors).Code);
            if (Random.Next(10) == 0)
            {
                continue;
            }
            var payer = Random.Next(10) switch { < 3 => "01", < 7 => "02", _ => "03" };
            var settledAt = Seconds(at, 60, 7200);
            var key = $"{900_001 + i:D12}";
            var lines = new List<object?[]>
            {
                new object?[] { key, 1, number, item[0], null, 1, item[3], payer == "01" ? null : $"{settledAt:yyyyMMddHHmmss}{i:D8}", settledAt },
            };
            for (var d = Random.Next(3); d > 0; d--)
            {
                var medicine = drug.Rows[Random.Next(drug.Rows.Count)];
                lines.Add([key, lines.Count + 1, null, null, medicine[0], Random.Next(1, 4), medicine[3], null, settledAt]);
            }
            settlement.Add(key, source[fromVisit ? 1 : 2], settledAt, payer, payer == "01" ? null : $"JS{settledAt:yyyyMMdd}{Random.Next(10_000_000, 99_999_999)}",
                lines.Sum(l => (decimal)l[6]! * (int)l[5]!), PersonName(), Seconds(settledAt, 0, 3));
            foreach (var line in lines)
            {
                billLine.Add(line);
            }
        }
    }
}
