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
}
