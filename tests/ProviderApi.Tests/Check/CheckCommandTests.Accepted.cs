using System.Globalization;
using System.Text;
using Dapper;

namespace ProviderApi.Tests.Check;

/// <summary>check with the hospital's accepted exceptions (Check:AcceptedExceptionsPath), through the real executable.</summary>
public abstract partial class CheckCommandTests
{
    /// <summary>A patient of the demo without any phone (committed, put back afterwards), and the check run with <paramref name="acceptances"/>.</summary>
    private async Task WithPhonelessPatientAsync(string acceptances, Func<long, string, Task> test)
    {
        string patient;
        using (var connection = hospital.Open())
        {
            patient = connection.ExecuteScalar<string>("SELECT patient_id FROM demo_scenario WHERE name = 'outpatient_seen'")!;
        }
        // A name without digits: the report prints the path, and a GUID may hold a run of digits shaped like a phone number.
        var path = folder.File("accepted-exceptions.json");
        File.WriteAllText(path, acceptances, new UTF8Encoding(false));
        await WithCommittedAsync("PAT_MASTER_INDEX",
            c => c.Execute("UPDATE PAT_MASTER_INDEX SET MOBILE_PHONE = NULL WHERE PATIENT_ID = @patient", new { patient }),
            async () =>
            {
                using var connection = hospital.Open();
                var rows = Convert.ToInt64(connection.ExecuteScalar("SELECT count(*) FROM View_Register_Info WHERE mobilePhone IS NULL"), CultureInfo.InvariantCulture);
                Assert.True(rows > 0);
                await test(rows, path);
            },
            where: $"PATIENT_ID = '{patient}'");
    }

    private static string PhoneAccepted(string expires) => $$"""
        {
          // 该患者无任何电话 / the patient has no phone at all
          "acceptances": [
            { "view": "View_Register_Info", "rule": "REG-REQUIRED", "field": "mobilePhone", "scope": "all",
              "reason": "患者无电话 / no phone", "agreedBy": "影像云平台 王工", "expires": "{{expires}}" }
          ]
        }
        """;

    private static string Day(int fromToday) => DateTime.Now.Date.AddDays(fromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Check_passes_with_only_accepted_problems_and_prints_them_apart()
    {
        await WithPhonelessPatientAsync(PhoneAccepted(Day(100)), async (rows, path) =>
        {
            var (exitCode, output, error) = await RunAsync("check", $"--Check:AcceptedExceptionsPath={path}");

            Assert.True(exitCode == 0, $"check exited {exitCode}: {error}\n{output}");
            Assert.Contains($"已接受 ACCEPTED (#1) REG-REQUIRED  mobilePhone  {rows} 行 / rows", output, StringComparison.Ordinal);
            Assert.Contains($"已接受 ACCEPTED #1 View_Register_Info REG-REQUIRED  mobilePhone  {rows} 行 / rows", output, StringComparison.Ordinal);
            Assert.Contains("原因 / reason: 患者无电话 / no phone", output, StringComparison.Ordinal);
            Assert.Contains($"有效至 / until {Day(100)}", output, StringComparison.Ordinal);
            Assert.Contains($"{rows} 处已接受（1 条例外）/ accepted (1 acceptances); exit 0", output, StringComparison.Ordinal);
            Assert.DoesNotContain("错误 ERROR", output, StringComparison.Ordinal);
            AssertNothingInClear(output + error);

            // Without the acceptance, the same rows fail the check.
            var (withoutExit, withoutOutput, _) = await RunAsync("check");
            Assert.Equal(1, withoutExit);
            Assert.Contains($"错误 ERROR   REG-REQUIRED  mobilePhone  {rows} 行 / rows", withoutOutput, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Check_fails_again_once_the_acceptance_has_expired_and_warns_before()
    {
        await WithPhonelessPatientAsync(PhoneAccepted(Day(-1)), async (rows, path) =>
        {
            var (exitCode, output, error) = await RunAsync("check", $"--Check:AcceptedExceptionsPath={path}");

            Assert.True(exitCode == 1, $"check exited {exitCode}: {error}\n{output}");
            Assert.Contains($"错误 ERROR   REG-REQUIRED  mobilePhone  {rows} 行 / rows", output, StringComparison.Ordinal);
            Assert.Contains($"expired on {Day(-1)}: its {rows} rows count as errors", output, StringComparison.Ordinal);
        });
        await WithPhonelessPatientAsync(PhoneAccepted(Day(3)), async (_, path) =>
        {
            var (exitCode, output, error) = await RunAsync("check", $"--Check:AcceptedExceptionsPath={path}");

            Assert.True(exitCode == 0, $"check exited {exitCode}: {error}\n{output}");
            Assert.Contains($"警告 WARNING  #1 View_Register_Info REG-REQUIRED", output, StringComparison.Ordinal);
            Assert.Contains("expires in 3 days", output, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Check_refuses_a_malformed_file_naming_each_problem_with_its_line()
    {
        var path = folder.File("accepted.json");
        File.WriteAllText(path, """
            {
              "acceptances": [
                { "view": "View_Register_Info", "rule": "REG-REQUIRD", "field": "mobilePhone", "scope": "all",
                  "reason": "x", "agreedBy": "y", "expires": "2027-13-01" },
                { "view": "view_setlInfoList", "rule": "SETL-EXAM-PART-MISSING", "field": "examPart",
                  "scope": "keys", "keys": ["A1"], "reason": "x", "agreedBy": "y", "expires": "2027-01-01", "owner": "me" }
              ]
            }
            """);

        var (exitCode, output, error) = await RunAsync("check", $"--Check:AcceptedExceptionsPath={path}");

        Assert.True(exitCode == 1, $"check exited {exitCode}: {error}\n{output}");
        Assert.Equal("", output);
        Assert.Contains("line 3: 第 1 条例外：\"REG-REQUIRD\" 不是 check 报告的规则编号", error, StringComparison.Ordinal);
        Assert.Contains("line 4: 第 1 条例外：\"expires\" 须是 yyyy-MM-dd 格式的日期", error, StringComparison.Ordinal);
        Assert.Contains("acceptance #2: view_setlInfoList has no key: use scope \"column\"", error, StringComparison.Ordinal);
        Assert.Contains("acceptance #2: unknown property \"owner\"", error, StringComparison.Ordinal);
        Assert.Contains("the accepted-exceptions file is refused; none of it applies.", error, StringComparison.Ordinal);

        File.WriteAllText(path, "{ \"acceptances\": [ { \"view\": \"View_Register_Info\", } ] }");
        var (brokenExit, _, brokenError) = await RunAsync("check", $"--Check:AcceptedExceptionsPath={path}");
        Assert.Equal(1, brokenExit);
        Assert.Contains("line 1: 不是有效的 JSON", brokenError, StringComparison.Ordinal);
    }
}
