using System.CommandLine;
using Microsoft.Extensions.Options;
using ProviderApi.Check;
using ProviderApi.Data;
using ProviderApi.Data.Migrations;
using ProviderApi.Push;

namespace ProviderApi.Cli;

/// <summary>
/// A verb of the provider's one executable: its word, its options, what the help says of it in
/// English and Chinese, and its work. <see cref="All"/> is the one list: a verb is added by adding
/// its entry there (its work lives in its feature folder, as <c>Check/CheckVerbs.cs</c>).
/// </summary>
public sealed class Verb
{
    private readonly string name;

    private Verb(string name, string word, Option[] options, string english, string chinese, Func<ProviderCommand, IServiceProvider, int>? work)
    {
        this.name = name;
        Word = word;
        Options = options;
        English = english;
        Chinese = chinese;
        Work = work;
    }

    /// <summary>The word on the command line (check, load-csv).</summary>
    public string Word { get; }

    /// <summary>The options this verb takes (besides settings, <c>--help</c> and <c>--lang</c>).</summary>
    internal IReadOnlyList<Option> Options { get; }

    /// <summary>What the help says of the verb, in English.</summary>
    internal string English { get; }

    /// <summary>What the help says of the verb, in Chinese.</summary>
    internal string Chinese { get; }

    /// <summary>The verb's work; returns the process's exit code. Null for serve (the host runs) and help.</summary>
    internal Func<ProviderCommand, IServiceProvider, int>? Work { get; }

    /// <summary>False for the verbs that never connect to the database (print-sql writes scripts, help text).</summary>
    public bool ConnectsToDatabase { get; private init; } = true;

    /// <summary>
    /// Verbs whose standard output is their result (a report, JSON) send log lines to standard
    /// error, where they cannot break a JSON report piped into another program.
    /// </summary>
    public bool LogsToStandardError { get; private init; } = true;

    /// <summary>The verb's name where a sentence starts with it ("Check stopped: ...").</summary>
    public override string ToString() => name;

    public static readonly Verb Serve = new("Serve", "serve", [],
        "Start the provider (the default).",
        "启动接口服务（默认）。",
        work: null)
    { LogsToStandardError = false };

    public static readonly Verb Migrate = new("Migrate", "migrate", [VerbOptions.WithDemo],
        """
        Apply sql/<engine>/ and the hospital's source views (Database:SourceViewsPath) to
        Database:MigrationConnectionString (or Database:ConnectionString). --with-demo also
        creates the demo hospital's HIS tables and seeds them when empty.
        """,
        """
        把 sql/<引擎>/ 与医院的源视图（Database:SourceViewsPath）执行到
        Database:MigrationConnectionString（未设置时 Database:ConnectionString）。--with-demo
        另建演示医院的 HIS 表，表为空时填充数据。
        """,
        (command, services) =>
        {
            Migrator(services).Migrate(command.WithDemo);
            Console.WriteLine("Migration complete.");
            return 0;
        })
    { LogsToStandardError = false };

    public static readonly Verb PrintSql = new("PrintSql", "print-sql", [VerbOptions.WithDemo, VerbOptions.Out],
        "Write exactly the SQL that migrate runs, in order, for a DBA to read or run by hand.",
        "按顺序输出 migrate 执行的全部 SQL，供 DBA 审阅或手工执行。",
        (command, services) =>
        {
            if (command.OutputPath is null)
            {
                Migrator(services).PrintSql(Console.Out, command.WithDemo);
                return 0;
            }
            using var file = new StreamWriter(command.OutputPath, append: false, new System.Text.UTF8Encoding(false));
            Migrator(services).PrintSql(file, command.WithDemo);
            return 0;
        })
    { ConnectsToDatabase = false, LogsToStandardError = false };

