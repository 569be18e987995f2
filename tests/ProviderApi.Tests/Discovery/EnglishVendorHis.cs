using ProviderApi.Data.Demo;

namespace ProviderApi.Tests.Discovery;

/// <summary>
/// Reference HIS shape A, "English vendor": English words, tables and columns in mixed case
/// (PatientInfo.IdCardNo) beside snake_case ones (outpatient_visit.registered_at), reserved words
/// as names ("User", "Order", a column "Date"), bigint surrogate keys everywhere (departments,
/// doctors and exam items joined by id, not by code), codes inline (Gender 'M'/'F'/'U', statuses
/// as words), a visit's and a stay's status as a column plus a shared history table (the time of a
/// cancellation only there), no phone number, no 电子医保码, no outpatient diagnosis, one institution.
/// Distractors: the guardian's name and ID number, an ID-shaped 医保卡号, the operator's and the
/// cashier's names, insert and update timestamps beside every event time, drug codes shaped like
/// exam codes on the same charge lines.
/// </summary>
public sealed class EnglishVendorHis : ReferenceHis
{
    private readonly HisTable department = new("Department", ["DepartmentId"],
        new("DepartmentId", HisType.BigInt), new("Code", HisType.Code, 10), new("Name", HisType.Text), new("Description", HisType.Text),
        new("Kind", HisType.Code), new("Active", HisType.Flag));

    private readonly HisTable user = new("User", ["UserId"],
        new("UserId", HisType.BigInt), new("StaffNo", HisType.Code), new("LoginName", HisType.Code, 30), new("DisplayName", HisType.Text),
        new("IdCardNo", HisType.Code, 18), new("PractitionerCode", HisType.Code, 30), new("DepartmentId", HisType.BigInt),
        new("Role", HisType.Code), new("Title", HisType.Text));

    private readonly HisTable patient = new("PatientInfo", ["PatientId"],
        new("PatientId", HisType.BigInt), new("CardNo", HisType.Code), new("InsuranceCardNo", HisType.Code, 30), new("IdCardNo", HisType.Code, 18),
        new("HealthCardNo", HisType.Code, 64), new("InpatientNo", HisType.Code), new("FullName", HisType.Text), new("Gender", HisType.Code, 1),
        new("BirthDate", HisType.Date), new("GuardianName", HisType.Text), new("GuardianIdCardNo", HisType.Code, 18), new("Address", HisType.Text),
        new("CreatedAt", HisType.DateTime), new("CreatedBy", HisType.BigInt));

    private readonly HisTable visit = new("outpatient_visit", ["visit_id"],
        new("visit_id", HisType.BigInt), new("ticket_no", HisType.Code), new("patient_id", HisType.BigInt), new("registered_at", HisType.DateTime),
        new("Date", HisType.DateTime), new("department_id", HisType.BigInt), new("doctor_user_id", HisType.BigInt), new("clinic_type", HisType.Code),
        new("status", HisType.Code), new("fee", HisType.Money), new("operator_name", HisType.Text), new("created_at", HisType.DateTime),
        new("updated_at", HisType.DateTime));

    private readonly HisTable history = new("status_history", ["id"],
        new("id", HisType.BigInt), new("entity", HisType.Code), new("entity_id", HisType.BigInt), new("status", HisType.Code),
        new("changed_at", HisType.DateTime), new("changed_by", HisType.BigInt));

    private readonly HisTable admission = new("Admission", ["AdmissionId"],
        new("AdmissionId", HisType.BigInt), new("PatientId", HisType.BigInt), new("RegisteredAt", HisType.DateTime), new("AdmittedAt", HisType.DateTime),
        new("DischargedAt", HisType.DateTime), new("Status", HisType.Code), new("AdmitDepartmentId", HisType.BigInt),
        new("CurrentDepartmentId", HisType.BigInt), new("AttendingUserId", HisType.BigInt), new("Ward", HisType.Code), new("Bed", HisType.Code),
        new("AdmitDiagnosisCode", HisType.Code), new("AdmitDiagnosis", HisType.Text), new("UpdatedAt", HisType.DateTime));

