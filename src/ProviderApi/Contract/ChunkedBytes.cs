using System.Buffers;

namespace ProviderApi.Contract;

/// <summary>
/// Bytes written once and kept, in chunks allocated as they fill: holding an answer costs its
/// length and a little more (a chunk is closed when the writer asks for more than its rest, at
/// most a few KiB of 256 KiB; the last chunk is cut to size). Unlike a buffer that doubles (and a copy out of it), the
/// bytes are never moved, there is no second copy while they are built, and no pooled scratch
/// buffers of twice their size stay behind in the process.
/// </summary>
public sealed class ChunkedBytes : IBufferWriter<byte>
{
    /// <summary>Above the large-object threshold: a chunk is allocated where it stays, never copied by the GC.</summary>
    private const int ChunkSize = 256 * 1024;

    private readonly List<ReadOnlyMemory<byte>> chunks = [];
    private byte[] current = [];
    private int used;
    private bool sealedUp;

    /// <summary>Bytes written.</summary>
    public long Length { get; private set; }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (sealedUp || used + count > current.Length)
        {
            throw new InvalidOperationException("Advanced past the end of the chunk, or after sealing.");
        }
        used += count;
        Length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => Ensure(sizeHint).AsMemory(used);

    public Span<byte> GetSpan(int sizeHint = 0) => Ensure(sizeHint).AsSpan(used);

    /// <summary>Ends the writing: the last chunk is cut to what it holds.</summary>
    public ChunkedBytes Seal()
    {
        if (!sealedUp)
        {
            if (used > 0)
            {
                chunks.Add(used == current.Length ? current : current.AsSpan(0, used).ToArray());
            }
            current = [];
            used = 0;
            sealedUp = true;
        }
        return this;
    }

    /// <summary>Writes every byte to <paramref name="body"/>, chunk by chunk.</summary>
    public async Task WriteToAsync(Stream body, CancellationToken cancellationToken)
    {
        Seal();
        foreach (var chunk in chunks)
        {
            await body.WriteAsync(chunk, cancellationToken);
        }
    }

    private byte[] Ensure(int sizeHint)
    {
        if (sealedUp)
        {
            throw new InvalidOperationException("Written to after sealing.");
        }
        var needed = Math.Max(sizeHint, 1);
        if (current.Length - used < needed)
        {
            if (used > 0)
            {
                chunks.Add(current.AsMemory(0, used));
            }
            current = GC.AllocateUninitializedArray<byte>(Math.Max(ChunkSize, needed));
            used = 0;
        }
        return current;
    }
}