    public static readonly Verb Check = new("Check", "check", [VerbOptions.Format, VerbOptions.Examples],
        """
        Check the four standard views against the contract before go-live: per view the rows
        read, each broken rule with its count, severity and N examples (default 3; ID and phone
        numbers masked), and the exam items the examPart crosswalk lacks. Exit 0 when no
        error-level rule is broken (warnings allowed), 1 otherwise.
        """,
        """
        上线前检查：按接口约定逐行检查四个标准视图，每个视图给出读取行数、每条未通过规则的
        行数、级别与 N 个示例（默认 3 个；身份证号、电话号码已遮盖），以及检查部位对照表缺少的
        检查项目。没有错误级规则未通过时退出码为 0（允许警告），否则为 1。
        """,
        (command, services) => CheckVerbs.CheckAsync(services, command.Format, command.Examples, Console.Out, Console.Error).GetAwaiter().GetResult());

    public static readonly Verb LoadCsv = new("LoadCsv", "load-csv", [VerbOptions.Table, VerbOptions.File],
        """
        Load from a UTF-8 CSV file, in one transaction (one bad line and nothing is loaded;
        a row of the same key is replaced, other rows are kept):
          exam-part-map   examPart overrides per item (exam_code,exam_part[,note][,hospital_id])
          exam-part-rule  the file of export-crosswalk, filled in: rule lines into exam_part_rule,
                          item lines into exam_part_map; lines without exam_part are skipped
          exam-part-code  the WS/T 364.8-2023 code table (exam_part,name): codes are then
                          checked against it, not only for their format
          sex-map         the sex code map (sex_code,sex_text)
        PostgreSQL: through Database:MigrationConnectionString (or ConnectionString).
        """,
        """
        从 UTF-8 编码的 CSV 文件导入，在一个事务中完成（有一行不合格则全部不导入；同键的行被
        替换，其余行保留）：
          exam-part-map   按项目的检查部位单项对照（exam_code,exam_part[,note][,hospital_id]）
          exam-part-rule  export-crosswalk 导出并填好的文件：规则行导入 exam_part_rule，
                          单项行导入 exam_part_map；未填 exam_part 的行跳过
          exam-part-code  WS/T 364.8-2023 编码表（exam_part,name）：此后编码除格式外还须在表中
          sex-map         性别对照表（sex_code,sex_text）
        PostgreSQL 经 Database:MigrationConnectionString（未设置时 ConnectionString）连接。
        """,
        (command, services) => CheckVerbs.LoadCsv(services, command.Table, command.CsvPath!, Console.Out, Console.Error));

    public static readonly Verb ExportCrosswalk = new("ExportCrosswalk", "export-crosswalk", [VerbOptions.File, VerbOptions.Items],
        """
        Write the exam items no override and no rule maps, grouped by modality, body part and
        contrast, one line per group (a proposed rule, its item count, the window's settlement
        lines, example names; most lines first) to a UTF-8 CSV file for a radiologist to fill
        exam_part once per group; --items adds a line per item for overrides. Load the filled
        file with load-csv --table exam-part-rule.
        """,
        """
        把既无单项对照、也无规则匹配的检查项目按设备类型、部位与增强/平扫/造影分组，每组一行
        （建议的规则、项目数、窗口内结算行数、示例名称；结算行多的在前），写入 UTF-8 CSV 文件，
        供放射科按组填写 exam_part；--items 另在组下逐项列出，供单项对照。填好后用
        load-csv --table exam-part-rule 导入。
        """,
        (command, services) => CheckVerbs.ExportCrosswalkAsync(services, command.CsvPath!, command.WithItems, Console.Out, Console.Error).GetAwaiter().GetResult());

