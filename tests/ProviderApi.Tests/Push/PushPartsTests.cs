using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ProviderApi.Check;
using ProviderApi.Push;
using ProviderApi.Views;

namespace ProviderApi.Tests.Push;

/// <summary>
/// The parts of the push, each alone on an embedded store in the test's folder: the lease, the
/// scan (what is new or changed), the sender (calls and outcomes), the pruning rule, and the list
/// of interfaces. The whole push, through the real host and process, is PushTests and PushCrashTests.
/// </summary>
public sealed class PushPartsTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly ServiceProvider metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly PushStore store;

    public PushPartsTests() => store = PushStore.Embedded(folder.File("push-state.db"));

    public void Dispose()
    {
        metrics.Dispose();
        folder.Dispose();
    }

    private static IOptions<PushOptions> Options(Action<PushOptions>? change = null)
    {
        var options = new PushOptions { PollSeconds = 60, LeaseSeconds = 120, AttemptTimeoutSeconds = 1, MaxRetries = 0 };
        change?.Invoke(options);
        return Microsoft.Extensions.Options.Options.Create(options);
    }

    private PushMonitor Monitor() => new(metrics.GetRequiredService<IMeterFactory>(), NullLogger<PushMonitor>.Instance);

    private long NowMs => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static PushItem Item(string key, string body, string? problems = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return new PushItem(PushKind.Registration, key, PushPayloads.Hash(bytes), $"label {key}", bytes, () => RowVerdict.Plain(problems));
    }

    private static async IAsyncEnumerable<PushItem> Items(params PushItem[] items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }

    private async Task<Dictionary<string, Delivery>> StoredAsync(PushKind kind = PushKind.Registration) =>
        (await store.LoadAsync(kind, TestContext.Current.CancellationToken)).ToDictionary(d => d.Key);

    [Fact]
    public async Task The_lease_is_held_by_one_instance_and_passes_when_released_or_expired()
    {
        var token = TestContext.Current.CancellationToken;
        await store.EnsureReadyAsync(token);
        var first = new PushLease(store, Options(), clock, NullLogger<PushWorker>.Instance);
        var second = new PushLease(store, Options(), clock, NullLogger<PushWorker>.Instance);

        Assert.False(await first.TakeAsync(token));   // taken, not held before: load the state
        Assert.Null(await second.TakeAsync(token));   // standby
        Assert.True(second.Standby);
        Assert.True(await first.TakeAsync(token));    // renewed, held before

        await first.ReleaseAsync();
        Assert.False(await second.TakeAsync(token));
        Assert.Equal(second.Holder, (await store.ReadControlAsync(token)).Holder);

        // The holder stalls past its lease: the other takes it, and the stalled one stops before its next call.
        clock.Advance(TimeSpan.FromSeconds(121));
        Assert.False(await first.TakeAsync(token));
        Assert.False(await second.KeepAsync(token));
        Assert.False(second.Held);
    }

    [Fact]
    public async Task The_scan_records_new_changed_invalid_and_departed_rows_and_batches_the_pending()
    {
        var token = TestContext.Current.CancellationToken;
        var scan = new PushScan(Monitor(), NullLogger<PushWorker>.Instance);
        var known = new Dictionary<string, Delivery>(StringComparer.Ordinal);

        var first = await scan.Compare(PushKind.Registration,
            Items(Item("A", "{\"a\":1}"), Item("B", "{\"b\":1}", problems: "REG-X idCardNo"), Item("A", "{\"a\":1}"), Item("C", "{\"c\":1}")),
            known, NowMs, batchSize: 1, token);

        Assert.Equal(["A", "B", "C"], first.Changed.Select(d => d.Key).Order());
        Assert.Equal(DeliveryState.Invalid, known["B"].State);
        Assert.Equal("REG-X idCardNo", known["B"].Reason);
        Assert.Equal(["A"], first.Batch.Select(i => i.Key));   // pending ones, at most the batch size

        // A is accepted; B is unchanged; C left the view; D is new.
        known["A"].State = DeliveryState.Delivered;
        known["A"].DeliveredHash = known["A"].ContentHash;
        var second = await scan.Compare(PushKind.Registration,
            Items(Item("A", "{\"a\":1}"), Item("B", "{\"b\":1}", problems: "REG-X idCardNo"), Item("D", "{\"d\":1}")),
            known, NowMs, batchSize: 10, token);

        Assert.Equal(["C", "D"], second.Changed.Select(d => d.Key).Order());
        Assert.Equal(DeliveryState.Expired, known["C"].State);
        Assert.Equal(["D"], second.Batch.Select(i => i.Key));

        // A changes: pending again, with its new content.
        var third = await scan.Compare(PushKind.Registration, Items(Item("A", "{\"a\":2}")), known, NowMs, batchSize: 10, token);
        Assert.Contains(known["A"], third.Changed);
        Assert.Equal(DeliveryState.Pending, known["A"].State);
        Assert.Equal("{\"a\":2}", Encoding.UTF8.GetString(Assert.Single(third.Batch, i => i.Key == "A").Body.Span));
    }

    [Fact]
    public async Task At_most_N_accepted_rows_count_against_the_rows_of_the_current_window()
    {
        var token = TestContext.Current.CancellationToken;
        var list = AcceptedExceptionsFile.Read("accepted.json", Encoding.UTF8.GetBytes("""
            { "acceptances": [ { "view": "View_Register_Info", "rule": "REG-REQUIRED", "field": "mobilePhone", "scope": "maxRows", "maxRows": 2,
                "reason": "no phone", "agreedBy": "cloud", "expires": "2099-12-31" } ] }
            """), new ViewCatalog(StandardViewList.All));
        var scan = new PushScan(Monitor(), NullLogger<PushWorker>.Instance);
        var known = new Dictionary<string, Delivery>(StringComparer.Ordinal);

        // One ledger per poll, as the payloads of a poll make it; each row lacks its phone.
        Task<ScanResult> Poll(params string[] keys)
        {
            var ledger = new AcceptanceLedger(list, "View_Register_Info", new DateOnly(2026, 12, 2));
            var items = keys.Select(key =>
            {
                var bytes = Encoding.UTF8.GetBytes($"{{\"{key}\":1}}");
                return new PushItem(PushKind.Registration, key, PushPayloads.Hash(bytes), key, bytes, () => RowVerdict.Of(
                    [new RowProblem(CheckRules.RegRequired, "mobilePhone", null, IsError: true)], ledger, p => ledger.Covering(p, _ => null, key)));
            });
            return scan.Compare(PushKind.Registration, Items([.. items]), known, NowMs, batchSize: 10, token);
        }

        var first = await Poll("A", "B", "C");
        Assert.Equal(["A", "B"], first.Batch.Select(i => i.Key));
        Assert.Equal("accepted: REG-REQUIRED mobilePhone", known["A"].Reason);
        Assert.Equal((DeliveryState.Invalid, "REG-REQUIRED mobilePhone (over maxRows of acceptance #1)"), (known["C"].State, known["C"].Reason));

        // A and B delivered: they fill the two rows, so a new D is parked.
        foreach (var key in new[] { "A", "B" })
        {
            known[key].State = DeliveryState.Delivered;
            known[key].DeliveredHash = known[key].ContentHash;
        }
        var second = await Poll("A", "B", "D");
        Assert.Empty(second.Batch);
        Assert.Equal(DeliveryState.Invalid, known["D"].State);
        Assert.True(known["A"].IsAccepted);

        // A leaves the window: its row is free again, for a new E.
        var third = await Poll("B", "E");
        Assert.Equal(["E"], third.Batch.Select(i => i.Key));
        Assert.Equal((DeliveryState.Pending, "accepted: REG-REQUIRED mobilePhone"), (known["E"].State, known["E"].Reason));
    }

    [Theory]
    [InlineData(200, """{"code":200,"message":"ok"}""", DeliveryState.Delivered, true, false)]
    [InlineData(200, """{"code":400,"message":"examPart参数值异常"}""", DeliveryState.Rejected, true, false)]
    [InlineData(500, """{"code":500,"message":"服务异常"}""", DeliveryState.Pending, false, false)]
    [InlineData(401, """{"code":401,"message":"权限校验不通过"}""", DeliveryState.Pending, false, true)]
    public async Task The_sender_records_each_outcome_and_stops_where_the_cloud_fails(
        int status, string answer, DeliveryState state, bool goesOn, bool paused)
    {
        var token = TestContext.Current.CancellationToken;
        await store.EnsureReadyAsync(token);
        var calls = new List<string>();
        var sender = Sender(calls, status, answer);
        var known = new Dictionary<string, Delivery>(StringComparer.Ordinal);
        var scan = await new PushScan(Monitor(), NullLogger<PushWorker>.Instance)
            .Compare(PushKind.Registration, Items(Item("A", "{\"a\":1}"), Item("B", "{\"b\":1}")), known, NowMs, 10, token);
        await store.SaveAsync(scan.Changed, token);

        var result = await sender.SendAsync(PushKind.Registration, scan.Batch, known, await store.ReadControlAsync(token), _ => Task.FromResult(true), token);

        Assert.Equal(goesOn, result.GoOn);
        Assert.Equal(goesOn ? 2 : 1, calls.Count);
        Assert.All(calls, path => Assert.Equal("/standardInterface/standardHttp/saveDataStorage", path));
        var stored = await StoredAsync();
        Assert.Equal(state, stored["A"].State);
        Assert.Equal(paused ? 0 : 1, stored["A"].Attempts);
        Assert.Equal(paused, (await store.ReadControlAsync(token)).PausedReason is not null);
        if (state == DeliveryState.Pending && !paused)
        {
            Assert.True(stored["A"].NextAttemptMs > NowMs, "a failed call waits before the next");
        }
    }

    [Fact]
    public async Task The_sender_makes_no_call_once_the_lease_is_lost()
    {
        var token = TestContext.Current.CancellationToken;
        await store.EnsureReadyAsync(token);
        var calls = new List<string>();
        var known = new Dictionary<string, Delivery>(StringComparer.Ordinal);
        var scan = await new PushScan(Monitor(), NullLogger<PushWorker>.Instance)
            .Compare(PushKind.Settlement, Items(Item("S", "{\"s\":1}")), known, NowMs, 10, token);

        var result = await Sender(calls, 200, """{"code":200}""")
            .SendAsync(PushKind.Settlement, scan.Batch, known, await store.ReadControlAsync(token), _ => Task.FromResult(false), token);

        Assert.False(result.GoOn);
        Assert.Empty(calls);
    }

    [Fact]
    public async Task Pruning_forgets_in_the_store_exactly_what_the_rule_says_in_memory()
    {
        var token = TestContext.Current.CancellationToken;
        await store.EnsureReadyAsync(token);
        var day = (long)TimeSpan.FromDays(1).TotalMilliseconds;
        var now = NowMs;
        Delivery Row(string key, DeliveryState state, long firstSeen, long? deliveredAt) =>
            new() { Kind = PushKind.Registration, Key = key, State = state, ContentHash = key, FirstSeenMs = firstSeen, DeliveredAtMs = deliveredAt };
        Delivery[] rows =
        [
            Row("delivered-old", DeliveryState.Delivered, now - (200 * day), now - (100 * day)),
            Row("delivered-recent", DeliveryState.Delivered, now - (200 * day), now - (10 * day)),
            Row("expired-old", DeliveryState.Expired, now - (100 * day), null),
            Row("expired-recent", DeliveryState.Expired, now - (10 * day), null),
            Row("pending-old", DeliveryState.Pending, now - (100 * day), null),
            Row("rejected-old", DeliveryState.Rejected, now - (100 * day), null),
        ];
        await store.SaveAsync(rows, token);
        var known = new Dictionary<PushKind, Dictionary<string, Delivery>> { [PushKind.Registration] = rows.ToDictionary(r => r.Key) };
        var pruning = new PushPruning(store, Options(o => o.RetainDays = 90), clock, NullLogger<PushWorker>.Instance);

        var pruned = await pruning.PruneIfDueAsync(known.Values, token);

        string[] kept = ["delivered-recent", "expired-recent", "pending-old", "rejected-old"];
        Assert.Equal(2, pruned);
        Assert.Equal(kept, known[PushKind.Registration].Keys.Order());
        Assert.Equal(kept, (await StoredAsync()).Keys.Order());
        Assert.Equal(0, await pruning.PruneIfDueAsync(known.Values, token));   // once an hour
    }

    [Fact]
    public void Every_interface_has_its_word_its_options_and_its_view()
    {
        var options = new PushOptions();
        Assert.Equal(Enum.GetValues<PushKind>(), PushInterfaces.All.Select(i => i.Kind).Order());
        Assert.All(PushInterfaces.All, i =>
        {
            Assert.Same(i, PushInterfaces.Parse(i.Text));
            Assert.Same(i, PushInterfaces.Parse(i.Text + "s"));
            Assert.StartsWith("/standardInterface/", i.Options(options).Path, StringComparison.Ordinal);
            Assert.NotNull(typeof(PushOptions).GetProperty(i.OptionsKey));
        });
        Assert.Null(PushInterfaces.Parse("dept"));
        Assert.Equal("registration|settlement", PushInterfaces.Words);
    }

    private PushSender Sender(List<string> calls, int status, string answer)
    {
        var options = Options();
        var cloud = new CloudPushClient(new OneClient(new Answering(calls, status, answer)), options);
        return new PushSender(store, cloud, Monitor(), options, clock, NullLogger<PushWorker>.Instance);
    }

    private sealed class OneClient(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false) { BaseAddress = new Uri("http://cloud.test/") };
    }

    private sealed class Answering(List<string> calls, int status, string answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            calls.Add(request.RequestUri!.AbsolutePath);
            return Task.FromResult(new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(answer, Encoding.UTF8, "application/json") });
        }
    }
}
