using Microsoft.AspNetCore.Diagnostics;
using ProviderApi.Common;

namespace ProviderApi.Contract;

public static class ContractServices
{
    /// <summary>Contract options, JSON settings and the answers to a client's faults.</summary>
    public static IServiceCollection AddContract(this IServiceCollection services)
    {
        services.AddOptions<ContractOptions>().BindConfiguration(ContractOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Encoder = ContractJsonContext.Encoder;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ContractJsonContext.Default);
        });
        services.AddClientFaults();
        return services;
    }

    /// <summary>
    /// Any unhandled failure answers 500 in the endpoint's envelope (the contract's unless it names
    /// its own <see cref="FailureAnswer"/>): no SQL, no stack trace, no exception text. A client's
    /// fault never gets this far (<see cref="ClientFaults.UseClientFaults"/>).
    /// </summary>
    public static IApplicationBuilder UseContractErrors(this IApplicationBuilder app) =>
        app.UseExceptionHandler(error => error.Run(async http =>
        {
            var feature = http.Features.Get<IExceptionHandlerFeature>();
            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ProviderApi.Contract");
            Log.Unhandled(logger, feature?.Error, http.Request.Path);
            await FailureAnswer.For(feature?.Endpoint).Answer(FailureEnvelope.ServerError.Code, FailureEnvelope.ServerError.Message).ExecuteAsync(http);
        })).UseClientFaults();
}