    public static readonly Verb Discover = new("Discover", "discover", [VerbOptions.DraftFile, VerbOptions.Report, VerbOptions.Schema],
        """
        Mapping an unknown HIS: read its catalog and at most Discover:MaxRowsPerTable rows per
        table (default 1000; Discover:MaxSeconds 300 in all, Discover:MaxTables 2000), read-only,
        and rank candidate tables and columns for every source-view column by their values and
        names. Prints the best per column; --report writes every candidate with its evidence
        (counts and rates, never a value) as JSON, --file a draft source-view file with TODOs
        where it could not decide. Exit 0 done, 1 the database could not be read.
        """,
        """
        映射陌生的 HIS：只读地读取其目录，每张表最多抽取 Discover:MaxRowsPerTable 行（默认
        1000；总时长 Discover:MaxSeconds 默认 300 秒，Discover:MaxTables 默认 2000 张表），按值与
        名称为每个源视图列给候选表和列排序。输出每列的首选；--report 把全部候选及其依据（只有
        计数与比率，从不含具体值）写成 JSON，--file 写出源视图草稿，无法确定处标 TODO。
        完成时退出码为 0，无法读取数据库时为 1。
        """,
        (command, services) => Discovery.DiscoverVerb.Run(services, command.DraftPath, command.ReportPath, command.Schemas, Console.Out, Console.Error));

    public static readonly Verb SelfTest = new("SelfTest", "selftest", [],
        """
        Before telling the cloud "ready": settings, database, the four views, the examPart
        crosswalk's gaps, log folder, access lists, the cloud's address (Cloud:BaseAddress).
        One line each; exit 1 when a line says FAIL.
        """,
        """
        上线自检（通知云平台“就绪”之前）：配置、数据库、四个视图、检查部位对照表的缺口、
        日志目录、访问名单、云平台地址（Cloud:BaseAddress）。每项一行；有一行为 FAIL 时退出码为 1。
        """,
        (_, services) => Operations.SelfTest.RunAsync(services, Console.Out).GetAwaiter().GetResult());

    public static readonly Verb PushStatus = new("PushStatus", "push-status", [VerbOptions.Format],
        """
        The push (mode 2, section Push): rows by state, the oldest undelivered, whether it is
        paused and who holds the lease, and the parked rows with their reasons.
        """,
        """
        推送（模式 2，配置节 Push）的状态：各状态的行数、最久未送达的一行、是否暂停、租约
        持有者，以及搁置的行及其原因。
        """,
        (command, services) => PushVerbs.StatusAsync(services, command.Format == CheckFormat.Json, Console.Out).GetAwaiter().GetResult());

    public static readonly Verb PushRequeue = new("PushRequeue", "push-requeue", [VerbOptions.Kind, VerbOptions.Key],
        """
        Put parked rows (rejected by the cloud or invalid) back to pending: all, one
        interface's, or the one with this outpatientNumber or key.
        """,
        """
        把搁置的行（被云平台拒收或不合格）放回待发送：全部、某一接口的，或门诊号（键）为
        KEY 的那一行。
        """,
        (command, services) => PushVerbs.RequeueAsync(services, command.PushKind, command.PushKey, Console.Out).GetAwaiter().GetResult());

    public static readonly Verb PushResume = new("PushResume", "push-resume", [],
        "Resume pushing after a 401 paused it (once Cloud:Headers is right).",
        "收到 401 暂停推送后恢复推送（先改正 Cloud:Headers）。",
        (_, services) => PushVerbs.ResumeAsync(services, Console.Out).GetAwaiter().GetResult());

    public static readonly Verb Help = new("Help", "help", [],
        "This text (also --help, -h or -?, after any verb).",
        "显示本说明（也可在任一动词后写 --help、-h 或 -?）。",
        work: null)
    { ConnectsToDatabase = false, LogsToStandardError = false };

    /// <summary>Every verb, in the order the help lists them. A new verb is one more entry here.</summary>
    public static IReadOnlyList<Verb> All { get; } = [Serve, Migrate, PrintSql, Check, LoadCsv, ExportCrosswalk, Discover, SelfTest, PushStatus, PushRequeue, PushResume, Help];

    private static Migrator Migrator(IServiceProvider services) =>
        new(services.GetRequiredService<IOptions<DatabaseOptions>>().Value, services.GetRequiredService<TimeProvider>(), Console.Out);
}
