using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ProviderApi;

/// <summary>Swagger UI at /swagger, with the endpoints' Chinese descriptions and the field comments of the DTOs.</summary>
internal static class ApiDocumentation
{
    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) =>
        services.AddEndpointsApiExplorer().AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc("v1", new()
            {
                Title = "医保影像云平台 · 医院端接口 (imgcloud provider)",
                Version = "v1",
                Description = "医院端向医保影像云平台提供的字典接口，以及代 HIS 转发的外院调阅、精准提醒与插件启动串。字典的 datas 字段值均为字符串；失败时 HTTP 状态码与 code 一致。",
            });
            var xml = Path.Combine(AppContext.BaseDirectory, $"{typeof(ApiDocumentation).Assembly.GetName().Name}.xml");
            if (File.Exists(xml))
            {
                swagger.IncludeXmlComments(xml);
            }
            // SuccessEnvelope<ExamItem> would otherwise be named ExamItemSuccessEnvelope.
            swagger.CustomSchemaIds(type => type.IsGenericType
                ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}Of{string.Join("", type.GetGenericArguments().Select(a => a.Name))}"
                : type.Name);
            swagger.OperationFilter<ResponseDescriptions>();
        });

    public static WebApplication UseApiDocumentation(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(ui => ui.DocumentTitle = "医保影像云 · 医院端接口");
        return app;
    }
}

/// <summary>Chinese descriptions of the answers, in place of the HTTP reason phrases Swashbuckle writes by default.</summary>
internal sealed class ResponseDescriptions : IOperationFilter
{
    private static readonly Dictionary<string, string> Descriptions = new()
    {
        ["200"] = "成功",
        ["400"] = "请求有误，未受理：message 为原因（如 xx:不能为空、xx参数值异常、请求体过大），或请求格式错误",
        ["401"] = "调用方未获准（权限校验不通过）",
        ["408"] = "请求体到达过慢（低于 Kestrel:MinRequestBodyDataRate），未受理",
        ["500"] = "服务异常（不含 SQL、堆栈或异常文本）",
        ["503"] = "未配置，未受理：message 指出缺少的配置项（如 Relay:CloudBaseAddress、Relay:Sm2:PublicKey）",
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is OpenApiResponse editable && Descriptions.TryGetValue(status, out var description))
            {
                editable.Description = description;
            }
        }
    }
}
