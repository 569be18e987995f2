using System.Text;
using ProviderApi.Push;

namespace ProviderApi.Tests.Push;

/// <summary>How an answer of the cloud is judged, and the push's settings that refuse to start.</summary>
public sealed class PushSettingsTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(200, """{"message":"请求成功","code":200}""", PushOutcome.Delivered)]
    [InlineData(200, """{"message":"请求成功","code":"200"}""", PushOutcome.Delivered)]
    [InlineData(201, """{"code":200}""", PushOutcome.Delivered)]
    [InlineData(200, """{"message":"服务异常","code":500}""", PushOutcome.Transient)]
    [InlineData(500, """{"message":"服务异常","code":500}""", PushOutcome.Transient)]
    [InlineData(502, "<html>Bad Gateway</html>", PushOutcome.Transient)]
    [InlineData(503, """{"code":200}""", PushOutcome.Transient)]
    [InlineData(200, """{"message":"xx:不能为空","code":400}""", PushOutcome.Rejected)]
    [InlineData(400, """{"message":"xx参数值异常","code":400}""", PushOutcome.Rejected)]
    [InlineData(400, "", PushOutcome.Rejected)]
    [InlineData(200, """{"message":"权限校验不通过","code":401}""", PushOutcome.Unauthorized)]
    [InlineData(401, "", PushOutcome.Unauthorized)]
    [InlineData(403, "Forbidden", PushOutcome.Unauthorized)]
    [InlineData(404, "Not Found", PushOutcome.Misconfigured)]
    [InlineData(405, "", PushOutcome.Misconfigured)]
    [InlineData(429, "", PushOutcome.Transient)]
    [InlineData(200, "<html>portal</html>", PushOutcome.Transient)]
    [InlineData(200, """{"message":"请求成功"}""", PushOutcome.Transient)]
    [InlineData(200, """{"code":300}""", PushOutcome.Transient)]
    public void The_status_and_the_bodys_code_are_judged_together(int status, string body, PushOutcome expected) =>
        Assert.Equal(expected, CloudAnswer.Judge(status, Encoding.UTF8.GetBytes(body), successCode: 200).Outcome);

    [Fact]
    public void A_cloud_message_that_quotes_a_number_is_kept_masked()
    {
        var answer = CloudAnswer.Judge(200, Encoding.UTF8.GetBytes("""{"message":"idCardNo 11010519491231002X 参数值异常","code":400}"""), 200);

        Assert.Equal(PushOutcome.Rejected, answer.Outcome);
        Assert.DoesNotContain("11010519491231002X", answer.Detail, StringComparison.Ordinal);
        Assert.Contains("参数值异常", answer.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Cloud:BaseAddress", null, "Cloud:BaseAddress is required")]
    [InlineData("Push:Store", "Database", "Push:Store Database needs a server database")]
    [InlineData("Push:LeaseSeconds", "10", "Push:LeaseSeconds (10) must be at least twice the longest call")]
    [InlineData("Push:Registrations:Path", "standardHttp/saveDataStorage", "Push:Registrations:Path")]
    [InlineData("Cloud:Headers:App Key", "x", "Cloud:Headers holds 'App Key'")]
    public async Task A_push_setting_that_cannot_work_stops_start_up_naming_the_key(string key, string? value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Demo",
            ["Database:DemoPath"] = folder.File("demo.db"),
            ["Cloud:BaseAddress"] = "http://127.0.0.1:9",
            ["Push:Settlements:Enabled"] = "true",
            [key] = value,
        };

        var error = await ProviderProcess.StartupFailsAsync(settings, folder.Path);

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
