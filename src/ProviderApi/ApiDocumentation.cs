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
                Description = "医院端向医保影像云平台提供的字典接口。所有 datas 字段值均为字符串；失败时 HTTP 状态码与 code 一致。",
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
        });

    public static WebApplication UseApiDocumentation(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(ui => ui.DocumentTitle = "医保影像云 · 医院端接口");
        return app;
    }
}
