using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProviderApi.Common;
using ProviderApi.Contract;

namespace ProviderApi.Access;

/// <summary>Endpoint metadata read by the access gate.</summary>
public sealed record AudienceMetadata(Audience Audience);

public static class AccessServices
{
    public static IServiceCollection AddAccess(this IServiceCollection services)
    {
        services.AddSingleton<AccessOptionsValidation>();
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccessOptions>>(sp => sp.GetRequiredService<AccessOptionsValidation>());
        services.AddOptions<ReverseProxyOptions>().BindConfiguration(ReverseProxyOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReverseProxyOptions>>(sp => sp.GetRequiredService<AccessOptionsValidation>());
        services.AddSingleton<AccessPolicy>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RefusalLog>();
        services.AddHostedService(sp => sp.GetRequiredService<RefusalLog>());

        // Forwarded headers only from the proxies configured: the defaults (loopback) are cleared,
        // so no local process can claim to be the cloud by writing X-Forwarded-For.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ReverseProxyOptions>>((forwarded, proxy) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            forwarded.ForwardLimit = proxy.Value.ForwardLimit;
            foreach (var address in proxy.Value.KnownProxies.SelectMany(Networks.Split))
            {
                if (IPAddress.TryParse(address, out var parsed))
                {
                    forwarded.KnownProxies.Add(Networks.Normalise(parsed));
                }
            }
            foreach (var network in proxy.Value.KnownNetworks.SelectMany(Networks.Split))
            {
                if (Networks.TryParse(network, out var range))
                {
                    forwarded.KnownIPNetworks.Add(range);
                }
            }
        });
        return services;
    }

    /// <summary>Behind a reverse proxy: the caller's address and scheme from the configured proxies' headers, and the path base. First in the pipeline.</summary>
    public static WebApplication UseReverseProxy(this WebApplication app)
    {
        var proxy = app.Services.GetRequiredService<IOptions<ReverseProxyOptions>>().Value;
        if (proxy.Enabled)
        {
            app.UseForwardedHeaders();
        }
        if (!string.IsNullOrEmpty(proxy.PathBase))
        {
            app.UsePathBase(proxy.PathBase);
        }
        return app;
    }

    /// <summary>After routing: refuses callers not on the endpoint's list with the contract's 401 envelope.</summary>
    public static WebApplication UseAccessGate(this WebApplication app)
    {
        app.UseMiddleware<AccessGate>();
        return app;
    }

    public static TBuilder ForCloud<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new AudienceMetadata(Audience.Cloud));

    public static TBuilder ForOperators<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new AudienceMetadata(Audience.Operators));

    public static TBuilder ForAnyone<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new AudienceMetadata(Audience.Anyone));

    /// <summary>The audience of the request's endpoint; operators where there is none.</summary>
    public static Audience AudienceOf(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<AudienceMetadata>()?.Audience ?? Audience.Operators;

    /// <summary>True when the caller is on the operators' list (health details are shown to them only).</summary>
    public static bool IsOperator(HttpContext http) =>
        http.RequestServices.GetRequiredService<AccessPolicy>().IsOperator(http.Connection.RemoteIpAddress);
}

/// <summary>
/// Admits each caller to the endpoints of its list only; the others get HTTP 401 with the
/// contract's envelope, are counted in the metrics and summarised in the log (<see cref="RefusalLog"/>).
/// </summary>
internal sealed class AccessGate(RequestDelegate next, AccessPolicy policy, ProviderMetrics metrics, RefusalLog refusals)
{
    public Task InvokeAsync(HttpContext http)
    {
        var audience = AccessServices.AudienceOf(http);
        var address = http.Connection.RemoteIpAddress;
        var refusal = audience switch
        {
            Audience.Anyone => null,
            Audience.Cloud => policy.RefuseCloud(address, http.Request.Headers[policy.ApiKeyHeader]),
            _ => policy.IsOperator(address) ? null : "address not in Access:OperatorNetworks",
        };
        if (refusal is null)
        {
            return next(http);
        }
        metrics.Refused(audience);
        refusals.Refused(address, http.Request.Path.Value ?? "", refusal);
        return EnvelopeResults.Failure(FailureEnvelope.Unauthorized).ExecuteAsync(http);
    }
}
