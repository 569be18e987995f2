namespace ProviderApi.Tests.Contract;

/// <summary>The columns of the four views, in the contract's order (contract.md).</summary>
public static class ContractColumns
{
    public static readonly string[] Register =
    [
        "idCardNo", "healthNo", "insuranceId", "hospitalizationId", "medicareNo", "mobilePhone", "patientName",
        "patientSex", "patientAge", "patientType", "outpatientNumber", "registDateTime", "outpatientDateTime",
        "outpatientDeptName", "outpatientDeptCode", "outpatientDocName", "outpatientDocHisUid", "outpatientDocCode",
        "outpatientIdcardNo", "quitType", "outpatientType", "admissionRegistDateTime", "admissionDateTime",
        "admissionDeptCode", "admissionDeptName", "dischargedDateTime", "currentDeptCode", "currentDeptName",
        "diagnoseCode", "diagnoseName", "wardNo", "bedNo", "hospitalld",
    ];

    public static readonly string[] ExamItem =
        ["modality", "examCode", "examName", "examBodyPart", "examPrice", "checkStatus", "sourceType", "hospitalld"];

    public static readonly string[] Settlement =
        ["accessionNo", "studyOrderId", "setlId", "medListCodg", "feedetlSn", "examPart", "hospitalld"];

    public static readonly string[] Department = ["deptName", "deptCode", "remark", "hospitalld"];

    public static readonly IReadOnlyDictionary<string, string[]> ByView = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["View_Register_Info"] = Register,
        ["View_ProjectItemCode_Info"] = ExamItem,
        ["view_setlInfoList"] = Settlement,
        ["View_Dept_Info"] = Department,
    };
}
