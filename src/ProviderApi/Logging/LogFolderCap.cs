using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using ProviderApi.Common;

namespace ProviderApi.Logging;

/// <summary>
/// Keeps the provider-*.log files within Logging:File:MaxTotalMegabytes: at start-up and every
/// <see cref="Interval"/> after (so also as files roll), the oldest files beyond the cap are
/// removed, even when younger than Logging:File:RetainedDays, with a warning that says what went
/// and how many days the logs now cover. The newest file, the one being written, is never removed;
/// nor is any file not named as the provider names its logs.
/// </summary>
internal sealed partial class LogFolderCap(IOptions<FileLogOptions> options, TimeProvider clock, ILogger<LogFolderCap> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var value = options.Value;
        if (value.Enabled)
        {
            Log.LogFiles(logger, value.Path, value.RetainedDays, value.MaxTotalMegabytes);
            Enforce();
        }
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.NextAsync(stoppingToken))
        {
            Enforce();
        }
    }

    /// <summary>One pass over the folder; never throws (a folder that cannot be read is tried again at the next pass).</summary>
    internal void Enforce()
    {
        var value = options.Value;
        try
        {
            // The files are named by the local date, as Serilog names them (not the injected clock's).
            var outcome = Trim(value.Path, value.MaxTotalMegabytes * 1024 * 1024, DateOnly.FromDateTime(DateTime.Now));
            foreach (var (file, problem) in outcome.Failures)
            {
                Log.LogFileNotRemoved(logger, file, problem);
            }
            if (outcome.Removed.Count > 0)
            {
                Log.LogFilesCapped(
                    logger,
                    value.MaxTotalMegabytes,
                    outcome.Removed.Count,
                    Math.Round(outcome.RemovedBytes / 1024.0 / 1024.0, 1),
                    outcome.Removed[0].Name,
                    outcome.Removed[^1].Name,
                    outcome.DaysCovered,
                    outcome.OldestKept.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    value.RetainedDays);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.LogFileNotRemoved(logger, value.Path, ex.Message);
        }
    }

    /// <summary>A log file of the provider's naming: provider-yyyyMMdd.log, or provider-yyyyMMdd_NNN.log past the size limit.</summary>
    internal sealed record LogFile(string Path, string Name, DateOnly Day, int Sequence, long Bytes);

    internal sealed record Outcome(IReadOnlyList<LogFile> Removed, long RemovedBytes, IReadOnlyList<(string File, string Problem)> Failures, DateOnly OldestKept, int DaysCovered);

    /// <summary>
    /// Removes the oldest log files of <paramref name="folder"/> until all of them together hold at
    /// most <paramref name="maxBytes"/>, never the one being written: the newest of
    /// <paramref name="today"/>'s files, nor the newest of all (a file dated later, left by a wrong clock).
    /// </summary>
    internal static Outcome Trim(string folder, long maxBytes, DateOnly today)
    {
        var files = Directory.Exists(folder) ? List(folder) : [];
        var current = files.LastOrDefault(f => f.Day == today);
        var total = files.Sum(f => f.Bytes);
        var removed = new List<LogFile>();
        var failures = new List<(string, string)>();
        long removedBytes = 0;
        for (var next = 0; total > maxBytes && next < files.Count - 1; next++)
        {
            var file = files[next];
            if (file == current)
            {
                continue;
            }
            try
            {
                File.Delete(file.Path);
                removed.Add(file);
                removedBytes += file.Bytes;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Open elsewhere (Windows) or not ours to remove: counted as kept, the next one is tried.
                failures.Add((file.Name, ex.Message));
            }
            total -= file.Bytes;
        }
        var kept = files.Except(removed).ToList();
        var oldest = kept.Count > 0 ? kept.Min(f => f.Day) : today;
        var newest = kept.Count > 0 ? kept.Max(f => f.Day) : oldest;
        return new Outcome(removed, removedBytes, failures, oldest, newest.DayNumber - oldest.DayNumber + 1);
    }

    /// <summary>The provider's log files, oldest first: by day, then by the size-limit sequence.</summary>
    internal static List<LogFile> List(string folder)
    {
        var files = new List<LogFile>();
        foreach (var info in new DirectoryInfo(folder).EnumerateFiles("provider-*.log"))
        {
            var match = FileName().Match(info.Name);
            if (match.Success && DateOnly.TryParseExact(match.Groups["day"].Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                var sequence = match.Groups["seq"].Success ? int.Parse(match.Groups["seq"].Value, CultureInfo.InvariantCulture) : 0;
                files.Add(new LogFile(info.FullName, info.Name, day, sequence, info.Length));
            }
        }
        files.Sort((a, b) => a.Day != b.Day ? a.Day.CompareTo(b.Day) : a.Sequence.CompareTo(b.Sequence));
        return files;
    }

    [GeneratedRegex(@"^provider-(?<day>\d{8})(?:_(?<seq>\d{3,9}))?\.log$", RegexOptions.CultureInvariant)]
    private static partial Regex FileName();
}
