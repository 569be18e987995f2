using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ProviderApi.Tests;

/// <summary>getExamDict and getDeptInfo through HTTP, on the demo hospital, against the contract.</summary>
public sealed partial class DictionaryEndpointTests(DemoHospital demo) : IClassFixture<DemoHospital>
{
    private static readonly string[] ExamKeys =
        ["hospitalld", "modality", "examCode", "examName", "examBodyPart", "examPrice", "checkStatus", "sourceType"];

    private static readonly string[] DeptKeys = ["deptCode", "deptName", "hospitalld"];

    private async Task<(HttpResponseMessage Response, string Body, JsonElement Json)> GetAsync(string path)
    {
        var response = await demo.Client.GetAsync(path, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response, body, JsonDocument.Parse(body).RootElement);
    }

    [Theory]
    [InlineData("/standardHttp/getExamDict")]
    [InlineData("/standardHttp/getDeptInfo")]
    public async Task The_envelope_is_code_message_datas_in_that_order_with_success_200(string path)
    {
        var (response, _, json) = await GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["code", "message", "datas"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Number, json.GetProperty("code").ValueKind);
        Assert.Equal(200, json.GetProperty("code").GetInt32());
        Assert.Equal("成功", json.GetProperty("message").GetString());
        Assert.True(json.GetProperty("datas").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Exam_items_have_exactly_the_contracts_keys_in_order_and_every_value_is_a_string()
    {
        var (_, _, json) = await GetAsync("/standardHttp/getExamDict");

        foreach (var item in json.GetProperty("datas").EnumerateArray())
        {
            Assert.Equal(ExamKeys, item.EnumerateObject().Select(p => p.Name));
            Assert.All(item.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
        }
    }

    [Fact]
    public async Task Exam_item_values_follow_the_contracts_formats_and_codes()
    {
        var (_, _, json) = await GetAsync("/standardHttp/getExamDict");
        var items = json.GetProperty("datas").EnumerateArray().ToList();

        Assert.All(items, i => Assert.Matches(PriceFormat(), i.GetProperty("examPrice").GetString()));
        Assert.All(items, i => Assert.Contains(i.GetProperty("checkStatus").GetString(), new[] { "0", "1" }));
        Assert.All(items, i => Assert.Contains(i.GetProperty("sourceType").GetString(), new[] { "1", "2" }));
        Assert.All(items, i => Assert.Matches(HospitalCode(), i.GetProperty("hospitalld").GetString()));
        // Both valid and retired items are in the dictionary.
        Assert.Contains(items, i => i.GetProperty("checkStatus").GetString() == "1");
        Assert.Contains(items, i => i.GetProperty("checkStatus").GetString() == "0");
        // The current price, not the one stopped two years ago, and two decimals kept.
        var enhanced = items.Single(i => i.GetProperty("examCode").GetString() == "CT0005");
        Assert.Equal("480.50", enhanced.GetProperty("examPrice").GetString());
    }

    [Fact]
    public async Task Departments_have_exactly_the_contracts_keys_in_order_without_remark()
    {
        var (_, _, json) = await GetAsync("/standardHttp/getDeptInfo");

        foreach (var item in json.GetProperty("datas").EnumerateArray())
        {
            Assert.Equal(DeptKeys, item.EnumerateObject().Select(p => p.Name));
            Assert.All(item.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
        }
    }

    [Fact]
    public async Task Departments_are_clinical_and_medical_technical_ones_only()
    {
        var (_, _, json) = await GetAsync("/standardHttp/getDeptInfo");
        var codes = json.GetProperty("datas").EnumerateArray().Select(d => d.GetProperty("deptCode").GetString()).ToList();

        Assert.Contains("0101", codes);   // 心血管内科, clinical
        Assert.Contains("2001", codes);   // 放射科, 医技
        Assert.DoesNotContain("9004", codes); // 信息科, administrative
        Assert.DoesNotContain("3101", codes); // a nursing unit
        Assert.DoesNotContain("0199", codes); // a stopped department
    }

    [Theory]
    [InlineData("/standardHttp/getExamDict", "examCode")]
    [InlineData("/standardHttp/getDeptInfo", "deptCode")]
    public async Task Datas_are_ordered_by_code_with_ordinal_comparison(string path, string key)
    {
        var (_, _, json) = await GetAsync(path);
        var codes = json.GetProperty("datas").EnumerateArray().Select(d => d.GetProperty(key).GetString()!).ToList();

        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Chinese_text_is_written_as_utf8_not_escaped()
    {
        var (_, body, _) = await GetAsync("/standardHttp/getExamDict");

        Assert.Contains("\"examName\":\"头颅CT平扫\"", body, StringComparison.Ordinal);
        Assert.Contains("\"message\":\"成功\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/standardHttp/getExamDict", "View_ProjectItemCode_Info", "examCode")]
    [InlineData("/standardHttp/getDeptInfo", "View_Dept_Info", "deptCode")]
    public async Task The_dictionary_over_http_equals_the_views_rows(string path, string view, string code)
    {
        var keys = view == "View_Dept_Info" ? DeptKeys : ExamKeys;
        var (_, _, json) = await GetAsync(path);
        using var connection = demo.OpenReadOnly();
        var viewRows = ViewRows.Query(connection, $"SELECT * FROM {view} ORDER BY {code}");

        var served = json.GetProperty("datas").EnumerateArray()
            .Select(item => keys.ToDictionary(k => k, k => item.GetProperty(k).GetString()));
        var expected = viewRows.Select(row => keys.ToDictionary(k => k, k => (string?)row[k]));
        Assert.Equal(expected, served);
    }

    [Fact]
    public async Task Swagger_documents_both_endpoints_with_chinese_field_descriptions()
    {
        var (response, body, json) = await GetAsync("/swagger/v1/swagger.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = json.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/standardHttp/getExamDict", out _));
        Assert.True(paths.TryGetProperty("/standardHttp/getDeptInfo", out _));
        var examItem = json.GetProperty("components").GetProperty("schemas").GetProperty("ExamItem").GetProperty("properties");
        Assert.Equal(ExamKeys, examItem.EnumerateObject().Select(p => p.Name));
        Assert.Contains("两位小数", examItem.GetProperty("examPrice").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("检查项目字典", body, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\d+\.\d{2}$")]
    private static partial Regex PriceFormat();

    [GeneratedRegex(@"^H\d{11}$")]
    private static partial Regex HospitalCode();
}
