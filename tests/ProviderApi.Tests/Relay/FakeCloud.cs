using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ProviderApi.Tests.Relay;

/// <summary>
/// The cloud's /iuWorkStation endpoints on a real Kestrel server on 127.0.0.1 (a free port). It
/// can hang: it takes a request and waits until it comes back, answering then; a request whose
/// caller gave up meanwhile is counted as abandoned, never as delivered.
/// </summary>
public sealed class FakeCloud : IAsyncDisposable
{
    private readonly WebApplication app;
    private TaskCompletionSource up = Completed();
    private int received;
    private int hanging;
    private int abandoned;

    private FakeCloud(WebApplication app) => this.app = app;

    /// <summary>Calls the cloud acted on, in order: the path's last segment and the body.</summary>
    public ConcurrentQueue<(string Name, JsonElement Body)> Delivered { get; } = new();

    /// <summary>Requests that reached the cloud, answered or not.</summary>
    public int Received => Volatile.Read(ref received);

    /// <summary>Requests received and waiting for the cloud to come back.</summary>
    public int Hanging => Volatile.Read(ref hanging);

    /// <summary>Requests whose caller went away while the cloud hung.</summary>
    public int Abandoned => Volatile.Read(ref abandoned);

    public string BaseAddress { get; private set; } = "";

    public static async Task<FakeCloud> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var cloud = new FakeCloud(app);
        app.MapPost("/iuWorkStation/{name}", cloud.HandleAsync);
        await app.StartAsync();
        cloud.BaseAddress = app.Urls.Single();
        return cloud;
    }

    /// <summary>From now on requests wait until <see cref="ComeBack"/>.</summary>
    public void Hang() => Volatile.Write(ref up, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Answers the waiting requests whose callers are still there, and every later one at once.</summary>
    public void ComeBack() => Volatile.Read(ref up).TrySetResult();

    private async Task HandleAsync(string name, HttpContext http)
    {
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body, cancellationToken: http.RequestAborted);
        Interlocked.Increment(ref received);
        Interlocked.Increment(ref hanging);
        try
        {
            await Volatile.Read(ref up).Task.WaitAsync(http.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref abandoned);
            return;
        }
        finally
        {
            Interlocked.Decrement(ref hanging);
        }
        Delivered.Enqueue((name, body));
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync("""{"code":200,"data":{},"message":""}""");
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    public async ValueTask DisposeAsync()
    {
        ComeBack();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
