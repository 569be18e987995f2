using System.Data.Common;
using System.Text;
using ProviderApi.Access;
using ProviderApi.Common;
using ProviderApi.Push;

namespace ProviderApi.Operations.OperatorConsole;

/// <summary>
/// The operator console: GET /operations/ (the page), /operations/console.json (its data),
/// /operations/favicon.svg, and its buttons' POSTs under /operations/console/. Operators'
/// networks only, like /operations/push; a POST must carry <see cref="ConsolePage.ActionHeader"/>
/// and, when the browser says where it comes from, come from the page's own origin.
/// </summary>
public static class ConsoleEndpoints
{
    public static IServiceCollection AddOperatorConsole(this IServiceCollection services)
    {
        services.AddSingleton<Microsoft.Extensions.Options.IPostConfigureOptions<MonitoringOptions>, MonitoringOptionsSetup>();
        services.AddSingleton<ConsoleHistory>();
        services.AddSingleton<ConsoleJobs>();
        services.AddSingleton<ConsoleData>();
        services.AddHostedService<ConsoleHistoryWriter>();
        return services;
    }

    public static WebApplication MapOperatorConsole(this WebApplication app)
    {
        app.MapGet("/operations/", async (HttpContext http, ConsoleData data) =>
        {
            if (!(http.Request.Path.Value ?? "").EndsWith('/'))
            {
                // The page's links are relative to /operations/ (so they follow a reverse proxy's path base).
                return Results.Redirect($"{http.Request.PathBase}{http.Request.Path}/");
            }
            Protect(http);
            var page = ConsolePage.Render(await data.ReadAsync(http.RequestAborted));
            return Results.Text(page, "text/html; charset=utf-8", Encoding.UTF8);
        }).ForOperators().ExcludeFromDescription();

        app.MapGet("/operations/console.json", async (HttpContext http, ConsoleData data) =>
        {
            Protect(http);
            http.Response.ContentType = "application/json; charset=utf-8";
            await data.WriteJsonAsync(http.Response.Body, http.RequestAborted);
        }).ForOperators().ExcludeFromDescription();

        app.MapGet("/operations/favicon.svg", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "max-age=86400";
            return Results.Text(ConsolePage.Favicon, "image/svg+xml", Encoding.UTF8);
        }).ForOperators().ExcludeFromDescription();

        var actions = app.MapGroup("/operations/console").ForOperators().ExcludeFromDescription().AddEndpointFilter(async (context, next) =>
            SameSiteProblem(context.HttpContext) is { } problem
                ? Results.Json(new { message = problem }, statusCode: StatusCodes.Status403Forbidden)
                : await next(context));

        actions.MapPost("/requeue", (HttpContext http, PushStore store) => OnStoreAsync(store, async () =>
        {
            var count = await store.RequeueAsync(null, null, http.RequestAborted);
            return Results.Json(new { requeued = count, message = $"{count} 行已重新排队 / {count} parked row(s) put back to pending" });
        }));

        actions.MapPost("/resume", (HttpContext http, PushStore store) => OnStoreAsync(store, async () =>
        {
            var resumed = await store.ResumeAsync(http.RequestAborted);
            return Results.Json(new { resumed, message = resumed ? "推送已恢复 / push resumed" : "推送未暂停 / push was not paused" });
        }));

        actions.MapPost("/check", (HttpContext http, ConsoleJobs jobs) => jobs.StartCheck(Caller(http))
            ? Results.Json(new { started = true, message = "检查已开始 / check started" }, statusCode: StatusCodes.Status202Accepted)
            : Results.Json(new { started = false, message = "检查正在运行 / a check is already running" }, statusCode: StatusCodes.Status409Conflict));

        actions.MapPost("/selftest", (HttpContext http, ConsoleJobs jobs) => jobs.StartSelfTest(Caller(http))
            ? Results.Json(new { started = true, message = "自检已开始 / selftest started" }, statusCode: StatusCodes.Status202Accepted)
            : Results.Json(new { started = false, message = "自检正在运行 / selftest is already running" }, statusCode: StatusCodes.Status409Conflict));
        return app;
    }

    /// <summary>
    /// Why a POST is refused as possibly cross-site: without the console's header (a form or an
    /// image of another site cannot send it; a script of another site cannot without a CORS
    /// preflight, which the provider never grants), or from another origin as the browser reports it.
    /// </summary>
    internal static string? SameSiteProblem(HttpContext http)
    {
        var request = http.Request;
        if (request.Headers[ConsolePage.ActionHeader] != "1")
        {
            return $"refused: the console's buttons send {ConsolePage.ActionHeader}; this request did not";
        }
        if (request.Headers["Sec-Fetch-Site"] is { Count: > 0 } site && site != "same-origin" && site != "none")
        {
            return "refused: a request from another site";
        }
        if (request.Headers.Origin is { Count: > 0 } origin
            && (!Uri.TryCreate(origin.ToString(), UriKind.Absolute, out var from) || !string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)))
        {
            return "refused: a request from another origin";
        }
        return null;
    }

    private static async Task<IResult> OnStoreAsync(PushStore store, Func<Task<IResult>> action)
    {
        try
        {
            await store.EnsureReadyAsync(CancellationToken.None);
            return await action();
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException or TimeoutException)
        {
            return Results.Json(new { message = Masking.Redact(ex.Message) }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static void Protect(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'none'";
    }

    private static string Caller(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } address ? Networks.Normalise(address).ToString() : "(none)";
}