    private readonly HisTable examItem = new("ExamItem", ["ExamItemId"],
        new("ExamItemId", HisType.BigInt), new("ItemCode", HisType.Code), new("ItemName", HisType.Text), new("Modality", HisType.Code, 10),
        new("BodyPart", HisType.Text), new("Price", HisType.Money), new("Active", HisType.Flag), new("NationalCode", HisType.Code, 30));

    private readonly HisTable drug = new("Drug", ["DrugId"],
        new("DrugId", HisType.BigInt), new("DrugCode", HisType.Code), new("DrugName", HisType.Text), new("Spec", HisType.Text),
        new("Price", HisType.Money), new("Active", HisType.Flag));

    private readonly HisTable order = new("Order", ["OrderId"],
        new("OrderId", HisType.BigInt), new("AccessionNo", HisType.Code), new("PatientId", HisType.BigInt), new("VisitId", HisType.BigInt),
        new("AdmissionId", HisType.BigInt), new("ExamItemId", HisType.BigInt), new("OrderedAt", HisType.DateTime), new("OrderedBy", HisType.BigInt));

    private readonly HisTable settlement = new("Settlement", ["SettlementId"],
        new("SettlementId", HisType.BigInt), new("PatientId", HisType.BigInt), new("SettledAt", HisType.DateTime), new("PayerType", HisType.Code),
        new("InsuranceSettlementId", HisType.Code, 40), new("Total", HisType.Money), new("CashierName", HisType.Text), new("CreatedAt", HisType.DateTime));

    private readonly HisTable charge = new("charge_line", ["line_id"],
        new("line_id", HisType.BigInt), new("settlement_id", HisType.BigInt), new("order_id", HisType.BigInt), new("exam_item_id", HisType.BigInt),
        new("drug_code", HisType.Code), new("quantity", HisType.Number), new("amount", HisType.Money), new("fee_detail_sn", HisType.Code, 40),
        new("created_at", HisType.DateTime));

    private readonly List<(long Id, long Dept)> doctors = [];
    private readonly List<long> clerks = [];
    private readonly Dictionary<string, long> departmentIds = [];
    private long historyId = 9_000_000;

    public EnglishVendorHis(int seed, DateTime anchor, int patients = 3000, int visits = 6000, int stays = 700, int orders = 2000)
        : base(seed, anchor)
    {
        CreateDictionaries();
        var patientIds = CreatePatients(patients);
        CreateVisits(visits, patientIds);
        CreateStays(stays, patientIds);
        CreateOrdersAndCharges(orders, patientIds);
    }

    public override string Name => "A (English vendor)";

    public override string Schema => "emr";

    public override IReadOnlyList<HisTable> Tables => [department, user, patient, visit, history, admission, examItem, drug, order, settlement, charge];

