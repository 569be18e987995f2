using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ProviderApi.Push;

namespace ProviderApi.Benchmarks;

/// <summary>
/// The imaging cloud's two push endpoints (the provider's default paths) on Kestrel at 127.0.0.1
/// (a random port): each call's body is read to the end and answered at once with HTTP 200 and
/// <c>{"message":"请求成功","code":200}</c>. The provider's calls pass a gate by quota: a call
/// beyond the quota waits unanswered until the next quota opens, so the push worker is idle while
/// the reference runs. Calls with the <see cref="ReferenceHeader"/> (the bare POSTs) pass
/// without being counted. Unlike tests/ProviderApi.Tests/Push/FakeCloud.cs it neither parses nor
/// keeps what it is sent beyond the current quota, and it answers nothing but success.
/// </summary>
public sealed class PushCloud : IAsyncDisposable
{
    public const string ReferenceHeader = "X-Bench-Reference";

    private static readonly byte[] Accepted = Encoding.UTF8.GetBytes("""{"message":"请求成功","code":200}""");

    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly List<Received> passed = [];
    private int quota;
    private TaskCompletionSource opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<long> held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PushCloud(WebApplication app) => this.app = app;

    /// <summary>One call let through: its path and body, when it arrived and when it was answered (Stopwatch timestamps).</summary>
    public sealed record Received(string Path, byte[] Body, long Arrived, long Answered);

    public Uri Address { get; private set; } = null!;

    /// <summary>The provider's calls let through since the last quota opened.</summary>
    public IReadOnlyList<Received> Passed
    {
        get
        {
            lock (gate)
            {
                return [.. passed];
            }
        }
    }

    /// <summary>Completes, with the time it arrived, when a call waits at the closed gate (at first, the worker's first call).</summary>
    public Task<long> Held
    {
        get
        {
            lock (gate)
            {
                return held.Task;
            }
        }
    }

    /// <summary>Every call answered: the paths of the provider's two interfaces, by default.</summary>
    public static async Task<PushCloud> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var cloud = new PushCloud(app);
        var paths = new PushOptions();
        app.MapPost(paths.Registrations.Path, cloud.AnswerAsync);
        app.MapPost(paths.Settlements.Path, cloud.AnswerAsync);
        await app.StartAsync();
        cloud.Address = new Uri(app.Urls.First());
        return cloud;
    }

    /// <summary>
    /// Lets the next <paramref name="calls"/> of the provider through (a waiting one first);
    /// returns when (a Stopwatch timestamp), and what completes when the next call is held.
    /// </summary>
    public (long Opened, Task<long> Held) Open(int calls)
    {
        lock (gate)
        {
            quota = calls;
            passed.Clear();
            held = new(TaskCreationOptions.RunContinuationsAsynchronously);
            var waiting = opened;
            opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
            var now = Stopwatch.GetTimestamp();
            waiting.TrySetResult();
            return (now, held.Task);
        }
    }

    private async Task AnswerAsync(HttpContext http)
    {
        var arrived = Stopwatch.GetTimestamp();
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        var counted = !http.Request.Headers.ContainsKey(ReferenceHeader);
        while (counted)
        {
            Task wait;
            lock (gate)
            {
                if (quota > 0)
                {
                    quota--;
                    break;
                }
                held.TrySetResult(arrived);
                wait = opened.Task;
            }
            await wait.WaitAsync(http.RequestAborted);
        }
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = Accepted.Length;
        await http.Response.Body.WriteAsync(Accepted, http.RequestAborted);
        await http.Response.CompleteAsync();
        if (counted)
        {
            lock (gate)
            {
                passed.Add(new Received(http.Request.Path.Value!, body.ToArray(), arrived, Stopwatch.GetTimestamp()));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(stop.Token);
        await app.DisposeAsync();
    }
}
