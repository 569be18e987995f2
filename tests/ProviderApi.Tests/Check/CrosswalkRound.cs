using System.Text.Json;
using Dapper;
using ProviderApi.Check;
using ProviderApi.Tests.Hospitals;

namespace ProviderApi.Tests.Check;

/// <summary>What a filled round came to: the items, the group lines the radiologist filled and the item lines (overrides) added.</summary>
public sealed record CrosswalkCounts(int Items, int GroupLines, int Overrides, long Settlements);

/// <summary>
/// The crosswalk workflow as a hospital runs it, through the real executable: the crosswalk emptied,
/// <c>export-crosswalk --items</c>, a simulated radiologist filling the file, <c>load-csv --table
/// exam-part-rule</c>, then <c>check</c>. The radiologist gives each group line the code most of the
/// group's items truly have (ties: the one with more settlement lines) and an item line to each item
/// whose true code differs; the other item lines stay empty and are skipped by the loader.
/// </summary>
public sealed class CrosswalkRound(IHospital hospital, string[] settings, string folder)
{
    public Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        ProviderProcess.RunAsync([.. args, .. settings], workingDirectory: folder);

    public void EmptyCrosswalk()
    {
        using var connection = hospital.Open(writable: true);
        connection.Execute($"DELETE FROM {hospital.Dialect.Imgcloud("exam_part_rule")}");
        connection.Execute($"DELETE FROM {hospital.Dialect.Imgcloud("exam_part_map")}");
    }

    /// <summary>Exports the unmapped items with their item lines; returns the file's lines as column → value (the header's names).</summary>
    public async Task<List<Dictionary<string, string>>> ExportAsync(string path)
    {
        var (exitCode, output, error) = await RunAsync("export-crosswalk", "--file", path, "--items");
        Assert.True(exitCode == 0, $"export-crosswalk exited {exitCode}: {error}\n{output}");
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes is [0xEF, 0xBB, 0xBF, ..], "the file starts with the UTF-8 BOM (Excel opens it in Chinese)");
        using var reader = new StreamReader(path);
        var problems = new List<CsvProblem>();
        var records = CodeMapCsv.Records(reader, problems).Select(r => r.Fields).ToList();
        Assert.Empty(problems);
        Assert.Equal(CrosswalkCsv.Columns, records[0]);
        return [.. records.Skip(1).Select(fields => CrosswalkCsv.Columns.Select((c, i) => (c, v: fields[i])).ToDictionary(x => x.c, x => x.v))];
    }

    /// <summary>Fills the exported lines as the radiologist would, by <paramref name="truth"/> of (exam_code, hospital_id); writes them to <paramref name="path"/>.</summary>
    public static CrosswalkCounts Fill(List<Dictionary<string, string>> lines, Func<string, string, string> truth, string path)
    {
        var groupLines = 0;
        var overrides = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            Assert.Equal(CrosswalkCsv.Rule, lines[i]["kind"]);
            var items = lines.Skip(i + 1).TakeWhile(l => l["kind"] == CrosswalkCsv.Item).ToList();
            Assert.Equal(items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), lines[i]["items"]);
            var truths = items.Select(l => (Line: l, Truth: truth(l["exam_code"], l["hospital_id"]))).ToList();
            var majority = truths.GroupBy(t => t.Truth)
                .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Sum(t => long.Parse(t.Line["settlements"], System.Globalization.CultureInfo.InvariantCulture)))
                .ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
            lines[i]["exam_part"] = majority;
            groupLines++;
            foreach (var (line, code) in truths.Where(t => t.Truth != majority))
            {
                line["exam_part"] = code;
                overrides++;
            }
            i += items.Count;
        }
        CrosswalkCsv.Write(path, lines.Select(l => CrosswalkCsv.Columns.Select(c => (string?)l[c]).ToArray()));
        return new CrosswalkCounts(lines.Count(l => l["kind"] == CrosswalkCsv.Item), groupLines, overrides,
            lines.Where(l => l["kind"] == CrosswalkCsv.Rule).Sum(l => long.Parse(l["settlements"], System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Loads the filled file; asserts it loaded, with the item lines left empty skipped.</summary>
    public async Task LoadAsync(string path, CrosswalkCounts counts)
    {
        var (exitCode, output, error) = await RunAsync("load-csv", "--table", "exam-part-rule", "--file", path);
        Assert.True(exitCode == 0, $"load-csv exited {exitCode}: {error}\n{output}");
        Assert.Contains($"loaded {counts.GroupLines} rules", output, StringComparison.Ordinal);
        Assert.Contains($"and {counts.Overrides} overrides", output, StringComparison.Ordinal);
        Assert.Contains($"{counts.Items - counts.Overrides} lines without an exam_part skipped", output, StringComparison.Ordinal);
    }

    /// <summary>The check's JSON report's crosswalk section.</summary>
    public async Task<JsonElement> CheckCrosswalkAsync()
    {
        var (_, output, error) = await RunAsync("check", "--format", "json");
        try
        {
            using var json = JsonDocument.Parse(output);
            return json.RootElement.GetProperty("crosswalk").Clone();
        }
        catch (JsonException)
        {
            Assert.Fail($"check wrote no JSON report: {error}\n{output}");
            throw;
        }
    }

    /// <summary>Every line of view_setlInfoList: accessionNo, examPart, hospitalld.</summary>
    public List<(string AccessionNo, string? ExamPart, string Hospitalld)> SettlementLines()
    {
        using var connection = hospital.Open();
        return [.. connection.Query<(string, string?, string)>("SELECT accessionNo, examPart, hospitalld FROM view_setlInfoList")];
    }
}