    public override Truth TruthFor(string view, string column) => column switch
    {
        "patient_id" => Truth.At("PatientInfo.PatientId"),
        "id_card_no" => Truth.At("PatientInfo.IdCardNo"),
        "health_card_no" => Truth.At("PatientInfo.HealthCardNo"),
        "insurance_card_no" => Truth.At("PatientInfo.CardNo", "PatientInfo.InsuranceCardNo"),
        "inpatient_no" => Truth.At("PatientInfo.InpatientNo"),
        "patient_name" => Truth.At("PatientInfo.FullName"),
        "sex_code" => Truth.At("PatientInfo.Gender"),
        "date_of_birth" => Truth.At("PatientInfo.BirthDate"),
        "visit_no" => Truth.At("outpatient_visit.ticket_no", "outpatient_visit.visit_id"),
        "patient_type" => Truth.At("outpatient_visit.clinic_type"),
        "register_time" when view == "src_outpatient_visit" => Truth.At("outpatient_visit.registered_at"),
        "visit_time" => Truth.At("outpatient_visit.Date"),
        "dept_code" when view == "src_outpatient_visit" => Truth.At("Department.Code", "outpatient_visit.department_id", "Department.DepartmentId"),
        "dept_code" => Truth.At("Department.Code", "Department.DepartmentId"),
        "dept_name" or "admit_dept_name" or "current_dept_name" => Truth.At("Department.Name"),
        "doctor_name" or "admit_doctor_name" => Truth.At("User.DisplayName"),
        "doctor_his_uid" => Truth.At("User.StaffNo", "User.UserId", "outpatient_visit.doctor_user_id"),
        "admit_doctor_his_uid" => Truth.At("User.StaffNo", "User.UserId", "Admission.AttendingUserId"),
        "doctor_insurance_code" or "admit_doctor_insurance_code" => Truth.At("User.PractitionerCode"),
        "doctor_id_card_no" or "admit_doctor_id_card_no" => Truth.At("User.IdCardNo"),
        "withdrawn" or "seen" => Truth.At("outpatient_visit.status"),
        "admission_no" => Truth.At("Admission.AdmissionId"),
        "register_time" => Truth.At("Admission.RegisteredAt"),
        "admission_time" => Truth.At("Admission.AdmittedAt"),
        "discharge_time" => Truth.At("Admission.DischargedAt"),
        "cancel_time" => Truth.At("status_history.changed_at"),
        "admit_dept_code" => Truth.At("Department.Code", "Admission.AdmitDepartmentId", "Department.DepartmentId"),
        "current_dept_code" => Truth.At("Department.Code", "Admission.CurrentDepartmentId", "Department.DepartmentId"),
        "ward_no" => Truth.At("Admission.Ward"),
        "bed_no" => Truth.At("Admission.Bed"),
        "diagnosis_code" when view == "src_inpatient_visit" => Truth.At("Admission.AdmitDiagnosisCode"),
        "diagnosis_name" when view == "src_inpatient_visit" => Truth.At("Admission.AdmitDiagnosis"),
        "exam_code" => Truth.At("ExamItem.ItemCode", "ExamItem.ExamItemId"),
        "exam_name" => Truth.At("ExamItem.ItemName"),
        "modality" => Truth.At("ExamItem.Modality"),
        "body_part" => Truth.At("ExamItem.BodyPart"),
        "price" => Truth.At("ExamItem.Price"),
        "is_valid" => Truth.At("ExamItem.Active"),
        "accession_no" => Truth.At("Order.AccessionNo"),
        "study_order_id" => Truth.At("Order.OrderId", "charge_line.order_id"),
        "setl_id" => Truth.At("Settlement.InsuranceSettlementId"),
        "med_list_code" => Truth.At("ExamItem.NationalCode"),
        "fee_detail_sn" => Truth.At("charge_line.fee_detail_sn"),
        "exam_item_code" => Truth.At("ExamItem.ItemCode", "charge_line.exam_item_id", "Order.ExamItemId"),
        "settle_time" => Truth.At("Settlement.SettledAt"),
        "self_paid" => Truth.At("Settlement.PayerType"),
        "remark" => Truth.At("Department.Description"),
        // Not in this HIS: phone, 电子医保码, outpatient diagnosis, the institution's 医保 code, the dictionary's source.
        _ => Truth.Absent,
    };

    private void CreateDictionaries()
    {
        var id = 2000L;
        foreach (var d in DemoCatalog.Departments)
        {
            id++;
            departmentIds[d.Code] = id;
            var kind = d.ClinicAttr switch { "0" => "CLINICAL", "1" => "MEDTECH", "2" => "NURSING", _ => "ADMIN" };
            department.Add(id, $"DEP{d.Code}", d.Name, d.Alias, kind, d.Stopped ? 0 : 1);
        }
        var userId = 500L;
        foreach (var d in DemoCatalog.Departments.Where(d => !d.Stopped))
        {
            var count = d.ClinicAttr is "0" or "1" ? 3 : 1;
            for (var i = 0; i < count; i++)
            {
                userId++;
                var male = Random.Next(2) == 0;
                var role = d.ClinicAttr is "0" or "1" ? "DOCTOR" : d.ClinicAttr == "2" ? "NURSE" : "CLERK";
                user.Add(userId, $"S{userId:D5}", $"u{userId}", PersonName(), IdNumber(BirthDate(28, 62), male),
                    role == "DOCTOR" ? $"D450103{userId:D6}" : null, departmentIds[d.Code], role,
                    role == "DOCTOR" ? Pick(["主任医师", "副主任医师", "主治医师", "住院医师"]) : null);
                if (role == "DOCTOR" && d.ClinicAttr == "0")
                {
                    doctors.Add((userId, departmentIds[d.Code]));
                }
                else if (role == "CLERK")
                {
                    clerks.Add(userId);
                }
            }
        }
        var itemId = 7000L;
        foreach (var item in DemoCatalog.ExamItems)
        {
            itemId++;
            var modality = DemoCatalog.ExamClasses.First(c => c.Code == item.ClassCode).Modality;
            examItem.Add(itemId, item.Code, item.Name, modality, item.BodyPart, item.Price, item.Retired ? 0 : 1, item.MedListCode);
        }
        for (var i = 0; i < 60; i++)
        {
            drug.Add(8000L + i, $"XY{i + 1:D4}", DrugName(i),
                $"{Random.Next(1, 50) * 10}mg", Random.Next(100, 50000) / 100m, Random.Next(12) == 0 ? 0 : 1);
        }
    }

