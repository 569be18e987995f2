using System.Diagnostics.Metrics;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ProviderApi.Tests.Push;

/// <summary>
/// The push with the hospital's accepted exceptions (Check:AcceptedExceptionsPath): a row whose
/// only problems are accepted is sent (the cloud decides), one with a problem more is parked, and
/// the status and the metrics count the rows sent with accepted problems.
/// </summary>
public sealed class PushAcceptedTests : FakeCloudTest
{
    [Fact]
    public async Task A_row_with_only_accepted_problems_is_sent_and_one_with_another_problem_is_parked()
    {
        var acceptances = Folder.File("accepted-exceptions.json");
        File.WriteAllText(acceptances, """
            { "acceptances": [
              { "view": "View_Register_Info", "rule": "REG-REQUIRED", "field": "mobilePhone", "scope": "all",
                "reason": "患者无电话 / no phone", "agreedBy": "影像云平台 王工", "expires": "2099-12-31" }
            ] }
            """);
        await using var host = await PushHost.StartAsync(Folder, Cloud, ("Check:AcceptedExceptionsPath", acceptances));
        using var gauge = new MetricCollector<long>(host.Factory.Services.GetRequiredService<IMeterFactory>(), "ProviderApi", "imgcloud.push.accepted");
        await host.SettledAsync();

        // Two patients lose their phone; the second's ID number gets a wrong check character too.
        var ids = Cloud.Accepted.Where(c => c.Kind == "registration").Select(c => (string?)c.Body["idCardNo"])
            .OfType<string>().Where(id => id.Length == 18).Distinct().Take(2).ToList();
        Assert.Equal(2, ids.Count);
        List<string> phoneless, broken;
        using (var connection = new SqliteConnection($"Data Source={host.DemoPath};Mode=ReadWrite;Pooling=False"))
        {
            connection.Open();
            List<string> Numbers(string id) => connection.Query<string>("SELECT outpatientNumber FROM View_Register_Info WHERE idCardNo = @id", new { id }).ToList();
            phoneless = Numbers(ids[0]);
            broken = Numbers(ids[1]);
            Assert.True(connection.Execute("UPDATE PAT_MASTER_INDEX SET MOBILE_PHONE = NULL WHERE ID_NO IN (@a, @b)", new { a = ids[0], b = ids[1] }) >= 2);
            Assert.Equal(1, connection.Execute("UPDATE PAT_MASTER_INDEX SET ID_NO = @wrong WHERE ID_NO = @id",
                new { id = ids[1], wrong = ids[1][..17] + (ids[1][17] == '0' ? "1" : "0") }));
        }
        Assert.NotEmpty(phoneless);
        Assert.NotEmpty(broken);

        await PushHost.WaitUntilAsync(() => Task.FromResult(phoneless.All(n =>
            Cloud.Accepted.Any(c => c.Kind == "registration" && c.Key == n && c.Body["mobilePhone"] is null))),
            TimeSpan.FromSeconds(30), "the rows without a phone are sent again, without it");
        var status = await host.SettledAsync();

        // Sent without a phone; the row with a wrong ID number too is parked with that rule alone, never sent.
        Assert.DoesNotContain(Cloud.Accepted, c => c.Kind == "registration" && broken.Contains(c.Key) && c.Body["mobilePhone"] is null);
        var parked = status["parked"]!.AsArray().Select(p => p!.AsObject()).Where(p => broken.Contains((string)p["label"]!)).ToList();
        Assert.Equal(broken.Count, parked.Count);
        Assert.All(parked, p => Assert.Equal(("invalid", "REG-ID-CHECKSUM idCardNo"), ((string?)p["state"], (string?)p["reason"])));

        // The status and the metrics count the rows delivered with accepted problems.
        var registration = status["kinds"]!.AsArray().Single(k => (string?)k!["kind"] == "registration")!;
        Assert.Equal(phoneless.Count, (long)registration["accepted"]!["delivered"]!);
        gauge.RecordObservableInstruments();
        var delivered = gauge.GetMeasurementSnapshot().Last(m => (string?)m.Tags["kind"] == "registration" && (string?)m.Tags["state"] == "delivered");
        Assert.Equal(phoneless.Count, delivered.Value);
        Assert.DoesNotContain(ids[1][..17], status.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_file_stops_the_polls_without_parking_anything_and_says_why()
    {
        var acceptances = Folder.File("accepted-exceptions.json");
        File.WriteAllText(acceptances, """{ "acceptances": [ { "view": "View_Register_Info" } ] }""");
        await using var host = await PushHost.StartAsync(Folder, Cloud, ("Check:AcceptedExceptionsPath", acceptances));

        await PushHost.WaitUntilAsync(async () => (string?)(await host.StatusAsync())["lastPollProblem"] is { } problem
            && problem.Contains("acceptance #1: \"rule\" is missing", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "the status names what is wrong with the file");
        Assert.Empty(Cloud.Calls);
        Assert.Equal(0, PushHost.Rows(await host.StatusAsync(), "registration", "invalid"));
    }
}
