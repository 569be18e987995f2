using System.Text.Json.Serialization;
using ProviderApi.Check;
using ProviderApi.Contract;
using ProviderApi.Views;

namespace ProviderApi.Dictionaries;

/// <summary>The two dictionaries: read by the cloud and polled over HTTP (§3.5.2, §3.7.2); never pushed.</summary>
public static class DictionaryViews
{
    /// <summary>View_ProjectItemCode_Info, answered at GET /standardHttp/getExamDict.</summary>
    public static readonly StandardView<ExamItem> ExamItems = new(
        "View_ProjectItemCode_Info",
        ViewModes.ReadByCloud | ViewModes.ServedOverHttp,
        columns: ["modality", "examCode", "examName", "examBodyPart", "examPrice", "checkStatus", "sourceType", "hospitalld"],
        key: "examCode",
        DictionaryJsonContext.Contract.ExamItem,
        _ => new ExamItemValidator(),
        label: (row, _) => row.ExamCode)
    {
        DuplicateRule = CheckRules.ExamCodeDuplicate.Id,
        KeyScope = "hospitalld",
        Http = new HttpServing(
            "/standardHttp/getExamDict",
            "getExamDict",
            "the exam-item dictionary",
            "检查项目字典（§3.5.2）",
            "返回院内开展的影像检查项目，供医保影像云平台与其标准编码对照。datas 按 examCode、再按 hospitalld 升序（按字节比较；一个 HIS 有多个机构时编码可能重复）；所有值均为字符串，缺省的可选值为 null。数据来自视图 View_ProjectItemCode_Info。",
            OrderBy: ["examCode", "hospitalld"]),
    };

    /// <summary>View_Dept_Info, answered at GET /standardHttp/getDeptInfo.</summary>
    public static readonly StandardView<Department> Departments = new(
        "View_Dept_Info",
        ViewModes.ReadByCloud | ViewModes.ServedOverHttp,
        columns: ["deptName", "deptCode", "remark", "hospitalld"],
        key: "deptCode",
        DictionaryJsonContext.Contract.Department,
        _ => new DepartmentValidator(),
        label: (row, _) => row.DeptCode)
    {
        DuplicateRule = CheckRules.DeptCodeDuplicate.Id,
        KeyScope = "hospitalld",
        Http = new HttpServing(
            "/standardHttp/getDeptInfo",
            "getDeptInfo",
            "the department dictionary",
            "科室字典（§3.7.2）",
            "返回临床及医技科室，供医保影像云平台绑定调阅插件、统计科室使用情况。datas 按 deptCode、再按 hospitalld 升序（按字节比较；一个 HIS 有多个机构时编码可能重复）。数据来自视图 View_Dept_Info。",
            OrderBy: ["deptCode", "hospitalld"]),
    };
}

/// <summary>System.Text.Json metadata for the dictionaries' rows and answers, generated at build time, with the contract's options.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ExamItem))]
[JsonSerializable(typeof(Department))]
[JsonSerializable(typeof(SuccessEnvelope<ExamItem>))]
[JsonSerializable(typeof(SuccessEnvelope<Department>))]
public sealed partial class DictionaryJsonContext : JsonSerializerContext
{
    public static DictionaryJsonContext Contract { get; } = new(ContractJsonContext.NewOptions());
}
