using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ProviderApi.Common;
using ProviderApi.Contract;
using ProviderApi.Data;
using ProviderApi.Views;
using ZiggyCreatures.Caching.Fusion;

namespace ProviderApi.Dictionaries;

/// <summary>Configuration section <c>DictionaryCache</c>: how the HIS database is shielded from the cloud's polling.</summary>
public sealed class DictionaryCacheOptions
{
    public const string Section = "DictionaryCache";

    /// <summary>Seconds a dictionary answer is reused before the database is read again; 0 turns the cache off (every request streams from the database).</summary>
    public int Seconds { get; set; } = 300;

    /// <summary>Seconds past expiry the last good answer is still served while the database fails (marked stale); 0: never serve stale.</summary>
    public int StaleSeconds { get; set; } = 24 * 60 * 60;

    /// <summary>While serving stale, seconds between attempts to read the database again.</summary>
    public int RetrySeconds { get; set; } = 30;
}

internal sealed class DictionaryCacheOptionsValidation : IValidateOptions<DictionaryCacheOptions>
{
    public ValidateOptionsResult Validate(string? name, DictionaryCacheOptions options)
    {
        var errors = new List<string>();
        if (options.Seconds is < 0 or > 86_400)
        {
            errors.Add($"DictionaryCache:Seconds must be between 0 (off) and 86400 (was {options.Seconds}).");
        }
        if (options.StaleSeconds is < 0 or > 30 * 86_400)
        {
            errors.Add($"DictionaryCache:StaleSeconds must be between 0 and 2592000, 30 days (was {options.StaleSeconds}).");
        }
        if (options.RetrySeconds is < 1 or > 3_600)
        {
            errors.Add($"DictionaryCache:RetrySeconds must be between 1 and 3600 (was {options.RetrySeconds}).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>
/// Answers the two dictionary endpoints. With the cache on, each dictionary is read once per
/// expiry however many callers arrive together (FusionCache's stampede protection), kept as the
/// envelope's bytes, and while the database fails the last good answer is served for
/// DictionaryCache:StaleSeconds (FusionCache's fail-safe), marked with X-Imgcloud-Stale and in
/// the log. With the cache off the rows stream from the database. Every read is bounded by
/// Database:RequestTimeoutSeconds.
/// </summary>
public sealed class DictionaryAnswers(
    ViewReader views,
    DatabaseEngine engine,
    ViewCatalog catalog,
    IFusionCache cache,
    IOptions<DictionaryCacheOptions> cacheOptions,
    IOptions<DatabaseOptions> databaseOptions,
    IOptions<ContractOptions> contractOptions,
    ProviderMetrics metrics,
    TimeProvider clock,
    ILogger<DictionaryAnswers> logger,
    SqliteFileWatch fileWatch)
{
    // Dictionaries whose last read failed: an answer given while set is the fail-safe's stale copy.
    private readonly ConcurrentDictionary<string, bool> failing = new(StringComparer.Ordinal);

    // An answer this long or longer is followed by a compacting collection (ReleaseWhatTheBuildWentThrough):
    // a 50,000-item dictionary is about 10 MiB, 500 departments 35 KiB.
    private const long CompactAfterBytes = 4L * 1024 * 1024;

    // The SQLite file's generation the cached answers were read from (see ForgetIfFileChangedAsync).
    private long fileGeneration;

    /// <summary>The answer of a served view: the rows go from the reader to the JSON writer, no row object each.</summary>
    public Task<IResult> AnswerAsync(StandardView view, HttpContext http)
    {
        var serving = view.Http ?? throw new InvalidOperationException($"{view.Name} is not served over HTTP.");
        var sql = selects[view];
        return AnswerAsync(serving.Name, ct => views.RowsAsync(sql, ct), view.RowWriter, serving.What, http);
    }

    // Each served view's query, written once for the engine.
    private readonly Dictionary<StandardView, string> selects =
        catalog.In(ViewModes.ServedOverHttp).ToDictionary(v => v, v => v.Select(engine, v.Http!.OrderTerms(engine)));

    private async Task<IResult> AnswerAsync(
        string key, Func<CancellationToken, IAsyncEnumerable<DbDataReader>> rows, Func<Action<Utf8JsonWriter, DbDataReader>> rowWriter, string what, HttpContext http)
    {
        var options = cacheOptions.Value;
        var timeout = databaseOptions.Value.RequestTimeout;
        if (options.Seconds == 0)
        {
            // Not tied to the request alone: the timeout also ends a read whose client waits forever.
            var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            deadline.CancelAfter(timeout);
            http.Response.RegisterForDispose(deadline);
            return EnvelopeResults.Stream(rows(deadline.Token), rowWriter(), what);
        }

        await ForgetIfFileChangedAsync();
        var record = EnvelopeRecord.Of(http);
        var ranFactory = false;
        BufferedEnvelope answer;
        // A caller waits for the one read in flight at most its own timeout: when that read fails, the
        // callers queued behind it would otherwise each start a read of their own, one after another.
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        wait.CancelAfter(timeout + TimeSpan.FromSeconds(1));
        try
        {
            answer = await cache.GetOrSetAsync<BufferedEnvelope>(
                key,
                async (_, _) =>
                {
                    ranFactory = true;
                    // The read belongs to every caller waiting on it, not to the one that started it:
                    // bounded by its own timeout, not cancelled when that caller goes away.
                    using var deadline = new CancellationTokenSource(timeout);
                    try
                    {
                        var read = await EnvelopeResults.BufferAsync(rows(deadline.Token), rowWriter(), contractOptions.Value.SuccessCode, clock, deadline.Token);
                        var collection = ReleaseWhatTheBuildWentThrough(read);
                        Log.DictionaryCached(logger, what, read.Body.Length, read.Rows, collection);
                        failing.TryRemove(key, out _);
                        return read;
                    }
                    catch (Exception ex)
                    {
                        failing[key] = true;
                        Log.DictionaryReadFailed(logger, ex, what);
                        throw;
                    }
                },
                EntryOptions(options, timeout),
                wait.Token);
        }
        catch (Exception) when (!http.RequestAborted.IsCancellationRequested)
        {
            // Logged where the read failed; nothing good was left to serve.
            return EnvelopeResults.Failure(FailureEnvelope.ServerError);
        }

        var stale = failing.ContainsKey(key);
        if (stale)
        {
            record.Source = "stale";
            metrics.StaleServe(key);
            Log.ServingStale(logger, what, answer.ReadAt);
        }
        else if (!ranFactory)
        {
            record.Source = "cache";
            metrics.CacheHit(key);
        }
        return EnvelopeResults.Buffered(answer, stale);
    }

    /// <summary>
    /// After a large answer is built (<see cref="CompactAfterBytes"/> or more), one blocking,
    /// compacting collection that hands back to the operating system the memory the build went
    /// through. Reading the rows allocates about 1.4 times the answer's length in short-lived
    /// strings (each value as the driver reads it) beside the answer's own bytes; the GC sizes its
    /// gen0 budget to a heap that now holds the answer and keeps that memory committed for the next
    /// build, DictionaryCache:Seconds away. Measured on a 40 MiB answer (the benchmark's line 13):
    /// 10 to 35 ms of pause once per build (two busy cores), and 10 to 30 MiB less working set while it is held.
    /// </summary>
    /// <returns>What was done, for the log.</returns>
    private static string ReleaseWhatTheBuildWentThrough(BufferedEnvelope answer)
    {
        if (answer.Body.Length < CompactAfterBytes)
        {
            return "no collection (a small answer)";
        }
        var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
        var started = TimeProvider.System.GetTimestamp();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        var after = GC.GetGCMemoryInfo().TotalCommittedBytes;
        return string.Create(CultureInfo.InvariantCulture,
            $"a compacting collection ({elapsed.TotalMilliseconds:0} ms) took the heap's committed memory from {committed / 1048576.0:0.0} to {after / 1048576.0:0.0} MiB");
    }

    /// <summary>
    /// A SQLite database file replaced under the provider (a restore) makes both cached answers
    /// expire, so the next request reads the new file; expired, not removed: should the new file
    /// fail, the fail-safe still has the last good answer to serve, marked stale.
    /// </summary>
    private async ValueTask ForgetIfFileChangedAsync()
    {
        fileWatch.CheckChanged();
        var generation = fileWatch.Generation;
        if (Interlocked.Exchange(ref fileGeneration, generation) != generation)
        {
            foreach (var view in catalog.In(ViewModes.ServedOverHttp))
            {
                await cache.ExpireAsync(view.Http!.Name);
            }
        }
    }

    private static FusionCacheEntryOptions EntryOptions(DictionaryCacheOptions options, TimeSpan timeout)
    {
        var duration = TimeSpan.FromSeconds(options.Seconds);
        return new FusionCacheEntryOptions
        {
            Duration = duration,
            IsFailSafeEnabled = options.StaleSeconds > 0,
            FailSafeMaxDuration = duration + TimeSpan.FromSeconds(Math.Max(options.StaleSeconds, 1)),
            FailSafeThrottleDuration = TimeSpan.FromSeconds(options.RetrySeconds),
            // A driver that ignores cancellation still cannot hold a caller past the timeout.
            FactoryHardTimeout = timeout + TimeSpan.FromSeconds(1),
            // The cache is one process's memory, with nothing to share it with.
            SkipDistributedCacheRead = true,
            SkipDistributedCacheWrite = true,
        };
    }
}
