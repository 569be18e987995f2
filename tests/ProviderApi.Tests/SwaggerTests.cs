using System.Net;
using System.Text.Json;
using ProviderApi.Tests.Hospitals;

namespace ProviderApi.Tests;

public sealed class SwaggerTests(DemoHospital demo) : IClassFixture<DemoHospital>
{
    [Fact]
    public async Task Swagger_documents_both_endpoints_with_chinese_field_descriptions()
    {
        var response = await demo.Client.GetAsync("/swagger/v1/swagger.json", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var json = JsonDocument.Parse(body).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = json.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/standardHttp/getExamDict", out _));
        Assert.True(paths.TryGetProperty("/standardHttp/getDeptInfo", out _));
        var examItem = json.GetProperty("components").GetProperty("schemas").GetProperty("ExamItem").GetProperty("properties");
        Assert.Equal(
            ["hospitalld", "modality", "examCode", "examName", "examBodyPart", "examPrice", "checkStatus", "sourceType"],
            examItem.EnumerateObject().Select(p => p.Name));
        Assert.Contains("两位小数", examItem.GetProperty("examPrice").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("检查项目字典", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swagger_documents_every_relay_field_and_failure_answer_in_chinese()
    {
        var body = await demo.Client.GetStringAsync("/swagger/v1/swagger.json", TestContext.Current.CancellationToken);
        var json = JsonDocument.Parse(body).RootElement;
        var schemas = json.GetProperty("components").GetProperty("schemas");

        string[] interactive =
        [
            "idCardNo", "patientName", "outpatientId", "insuranceId", "hospitalizationId", "medicareNo", "healthNo", "mobilePhone", "hisUserId",
            "hisUserName", "patientType", "hospitalld", "clientIp", "mac", "doctorType", "doctorCode", "doctorIdCardNo", "examList", "messageType",
        ];
        AssertDescribed(schemas, "InteractiveCallDocument", interactive);
        AssertDescribed(schemas, "ExamEntry", ["examCode", "examName"]);
        AssertDescribed(schemas, "LaunchParameters",
            ["hisUserId", "type", "doctorName", "department", "departmentCode", "doctorSex", "doctorIdCardNo", "doctorCode", "doctorType", "hospitalId", "phoneNumber"]);
        AssertDescribed(schemas, "RelayAnswer", ["code", "data", "message"]);
        AssertDescribed(schemas, "LaunchForms", ["query", "commandLine", "wyhtUrl", "httpUrl"]);
        Assert.Contains("与 mac 选其一", Description(schemas, "InteractiveCallDocument", "clientIp"), StringComparison.Ordinal);
        Assert.Contains("encodeURIComponent", Description(schemas, "LaunchForms", "query"), StringComparison.Ordinal);
        var required = schemas.GetProperty("InteractiveCallDocument").GetProperty("required").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("idCardNo", required);
        Assert.DoesNotContain("healthNo", required);

        foreach (var (path, request) in ((string, string)[])[("/iuWorkStation/swipingIdCardNo", "InteractiveCallDocument"), ("/iuWorkStation/checkAgain", "InteractiveCallDocument"), ("/relay/launchString", "LaunchParameters")])
        {
            var post = json.GetProperty("paths").GetProperty(path).GetProperty("post");
            Assert.EndsWith($"/{request}", post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString(), StringComparison.Ordinal);
            var responses = post.GetProperty("responses");
            foreach (var status in (string[])["400", "401", "408", "500", "503"])
            {
                var response = responses.GetProperty(status);
                Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", response.GetProperty("description").GetString());
                Assert.EndsWith("/RelayAnswer", response.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString(), StringComparison.Ordinal);
            }
        }
    }

    /// <summary>A property's description; for a reference to another schema (OpenAPI 3.0 drops a description beside $ref), that schema's.</summary>
    private static string Description(JsonElement schemas, string schema, string property)
    {
        var node = schemas.GetProperty(schema).GetProperty("properties").GetProperty(property);
        if (node.TryGetProperty("$ref", out var reference))
        {
            node = schemas.GetProperty(reference.GetString()![(reference.GetString()!.LastIndexOf('/') + 1)..]);
        }
        return node.TryGetProperty("description", out var description) ? description.GetString() ?? "" : "";
    }

    /// <summary>The schema has exactly these properties, each with a Chinese description.</summary>
    private static void AssertDescribed(JsonElement schemas, string schema, string[] properties)
    {
        Assert.Equal(properties, schemas.GetProperty(schema).GetProperty("properties").EnumerateObject().Select(p => p.Name));
        foreach (var property in properties)
        {
            Assert.True(System.Text.RegularExpressions.Regex.IsMatch(Description(schemas, schema, property), @"\p{IsCJKUnifiedIdeographs}"), $"{schema}.{property} has no Chinese description");
        }
    }
}
