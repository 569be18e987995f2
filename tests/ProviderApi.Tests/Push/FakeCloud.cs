using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ProviderApi.Tests.Push;

/// <summary>One call the fake cloud received.</summary>
/// <param name="Kind">registration or settlement, by the path called.</param>
/// <param name="Key">outpatientNumber, or the settlement's whole body (its identity).</param>
/// <param name="Body">The JSON received.</param>
/// <param name="Headers">The request's headers.</param>
/// <param name="Number">1 for the first call with this key, 2 for the second, ...</param>
public sealed record CloudCall(string Kind, string Key, JsonObject Body, IReadOnlyDictionary<string, string> Headers, int Number);

/// <summary>How the fake cloud answers one call: an HTTP status and a body, or no answer at all.</summary>
public sealed record CloudReply(int Status, string? Body, bool Hang = false)
{
    public static CloudReply Ok { get; } = new(200, """{"message":"请求成功","code":200}""");

    public static CloudReply Http500 { get; } = new(500, """{"message":"服务异常","code":500}""");

    public static CloudReply Body500 { get; } = new(200, """{"message":"服务异常","code":500}""");

    public static CloudReply Http400 { get; } = new(400, """{"message":"idCardNo:不能为空","code":400}""");

    public static CloudReply Body400 { get; } = new(200, """{"message":"examPart参数值异常","code":400}""");

    public static CloudReply Http401 { get; } = new(401, """{"message":"权限校验不通过","code":401}""");

    public static CloudReply Body401 { get; } = new(200, """{"message":"权限校验不通过","code":401}""");

    public static CloudReply Hanging { get; } = new(0, null, Hang: true);
}

/// <summary>
/// The imaging cloud's two push endpoints on a real Kestrel port of 127.0.0.1, answering as a
/// script says. It records every call and which ones it accepted (answered 200 with code 200).
/// </summary>
public sealed class FakeCloud : IAsyncDisposable
{
    public const string RegistrationPath = "/standardInterface/standardHttp/saveDataStorage";
    public const string SettlementPath = "/standardInterface/standardHttp/saveSetlInfoList";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<(string, string), int> numbers = new();
    private readonly ConcurrentQueue<CloudCall> calls = new();
    private readonly ConcurrentQueue<CloudCall> accepted = new();

    private FakeCloud(WebApplication app) => this.app = app;

    /// <summary>Decides each answer; every call accepted unless set.</summary>
    public Func<CloudCall, CloudReply> Script { get; set; } = _ => CloudReply.Ok;

    /// <summary>Completed when a call is left hanging (for tests that act while a call is in flight).</summary>
    public TaskCompletionSource<CloudCall> Hung { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string BaseAddress { get; private set; } = "";

    public IReadOnlyList<CloudCall> Calls => [.. calls];

    public IReadOnlyList<CloudCall> Accepted => [.. accepted];

    public static async Task<FakeCloud> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var cloud = new FakeCloud(app);
        app.MapPost(RegistrationPath, http => cloud.AnswerAsync(http, "registration"));
        app.MapPost(SettlementPath, http => cloud.AnswerAsync(http, "settlement"));
        await app.StartAsync();
        cloud.BaseAddress = app.Urls.Single();
        return cloud;
    }

    public int CallsFor(string kind, string key) => calls.Count(c => c.Kind == kind && c.Key == key);

    public void ResetHung() => Hung = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task AnswerAsync(HttpContext http, string kind)
    {
        using var reader = new StreamReader(http.Request.Body);
        var text = await reader.ReadToEndAsync(http.RequestAborted);
        var body = JsonNode.Parse(text)!.AsObject();
        var key = kind == "registration" ? (string?)body["outpatientNumber"] ?? "" : text;
        var call = new CloudCall(kind, key, body,
            http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            numbers.AddOrUpdate((kind, key), 1, (_, n) => n + 1));
        calls.Enqueue(call);
        var reply = Script(call);
        if (reply.Hang)
        {
            Hung.TrySetResult(call);
            await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }
        http.Response.StatusCode = reply.Status;
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(reply.Body ?? "", http.RequestAborted);
        await http.Response.CompleteAsync();
        if (reply.Status == 200 && reply.Body is not null && reply.Body.Contains("\"code\":200", StringComparison.Ordinal))
        {
            accepted.Enqueue(call);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await app.StopAsync(stop.Token);
        await app.DisposeAsync();
    }
}

/// <summary>A test class with a fake cloud of its own and a folder for its files, both gone afterwards.</summary>
public abstract class FakeCloudTest : IAsyncLifetime
{
    protected TempFolder Folder { get; } = new();

    protected FakeCloud Cloud { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Cloud = await FakeCloud.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await Cloud.DisposeAsync();
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }
}
