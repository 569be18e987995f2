using System.Diagnostics.Metrics;

namespace ProviderApi.Benchmarks;

/// <summary>
/// What the providers hosted in this process ask of their databases while it listens: their own
/// count and time of view reads (imgcloud.db.reads and imgcloud.db.read.duration,
/// src/ProviderApi/Data/ViewReader.cs), and every command Npgsql runs (db.client.operation.duration,
/// from a command's start to its reader's end) but those of the benchmark's own
/// <see cref="ReferencePool"/>. <see cref="ReadsSeen"/> is false when this build has no such counter.
/// </summary>
public sealed class DatabaseUse : IDisposable
{
    /// <summary>The name of the data source whose commands are the reference's, not the provider's.</summary>
    public const string ReferencePool = "imgcloud-bench-reference";

    private const string PoolTag = "db.client.connection.pool.name";

    private readonly MeterListener listener = new();
    private long reads;
    private long readMicroseconds;
    private long commands;
    private long commandMicroseconds;

    public DatabaseUse()
    {
        listener.InstrumentPublished = (instrument, meters) =>
        {
            switch (instrument.Name)
            {
                case "imgcloud.db.reads":
                    ReadsSeen = true;
                    meters.EnableMeasurementEvents(instrument);
                    break;
                case "imgcloud.db.read.duration":
                case "db.client.operation.duration" when instrument.Meter.Name == "Npgsql":
                    meters.EnableMeasurementEvents(instrument);
                    break;
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref reads, value));
        listener.SetMeasurementEventCallback<double>((instrument, seconds, tags, _) =>
        {
            var microseconds = (long)(seconds * 1_000_000);
            if (instrument.Name == "imgcloud.db.read.duration")
            {
                Interlocked.Add(ref readMicroseconds, microseconds);
                return;
            }
            foreach (var tag in tags)
            {
                if (tag.Key == PoolTag && tag.Value as string == ReferencePool)
                {
                    return;
                }
            }
            Interlocked.Increment(ref commands);
            Interlocked.Add(ref commandMicroseconds, microseconds);
        });
        listener.Start();
    }

    public bool ReadsSeen { get; private set; }

    /// <summary>The counts and times so far.</summary>
    public Snapshot Now => new(Interlocked.Read(ref reads), Interlocked.Read(ref readMicroseconds) / 1_000_000.0,
        Interlocked.Read(ref commands), Interlocked.Read(ref commandMicroseconds) / 1_000_000.0);

    public void Dispose() => listener.Dispose();

    /// <summary>View reads and their time (from opening the connection to the last row consumed); Npgsql commands and theirs.</summary>
    public sealed record Snapshot(long Reads, double ReadSeconds, long Commands, double CommandSeconds)
    {
        public static Snapshot operator -(Snapshot a, Snapshot b) =>
            new(a.Reads - b.Reads, a.ReadSeconds - b.ReadSeconds, a.Commands - b.Commands, a.CommandSeconds - b.CommandSeconds);
    }
}
