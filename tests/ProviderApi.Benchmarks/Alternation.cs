namespace ProviderApi.Benchmarks;

/// <summary>
/// Side-by-side runs: A, B, A, B, ... on the same machine at the same time, so that a slower
/// moment (the load generator, the server and the database share two cores) weighs on both.
/// The figure is the median of the pairwise ratios A_i / B_i, never one run.
/// </summary>
public sealed record Pairs(IReadOnlyList<double> A, IReadOnlyList<double> B)
{
    public double MedianA => Median(A);

    public double MedianB => Median(B);

    public double Ratio => Median(A.Zip(B, (a, b) => a / b).ToList());

    public int Count => A.Count;

    /// <summary>
    /// One warm-up of each, then pairs until <paramref name="budget"/> is spent (estimated from the
    /// warm-up), at least <paramref name="minPairs"/> and at most <paramref name="maxPairs"/>.
    /// </summary>
    public static async Task<Pairs> RunAsync(Func<Task<double>> a, Func<Task<double>> b, TimeSpan budget, int minPairs = 5, int maxPairs = 25)
    {
        var started = DateTime.UtcNow;
        await a();
        await b();
        var perPair = DateTime.UtcNow - started;
        var pairs = Math.Clamp((int)(budget.TotalMilliseconds / Math.Max(perPair.TotalMilliseconds, 1)), minPairs, maxPairs);
        var aa = new List<double>(pairs);
        var bb = new List<double>(pairs);
        for (var i = 0; i < pairs; i++)
        {
            aa.Add(await a());
            bb.Add(await b());
        }
        return new Pairs(aa, bb);
    }

    /// <summary>A fixed number of pairs, no warm-up (each run is long: a wrk run of five seconds).</summary>
    public static async Task<Pairs> RunAsync(Func<Task<double>> a, Func<Task<double>> b, int pairs)
    {
        var aa = new List<double>(pairs);
        var bb = new List<double>(pairs);
        for (var i = 0; i < pairs; i++)
        {
            aa.Add(await a());
            bb.Add(await b());
        }
        return new Pairs(aa, bb);
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
