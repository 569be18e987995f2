using System.Globalization;
using System.Text;

namespace ProviderApi.Benchmarks;

/// <summary>One line of the results: a ratio against its target, or a figure without one, or why it was not measured.</summary>
/// <param name="What">What is compared with what.</param>
/// <param name="A">The provider's figure (median).</param>
/// <param name="B">The reference's figure (median).</param>
/// <param name="Ratio">The median of the pairwise ratios, as written (e.g. 1.07×).</param>
/// <param name="Target">The target, as written (e.g. ≤ 1.5×); empty when there is none.</param>
/// <param name="Pass">True PASS, false MISS, null when there is no target or nothing was measured.</param>
/// <param name="Note">How it was measured (pairs, rows, bytes), or why not.</param>
public sealed record ResultLine(string What, string A, string B, string Ratio, string Target, bool? Pass, string Note)
{
    public static ResultLine NotMeasured(string what, string target, string why) => new(what, "", "", "not measured", target, null, why);

    public string Verdict => Pass switch
    {
        true => "PASS",
        false => "MISS",
        null => Ratio == "not measured" ? "—" : "(no target)",
    };
}

/// <summary>The results as a markdown table with the machine and versions above it.</summary>
public sealed class Report
{
    private readonly List<ResultLine> lines = [];
    private readonly List<(string Key, string Value)> facts = [];

    public IReadOnlyList<ResultLine> Lines => lines;

    public void Fact(string key, string value) => facts.Add((key, value));

    public void Add(ResultLine line) => lines.Add(line);

    public static string Ms(double seconds) => (seconds * 1000).ToString(seconds < 0.1 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms";

    public static string Times(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    public static string MiB(double bytes) => (bytes / (1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";

    public static string Rps(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture) + " req/s";

    public string Markdown()
    {
        var text = new StringBuilder();
        text.AppendLine("# imgcloud provider: what it costs, against the physical limit");
        text.AppendLine();
        foreach (var (key, value) in facts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- **{key}**: {value}");
        }
        text.AppendLine();
        text.AppendLine("Each ratio is the median of the ratios of alternating runs (A, B, A, B, …) taken side by side in this run; A is the provider, B the reference.");
        text.AppendLine();
        text.AppendLine("| # | measurement | A (provider) | B (reference) | ratio | target | result | how |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {i + 1} | {Cell(line.What)} | {Cell(line.A)} | {Cell(line.B)} | {Cell(line.Ratio)} | {Cell(line.Target)} | {line.Verdict} | {Cell(line.Note)} |");
        }
        text.AppendLine();
        var misses = lines.Count(l => l.Pass == false);
        var passes = lines.Count(l => l.Pass == true);
        var unmeasured = lines.Count(l => l.Ratio == "not measured");
        text.AppendLine(CultureInfo.InvariantCulture, $"{passes} PASS, {misses} MISS, {unmeasured} not measured.");
        return text.ToString();
    }

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
