using System.Data;
using System.Globalization;
using Dapper;
using ProviderApi.Common;

namespace ProviderApi.Data.Demo;

/// <summary>
/// Fills the demo hospital's HIS tables with synthetic, realistic rows. Everything is drawn
/// from a fixed seed relative to <paramref name="anchor"/> (the moment the file is made), so
/// two files made at different times differ only by that shift. Besides the random bulk it
/// writes named scenarios (table demo_scenario) at the edges the contract cares about.
/// </summary>
internal sealed class DemoSeeder(DateTime anchor, DatabaseEngine dialect, int seed = DemoSeeder.DefaultSeed)
{
    public const int DefaultSeed = 20240601;

    private readonly Random random = new(seed);
    private readonly DateTime anchor = anchor;
    private readonly HashSet<string> idNumbers = [];
    private readonly List<Staff> doctors = [];
    private readonly List<Patient> patients = [];
    private readonly Dictionary<string, int> visitIds = [];
    private int visitNo;
    private int examNo;
    private int rcptNo;
    private int setlNo;

    private sealed record Staff(string EmpNo, string Dept, string Name, string Job, string IdNo, string InsurCode);

    private sealed record Patient(string Id, string Name, string Sex, DateOnly Birth, string IdNo, string ChargeType, string? Medicare);

    private readonly List<object> staffRows = [];
    private readonly List<object> patientRows = [];
    private readonly List<object> clinicRows = [];
    private readonly List<object> visitRows = [];
    private readonly List<object> inHospitalRows = [];
    private readonly List<object> examMasterRows = [];
    private readonly List<object> examItemRows = [];
    private readonly List<object> rcptRows = [];
    private readonly List<object> billRows = [];
    private readonly List<object> inpSettleRows = [];
    private readonly List<object> inpBillRows = [];
    private readonly List<object> scenarioRows = [];

