using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ProviderApi.Tests.Push;

/// <summary>
/// Mode 2 end to end: the provider on its demo hospital pushing to a fake cloud (a real HTTP
/// server) that answers 200, 400, 401 and 500 in the status and in the body, or hangs.
/// </summary>
public sealed class PushTests : FakeCloudTest
{
    [Fact]
    public async Task Every_valid_row_is_delivered_once_and_invalid_ones_are_parked_with_their_rule()
    {
        await using var host = await PushHost.StartAsync(Folder, Cloud);
        var status = await host.SettledAsync();
        var (registrations, settlements) = PushHost.ViewRows(host.DemoPath);

        // Nothing accepted twice, nothing left out: delivered + parked = the view.
        var accepted = Cloud.Accepted;
        Assert.Equal(accepted.Count, accepted.Select(c => (c.Kind, c.Key)).Distinct().Count());
        Assert.Equal(registrations.Count,
            PushHost.Rows(status, "registration", "delivered") + PushHost.Rows(status, "registration", "invalid"));
        Assert.Equal(settlements, PushHost.Rows(status, "settlement", "delivered") + PushHost.Rows(status, "settlement", "invalid"));
        Assert.Equal(PushHost.Rows(status, "registration", "delivered"), accepted.Count(c => c.Kind == "registration"));
        Assert.Subset(registrations, accepted.Where(c => c.Kind == "registration").Select(c => c.Key).ToHashSet());

        // §3.4.2's fields exactly: the view's less the doctor's practitioner code and ID number.
        var body = accepted.First(c => c.Kind == "registration").Body;
        Assert.Equal(31, body.Count);
        Assert.False(body.ContainsKey("outpatientDocCode"));
        Assert.False(body.ContainsKey("outpatientIdcardNo"));
        Assert.True(body.ContainsKey("hospitalld"));
        Assert.All(body, field => Assert.True(field.Value is null || field.Value.GetValueKind() == System.Text.Json.JsonValueKind.String, field.Key));
        Assert.Equal(7, accepted.First(c => c.Kind == "settlement").Body.Count);

        // Later polls send nothing more.
        var calls = Cloud.Calls.Count;
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);
        Assert.Equal(calls, Cloud.Calls.Count);

