using Microsoft.Extensions.Options;
using ProviderApi.Access;
using ProviderApi.Contract;
using ZiggyCreatures.Caching.Fusion;

namespace ProviderApi.Dictionaries;

/// <summary>The two GET endpoints the cloud polls (§3.5.2, §3.7.2).</summary>
public static class DictionaryEndpoints
{
    public static IServiceCollection AddDictionaries(this IServiceCollection services)
    {
        services.AddSingleton<DictionaryRepository>();
        services.AddSingleton<DictionaryAnswers>();
        services.AddOptions<DictionaryCacheOptions>().BindConfiguration(DictionaryCacheOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DictionaryCacheOptions>, DictionaryCacheOptionsValidation>();
        // Read failures are logged once, by DictionaryAnswers; FusionCache's own lines would repeat them.
        services.AddFusionCache().WithOptions(cache =>
        {
            cache.FactoryErrorsLogLevel = LogLevel.Debug;
            cache.FailSafeActivationLogLevel = LogLevel.Debug;
            cache.FactorySyntheticTimeoutsLogLevel = LogLevel.Debug;
        });
        return services;
    }

    public static IEndpointRouteBuilder MapDictionaries(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/standardHttp").WithTags("医保影像云调用（方式二）").ForCloud();

        group.MapGet("/getExamDict", GetExamDict)
            .WithName("getExamDict")
            .WithSummary("检查项目字典（§3.5.2）")
            .WithDescription("返回院内开展的影像检查项目，供医保影像云平台与其标准编码对照。datas 按 examCode 升序（按字节比较）；所有值均为字符串，缺省的可选值为 null。数据来自视图 View_ProjectItemCode_Info。")
            .Produces<SuccessEnvelope<ExamItem>>(StatusCodes.Status200OK)
            .Produces<FailureEnvelope>(StatusCodes.Status401Unauthorized)
            .Produces<FailureEnvelope>(StatusCodes.Status500InternalServerError);

        group.MapGet("/getDeptInfo", GetDeptInfo)
            .WithName("getDeptInfo")
            .WithSummary("科室字典（§3.7.2）")
            .WithDescription("返回临床及医技科室，供医保影像云平台绑定调阅插件、统计科室使用情况。datas 按 deptCode 升序（按字节比较）。数据来自视图 View_Dept_Info。")
            .Produces<SuccessEnvelope<Department>>(StatusCodes.Status200OK)
            .Produces<FailureEnvelope>(StatusCodes.Status401Unauthorized)
            .Produces<FailureEnvelope>(StatusCodes.Status500InternalServerError);

        return app;
    }

    private static Task<IResult> GetExamDict(DictionaryAnswers answers, HttpContext http) => answers.ExamItemsAsync(http);

    private static Task<IResult> GetDeptInfo(DictionaryAnswers answers, HttpContext http) => answers.DepartmentsAsync(http);
}
