using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using ProviderApi.Relay;

namespace ProviderApi.Tests.Relay;

/// <summary>
/// The relay against a fake cloud on a real loopback port: the HIS is answered at once whatever
/// the cloud does; a call goes out within its age cap or never; the ID numbers leave encrypted.
/// </summary>
public sealed class RelayTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TempFolder folder = new();
    private FakeCloud cloud = null!;

    public async ValueTask InitializeAsync() => cloud = await FakeCloud.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await cloud.DisposeAsync();
        folder.Dispose();
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private ProviderFactory Relay(params (string Key, string? Value)[] more) => RelaySettings.Provider(folder, RelaySettings.To(cloud.BaseAddress, more));

    /// <summary>A §3.2 body as the document's example writes it (keys with stray spaces), with the IDs in clear.</summary>
    private static JsonObject Swipe(string patientId = "11010519491231002X", string hisUserId = "15") => new()
    {
        ["idCardNo"] = patientId,
        ["patientName "] = "测试",
        ["outpatientId "] = "15395092817",
        ["mobilePhone "] = "17000001234",
        ["hisUserId "] = hisUserId,
        ["hisUserName"] = "张三",
        ["patientType"] = "0",
        ["hospitalld"] = "H45012400317",
        ["doctorIdCardNo"] = "450000197001010012",
        ["doctorType"] = "1",
        ["doctorCode"] = "医技",
        ["clientIp"] = "192.168.30.100",
        ["mac"] = "F4:EE:08:0B:9A:54",
    };

    private static JsonObject CheckAgain()
    {
        var body = Swipe();
        body["examList"] = new JsonArray(
            new JsonObject { ["examCode"] = "CX000", ["examName"] = "胸部" },
            new JsonObject { ["examCode"] = "CX001", ["examName"] = "胸部侧位" });
        body["messageType"] = "1";
        return body;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Answer)> PostAsync(HttpClient client, string path, JsonObject body, string? caller = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (caller is not null)
        {
            request.Headers.Add(ProviderFactory.RemoteAddressHeader, caller);
        }
        using var response = await client.SendAsync(request, Cancel);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.Clone());
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Patience, $"Waited {Patience} for: {what}");
            await Task.Delay(20, Cancel);
        }
    }

    private static void AssertAnswer(JsonElement answer, int code, string message)
    {
        Assert.Equal(code, answer.GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Object, answer.GetProperty("data").ValueKind);
        Assert.Equal(message, answer.GetProperty("message").GetString());
    }

    private static string Decrypt(JsonElement body, string field) =>
        Sm2Cipher.Decrypt(body.GetProperty(field).GetString()!, Sm2Fixtures.SmCryptoPrivateKey, Sm2Format.Default);

    [Fact]
    public async Task The_HIS_is_answered_while_the_cloud_hangs_and_the_call_is_delivered_when_it_comes_back_within_the_cap()
    {
        await using var provider = Relay(("Relay:MaxAgeSeconds", "60"), ("Relay:AttemptTimeoutSeconds", "50"));
        using var client = provider.CreateClient();
        cloud.Hang();

        var (status, answer) = await PostAsync(client, "/iuWorkStation/swipingIdCardNo", Swipe());
        Assert.Equal(HttpStatusCode.OK, status);
        AssertAnswer(answer, 200, "");
        await Until(() => cloud.Hanging == 1, "the relay's call to reach the hanging cloud");

        // The cloud still hangs on the first call; a second one (same doctor) is answered all the same.
        var (second, secondAnswer) = await PostAsync(client, "/iuWorkStation/checkAgain", CheckAgain());
        Assert.Equal(HttpStatusCode.OK, second);
        AssertAnswer(secondAnswer, 200, "");
        Assert.Equal(1, cloud.Hanging);
        Assert.Empty(cloud.Delivered);

        cloud.ComeBack();
        await Until(() => cloud.Delivered.Count == 2, "both calls to be delivered");

        var delivered = cloud.Delivered.ToArray();
        Assert.Equal(["swipingIdCardNo", "checkAgain"], delivered.Select(d => d.Name));
        Assert.Equal(0, cloud.Abandoned);
        var statistics = provider.Services.GetRequiredService<RelayStatistics>();
        await Until(() => statistics.Delivered == 2, "the relay to count both as delivered");

        // The same counts on the provider's meter, which /metrics exports.
        using var calls = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<long>(
            provider.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "ProviderApi", "imgcloud.relay.calls");
        calls.RecordObservableInstruments();
        Assert.Contains(calls.GetMeasurementSnapshot(), m => (string?)m.Tags["outcome"] == "delivered" && m.Value == 2);
    }

    [Fact]
    public async Task The_forwarded_body_carries_the_ID_numbers_encrypted_and_everything_else_as_sent()
    {
        await using var provider = Relay();
        using var client = provider.CreateClient();
        var alreadyEncrypted = new Sm2Cipher(Sm2Cipher.ParsePublicKey(Sm2Fixtures.SmCryptoPublicKey), Sm2Format.Default).Encrypt("450000197001010012");
        var body = CheckAgain();
        body["idCardNo"] = "11010519491231002x";
        body["doctorIdCardNo"] = alreadyEncrypted;

        var (status, _) = await PostAsync(client, "/iuWorkStation/checkAgain", body);
        Assert.Equal(HttpStatusCode.OK, status);
        await Until(() => !cloud.Delivered.IsEmpty, "the call to be delivered");

        var (name, forwarded) = cloud.Delivered.Single();
        Assert.Equal("checkAgain", name);
        Assert.DoesNotContain("11010519491231002", forwarded.GetRawText(), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]+$", forwarded.GetProperty("idCardNo").GetString());
        Assert.Equal("11010519491231002X", Decrypt(forwarded, "idCardNo"));
        Assert.Equal(alreadyEncrypted, forwarded.GetProperty("doctorIdCardNo").GetString());
        Assert.Equal("450000197001010012", Decrypt(forwarded, "doctorIdCardNo"));
        // Keys trimmed, the rest passed through as sent (codes unchecked, messageType kept).
        Assert.Equal("测试", forwarded.GetProperty("patientName").GetString());
        Assert.Equal("15", forwarded.GetProperty("hisUserId").GetString());
        Assert.Equal("0", forwarded.GetProperty("patientType").GetString());
        Assert.Equal("医技", forwarded.GetProperty("doctorCode").GetString());
        Assert.Equal("1", forwarded.GetProperty("messageType").GetString());
        Assert.Equal(2, forwarded.GetProperty("examList").GetArrayLength());
        Assert.Equal("胸部侧位", forwarded.GetProperty("examList")[1].GetProperty("examName").GetString());
    }

    [Fact]
    public async Task A_call_older_than_the_cap_is_dropped_and_never_delivered_even_when_the_cloud_comes_back()
    {
        await using var provider = Relay(("Relay:MaxAgeSeconds", "2"), ("Relay:AttemptTimeoutSeconds", "1"), ("Relay:MaxRetries", "2"));
        using var client = provider.CreateClient();
        var statistics = provider.Services.GetRequiredService<RelayStatistics>();
        cloud.Hang();

        var (status, _) = await PostAsync(client, "/iuWorkStation/swipingIdCardNo", Swipe(patientId: "11010519491231002X"));
        Assert.Equal(HttpStatusCode.OK, status);
        await Until(() => statistics.TooOld == 1, "the relay to give the call up at its age cap");
        Assert.True(cloud.Abandoned >= 1, "the relay tried the hanging cloud before giving up");

        cloud.ComeBack();
        // The same doctor's next patient goes through the same queue, after the dropped one.
        await PostAsync(client, "/iuWorkStation/swipingIdCardNo", Swipe(patientId: "450000197001010012"));
        await Until(() => !cloud.Delivered.IsEmpty, "the later call to be delivered");

        var delivered = Assert.Single(cloud.Delivered);
        Assert.Equal("450000197001010012", Decrypt(delivered.Body, "idCardNo"));
        Assert.Equal(1, statistics.Delivered);
    }

    [Fact]
    public async Task A_call_that_waited_in_the_queue_past_the_cap_is_dropped_without_being_sent()
    {
        // A fake clock: the cap passes when the test says so, not when a machine is slow.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var provider = RelaySettings.Provider(folder, RelaySettings.To(cloud.BaseAddress,
            ("Relay:MaxAgeSeconds", "10"), ("Relay:AttemptTimeoutSeconds", "10"), ("Relay:MaxRetries", "0"), ("Relay:Workers", "1")), clock);
        using var client = provider.CreateClient();
        var statistics = provider.Services.GetRequiredService<RelayStatistics>();
        cloud.Hang();

        // The first call holds the only worker; the second waits behind it.
        await PostAsync(client, "/iuWorkStation/swipingIdCardNo", Swipe(patientId: "11010519491231002X"));
        await Until(() => cloud.Hanging == 1, "the first call to reach the cloud");
        await PostAsync(client, "/iuWorkStation/swipingIdCardNo", Swipe(patientId: "450000197001010012"));
        clock.Advance(TimeSpan.FromSeconds(10));
        await Until(() => statistics.TooOld + statistics.Failed == 2, "both calls to be given up");
        cloud.ComeBack();

        Assert.True(statistics.TooOld >= 1);
        Assert.Equal(1, cloud.Received);
        Assert.Empty(cloud.Delivered);
    }

    public static TheoryData<string, string, string> BadBodies() => new()
    {
        { "swipingIdCardNo", """{"patientName":"测试"}""", "idCardNo:不能为空" },
        { "swipingIdCardNo", Without("idCardNo", "  "), "idCardNo:不能为空" },
        { "swipingIdCardNo", With("idCardNo", "110105194912310021"), "idCardNo参数值异常" },
        { "swipingIdCardNo", With("idCardNo", "E12345678"), "idCardNo参数值异常" },
        { "swipingIdCardNo", Without("patientName "), "patientName:不能为空" },
        { "swipingIdCardNo", Without("mobilePhone "), "mobilePhone:不能为空" },
        { "swipingIdCardNo", Without("hospitalld"), "hospitalld:不能为空" },
        { "swipingIdCardNo", Without("clientIp", null, "mac"), "clientIp:不能为空（与mac选其一）" },
        { "swipingIdCardNo", Without("doctorCode"), "doctorCode:不能为空" },
        { "swipingIdCardNo", With("doctorIdCardNo", "45000019700101001"), "doctorIdCardNo参数值异常" },
        { "swipingIdCardNo", With("patientName ", new JsonObject()), "patientName参数值异常" },
        { "swipingIdCardNo", With("patientName", "同名"), "patientName参数值异常" },
        { "swipingIdCardNo", With("hisUserId ", true), "hisUserId参数值异常" },
        { "swipingIdCardNo", "not json", "请求体参数值异常" },
        { "swipingIdCardNo", "[1,2]", "请求体参数值异常" },
        { "checkAgain", Swipe().ToJsonString(), "examList:不能为空" },
        { "checkAgain", With("examList", new JsonArray()), "examList:不能为空" },
        { "checkAgain", With("examList", "CX000"), "examList参数值异常" },
        { "checkAgain", With("examList", new JsonArray(new JsonObject { ["examCode"] = "CX000", ["examName"] = "胸部" }, new JsonObject { ["examCode"] = "CX001" })), "examList[1].examName:不能为空" },
    };

    private static string With(string key, JsonNode? value)
    {
        var body = Swipe();
        body[key] = value;
        return body.ToJsonString();
    }

    private static string Without(string key, string? blank = null, string? alsoWithout = null)
    {
        var body = Swipe();
        body.Remove(key);
        if (blank is not null)
        {
            body[key] = blank;
        }
        if (alsoWithout is not null)
        {
            body.Remove(alsoWithout);
        }
        return body.ToJsonString();
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_gets_400_naming_the_field_and_nothing_is_sent(string call, string body, string message)
    {
        await using var provider = Relay();
        using var client = provider.CreateClient();

        using var response = await client.PostAsync($"/iuWorkStation/{call}", new StringContent(body, Encoding.UTF8, "application/json"), Cancel);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertAnswer(answer, 400, message);
        Assert.Equal(0, provider.Services.GetRequiredService<RelayStatistics>().Accepted);
    }

    [Fact]
    public async Task Optional_fields_may_be_absent_mac_alone_will_do_and_a_legacy_15_digit_number_is_taken()
    {
        await using var provider = Relay();
        using var client = provider.CreateClient();
        var body = Swipe(patientId: "110105491231002");
        foreach (var optional in new[] { "outpatientId ", "hisUserName", "clientIp" })
        {
            body.Remove(optional);
        }

        var (status, answer) = await PostAsync(client, "/iuWorkStation/swipingIdCardNo", body);

        Assert.Equal(HttpStatusCode.OK, status);
        AssertAnswer(answer, 200, "");
        await Until(() => !cloud.Delivered.IsEmpty, "the call to be delivered");
        Assert.Equal("110105491231002", Decrypt(cloud.Delivered.Single().Body, "idCardNo"));
    }

    [Fact]
    public async Task A_GBK_body_from_an_old_client_is_read_as_declared()
    {
        await using var provider = Relay();
        using var client = provider.CreateClient();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding("GBK").GetBytes(Swipe().ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        using var content = new ByteArrayContent(gbk);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "GBK" };

        using var response = await client.PostAsync("/iuWorkStation/swipingIdCardNo", content, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Until(() => !cloud.Delivered.IsEmpty, "the call to be delivered");
        Assert.Equal("测试", cloud.Delivered.Single().Body.GetProperty("patientName").GetString());
    }

    [Fact]
    public async Task A_caller_outside_the_HIS_networks_gets_401_in_the_documents_shape()
    {
        // The operators' list (loopback by default) has nothing to do with the relay's.
        await using var provider = Relay(("Relay:HisNetworks:0", "10.20.0.0/16"));
        using var client = provider.CreateClient();

        var (refused, refusal) = await PostAsync(client, "/iuWorkStation/swipingIdCardNo", Swipe(), caller: "10.30.1.2");
        var (admitted, _) = await PostAsync(client, "/iuWorkStation/swipingIdCardNo", Swipe(), caller: "10.20.1.2");
        var (loopback, _) = await PostAsync(client, "/iuWorkStation/swipingIdCardNo", Swipe());

        Assert.Equal(HttpStatusCode.Unauthorized, refused);
        AssertAnswer(refusal, 401, "权限校验不通过");
        Assert.Equal(HttpStatusCode.OK, admitted);
        Assert.Equal(HttpStatusCode.Unauthorized, loopback);
    }

    [Fact]
    public async Task Without_a_cloud_address_the_relay_is_off_and_answers_503_saying_so()
    {
        await using var provider = RelaySettings.Provider(folder, RelaySettings.To(null));
        using var client = provider.CreateClient();

        var (status, answer) = await PostAsync(client, "/iuWorkStation/swipingIdCardNo", Swipe());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(503, answer.GetProperty("code").GetInt32());
        Assert.Contains("Relay:CloudBaseAddress", answer.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_launch_string_endpoint_answers_the_three_forms_with_the_doctors_ID_encrypted()
    {
        await using var provider = Relay(("Relay:Launch:PluginPath", @"D:\WYHT\WyhtClient.exe"), ("Relay:Launch:HrballAddress", "127.0.0.1:18080"));
        using var client = provider.CreateClient();
        var body = new JsonObject
        {
            ["hisUserId"] = "1001",
            ["type"] = 1,
            ["doctorName"] = "张医生",
            ["department"] = "心血管内科",
            ["departmentCode"] = "0101",
            ["doctorSex"] = "1",
            ["doctorIdCardNo"] = "450000197001010012",
            ["doctorCode"] = "D450103000123",
            ["doctorType"] = "1",
            ["hospitalld"] = "H45012400317",
            ["phoneNumber"] = "17000001234",
        };

        using var raw = await client.PostAsync("/relay/launchString", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), Cancel);
        var text = await raw.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("\"WYHT://hisUserId=1001&type=1&doctorName=$E5$BC$A0$E5$8C$BB$E7$94$9F&", text, StringComparison.Ordinal);
        var (status, answer) = (raw.StatusCode, JsonDocument.Parse(text).RootElement);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(200, answer.GetProperty("code").GetInt32());
        var data = answer.GetProperty("data");
        var query = data.GetProperty("query").GetString()!;
        var pairs = query.Split('&').Select(p => p.Split('=', 2)).ToArray();
        Assert.Equal(LaunchString.Keys, pairs.Select(p => p[0]));
        Assert.Equal("$E5$BC$A0$E5$8C$BB$E7$94$9F", pairs[2][1]);
        Assert.Equal("H45012400317", pairs[9][1]);
        Assert.Equal("450000197001010012", Sm2Cipher.Decrypt(pairs[6][1], Sm2Fixtures.SmCryptoPrivateKey, Sm2Format.Default));
        Assert.Equal($"\"D:\\WYHT\\WyhtClient.exe\" \"{query}\"", data.GetProperty("commandLine").GetString());
        Assert.Equal($"WYHT://{query}", data.GetProperty("wyhtUrl").GetString());
        Assert.Equal($"http://127.0.0.1:18080/hrball/?{query}", data.GetProperty("httpUrl").GetString());

        body.Remove("departmentCode");
        var (bad, badAnswer) = await PostAsync(client, "/relay/launchString", body);
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        AssertAnswer(badAnswer, 400, "departmentCode:不能为空");
    }

    [Fact]
    public async Task The_launch_string_endpoint_writes_the_values_it_checked_and_awkward_ones_decode_back_exactly()
    {
        await using var provider = Relay();
        using var client = provider.CreateClient();
        var body = new JsonObject
        {
            ["hisUserId"] = "u&type=1",
            ["type"] = " 2 ",
            ["doctorName"] = "张&王",
            ["department"] = "3#病区",
            ["departmentCode"] = "01 02",
            ["doctorSex"] = "1",
            ["doctorIdCardNo"] = " 450000197001010012 ",
            ["doctorCode"] = "D$45",
            ["doctorType"] = "a=b",
            ["hospitalId"] = "H450?x",
            ["phoneNumber"] = "+86 170/0000;1234",
        };

        var (status, answer) = await PostAsync(client, "/relay/launchString", body);

        Assert.Equal(HttpStatusCode.OK, status);
        var query = answer.GetProperty("data").GetProperty("query").GetString()!;
        Assert.StartsWith("hisUserId=u$26type$3D1&type=2&doctorName=$E5$BC$A0$26$E7$8E$8B&department=3$23$E7$97$85$E5$8C$BA&", query, StringComparison.Ordinal);
        Assert.Contains("&doctorCode=D$2445&", query, StringComparison.Ordinal);
        var decoded = LaunchStringTests.Decode(query);
        Assert.Equal(LaunchString.Keys, decoded.Select(pair => pair.Key));
        Assert.Equal(
            ["u&type=1", "2", "张&王", "3#病区", "01 02", "1", "(cipher)", "D$45", "a=b", "H450?x", "+86 170/0000;1234"],
            decoded.Select(pair => pair.Key == "doctorIdCardNo" ? "(cipher)" : pair.Value));
        Assert.Equal("450000197001010012", Sm2Cipher.Decrypt(decoded[6].Value, Sm2Fixtures.SmCryptoPrivateKey, Sm2Format.Default));

        // A type that is neither 1 nor 2 once trimmed is refused, not written.
        body["type"] = " 3 ";
        var (bad, badAnswer) = await PostAsync(client, "/relay/launchString", body);
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        AssertAnswer(badAnswer, 400, "type参数值异常");
    }

    [Theory]
    [InlineData("Relay:Sm2:PublicKey", "04b90d2f89d6848f041550a4eb701998aa4a239447725f99ca3cfdf525d00a56a4e7466adb7561c5a9ecbb437aed3b7773708a1f0c01052c9e20309fdfa6c44abf")]
    [InlineData("Relay:Sm2:PublicKey", "-----BEGIN PUBLIC KEY-----\nnot base64\n-----END PUBLIC KEY-----")]
    [InlineData("Relay:Sm2:PublicKey", "")]
    [InlineData("Relay:CloudBaseAddress", "10.1.2.3:8080")]
    [InlineData("Relay:HisNetworks:0", "10.20.0.0/33")]
    [InlineData("Relay:MaxAgeSeconds", "0")]
    [InlineData("Relay:Launch:HrballAddress", "http://h/with/path")]
    [InlineData("Relay:Sm2:Order", "C3C2C1")]
    public async Task A_bad_setting_stops_start_up_naming_it(string key, string value)
    {
        // The relay's services in a host of their own: WebApplicationFactory, when start-up fails,
        // may report its own ObjectDisposedException instead of the reason.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Test", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(RelaySettings.To("http://127.0.0.1:9", (key, value)));
        builder.Services.AddRelay();
        using var host = builder.Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(Cancel));

        Assert.Contains(key.Replace(":0", "", StringComparison.Ordinal), error.Message, StringComparison.Ordinal);
    }
}
