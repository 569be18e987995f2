using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using ProviderApi.Check;
using ProviderApi.Data;
using ProviderApi.Tests.Contract;
using ProviderApi.Tests.Hospitals;
using ProviderApi.Views;

namespace ProviderApi.Tests.Check;

/// <summary>
/// A go-live on a HIS that lacks data as real ones do, one class per engine: a doctor without a
/// national practitioner code, visits not yet assigned to a doctor (the HIS's queue), a patient
/// without any phone. Written into the demo HIS inside a transaction the test rolls back; the
/// hospital's accepted exceptions (one per rule and field, every kind of scope) then let the check
/// pass, and each way an acceptance stops holding fails it again.
/// </summary>
public abstract class AcceptedExceptionsTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);
    private readonly IHospital hospital;
    private readonly DatabaseProvider provider;

    protected AcceptedExceptionsTests(IHospital hospital, DatabaseProvider provider)
    {
        this.hospital = hospital;
        this.provider = provider;
        hospital.SkipUnlessAvailable();
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>What the HIS lacks, as the test made it: the doctor without a code, the visits without a doctor, the numbers of the patient without a phone.</summary>
    private sealed record Gaps(string Doctor, long DoctorRows, long UnassignedRows, List<string> PhonelessNumbers);

    private static Gaps Break(DbConnection c, DbTransaction t)
    {
        string Patient(string scenario) => c.ExecuteScalar<string>("SELECT patient_id FROM demo_scenario WHERE name = @scenario", new { scenario }, t)!;
        var seen = Patient("outpatient_seen");
        var doctor = c.ExecuteScalar<string>("SELECT max(DOCTOR_NO) FROM CLINIC_MASTER WHERE PATIENT_ID = @seen", new { seen }, t)!;
        c.Execute("UPDATE STAFF_DICT SET INSUR_DOCTOR_CODE = NULL WHERE EMP_NO = @doctor", new { doctor }, t);
        c.Execute("UPDATE CLINIC_MASTER SET DOCTOR_NO = NULL WHERE PATIENT_ID IN (@exam, @inside)", new { exam = Patient("physical_exam"), inside = Patient("outpatient_just_inside") }, t);
        c.Execute("UPDATE PAT_MASTER_INDEX SET MOBILE_PHONE = NULL WHERE PATIENT_ID = @seen", new { seen }, t);
        long Count(string where, object? p = null) =>
            Convert.ToInt64(c.ExecuteScalar($"SELECT count(*) FROM View_Register_Info WHERE {where}", p, t), CultureInfo.InvariantCulture);
        var numbers = c.Query<string>("SELECT outpatientNumber FROM View_Register_Info WHERE mobilePhone IS NULL", transaction: t).ToList();
        var gaps = new Gaps(doctor, Count("outpatientDocHisUid = @doctor", new { doctor }), Count("outpatientDocHisUid IS NULL"), numbers);
        Assert.True(gaps.DoctorRows > 0 && gaps.UnassignedRows > 1 && gaps.PhonelessNumbers.Count > 0, $"the demo has the rows to break: {gaps}");
        return gaps;
    }

    /// <summary>The hospital's file: every kind of scope, agreed until 2027-03-31 unless <paramref name="expires"/> says otherwise.</summary>
    private static string File(Gaps gaps, string expires = "2027-03-31", long? idcardRows = null, bool withPhone = true, string extra = "")
    {
        var keys = string.Join(", ", gaps.PhonelessNumbers.Select(n => $"\"{n}\""));
        string One(string field, string scope) => $$"""
                { "view": "View_Register_Info", "rule": "REG-REQUIRED", "field": "{{field}}", {{scope}},
                  "reason": "HIS 未登记 / the HIS does not hold it", "agreedBy": "影像云平台 王工 2026-11-30", "expires": "{{expires}}" }
            """;
        var acceptances = new List<string>
        {
            One("outpatientDocCode", $"\"scope\": \"column\", \"column\": \"outpatientDocHisUid\", \"values\": [\"{gaps.Doctor}\", \"\"]"),
            One("outpatientDocName", "\"scope\": \"column\", \"column\": \"outpatientDocHisUid\", \"values\": [\"\"]"),
            One("outpatientDocHisUid", "\"scope\": \"all\""),
            One("outpatientIdcardNo", $"\"scope\": \"maxRows\", \"maxRows\": {idcardRows ?? gaps.UnassignedRows}"),
        };
        if (withPhone)
        {
            acceptances.Add(One("mobilePhone", $"\"scope\": \"keys\", \"keys\": [{keys}]"));
        }
        if (extra.Length > 0)
        {
            acceptances.Add(extra);
        }
        return $$"""
            // 本院已接受的例外 / the hospital's accepted exceptions
            { "acceptances": [
            {{string.Join(",\n", acceptances)}}
            ] }
            """;
    }

    private static AcceptanceList Parse(string json) =>
        AcceptedExceptionsFile.Read("accepted.json", Encoding.UTF8.GetBytes(json), new ViewCatalog(StandardViewList.All));

    private async Task<(CheckReport Report, Gaps Gaps)> CheckAsync(Func<Gaps, string> file, DateOnly today)
    {
        using var connection = hospital.Open(writable: true);
        using var transaction = connection.BeginTransaction();
        var gaps = Break(connection, transaction);
        var report = await TransactionDataSource.Check(connection, transaction, provider).RunAsync(3, Parse(file(gaps)), today, Cancel);
        transaction.Rollback();
        return (report, gaps);
    }

    private static AcceptanceReport Acceptance(CheckReport report, string field) =>
        report.Accepted!.Acceptances.Single(a => a.Field == field);

    [Fact]
    public async Task Without_acceptances_the_missing_data_fails_the_check()
    {
        using var connection = hospital.Open(writable: true);
        using var transaction = connection.BeginTransaction();
        Break(connection, transaction);
        var report = await TransactionDataSource.Check(connection, transaction, provider).RunAsync(3, Cancel);
        transaction.Rollback();
        Assert.Equal(1, report.ExitCode);
        Assert.Equal(
            ["mobilePhone", "outpatientDocCode", "outpatientDocHisUid", "outpatientDocName", "outpatientIdcardNo"],
            report.Findings.Where(f => f.Rule == "REG-REQUIRED").Select(f => f.Field!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Only_accepted_problems_left_pass_with_each_acceptance_counted()
    {
        var (report, gaps) = await CheckAsync(g => File(g), Today);
        Assert.True(report.Passed, string.Join("; ", report.Findings.Select(f => $"{f.Rule} {f.Field} {f.Count}")));
        Assert.Equal(0, report.ExitCode);
        Assert.Equal(0, report.Errors);
        var accepted = report.Views.Single(v => v.View == "View_Register_Info").Accepted;
        Assert.Equal(gaps.DoctorRows + gaps.UnassignedRows, accepted.Single(f => f.Field == "outpatientDocCode").Count);
        Assert.Equal(gaps.UnassignedRows, accepted.Single(f => f.Field == "outpatientDocName").Count);
        Assert.Equal(gaps.UnassignedRows, accepted.Single(f => f.Field == "outpatientIdcardNo").Count);
        Assert.Equal(gaps.PhonelessNumbers.Count, accepted.Single(f => f.Field == "mobilePhone").Count);
        Assert.All(report.Accepted!.Acceptances, a => Assert.Equal("ok", a.State));
        Assert.Equal(accepted.Sum(f => f.Count), report.AcceptedProblems);
        Assert.Equal(1, accepted.Single(f => f.Field == "outpatientDocCode").Acceptance);
    }

    [Fact]
    public async Task Removing_an_acceptance_fails_the_check_on_exactly_its_rows()
    {
        var (report, gaps) = await CheckAsync(g => File(g, withPhone: false), Today);
        Assert.Equal(1, report.ExitCode);
        var finding = Assert.Single(report.Findings, f => f.Severity == RuleSeverity.Error);
        Assert.Equal(("REG-REQUIRED", "mobilePhone", (long)gaps.PhonelessNumbers.Count), (finding.Rule, finding.Field, finding.Count));
    }

    [Fact]
    public async Task An_acceptance_holds_on_its_last_day_warns_before_and_fails_the_day_after()
    {
        var (lastDay, _) = await CheckAsync(g => File(g, expires: "2026-12-02"), Today);
        Assert.Equal(0, lastDay.ExitCode);
        Assert.All(lastDay.Accepted!.Acceptances, a => Assert.Equal(("expiring", 0), (a.State, a.DaysLeft)));

        var (dayAfter, gaps) = await CheckAsync(g => File(g, expires: "2026-12-02"), Today.AddDays(1));
        Assert.Equal(1, dayAfter.ExitCode);
        Assert.Equal(0, dayAfter.AcceptedProblems);
        var phone = Acceptance(dayAfter, "mobilePhone");
        Assert.Equal(("expired", (long)gaps.PhonelessNumbers.Count, -1), (phone.State, phone.ExpiredRows, phone.DaysLeft));
        Assert.True(phone.Fails);
        Assert.Equal(gaps.PhonelessNumbers.Count, dayAfter.Finding("REG-REQUIRED", "mobilePhone")!.Count);
    }

    [Fact]
    public async Task More_rows_than_at_most_N_accepts_fail_with_the_rows_over_counted_as_errors()
    {
        var (report, gaps) = await CheckAsync(g => File(g, idcardRows: g.UnassignedRows - 1), Today);
        Assert.Equal(1, report.ExitCode);
        var idcard = Acceptance(report, "outpatientIdcardNo");
        Assert.Equal(("exceeded", gaps.UnassignedRows - 1, 1L), (idcard.State, idcard.AcceptedRows, idcard.OverLimitRows));
        Assert.Equal(1, report.Finding("REG-REQUIRED", "outpatientIdcardNo")!.Count);
    }

    [Fact]
    public async Task An_acceptance_that_matches_nothing_is_reported_unused_and_the_check_still_passes()
    {
        const string unused = """
            { "view": "view_setlInfoList", "rule": "SETL-EXAM-PART-MISSING", "field": "examPart", "scope": "column", "column": "medListCodg",
              "values": ["NO-SUCH-CODE"], "hospitalld": "H45010200001", "reason": "院内自费项目", "agreedBy": "云平台", "expires": "2027-03-31" }
            """;
        var (report, _) = await CheckAsync(g => File(g, extra: unused), Today);
        Assert.Equal(0, report.ExitCode);
        var setl = report.Accepted!.Acceptances.Single(a => a.View == "view_setlInfoList");
        Assert.Equal(("unused", 0L, 6), (setl.State, setl.AcceptedRows, setl.Number));
    }

    [Fact]
    public async Task An_acceptance_for_another_institution_does_not_cover_this_ones_rows()
    {
        var (report, gaps) = await CheckAsync(g => File(g, withPhone: false, extra: $$"""
            { "view": "View_Register_Info", "rule": "REG-REQUIRED", "field": "mobilePhone", "scope": "all", "hospitalld": "H99999999999",
              "reason": "另一机构 / another institution", "agreedBy": "云平台", "expires": "2027-03-31" }
            """), Today);
        Assert.Equal(1, report.ExitCode);
        Assert.Equal(gaps.PhonelessNumbers.Count, report.Finding("REG-REQUIRED", "mobilePhone")!.Count);
        Assert.Equal("unused", Acceptance(report, "mobilePhone").State);
    }
}

/// <summary>Accepted exceptions on the embedded demo hospital (SQLite).</summary>
public sealed class SqliteAcceptedExceptionsTests(DemoHospital hospital) : AcceptedExceptionsTests(hospital, DatabaseProvider.Demo), IClassFixture<DemoHospital>;

/// <summary>Accepted exceptions on PostgreSQL.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresAcceptedExceptionsTests(PostgresHospital hospital) : AcceptedExceptionsTests(hospital, DatabaseProvider.PostgreSql), IClassFixture<PostgresHospital>;

/// <summary>Accepted exceptions on MariaDB.</summary>
[Collection(MariaDbTests.Name)]
public sealed class MySqlAcceptedExceptionsTests(MariaDbHospital hospital) : AcceptedExceptionsTests(hospital, DatabaseProvider.MySql), IClassFixture<MariaDbHospital>;
