using ProviderApi.Push;

namespace ProviderApi.Tests.Push;

/// <summary>The provider's real process killed in the middle of a batch, then started again.</summary>
public sealed class PushCrashTests : FakeCloudTest
{
    [Fact]
    public async Task Killed_mid_batch_and_restarted_it_loses_nothing_and_sends_again_only_the_call_in_flight()
    {
        var args = PushHost.Settings(Folder, Cloud)
            .Append(KeyValuePair.Create("Urls", (string?)"http://127.0.0.1:0"))
            .Append(KeyValuePair.Create("Logging:File:Path", (string?)TestLogs.Folder))
            .Select(s => $"--{s.Key}={s.Value}")
            .ToList();

        // The 40th call hangs: the provider is killed while it waits for the answer.
        var calls = 0;
        Cloud.Script = _ => Interlocked.Increment(ref calls) == 40 ? CloudReply.Hanging : CloudReply.Ok;
        var first = ProviderProcess.Start(args, Folder.Path);
        CloudCall inFlight;
        try
        {
            inFlight = await Cloud.Hung.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        }
        finally
        {
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        var acceptedBefore = Cloud.Accepted.Select(c => (c.Kind, c.Key)).ToHashSet();
        Assert.Equal(39, acceptedBefore.Count);

        Cloud.Script = _ => CloudReply.Ok;
        var second = ProviderProcess.Start(args, Folder.Path);
        try
        {
            var store = PushStore.Embedded(Folder.File("push-state.db"));
            await PushHost.WaitUntilAsync(async () =>
            {
                var counts = await store.CountAsync(TestContext.Current.CancellationToken);
                return counts.Any(c => c.State == DeliveryState.Delivered) && !counts.Any(c => c.State == DeliveryState.Pending)
                    && counts.Any(c => c.Kind == PushKind.Settlement);
            }, TimeSpan.FromSeconds(90), "every row is delivered after the restart");
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        // Nothing accepted before the kill was sent again; the call in flight was; every row of the views was accepted once.
        var afterRestart = Cloud.Calls.Skip(40).ToList();
        Assert.DoesNotContain(afterRestart, c => acceptedBefore.Contains((c.Kind, c.Key)));
        Assert.Contains(afterRestart, c => c.Kind == inFlight.Kind && c.Key == inFlight.Key);
        var accepted = Cloud.Accepted;
        Assert.Equal(accepted.Count, accepted.Select(c => (c.Kind, c.Key)).Distinct().Count());
        var (registrations, settlements) = PushHost.ViewRows(Folder.File("demo-hospital.db"));
        Assert.Equal(registrations, accepted.Where(c => c.Kind == "registration").Select(c => c.Key).ToHashSet());
        Assert.Equal(settlements, accepted.Count(c => c.Kind == "settlement"));
    }
}