    private List<(long Id, DateOnly Birth)> CreatePatients(int count)
    {
        var ids = new List<(long, DateOnly)>();
        for (var i = 0; i < count; i++)
        {
            var id = 100_001L + i;
            var male = Random.Next(2) == 0;
            var birth = BirthDate(0, 90);
            var child = birth > DateOnly.FromDateTime(Anchor).AddYears(-14);
            var gender = Random.Next(200) == 0 ? "U" : male ? "M" : "F";
            var insured = Random.Next(10) < 7;
            var created = Seconds(Anchor.AddDays(-Random.Next(1, 2000)), 0, 36_000);
            patient.Add(id, $"8{Random.Next(100_000_000, 999_999_999)}",
                insured ? Secret($"{DemoCatalog.FictitiousDivision}{Random.NextInt64(100_000_000_000L, 999_999_999_999L)}") : null,
                IdNumber(birth, male),
                Random.Next(10) < 6 ? Hex(16) : null,
                null, PersonName(), gender, birth,
                child ? PersonName() : null, child ? IdNumber(BirthDate(25, 45), Random.Next(2) == 0) : null,
                $"广西示范市{Pick(["青秀区", "兴宁区", "江南区", "西乡塘区"])}{Random.Next(1, 300)}号", created, Pick(clerks));
            ids.Add((id, birth));
        }
        return ids;
    }

    private void Status(string entity, long id, string status, DateTime at, long by) =>
        history.Add(++historyId, entity, id, status, at, by);

    private void CreateVisits(int count, List<(long Id, DateOnly Birth)> patients)
    {
        for (var i = 0; i < count; i++)
        {
            var id = 3_000_001L + i;
            var (patientId, _) = Pick(patients);
            var slot = Slot(150, 20);
            var registered = slot > Anchor ? Seconds(Anchor.AddDays(-Random.Next(0, 7)), 0, 30_000) : Seconds(slot.AddHours(-Random.Next(0, 48)), 0, 3000);
            var (doctor, dept) = Pick(doctors);
            var type = Random.Next(20) switch { 0 => "CHECKUP", 1 or 2 => "EMERGENCY", < 8 => "SPECIALIST", _ => "GENERAL" };
            var clerk = Pick(clerks);
            Status("OUTPATIENT", id, "REGISTERED", registered, clerk);
            var status = "REGISTERED";
            var updated = registered;
            if (Random.Next(12) == 0)
            {
                status = "CANCELLED";
                updated = Seconds(registered, 60, 20_000);
                Status("OUTPATIENT", id, status, updated, clerk);
            }
            else if (slot < Anchor && Random.Next(10) < 8)
            {
                status = "SEEN";
                updated = Seconds(slot, 60, 3000);
                Status("OUTPATIENT", id, status, updated, doctor);
            }
            visit.Add(id, $"T{slot:yyyyMMdd}{i % 10000:D4}", patientId, registered, slot, dept, doctor, type, status,
                type == "SPECIALIST" ? 20.00m : 8.00m, PersonName(), Seconds(registered, 0, 5), updated);
        }
    }