    public static string Timestamp(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The offset the imgcloud settings start with (utc_offset_minutes, China Standard Time), which the demo keeps.</summary>
    public const int DefaultUtcOffsetMinutes = 480;

    /// <summary>
    /// The hospital's "now" as the standard views compute it (UTC plus the settings' offset), in whole
    /// seconds: the demo's data is anchored on it, so a machine whose own clock runs on UTC sees the same windows.
    /// </summary>
    public static DateTime HospitalNow(TimeProvider clock) =>
        Truncate(clock.GetUtcNow().UtcDateTime.AddMinutes(DefaultUtcOffsetMinutes));

    /// <summary>Whole seconds, as HIS timestamps are; the kind left unspecified (local wall-clock time, no zone).</summary>
    public static DateTime Truncate(DateTime value) =>
        DateTime.SpecifyKind(value.AddTicks(-(value.Ticks % TimeSpan.TicksPerSecond)), DateTimeKind.Unspecified);

    public void Seed(IDbConnection connection, IDbTransaction transaction)
    {
        CreateStaff();
        for (var i = 0; i < 1200; i++)
        {
            patients.Add(NewPatient($"P{i + 1:D7}", minAge: 0, maxAge: 92));
        }
        CreateOutpatientVisits();
        CreateInpatientStays();
        CreateScenarios();
        Write(connection, transaction);
    }

    private DateTime Anchor => Truncate(anchor);

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>
    /// A random patient already born on the day of <paramref name="at"/>: the bulk's patients
    /// are born up to the anchor, its visits and stays reach back months before it. Drawn
    /// again on a patient born later, so the draws of every other visit stay as they were.
    /// </summary>
    private Patient PatientBornBy(DateTime at)
    {
        var patient = Pick(patients);
        while (patient.Birth > DateOnly.FromDateTime(at))
        {
            patient = Pick(patients);
        }
        return patient;
    }

    /// <summary>No visit or stay of the demo starts before its patient's day of birth (the views would give no age).</summary>
    private static void AssertBornBy(Patient patient, DateTime at)
    {
        if (patient.Birth > DateOnly.FromDateTime(at))
        {
            throw new InvalidOperationException($"Demo seed: patient {patient.Id}, born {patient.Birth:yyyy-MM-dd}, would visit on {at:yyyy-MM-dd}.");
        }
    }

    private string NewName()
    {
        var given = Pick(DemoCatalog.GivenNameCharacters) + (random.Next(3) > 0 ? Pick(DemoCatalog.GivenNameCharacters) : "");
        return Pick(DemoCatalog.Surnames) + given;
    }

    private string NewIdNumber(DateOnly birth, bool male)
    {
        while (true)
        {
            var sequence = random.Next(0, 500) * 2 + (male ? 1 : 0);
            var id = ResidentIdNumber.Create(DemoCatalog.FictitiousDivision, birth, sequence);
            if (idNumbers.Add(id))
            {
                return id;
            }
        }
    }

    private void CreateStaff()
    {
        var serial = 0;
        foreach (var dept in DemoCatalog.Departments.Where(d => d.ClinicAttr is "0" or "1" && !d.Stopped))
        {
            var count = dept.ClinicAttr == "0" ? 3 : 2;
            for (var i = 0; i < count; i++)
            {
                serial++;
                var male = random.Next(2) == 0;
                var birth = new DateOnly(1962 + random.Next(34), 1 + random.Next(12), 1 + random.Next(28));
                var job = dept.ClinicAttr == "1" && i == 1 ? "技术员" : "医生";
                var code = job == "医生" ? $"D450103{serial:D6}" : $"HJ450103{serial:D6}";
                var staff = new Staff($"E{serial:D4}", dept.Code, NewName(), job, NewIdNumber(birth, male), code);
                if (job == "医生" && dept.ClinicAttr == "0")
                {
                    doctors.Add(staff);
                }
                staffRows.Add(new
                {
                    staff.EmpNo,
                    DeptCode = staff.Dept,
                    staff.Name,
                    staff.Job,
                    Title = i == 0 ? "主任医师" : i == 1 ? "主治医师" : "住院医师",
                    UserName = $"u{serial:D4}",
                    IdNo = staff.IdNo,
                    InsurCode = staff.InsurCode,
                });
            }
        }
    }

    private Patient NewPatient(string id, int minAge, int maxAge, DateOnly? birth = null, string? name = null, string? chargeType = null)
    {
        var male = random.Next(2) == 0;
        var born = birth ?? DateOnly.FromDateTime(Anchor).AddDays(-random.Next(minAge * 365, maxAge * 365 + 1));
        var charge = chargeType ?? (random.Next(10) switch { < 3 => "自费", < 7 => "职工医保", _ => "居民医保" });
        var patient = new Patient(id, name ?? NewName(), male ? "男" : "女", born, NewIdNumber(born, male), charge,
            charge == "自费" ? null : $"45{random.NextInt64(1_000_000_000_000L, 9_999_999_999_999L)}");
        patientRows.Add(new
        {
            PatientId = patient.Id,
            patient.Name,
            patient.Sex,
            DateOfBirth = patient.Birth,
            IdNo = patient.IdNo,
            ChargeType = patient.ChargeType,
            InsuranceNo = patient.Medicare,
            MobilePhone = $"1700000{random.Next(10000):D4}",
            HealthCardNo = random.Next(10) < 6 ? $"E{random.NextInt64(100_000_000_000L, 999_999_999_999L)}" : null,
            MedicareNo = patient.Medicare is null ? null : $"4501{random.NextInt64(10_000_000_000_000L, 99_999_999_999_999L)}",
            CreateDate = Anchor.AddDays(-random.Next(30, 3000)),
        });
        return patient;
    }

    private Staff DoctorOf(string dept)
    {
        var inDept = doctors.Where(d => d.Dept == dept).ToList();
        return inDept.Count > 0 ? Pick(inDept) : Pick(doctors);
    }

    private static readonly string[] OutpatientDepts =
        DemoCatalog.Departments.Where(d => d.ClinicAttr == "0" && !d.Stopped && d.Code != "1001").Select(d => d.Code).ToArray();

    private static readonly DemoCatalog.ExamItem[] Billable =
        DemoCatalog.ExamItems.Where(i => !i.Retired && i.ExamPart is not null).ToArray();

    private void CreateOutpatientVisits()
    {
        // History from 120 days back, appointments up to 35 days ahead: rows on both sides of the window.
        for (var day = -120; day <= 35; day++)
        {
            var date = Anchor.Date.AddDays(day);
            var count = day <= 0 ? 24 + random.Next(12) : Math.Max(1, 10 - day / 4);
            for (var i = 0; i < count; i++)
            {
                var slot = random.Next(14);
                var time = date.AddHours(slot < 8 ? 8 : 14).AddMinutes(slot % 8 * 30 + random.Next(0, 30));
                var dept = random.Next(20) == 0 ? "1001" : Pick(OutpatientDepts);
                AddClinicVisit(PatientBornBy(time), dept, time, withdrawn: random.Next(25) == 0, noShow: random.Next(20) == 0);
            }
        }
    }

    /// <summary>Adds a registration; returns the visit time. Seen only if the visit is past and neither withdrawn nor missed.</summary>
    private void AddClinicVisit(Patient patient, string dept, DateTime visitTime, bool withdrawn, bool noShow, DateTime? registered = null, bool? examSelfPaid = null, string? accessionNo = null, string org = DemoCatalog.HospitalOrg)
    {
        AssertBornBy(patient, visitTime);
        var doctor = DoctorOf(dept == "1001" ? "0101" : dept);
        var registeredAt = registered ?? (visitTime > Anchor
            ? Anchor.AddMinutes(-random.Next(10, 7 * 24 * 60))
            : visitTime.AddMinutes(-random.Next(5, random.Next(4) == 0 ? 5 * 24 * 60 : 180)));
        var seen = visitTime < Anchor && !withdrawn && !noShow;
        var returned = withdrawn ? registeredAt.AddMinutes((Min(visitTime, Anchor) - registeredAt).TotalMinutes / 2) : (DateTime?)null;
        visitNo++;
        clinicRows.Add(new
        {
            VisitDate = visitTime,
            VisitNo = visitNo,
            Org = org,
            ClinicLabel = (org == DemoCatalog.CommunityOrg ? DemoCatalog.CommunityDepartments : DemoCatalog.Departments).First(d => d.Code == dept).Name + (dept == "1001" ? "" : "门诊"),
            VisitTimeDesc = visitTime.Hour < 12 ? "上午" : "下午",
            PatientId = patient.Id,
            patient.Name,
            patient.Sex,
            Age = AgeAt(patient.Birth, visitTime),
            patient.ChargeType,
            InsuranceNo = patient.Medicare,
            ClinicType = dept == "1001" ? "体检" : dept == "0601" ? "急诊" : random.Next(4) == 0 ? "专家" : "普通",
            VisitDept = dept,
            Doctor = doctor.Name,
            DoctorNo = doctor.EmpNo,
            Status = seen ? "1" : "0",
            Registering = registeredAt,
            Fee = dept == "0601" ? 12m : 6m,
            Returned = returned,
            ReturnedOperator = returned is null ? null : "SF01",
        });

        if (seen && (accessionNo is not null || random.Next(4) == 0))
        {
            AddOutpatientExam(patient, dept, doctor, visitTime.AddMinutes(10), examSelfPaid, accessionNo, org);
        }
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static int AgeAt(DateOnly birth, DateTime at)
    {
        var age = at.Year - birth.Year;
        return at.Month < birth.Month || (at.Month == birth.Month && at.Day < birth.Day) ? age - 1 : age;
    }

    private (string ExamNo, List<(int No, DemoCatalog.ExamItem Item)> Items) AddExam(Patient patient, string source, int? visitId, string dept, Staff doctor, DateTime requested, string? accessionNo, string org = DemoCatalog.HospitalOrg)
    {
        examNo++;
        var exam = accessionNo ?? $"{requested:yyMMdd}{examNo:D6}";
        List<(int, DemoCatalog.ExamItem)> items;
        if (org == DemoCatalog.CommunityOrg)
        {
            // The centre's own DR0001 (its own crosswalk row) and CT0001 (the all-institutions row), codes the hospital uses too.
            items = [(1, DemoCatalog.CommunityExamItems.Single(i => i.Code == "DR0001")), (2, DemoCatalog.CommunityExamItems.Single(i => i.Code == "CT0001"))];
        }
        else
        {
            var first = Pick(Billable);
            items = [(1, first)];
            var second = Billable.Where(i => i.ClassCode == first.ClassCode && i != first).ToArray();
            if (second.Length > 0 && random.Next(5) == 0)
            {
                items.Add((2, Pick(second)));
            }
        }
        var firstItem = items[0].Item2;
        examMasterRows.Add(new
        {
            ExamNo = exam,
            ApplyNo = $"SQ{requested:yyyyMMdd}{examNo:D6}",
            PatientId = patient.Id,
            Source = source,
            VisitId = visitId,
            Org = org,
            ClassCode = firstItem.ClassCode,
            Req = requested,
            Dept = dept,
            Physician = doctor.Name,
            PerformedBy = DemoCatalog.ExamClasses.First(c => c.Code == firstItem.ClassCode).PerformDept,
            Status = requested < Anchor.AddDays(-1) ? "4" : "1",
        });
        foreach (var (no, item) in items)
        {
            examItemRows.Add(new { ExamNo = exam, No = no, item.Name, item.Code, Costs = item.Price });
        }
        return (exam, items);
    }

    private string NewSetlId(DateTime at) => $"4501{at:yyyyMMddHHmmss}{++setlNo:D6}"[..24];

    private void AddOutpatientExam(Patient patient, string dept, Staff doctor, DateTime requested, bool? selfPaid, string? accessionNo, string org)
    {
        var (exam, items) = AddExam(patient, "1", null, dept, doctor, requested, accessionNo, org);
        var settled = requested.AddMinutes(5 + random.Next(20));
        if (settled > Anchor)
        {
            return;
        }
        var insured = selfPaid is null ? patient.Medicare is not null : !selfPaid.Value;
        rcptNo++;
        var rcpt = $"MZ{settled:yyyyMMdd}{rcptNo:D6}";
        var setlId = insured ? NewSetlId(settled) : null;
        rcptRows.Add(new
        {
            RcptNo = rcpt,
            PatientId = patient.Id,
            Settled = settled,
            ChargeType = insured ? patient.Medicare is null ? "职工医保" : patient.ChargeType : "自费",
            Total = items.Sum(i => i.Item.Price),
            SetlId = setlId,
        });
        foreach (var (no, item) in items)
        {
            billRows.Add(new
            {
                RcptNo = rcpt,
                ItemNo = no,
                item.Code,
                item.Name,
                Charges = item.Price,
                ExamNo = exam,
                ExamItemNo = no,
                item.MedListCode,
                FeedetlSn = insured ? $"{rcpt}{no:D4}" : null,
            });
        }
    }

    private void CreateInpatientStays()
    {
        var wards = DemoCatalog.Departments.Where(d => d.Ward is not null).ToArray();
        for (var i = 0; i < 220; i++)
        {
            var registered = Anchor.AddMinutes(-random.Next(10, 120 * 24 * 60));
            var waiting = registered > Anchor.AddDays(-2) && random.Next(3) == 0;
            var admitted = waiting ? (DateTime?)null : registered.AddMinutes(random.Next(30, 24 * 60));
            if (admitted > Anchor)
            {
                admitted = null;
            }
            var discharged = admitted?.AddDays(3 + random.Next(18)).AddMinutes(random.Next(600));
            if (discharged > Anchor)
            {
                discharged = null;
            }
            var cancelled = admitted is null && random.Next(10) == 0 ? registered.AddHours(2) : (DateTime?)null;
            AddStay(PatientBornBy(registered), Pick(wards), registered, admitted, discharged, cancelled, selfPaid: null, accessionNo: null);
        }
    }

    private void AddStay(Patient patient, DemoCatalog.Dept dept, DateTime registered, DateTime? admitted, DateTime? discharged, DateTime? cancelled, bool? selfPaid, string? accessionNo)
    {
        AssertBornBy(patient, registered);
        var visitId = visitIds[patient.Id] = visitIds.GetValueOrDefault(patient.Id) + 1;
        var doctor = DoctorOf(dept.Code);
        var (diagnosisCode, diagnosisName) = Pick(DemoCatalog.Diagnoses);
        var insured = selfPaid is null ? patient.Medicare is not null : !selfPaid.Value;
        visitRows.Add(new
        {
            PatientId = patient.Id,
            VisitId = visitId,
            Registered = registered,
            Dept = dept.Code,
            Admitted = admitted,
            DischargeDept = discharged is null ? null : dept.Code,
            Discharged = discharged,
            ChargeType = insured ? patient.ChargeType == "自费" ? "职工医保" : patient.ChargeType : "自费",
            InsuranceNo = patient.Medicare,
            Doctor = doctor.EmpNo,
            DoctorName = doctor.Name,
            DiagnosisCode = diagnosisCode,
            DiagnosisName = diagnosisName,
            Cancelled = cancelled,
        });
        if (admitted is null)
        {
            return;
        }
        if (discharged is null)
        {
            inHospitalRows.Add(new
            {
                PatientId = patient.Id,
                VisitId = visitId,
                Ward = dept.Ward,
                Dept = dept.Code,
                Bed = $"{random.Next(1, 46):D2}",
                Admitted = admitted.Value,
                Diagnosis = diagnosisName,
                Doctor = doctor.Name,
            });
        }
        if (accessionNo is null && random.Next(5) >= 2)
        {
            return;
        }
        var (exam, items) = AddExam(patient, "2", visitId, dept.Code, doctor, admitted.Value.AddHours(20), accessionNo);
        string? rcpt = null;
        if (discharged is not null)
        {
            rcptNo++;
            rcpt = $"ZY{discharged:yyyyMMdd}{rcptNo:D6}";
            inpSettleRows.Add(new
            {
                RcptNo = rcpt,
                PatientId = patient.Id,
                VisitId = visitId,
                Settled = discharged.Value,
                ChargeType = insured ? "职工医保" : "自费",
                SetlId = insured ? NewSetlId(discharged.Value) : null,
            });
        }
        foreach (var (no, item) in items)
        {
            inpBillRows.Add(new
            {
                PatientId = patient.Id,
                VisitId = visitId,
                ItemNo = no,
                item.Code,
                item.Name,
                Charges = item.Price,
                Billed = admitted.Value.AddHours(21),
                RcptNo = rcpt,
                ExamNo = exam,
                ExamItemNo = no,
                item.MedListCode,
                FeedetlSn = rcpt is not null && insured ? $"{rcpt}{no:D4}" : null,
            });
        }
    }

    private Patient ScenarioPatient(string name, string description, DateOnly? birth = null, string? accessionNo = null, string? chargeType = null)
    {
        var patient = NewPatient($"S{scenarioRows.Count + 1:D7}", minAge: 20, maxAge: 80, birth, chargeType: chargeType);
        scenarioRows.Add(new { Name = name, PatientId = patient.Id, AccessionNo = accessionNo, Description = description });
        return patient;
    }

    /// <summary>
    /// One dedicated patient per scenario (PATIENT_ID S0000001.., which is the view's insuranceId),
    /// so tests and people exploring the demo find each edge case without guessing.
    /// </summary>
    private void CreateScenarios()
    {
        var now = Anchor;
        var wardOf = DemoCatalog.Departments.First(d => d.Code == "0101");

        AddClinicVisit(ScenarioPatient("outpatient_just_inside", "门诊：就诊时间在 7 天前再晚 1 小时，窗口内"), "0103", now.AddDays(-7).AddHours(1), false, false);
        AddClinicVisit(ScenarioPatient("outpatient_just_outside", "门诊：就诊时间在 7 天前再早 1 小时，窗口外"), "0103", now.AddDays(-7).AddHours(-1), false, false);
        AddClinicVisit(ScenarioPatient("outpatient_future_appointment", "门诊预约：3 天后就诊，今天挂号"), "0104", now.Date.AddDays(3).AddHours(9).AddMinutes(30), false, false, registered: now.AddHours(-1));
        AddClinicVisit(ScenarioPatient("outpatient_beyond_window", "门诊预约：31 天后就诊，窗口外"), "0104", now.Date.AddDays(31).AddHours(9), false, false, registered: now.AddHours(-2));
        AddClinicVisit(ScenarioPatient("outpatient_withdrawn", "门诊：昨天的挂号已退号"), "0202", now.AddDays(-1), withdrawn: true, noShow: false);
        AddClinicVisit(ScenarioPatient("outpatient_seen", "门诊：2 天前已就诊"), "0202", now.AddDays(-2), false, false);
        AddClinicVisit(ScenarioPatient("physical_exam", "体检：昨天"), "1001", now.AddDays(-1), false, false);
        var birthday = DateOnly.FromDateTime(now.AddDays(-1)).AddYears(-40);
        AddClinicVisit(ScenarioPatient("age_at_visit", "门诊：3 天前就诊时 39 岁，昨天满 40 岁", birthday), "0101", now.AddDays(-3), false, false);

        AddStay(ScenarioPatient("inpatient_waiting", "住院：昨天登记，等床中"), wardOf, now.AddDays(-1), null, null, null, null, null);
        AddStay(ScenarioPatient("inpatient_admitted", "住院：5 天前入院，在床"), wardOf, now.AddDays(-5), now.AddDays(-5).AddHours(2), null, null, null, null);
        AddStay(ScenarioPatient("inpatient_discharged_6_days", "住院：6 天前出院，窗口内"), wardOf, now.AddDays(-12), now.AddDays(-12).AddHours(1), now.AddDays(-6), null, null, null);
        AddStay(ScenarioPatient("inpatient_discharged_8_days", "住院：8 天前出院，窗口外"), wardOf, now.AddDays(-14), now.AddDays(-14).AddHours(1), now.AddDays(-8), null, null, null);
        AddStay(ScenarioPatient("inpatient_cancelled", "住院：2 天前登记后取消入院"), wardOf, now.AddDays(-2), null, null, now.AddDays(-2).AddHours(3), null, null);

        AddClinicVisit(ScenarioPatient("settlement_insured", "结算：昨天医保结算的检查", accessionNo: "S-ACC-INSURED", chargeType: "职工医保"), "0102", now.AddDays(-1), false, false, examSelfPaid: false, accessionNo: "S-ACC-INSURED");
        AddClinicVisit(ScenarioPatient("settlement_self_paid", "结算：昨天自费结算的检查", accessionNo: "S-ACC-SELFPAID", chargeType: "自费"), "0102", now.AddDays(-1), false, false, examSelfPaid: true, accessionNo: "S-ACC-SELFPAID");
        AddClinicVisit(ScenarioPatient("settlement_outside_window", "结算：8 天前医保结算，窗口外", accessionNo: "S-ACC-OLD", chargeType: "居民医保"), "0102", now.AddDays(-8), false, false, examSelfPaid: false, accessionNo: "S-ACC-OLD");

        // The second institution (a community centre of the same 医共体, its own 医保 code, codes overlapping the hospital's).
        AddClinicVisit(ScenarioPatient("community_centre_settlement", "社区卫生服务中心（第二个机构）：昨天医保结算的检查 DR0001 与 CT0001，编码与医院重叠", accessionNo: "S-ACC-COMMUNITY", chargeType: "居民医保"),
            "0101", now.AddDays(-1), false, false, examSelfPaid: false, accessionNo: "S-ACC-COMMUNITY", org: DemoCatalog.CommunityOrg);
    }

    private void Write(IDbConnection c, IDbTransaction t)
    {
        // One statement a command (Oracle takes no batches), parameters in the engine's own style.
        void Run(string sql, object? rows) => c.Execute(dialect.Parameters(sql), rows, t);

        Run($"""
            INSERT INTO {dialect.His("ORG_DICT")} (ORG_CODE, ORG_NAME, INSUR_ORG_CODE) VALUES (@Org, @Name, @InsurCode)
            """, DemoCatalog.Institutions.Select(i => new { i.Org, i.Name, i.InsurCode }));
        var serial = 0;
        var departments = DemoCatalog.Departments.Select(d => (Org: DemoCatalog.HospitalOrg, Dept: d))
            .Concat(DemoCatalog.CommunityDepartments.Select(d => (Org: DemoCatalog.CommunityOrg, Dept: d)));
        Run($"""
            INSERT INTO {dialect.His("DEPT_DICT")} (ORG_CODE, SERIAL_NO, DEPT_CODE, DEPT_NAME, DEPT_ALIAS, CLINIC_ATTR, OUTP_OR_INP, INTERNAL_OR_SERGERY, INPUT_CODE, STOP_INDICATOR)
            VALUES (@Org, @Serial, @Code, @Name, @Alias, @ClinicAttr, @OutpOrInp, @Internal, NULL, @Stopped)
            """,
            departments.Select(x => new { x.Org, Serial = ++serial, x.Dept.Code, x.Dept.Name, x.Dept.Alias, x.Dept.ClinicAttr, x.Dept.OutpOrInp, Internal = x.Dept.Code.StartsWith("02", StringComparison.Ordinal) ? "1" : "0", Stopped = x.Dept.Stopped ? 1 : 0 }));
        Run($"""
            INSERT INTO {dialect.His("STAFF_DICT")} (EMP_NO, DEPT_CODE, NAME, JOB, TITLE, USER_NAME, ID_NO, INSUR_DOCTOR_CODE)
            VALUES (@EmpNo, @DeptCode, @Name, @Job, @Title, @UserName, @IdNo, @InsurCode)
            """, staffRows);
        Run($"""
            INSERT INTO {dialect.His("PAT_MASTER_INDEX")} (PATIENT_ID, INP_NO, NAME, SEX, DATE_OF_BIRTH, ID_NO, CHARGE_TYPE, INSURANCE_NO, MOBILE_PHONE, HEALTH_CARD_NO, MEDICARE_NO, CREATE_DATE)
            VALUES (@PatientId, NULL, @Name, @Sex, @DateOfBirth, @IdNo, @ChargeType, @InsuranceNo, @MobilePhone, @HealthCardNo, @MedicareNo, @CreateDate)
            """, patientRows);
        Run($"""
            INSERT INTO {dialect.His("CLINIC_MASTER")} (ORG_CODE, VISIT_DATE, VISIT_NO, CLINIC_LABEL, VISIT_TIME_DESC, PATIENT_ID, NAME, SEX, AGE, CHARGE_TYPE, INSURANCE_NO, CLINIC_TYPE, VISIT_DEPT, DOCTOR, DOCTOR_NO, REGISTRATION_STATUS, REGISTERING_DATE, REGIST_FEE, OPERATOR, RETURNED_DATE, RETURNED_OPERATOR)
            VALUES (@Org, @VisitDate, @VisitNo, @ClinicLabel, @VisitTimeDesc, @PatientId, @Name, @Sex, @Age, @ChargeType, @InsuranceNo, @ClinicType, @VisitDept, @Doctor, @DoctorNo, @Status, @Registering, @Fee, 'SF01', @Returned, @ReturnedOperator)
            """, clinicRows);
        Run($"""
            INSERT INTO {dialect.His("PAT_VISIT")} (PATIENT_ID, VISIT_ID, REGISTER_DATE_TIME, DEPT_ADMISSION_TO, ADMISSION_DATE_TIME, DEPT_DISCHARGE_FROM, DISCHARGE_DATE_TIME, CHARGE_TYPE, INSURANCE_TYPE, INSURANCE_NO, PATIENT_CLASS, ADMITTING_DOCTOR_NO, DOCTOR_IN_CHARGE, DIAGNOSIS_CODE, DIAGNOSIS_NAME, CANCEL_DATE_TIME)
            VALUES (@PatientId, @VisitId, @Registered, @Dept, @Admitted, @DischargeDept, @Discharged, @ChargeType, @ChargeType, @InsuranceNo, '普通', @Doctor, @DoctorName, @DiagnosisCode, @DiagnosisName, @Cancelled)
            """, visitRows);
        Run(
            $"UPDATE {dialect.His("PAT_MASTER_INDEX")} SET INP_NO = @InpNo WHERE PATIENT_ID = @PatientId",
            visitIds.Keys.Order(StringComparer.Ordinal).Select(id => new { PatientId = id, InpNo = "Z" + id[1..] }));
        Run($"""
            INSERT INTO {dialect.His("PATS_IN_HOSPITAL")} (PATIENT_ID, VISIT_ID, WARD_CODE, DEPT_CODE, BED_NO, ADMISSION_DATE_TIME, DIAGNOSIS, DOCTOR_IN_CHARGE)
            VALUES (@PatientId, @VisitId, @Ward, @Dept, @Bed, @Admitted, @Diagnosis, @Doctor)
            """, inHospitalRows);
        Run($"""
            INSERT INTO {dialect.His("EXAM_CLASS_DICT")} (EXAM_CLASS_CODE, EXAM_CLASS_NAME, MODALITY, PERFORM_DEPT)
            VALUES (@Code, @Name, @Modality, @PerformDept)
            """, DemoCatalog.ExamClasses);
        var examItems = DemoCatalog.ExamItems.Select(i => (Org: DemoCatalog.HospitalOrg, Item: i))
            .Concat(DemoCatalog.CommunityExamItems.Select(i => (Org: DemoCatalog.CommunityOrg, Item: i))).ToList();
        Run($"""
            INSERT INTO {dialect.His("CLINIC_ITEM_DICT")} (ORG_CODE, ITEM_CLASS, ITEM_CODE, ITEM_NAME, EXAM_CLASS_CODE, BODY_PART, STOP_INDICATOR)
            VALUES (@Org, 'D', @Code, @Name, @ClassCode, @BodyPart, @Stopped)
            """, examItems.Select(x => new { x.Org, x.Item.Code, x.Item.Name, x.Item.ClassCode, x.Item.BodyPart, Stopped = x.Item.Retired ? 1 : 0 }));
        Run($"""
            INSERT INTO {dialect.His("CLINIC_VS_CHARGE")} (ORG_CODE, CLINIC_ITEM_CLASS, CLINIC_ITEM_CODE, CHARGE_ITEM_NO, CHARGE_ITEM_CLASS, CHARGE_ITEM_CODE, CHARGE_ITEM_SPEC, AMOUNT, UNITS)
            VALUES (@Org, 'D', @Code, 1, 'D', @Code, '/', 1, '次')
            """, examItems.Select(x => new { x.Org, x.Item.Code }));
        // Each item has an old price, stopped two years ago, and the current one: the view must pick the current.
        var priceStart = Anchor.Date.AddYears(-2);
        var prices = examItems.Select(x => new { x.Org, x.Item.Code, x.Item.Name, x.Item.Price, OldPrice = Math.Round(x.Item.Price * 0.9m, 2), x.Item.MedListCode, OldStart = Anchor.Date.AddYears(-6), Start = priceStart }).ToList();
        Run($"""
            INSERT INTO {dialect.His("PRICE_LIST")} (ORG_CODE, ITEM_CLASS, ITEM_CODE, ITEM_SPEC, ITEM_NAME, UNITS, PRICE, MED_LIST_CODG, START_DATE, STOP_DATE)
            VALUES (@Org, 'D', @Code, '/', @Name, '次', @OldPrice, @MedListCode, @OldStart, @Start)
            """, prices);
        Run($"""
            INSERT INTO {dialect.His("PRICE_LIST")} (ORG_CODE, ITEM_CLASS, ITEM_CODE, ITEM_SPEC, ITEM_NAME, UNITS, PRICE, MED_LIST_CODG, START_DATE, STOP_DATE)
            VALUES (@Org, 'D', @Code, '/', @Name, '次', @Price, @MedListCode, @Start, NULL)
            """, prices);
        Run($"""
            INSERT INTO {dialect.His("EXAM_MASTER")} (ORG_CODE, EXAM_NO, APPLY_NO, PATIENT_ID, PATIENT_SOURCE, VISIT_ID, EXAM_CLASS_CODE, REQ_DATE_TIME, REQ_DEPT, REQ_PHYSICIAN, PERFORMED_BY, RESULT_STATUS)
            VALUES (@Org, @ExamNo, @ApplyNo, @PatientId, @Source, @VisitId, @ClassCode, @Req, @Dept, @Physician, @PerformedBy, @Status)
            """, examMasterRows);
        Run($"""
            INSERT INTO {dialect.His("EXAM_ITEMS")} (EXAM_NO, EXAM_ITEM_NO, EXAM_ITEM, EXAM_ITEM_CODE, COSTS)
            VALUES (@ExamNo, @No, @Name, @Code, @Costs)
            """, examItemRows);
        Run($"""
            INSERT INTO {dialect.His("OUTP_RCPT_MASTER")} (RCPT_NO, PATIENT_ID, VISIT_DATE_TIME, CHARGE_TYPE, TOTAL_CHARGES, INSUR_SETL_ID, OPERATOR_NO)
            VALUES (@RcptNo, @PatientId, @Settled, @ChargeType, @Total, @SetlId, 'SF01')
            """, rcptRows);
        Run($"""
            INSERT INTO {dialect.His("OUTP_BILL_ITEMS")} (RCPT_NO, ITEM_NO, ITEM_CLASS, ITEM_CODE, ITEM_NAME, AMOUNT, CHARGES, EXAM_NO, EXAM_ITEM_NO, MED_LIST_CODG, INSUR_FEEDETL_SN)
            VALUES (@RcptNo, @ItemNo, 'D', @Code, @Name, 1, @Charges, @ExamNo, @ExamItemNo, @MedListCode, @FeedetlSn)
            """, billRows);
        Run($"""
            INSERT INTO {dialect.His("INP_SETTLE_MASTER")} (RCPT_NO, PATIENT_ID, VISIT_ID, SETTLING_DATE, CHARGE_TYPE, INSUR_SETL_ID)
            VALUES (@RcptNo, @PatientId, @VisitId, @Settled, @ChargeType, @SetlId)
            """, inpSettleRows);
        Run($"""
            INSERT INTO {dialect.His("INP_BILL_DETAIL")} (PATIENT_ID, VISIT_ID, ITEM_NO, ITEM_CLASS, ITEM_CODE, ITEM_NAME, AMOUNT, CHARGES, BILLING_DATE_TIME, RCPT_NO, EXAM_NO, EXAM_ITEM_NO, MED_LIST_CODG, INSUR_FEEDETL_SN)
            VALUES (@PatientId, @VisitId, @ItemNo, 'D', @Code, @Name, 1, @Charges, @Billed, @RcptNo, @ExamNo, @ExamItemNo, @MedListCode, @FeedetlSn)
            """, inpBillRows);

        // The crosswalk: every item the demo bills is mapped for all institutions ('*'), most by rules, a few one by one
        // (exam_part_map, above the rules); the rarely used ones are left for the contract check. The community centre
        // has a row of its own for one code, which wins over the '*' row there.
        Run($"DELETE FROM {dialect.Imgcloud("exam_part_rule")} WHERE rule_no = @RuleNo", DemoCatalog.ExamPartRules);
        Run($"""
            INSERT INTO {dialect.Imgcloud("exam_part_rule")} (rule_no, hospital_id, modality, body_part, name_pattern, contrast, exam_part, note)
            VALUES (@RuleNo, '*', @Modality, @BodyPart, @NamePattern, @Contrast, @ExamPart, @Note)
            """, DemoCatalog.ExamPartRules);
        var mapped = DemoCatalog.ExamItems.Where(i => i.ExamPart is not null && DemoCatalog.ExamPartOverrides.Contains(i.Code))
            .Select(i => new { i.Code, ExamPart = i.ExamPart!, Note = i.Name, HospitalId = "*" })
            .Concat(DemoCatalog.CommunityCrosswalk.Select(m => new { m.Code, m.ExamPart, m.Note, HospitalId = DemoCatalog.CommunityHospitalId })).ToList();
        Run($"DELETE FROM {dialect.Imgcloud("exam_part_map")} WHERE exam_code = @Code AND hospital_id = @HospitalId", mapped);
        Run($"INSERT INTO {dialect.Imgcloud("exam_part_map")} (exam_code, exam_part, note, hospital_id) VALUES (@Code, @ExamPart, @Note, @HospitalId)", mapped);
        Run($"UPDATE {dialect.Imgcloud("settings")} SET hospital_id = @HospitalId WHERE id = 1", new { DemoCatalog.HospitalId });
        Run($"""
            INSERT INTO {dialect.His("demo_scenario")} (name, patient_id, accession_no, description) VALUES (@Name, @PatientId, @AccessionNo, @Description)
            """, scenarioRows);
    }
}
