using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using ProviderApi.Contract;
using ProviderApi.Dictionaries;

namespace ProviderApi.Tests;

/// <summary>The streamed envelope when the rows stop coming: before the first row, and after bytes were sent.</summary>
public sealed class EnvelopeStreamingTests
{
    private sealed class AbortRecorder : IHttpRequestLifetimeFeature
    {
        public CancellationToken RequestAborted { get; set; }

        public bool Aborted { get; private set; }

        public void Abort() => Aborted = true;
    }

    private static async IAsyncEnumerable<Department> Rows(int count, bool failAtEnd)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return new Department { DeptCode = $"{i:D6}", DeptName = "心血管内科", Hospitalld = "H45010000001" };
        }
        if (failAtEnd)
        {
            throw new InvalidOperationException("the database went away (SELECT secret FROM internals)");
        }
    }

    private static async Task<(DefaultHttpContext Http, string Body, AbortRecorder Lifetime)> RunAsync(IAsyncEnumerable<Department> rows, MemoryStream? into = null)
    {
        var http = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().AddOptions().BuildServiceProvider(),
        };
        var body = into ?? new MemoryStream();
        http.Response.Body = body;
        var lifetime = new AbortRecorder();
        http.Features.Set<IHttpRequestLifetimeFeature>(lifetime);

        await EnvelopeResults.Stream(rows, ProviderApi.Dictionaries.DictionaryJsonContext.Contract.Department, "test rows").ExecuteAsync(http);
        await http.Response.BodyWriter.FlushAsync(TestContext.Current.CancellationToken);
        return (http, Encoding.UTF8.GetString(body.ToArray()), lifetime);
    }

    [Fact]
    public async Task No_rows_give_an_empty_datas_array()
    {
        var (http, body, lifetime) = await RunAsync(Rows(0, failAtEnd: false));

        Assert.Equal(200, http.Response.StatusCode);
        Assert.Equal("""{"code":200,"message":"成功","datas":[]}""", body);
        Assert.False(lifetime.Aborted);
    }

    [Fact]
    public async Task A_failure_before_the_first_row_gives_the_500_envelope_without_internals()
    {
        var (http, body, lifetime) = await RunAsync(Rows(0, failAtEnd: true));

        Assert.Equal(500, http.Response.StatusCode);
        Assert.Equal("""{"code":500,"message":"服务异常","datas":[]}""", body);
        Assert.False(lifetime.Aborted);
    }

    [Fact]
    public async Task A_failure_after_rows_were_sent_aborts_the_response_instead_of_closing_it()
    {
        var (_, body, lifetime) = await RunAsync(Rows(5000, failAtEnd: true));

        Assert.True(lifetime.Aborted);
        Assert.StartsWith("""{"code":200,"message":"成功","datas":[{""", body, StringComparison.Ordinal);
        Assert.False(body.EndsWith("]}", StringComparison.Ordinal), "a cut-off answer must not look complete");
        Assert.DoesNotContain("secret", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_reach_the_client_as_they_are_written_not_when_the_answer_ends()
    {
        // 5,000 rows (about 420 KiB), then the database pauses: what was written must already be on
        // its way (flushed every 32 KiB), not held in the server's buffers until the last row. Held,
        // a 200,000-item dictionary sat whole (40 MiB) in memory before the first byte left.
        var paused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long sentAtPause = 0;
        var body = new MemoryStream();

        async IAsyncEnumerable<Department> PausingRows()
        {
            await foreach (var row in Rows(5000, failAtEnd: false))
            {
                yield return row;
            }
            sentAtPause = body.Length;
            paused.SetResult();
            await resume.Task;
            await foreach (var row in Rows(10, failAtEnd: false))
            {
                yield return row;
            }
        }

        var running = RunAsync(PausingRows(), body);
        await paused.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        resume.SetResult();
        var (_, whole, lifetime) = await running;

        // Every row has the same length: the rows before the pause are 5,000 of the 5,010.
        var writtenBeforePause = Encoding.UTF8.GetByteCount(whole) * 5000L / 5010;
        Assert.False(lifetime.Aborted);
        Assert.EndsWith("]}", whole, StringComparison.Ordinal);
        Assert.True(writtenBeforePause > 300 * 1024, $"the rows before the pause are too few to tell ({writtenBeforePause:N0} bytes)");
        Assert.True(sentAtPause >= writtenBeforePause - (64 * 1024), $"{sentAtPause:N0} of {writtenBeforePause:N0} bytes were sent before the pause");
    }
}
