using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProviderApi.Access;

namespace ProviderApi.Relay;

/// <summary>
/// The HIS's calls to the cloud (§3.1–§3.3), made on its behalf: a HIS points the base address it
/// would call the cloud at to the provider, and changes nothing else.
/// </summary>
public static class RelayEndpoints
{
    public static IServiceCollection AddRelay(this IServiceCollection services)
    {
        services.AddOptions<RelayOptions>().BindConfiguration(RelayOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RelayOptions>, RelayOptionsValidation>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RelayStatistics>();
        services.AddSingleton<RelayOutbox>();
        services.AddSingleton<RelayService>();
        services.AddSingleton<InteractiveCallValidator>();
        services.AddSingleton<LaunchParametersValidator>();
        services.AddHostedService<CloudForwarder>();
        CloudForwarder.AddClient(services);
        return services;
    }

    public static IEndpointRouteBuilder MapRelay(this IEndpointRouteBuilder app)
    {
        // The provider-wide access gate knows the cloud's and the operators' lists; it lets these
        // through (Audience.Anyone) and the relay's own filter admits Relay:HisNetworks only.
        var his = app.MapGroup("").WithTags("HIS 调用转发（§3.1–§3.3）").ForAnyone().AddEndpointFilter(HisOnly)
            .WithMetadata(RelayResults.Failure);

        his.MapPost("/iuWorkStation/swipingIdCardNo", (RelayService relay, HttpContext http) => relay.AcceptAsync(http, CallKind.SwipingIdCardNo))
            .WithName("swipingIdCardNo")
            .WithSummary("外院检查数据调阅（§3.2），转发至云平台")
            .WithDescription("与云平台同一路径、同一请求体。身份证号可为明文（中继校验 GB 11643 校验码后以 SM2 加密）或已加密的密文（原样转发）。立即应答 {\"code\":200,\"data\":{},\"message\":\"\"}，不等待云平台；超过 Relay:MaxAgeSeconds 仍未送达的调用丢弃，不会迟到弹窗。")
            .Accepts<InteractiveCallDocument>("application/json")
            .Produces<RelayAnswer>(StatusCodes.Status200OK)
            .Produces<RelayAnswer>(StatusCodes.Status400BadRequest)
            .Produces<RelayAnswer>(StatusCodes.Status401Unauthorized)
            .Produces<RelayAnswer>(StatusCodes.Status408RequestTimeout)
            .Produces<RelayAnswer>(StatusCodes.Status500InternalServerError)
            .Produces<RelayAnswer>(StatusCodes.Status503ServiceUnavailable);

        his.MapPost("/iuWorkStation/checkAgain", (RelayService relay, HttpContext http) => relay.AcceptAsync(http, CallKind.CheckAgain))
            .WithName("checkAgain")
            .WithSummary("精准提醒（§3.3），转发至云平台")
            .WithDescription("同 swipingIdCardNo，另需 examList（每项 examCode、examName 均不能为空）；messageType 有则原样转发。")
            .Accepts<InteractiveCallDocument>("application/json")
            .Produces<RelayAnswer>(StatusCodes.Status200OK)
            .Produces<RelayAnswer>(StatusCodes.Status400BadRequest)
            .Produces<RelayAnswer>(StatusCodes.Status401Unauthorized)
            .Produces<RelayAnswer>(StatusCodes.Status408RequestTimeout)
            .Produces<RelayAnswer>(StatusCodes.Status500InternalServerError)
            .Produces<RelayAnswer>(StatusCodes.Status503ServiceUnavailable);

        his.MapPost("/relay/launchString", (RelayService relay, HttpContext http) => relay.LaunchAsync(http))
            .WithName("launchString")
            .WithSummary("外院调阅插件启动串（§3.1）")
            .WithDescription("按登录参数生成命令行、WYHT:// 与 http://host:port/hrball/ 三种启动串：十一个参数按固定顺序，每个值按 encodeURIComponent 编码（& = + # ? / , ; : @ $ 与空格也编码，值不会截断启动串或多出参数）后将 % 替换为 $，值中的 $ 写作 $24，doctorIdCardNo 以 SM2 加密。")
            .Accepts<LaunchParameters>("application/json")
            .Produces<LaunchAnswer>(StatusCodes.Status200OK)
            .Produces<RelayAnswer>(StatusCodes.Status400BadRequest)
            .Produces<RelayAnswer>(StatusCodes.Status401Unauthorized)
            .Produces<RelayAnswer>(StatusCodes.Status408RequestTimeout)
            .Produces<RelayAnswer>(StatusCodes.Status500InternalServerError)
            .Produces<RelayAnswer>(StatusCodes.Status503ServiceUnavailable);

        return app;
    }

    /// <summary>The relay answers the HIS networks only (Relay:HisNetworks, loopback by default).</summary>
    private static async ValueTask<object?> HisOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var relay = http.RequestServices.GetRequiredService<RelayService>();
        if (relay.IsHis(http.Connection.RemoteIpAddress))
        {
            return await next(context);
        }
        http.RequestServices.GetRequiredService<RefusalLog>().Refused(http.Connection.RemoteIpAddress, http.Request.Path.Value ?? "", "address not in Relay:HisNetworks");
        return RelayResults.Answer(RelayAnswer.Unauthorized, StatusCodes.Status401Unauthorized);
    }
}
