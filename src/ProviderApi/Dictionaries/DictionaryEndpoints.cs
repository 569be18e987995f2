using Microsoft.Extensions.Options;
using ProviderApi.Access;
using ProviderApi.Contract;
using ProviderApi.Views;
using ZiggyCreatures.Caching.Fusion;

namespace ProviderApi.Dictionaries;

/// <summary>The two GET endpoints the cloud polls (§3.5.2, §3.7.2).</summary>
public static class DictionaryEndpoints
{
    public static IServiceCollection AddDictionaries(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Add(DictionaryJsonContext.Default));
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
        // Exactly the views whose declaration says so: the contract serves the two dictionaries and nothing else.
        foreach (var view in app.ServiceProvider.GetRequiredService<ViewCatalog>().In(ViewModes.ServedOverHttp))
        {
            var serving = view.Http!;
            var route = app.MapGet(serving.Path, (DictionaryAnswers answers, HttpContext http) => answers.AnswerAsync(view, http))
                .WithTags("医保影像云调用（方式二）")
                .ForCloud()
                .WithName(serving.Name)
                .WithSummary(serving.Summary)
                .WithDescription(serving.Description);
            route.Produces(StatusCodes.Status200OK, typeof(SuccessEnvelope<>).MakeGenericType(view.RowType))
                .Produces<FailureEnvelope>(StatusCodes.Status401Unauthorized)
                .Produces<FailureEnvelope>(StatusCodes.Status500InternalServerError);
        }

        return app;
    }
}
