using System.Globalization;
using System.Text;
using System.Text.Json;
using ProviderApi.Discovery;

namespace ProviderApi.Tests.Discovery;

/// <summary>
/// How discover ranked one source-view column against the shape's ground truth: the top candidate
/// as "table.column (score)" ("—" when there is none), the 1-based rank of the first right one
/// (0 when none is right), and for a field the shape lacks whether discover left it undecided.
/// </summary>
public sealed record FieldScore(string View, string Column, Truth Truth, string Top, double TopScore, int Rank, bool AbsentFlagged);

/// <summary>
/// discover's report scored against a <see cref="ReferenceHis"/>'s ground truth: per field what was
/// expected, what came first, where the right one ranked; and the totals the issue asks for.
/// </summary>
public sealed class DiscoverScore
{
    /// <summary>
    /// A field the shape lacks counts as correctly flagged when discover offers nothing for it, or
    /// nothing at or above the score below which its draft says TODO rather than mapping a column as sure.
    /// </summary>
    public const double AbsentBelow = DraftWriter.Sure;

    private DiscoverScore(IReadOnlyList<FieldScore> fields) => Fields = fields;

    public IReadOnlyList<FieldScore> Fields { get; }

    public int Present => Fields.Count(f => !f.Truth.IsAbsent);

    public int Absent => Fields.Count(f => f.Truth.IsAbsent);

    public int RightFirst => Fields.Count(f => f.Rank == 1);

    public int RightSecond => Fields.Count(f => f.Rank == 2);

    public int RightLower => Fields.Count(f => f.Rank > 2);

    public int AbsentFlagged => Fields.Count(f => f.Truth.IsAbsent && f.AbsentFlagged);

    public double RightFirstRate => Present == 0 ? 0 : (double)RightFirst / Present;

    public static DiscoverScore Of(ReferenceHis his, JsonElement report)
    {
        var fields = new List<FieldScore>();
        foreach (var field in report.GetProperty("fields").EnumerateArray())
        {
            var view = field.GetProperty("view").GetString()!;
            var column = field.GetProperty("column").GetString()!;
            var truth = his.TruthFor(view, column);
            var candidates = field.GetProperty("candidates").EnumerateArray()
                .Select(c => (Table: c.GetProperty("table").GetString()!, Column: c.GetProperty("column").GetString()!, Score: c.GetProperty("score").GetDouble()))
                .ToList();
            var rank = candidates.FindIndex(c => truth.Matches(c.Table, c.Column)) + 1;
            var top = candidates.Count == 0 ? "—" : $"{candidates[0].Table}.{candidates[0].Column} ({candidates[0].Score.ToString("0.00", CultureInfo.InvariantCulture)})";
            var topScore = candidates.Count == 0 ? 0 : candidates[0].Score;
            fields.Add(new FieldScore(view, column, truth, top, topScore, rank, candidates.Count == 0 || topScore < AbsentBelow));
        }
        return new DiscoverScore(fields);
    }

    /// <summary>"shape B (pinyin) on MariaDB: 41 of 52 present fields right first, 6 second, 2 lower; 5 of 7 absent correctly flagged".</summary>
    public string Summary(string shape, string engine) =>
        $"shape {shape} on {engine}: {RightFirst} of {Present} present fields right first ({RightFirstRate.ToString("P0", CultureInfo.InvariantCulture)}), "
        + $"{RightSecond} second, {RightLower} lower, {Present - RightFirst - RightSecond - RightLower} not offered; "
        + $"{AbsentFlagged} of {Absent} absent fields correctly flagged (no candidate scoring {AbsentBelow.ToString("0.0#", CultureInfo.InvariantCulture)} or more)";

    /// <summary>One line per field: expected, got (the top candidate), the right one's rank.</summary>
    public string Table()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"field",-46} {"expected",-62} {"got (top candidate)",-48} result");
        foreach (var f in Fields)
        {
            var result = f.Truth.IsAbsent
                ? f.AbsentFlagged ? "absent, flagged" : "absent, NOT flagged"
                : f.Rank switch { 1 => "right first", 0 => "not offered", var r => $"right at rank {r}" };
            text.AppendLine(CultureInfo.InvariantCulture, $"{f.View + "." + f.Column,-46} {f.Truth,-62} {f.Top,-48} {result}");
        }
        return text.ToString();
    }
}
