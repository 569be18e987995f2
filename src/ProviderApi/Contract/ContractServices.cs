using Microsoft.AspNetCore.Diagnostics;
using ProviderApi.Registrations;
using ProviderApi.Settlements;

namespace ProviderApi.Contract;

public static class ContractServices
{
    /// <summary>Contract options, JSON settings and the repositories over the two views no endpoint serves yet.</summary>
    public static IServiceCollection AddContract(this IServiceCollection services)
    {
        services.AddOptions<ContractOptions>().BindConfiguration(ContractOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Encoder = ContractJsonContext.Encoder;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ContractJsonContext.Default);
        });
        services.AddSingleton<RegistrationRepository>();
        services.AddSingleton<SettlementRepository>();
        return services;
    }

    /// <summary>Any unhandled failure answers the contract's 500 envelope: no SQL, no stack trace, no exception text.</summary>
    public static IApplicationBuilder UseContractErrors(this IApplicationBuilder app) =>
        app.UseExceptionHandler(error => error.Run(async http =>
        {
            var failure = http.Features.Get<IExceptionHandlerFeature>()?.Error;
            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ProviderApi.Contract");
            Log.Unhandled(logger, failure, http.Request.Path);
            await EnvelopeResults.Failure(FailureEnvelope.ServerError).ExecuteAsync(http);
        }));
}