    private void CreateStays(int count, List<(long Id, DateOnly Birth)> patients)
    {
        var wards = DemoCatalog.Departments.Where(d => d.Ward is not null).ToList();
        for (var i = 0; i < count; i++)
        {
            var id = 600_001L + i;
            var (patientId, _) = Pick(patients);
            var row = patient.Rows[(int)(patientId - 100_001L)];
            row[5] ??= $"ZY{Random.Next(100_000, 999_999)}";
            var registered = Seconds(Anchor.AddDays(-Random.Next(0, 200)), 0, 80_000);
            var dept = Pick(wards);
            var doctor = doctors.Where(d => d.Dept == departmentIds[dept.Code]).Select(d => d.Id).DefaultIfEmpty(Pick(doctors).Id).First();
            DateTime? admitted = null, discharged = null;
            var status = "WAITING";
            Status("ADMISSION", id, status, registered, Pick(clerks));
            if (Random.Next(20) == 0)
            {
                status = "CANCELLED";
                Status("ADMISSION", id, status, Seconds(registered, 600, 80_000), Pick(clerks));
            }
            else if (registered < Anchor.AddDays(-1) || Random.Next(2) == 0)
            {
                admitted = Seconds(registered, 600, 30_000);
                status = "IN";
                Status("ADMISSION", id, status, admitted.Value, doctor);
                var leave = Seconds(admitted.Value.AddDays(Random.Next(2, 20)), 0, 30_000);
                if (leave < Anchor)
                {
                    discharged = leave;
                    status = "DISCHARGED";
                    Status("ADMISSION", id, status, leave, doctor);
                }
            }
            var (code, name) = Pick(DemoCatalog.Diagnoses);
            admission.Add(id, patientId, registered, admitted, discharged, status, departmentIds[dept.Code],
                departmentIds[dept.Ward!], doctor, admitted is null ? null : $"W{dept.Ward}", admitted is null ? null : $"{Random.Next(1, 60):D2}",
                code, name, discharged ?? admitted ?? registered);
        }
    }

    private void CreateOrdersAndCharges(int count, List<(long Id, DateOnly Birth)> patients)
    {
        var items = examItem.Rows.Where(r => (int)r[6]! == 1).ToList();
        var lineId = 40_000_000L;
        for (var i = 0; i < count; i++)
        {
            var id = 5_000_001L + i;
            var fromVisit = Random.Next(10) < 7;
            var source = fromVisit ? visit.Rows[Random.Next(visit.Rows.Count)] : admission.Rows[Random.Next(admission.Rows.Count)];
            var patientId = (long)source[fromVisit ? 2 : 1]!;
            var at = Seconds(Anchor.AddDays(-Random.Next(0, 150)), 28_800, 64_800);
            var item = Pick(items);
            order.Add(id, $"A{at:yyMMdd}{i:D6}", patientId, fromVisit ? source[0] : null, fromVisit ? null : source[0], item[0],
                at, Pick(doctors).Id);
            if (Random.Next(10) == 0)
            {
                continue;
            }
            var payer = Random.Next(10) switch { < 3 => "SELF", < 7 => "EMPLOYEE", _ => "RESIDENT" };
            var settledAt = Seconds(at, 60, 7200);
            var settlementId = 9_100_000L + i;
            var lines = new List<object?[]>
            {
                new object?[] { null, settlementId, id, item[0], null, 1, item[5], payer == "SELF" ? null : $"FD{settledAt:yyyyMMddHHmmss}{i:D6}", settledAt },
            };
            for (var d = Random.Next(3); d > 0; d--)
            {
                var medicine = drug.Rows[Random.Next(drug.Rows.Count)];
                lines.Add([null, settlementId, null, null, medicine[1], Random.Next(1, 4), medicine[4], null, settledAt]);
            }
            settlement.Add(settlementId, patientId, settledAt, payer, payer == "SELF" ? null : $"45{settledAt:yyyyMMddHHmmss}{Random.Next(100_000, 999_999)}",
                lines.Sum(l => (decimal)l[6]! * (int)l[5]!), PersonName(), Seconds(settledAt, 0, 3));
            foreach (var line in lines)
            {
                line[0] = ++lineId;
                charge.Add(line);
            }
        }
    }
}