        // The HIS breaks rows: a check character typed wrong, an exam item's crosswalk row deleted.
        // The changed rows break contract rules: parked with the rule, never sent.
        var registration = accepted.First(c => c.Kind == "registration" && (string?)c.Body["idCardNo"] is { Length: 18 }).Body;
        var idCardNo = (string)registration["idCardNo"]!;
        var examPart = (string)accepted.First(c => c.Kind == "settlement").Body["examPart"]!;
        using (var connection = new SqliteConnection($"Data Source={host.DemoPath};Mode=ReadWrite;Pooling=False"))
        {
            connection.Open();
            using var breakId = connection.CreateCommand();
            breakId.CommandText = "UPDATE PAT_MASTER_INDEX SET ID_NO = $wrong WHERE ID_NO = $id";
            breakId.Parameters.AddWithValue("$id", idCardNo);
            breakId.Parameters.AddWithValue("$wrong", idCardNo[..17] + (idCardNo[17] == '0' ? "1" : "0"));
            Assert.Equal(1, breakId.ExecuteNonQuery());
            // Unmapped: neither a crosswalk row nor a rule gives that code any more.
            using var unmap = connection.CreateCommand();
            unmap.CommandText = "DELETE FROM imgcloud_exam_part_map WHERE exam_part = $part";
            unmap.Parameters.AddWithValue("$part", examPart);
            using var unrule = connection.CreateCommand();
            unrule.CommandText = "DELETE FROM imgcloud_exam_part_rule WHERE exam_part = $part";
            unrule.Parameters.AddWithValue("$part", examPart);
            Assert.True(unmap.ExecuteNonQuery() + unrule.ExecuteNonQuery() > 0);
        }
        await PushHost.WaitUntilAsync(async () =>
        {
            var now = await host.StatusAsync();
            return PushHost.Rows(now, "registration", "invalid") > 0 && PushHost.Rows(now, "settlement", "invalid") > 0;
        }, TimeSpan.FromSeconds(30), "the broken rows are parked");
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Assert.Equal(calls, Cloud.Calls.Count);
        var parked = (await host.StatusAsync())["parked"]!.AsArray().Select(p => p!.AsObject()).ToList();
        Assert.Contains(parked, p => (string?)p["kind"] == "registration" && (string?)p["label"] == (string?)registration["outpatientNumber"]
            && (string?)p["state"] == "invalid" && ((string?)p["reason"] ?? "").Contains("REG-ID-CHECKSUM idCardNo", StringComparison.Ordinal));
        Assert.Contains(parked, p => (string?)p["kind"] == "settlement" && ((string?)p["reason"] ?? "").Contains("SETL-EXAM-PART-MISSING examPart", StringComparison.Ordinal));
        // What operators see never holds the ID number.
        Assert.DoesNotContain(idCardNo[..17], (await host.StatusAsync()).ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_status_and_the_bodys_code_decide_delivered_retried_or_rejected()
    {
        // Each key's answers by a bucket of its hash: 500 then 200; code 500 under HTTP 200 then 200;
        // HTTP 400; code 400 under HTTP 200; 200.
        static int Bucket(string key) => key.Sum(c => c) % 5;
        Cloud.Script = call => (Bucket(call.Key), call.Number) switch
        {
            (0, 1) => CloudReply.Http500,
            (1, 1) => CloudReply.Body500,
            (2, _) => CloudReply.Http400,
            (3, _) => CloudReply.Body400,
            _ => CloudReply.Ok,
        };
        await using var host = await PushHost.StartAsync(Folder, Cloud);
        var status = await host.SettledAsync();

        var byKey = Cloud.Calls.GroupBy(c => (c.Kind, c.Key)).ToList();
        Assert.Contains(byKey, g => Bucket(g.Key.Key) == 0);
        Assert.Contains(byKey, g => Bucket(g.Key.Key) == 3);
        foreach (var calls in byKey)
        {
            var expected = Bucket(calls.Key.Key) is 0 or 1 ? 2 : 1;
            Assert.True(expected == calls.Count(), $"{calls.Key.Kind} {calls.Key.Key[..Math.Min(40, calls.Key.Key.Length)]}: {calls.Count()} calls, expected {expected}");
        }
        var rejected = byKey.Count(g => Bucket(g.Key.Key) is 2 or 3);
        Assert.Equal(rejected, PushHost.Rows(status, "registration", "rejected") + PushHost.Rows(status, "settlement", "rejected"));
        Assert.Equal(byKey.Count - rejected, Cloud.Accepted.Count);

        var reasons = status["parked"]!.AsArray().Where(p => (string?)p!["state"] == "rejected").Select(p => (string)p!["reason"]!).ToList();
        Assert.Contains(reasons, r => r.Contains("HTTP 400, code 400, idCardNo:不能为空", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("HTTP 200, code 400, examPart参数值异常", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(401)]
    [InlineData(200)]
    public async Task A_401_pauses_all_pushing_with_one_alert_until_an_operator_resumes(int httpStatus)
    {
        Cloud.Script = _ => httpStatus == 401 ? CloudReply.Http401 : CloudReply.Body401;
        await using var host = await PushHost.StartAsync(Folder, Cloud, ("Push:PausedProbeMinutes", "60"));
        var monitor = host.Factory.Services.GetRequiredService<ProviderApi.Push.PushMonitor>();

        await PushHost.WaitUntilAsync(async () => (await host.StatusAsync())["pausedReason"] is not null, TimeSpan.FromSeconds(30), "the push is paused");
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);
        Assert.Single(Cloud.Calls);
        Assert.Equal(1, monitor.AlertsRaised("paused"));
        var status = await host.StatusAsync();
        Assert.Contains("权限校验不通过", (string)status["pausedReason"]!, StringComparison.Ordinal);
        Assert.Equal(0, PushHost.Rows(status, "registration", "delivered"));

        // The operator fixes the key and runs push-resume (here: the store it writes to).
        Cloud.Script = _ => CloudReply.Ok;
        var (exitCode, output, error) = await ProviderProcess.RunAsync(
            ["push-resume", $"--Push:StorePath={host.StorePath}", $"--Database:DemoPath={host.DemoPath}"]);
        Assert.True(exitCode == 0, error);
        Assert.Contains("resumed", output, StringComparison.Ordinal);
        status = await host.SettledAsync();
        Assert.Null(status["pausedReason"]);
        Assert.Equal(1, monitor.AlertsRaised("paused"));
        Assert.Equal(Cloud.Accepted.Count, PushHost.Rows(status, "registration", "delivered") + PushHost.Rows(status, "settlement", "delivered"));
    }

    [Fact]
    public async Task A_changed_registration_is_sent_again_exactly_once()
    {
        await using var host = await PushHost.StartAsync(Folder, Cloud);
        await host.SettledAsync();
        var first = Cloud.Accepted.First(c => c.Kind == "registration"
            && (string?)c.Body["patientType"] == "1" && (string?)c.Body["outpatientType"] == "0" && (string?)c.Body["quitType"] == "0");
        var number = (string)first.Body["outpatientNumber"]!;

        // The patient is seen: the HIS sets the registration's status (what 已就诊 is in the source view).
        using (var connection = new SqliteConnection($"Data Source={host.DemoPath};Mode=ReadWrite;Pooling=False"))
        {
            connection.Open();
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE CLINIC_MASTER SET REGISTRATION_STATUS = '1' WHERE strftime('%Y%m%d', VISIT_DATE) || printf('%05d', VISIT_NO) = $number";
            update.Parameters.AddWithValue("$number", number);
            Assert.Equal(1, update.ExecuteNonQuery());
        }

        await PushHost.WaitUntilAsync(() => Task.FromResult(Cloud.CallsFor("registration", number) == 2), TimeSpan.FromSeconds(30), "the changed row is sent again");
        await host.SettledAsync();
        var again = Cloud.Calls.Where(c => c.Key == number).ToList();
        Assert.Equal(2, again.Count);
        Assert.Equal("1", (string?)again[1].Body["outpatientType"]);
        Assert.Equal(1, Cloud.Calls.Count(c => c.Number > 1));
    }

    [Fact]
    public async Task A_hanging_cloud_is_given_up_on_at_the_attempt_timeout_while_the_provider_keeps_answering()
    {
        string? victim = null;
        Cloud.Script = call =>
        {
            victim ??= call.Key;
            return call.Key == victim && call.Number <= 2 ? CloudReply.Hanging : CloudReply.Ok;
        };
        await using var host = await PushHost.StartAsync(Folder, Cloud, ("Push:MaxBackoffMinutes", "0.05"));

        await Cloud.Hung.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        // While the call hangs, the provider still answers the cloud's polls and its health.
        using (var health = await host.Client.GetAsync("/health/live", TestContext.Current.CancellationToken))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        }
        using (var dictionary = await host.Client.GetAsync("/standardHttp/getDeptInfo", TestContext.Current.CancellationToken))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, dictionary.StatusCode);
        }

        // Two attempts (Push:MaxRetries 1) of 1 s each, then the row waits: shown to operators with why.
        await PushHost.WaitUntilAsync(async () =>
            (await host.StatusAsync())["retrying"]!.AsArray().Any(r => ((string?)r!["reason"] ?? "").Contains("no answer within Push:AttemptTimeoutSeconds", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), "the timed-out row is listed as retrying");
        var status = await host.SettledAsync();
        Assert.Equal(3, Cloud.Calls.Count(c => c.Key == victim));
        Assert.Single(Cloud.Accepted, c => c.Key == victim);
        Assert.Empty(status["retrying"]!.AsArray());
    }

    [Fact]
    public async Task A_settlement_not_delivered_in_time_raises_one_alert_not_one_per_retry()
    {
        Cloud.Script = call => call.Kind == "settlement" ? CloudReply.Http500 : CloudReply.Ok;
        await using var host = await PushHost.StartAsync(Folder, Cloud, ("Push:SettlementAlertHours", "0.0003"));
        using var alerts = new MetricCollector<long>(host.Factory.Services.GetRequiredService<IMeterFactory>(), "ProviderApi", "imgcloud.push.alerts");

        // ~1 s after first sight every undelivered settlement is overdue; many retries follow.
        await PushHost.WaitUntilAsync(() => Task.FromResult(Cloud.Calls.Count(c => c.Kind == "settlement") >= 12), TimeSpan.FromSeconds(40), "a dozen failed settlement calls");
        await PushHost.WaitUntilAsync(() => Task.FromResult(alerts.GetMeasurementSnapshot().Count >= 1), TimeSpan.FromSeconds(10), "the overdue alert");
        Assert.Single(alerts.GetMeasurementSnapshot());
        Assert.Equal("overdue", alerts.LastMeasurement!.Tags["alert"]);
        Assert.DoesNotContain(Cloud.Accepted, c => c.Kind == "settlement");

        var oldest = (double?)(await host.StatusAsync())["kinds"]!.AsArray().Single(k => (string?)k!["kind"] == "settlement")!["oldestUndeliveredSeconds"];
        Assert.NotNull(oldest);
    }

    [Fact]
    public async Task Every_call_carries_the_headers_handed_over_at_on_boarding()
    {
        await using var host = await PushHost.StartAsync(Folder, Cloud,
            ("Cloud:Headers:AppKey", "k-123"), ("Cloud:Headers:Authorization", "Bearer t-456"), ("Push:Settlements:Enabled", "false"));
        await PushHost.WaitUntilAsync(() => Task.FromResult(Cloud.Calls.Count >= 3), TimeSpan.FromSeconds(30), "three calls");

        Assert.All(Cloud.Calls, call =>
        {
            Assert.Equal("registration", call.Kind);
            Assert.Equal("k-123", call.Headers["AppKey"]);
            Assert.Equal("Bearer t-456", call.Headers["Authorization"]);
            Assert.StartsWith("application/json", call.Headers["Content-Type"], StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Push_requeue_sends_rejected_rows_again()
    {
        Cloud.Script = call => call.Kind == "registration" && call.Number == 1 ? CloudReply.Http400 : CloudReply.Ok;
        await using var host = await PushHost.StartAsync(Folder, Cloud, ("Push:Settlements:Enabled", "false"));
        await PushHost.WaitUntilAsync(async () => PushHost.Rows(await host.StatusAsync(), "registration", "rejected") > 0 && PushHost.Rows(await host.StatusAsync(), "registration", "pending") == 0,
            TimeSpan.FromSeconds(30), "every registration rejected once");
        var rejected = PushHost.Rows(await host.StatusAsync(), "registration", "rejected");
        var number = Cloud.Calls[0].Key;

        var (exitCode, output, error) = await ProviderProcess.RunAsync(
            ["push-requeue", "--kind", "registration", "--key", number, $"--Push:StorePath={host.StorePath}", $"--Database:DemoPath={host.DemoPath}"]);
        Assert.True(exitCode == 0, error);
        Assert.Contains("1 parked row(s)", output, StringComparison.Ordinal);

        await PushHost.WaitUntilAsync(() => Task.FromResult(Cloud.Accepted.Any(c => c.Key == number)), TimeSpan.FromSeconds(30), "the re-queued row is accepted");
        var status = await host.StatusAsync();
        Assert.Equal(rejected - 1, PushHost.Rows(status, "registration", "rejected"));
        Assert.Equal(1, PushHost.Rows(status, "registration", "delivered"));
    }

    [Fact]
    public async Task A_lost_database_is_reported_and_pushing_resumes_when_it_comes_back_without_a_restart()
    {
        // A hospital database (SQLite here) that is not there when the provider starts.
        var made = Folder.File("made.db");
        await using (var maker = ProviderFactory.ForDemo(made))
        {
            maker.CreateClient().Dispose();
        }
        SqliteConnection.ClearAllPools();
        var his = Folder.File("his.db");
        await using var host = await PushHost.StartAsync(Folder, Cloud,
            ("Database:Provider", "Sqlite"), ("Database:ConnectionString", $"Data Source={his}"), ("Database:DemoPath", null));

        await PushHost.WaitUntilAsync(async () => (await host.StatusAsync())["lastPollProblem"] is not null, TimeSpan.FromSeconds(30), "the failed poll is reported");
        Assert.Empty(Cloud.Calls);

        File.Copy(made, his);
        var status = await host.SettledAsync();
        Assert.Null(status["lastPollProblem"]);
        Assert.NotEmpty(Cloud.Accepted);
        Assert.Equal(Cloud.Accepted.Count, PushHost.Rows(status, "registration", "delivered") + PushHost.Rows(status, "settlement", "delivered"));
    }
}
