using System.Globalization;

namespace ProviderApi.Discovery;

/// <summary>A join found by matching values: most sampled values of <see cref="FromColumn"/> are values of the key <see cref="ToColumn"/>.</summary>
public sealed record FoundJoin(CatalogTable From, string FromColumn, CatalogTable To, string ToColumn, double MatchRate, int Matched, int Compared)
{
    /// <summary>The key is one column of a primary key of several: the join may need the others too.</summary>
    public bool ToCompositeKey { get; init; }
}

/// <summary>A candidate column for a field, with its score (0 to 1) and the evidence in words.</summary>
public sealed record Candidate(CatalogTable Table, ColumnProfile Profile, double Score, double ValueScore, string Evidence)
{
    public string Column => Profile.Column.Name;

    public override string ToString() => $"{Table.Name}.{Column} {Score.ToString("0.00", CultureInfo.InvariantCulture)}";
}

/// <summary>A field and its candidates, best first.</summary>
public sealed record RankedField(FieldSpec Spec, IReadOnlyList<Candidate> Candidates);

/// <summary>What discover concluded: per source view the table it is drawn from, per field the candidates, the joins.</summary>
public sealed record Ranking(IReadOnlyDictionary<string, CatalogTable> MainTables, IReadOnlyList<RankedField> Fields, IReadOnlyList<FoundJoin> Joins);

/// <summary>
/// Ranks every column of the HIS for every source-view column: the values' fit (<see cref="ValueEvidence"/>),
/// the column's and table's names (<see cref="NameHints"/>), and where the column stands: in the table
/// the view is drawn from, one join away, or further.
/// </summary>
public static class Ranker
{
    /// <summary>Candidates kept per field.</summary>
    public const int CandidatesPerField = 5;

    public static Ranking Rank(IReadOnlyList<CatalogTable> tables, IReadOnlyList<FoundJoin> joins)
    {
        var columns = tables.SelectMany(t => ProfilesOf(t).Select(p => (Table: t, Profile: p))).ToList();
        var specs = FieldSpecs.All;

        // Each field's local score for each column: values, names, the table's name.
        var local = new double[specs.Count][];
        for (var f = 0; f < specs.Count; f++)
        {
            local[f] = new double[columns.Count];
            for (var c = 0; c < columns.Count; c++)
            {
                local[f][c] = Local(specs[f], columns[c].Table, columns[c].Profile, out _, out _);
            }
        }

        var main = MainTables(tables, columns, specs, local);
        var distances = main.ToDictionary(m => m.Key, m => Distances(m.Value, joins), StringComparer.Ordinal);

        var fields = new List<RankedField>();
        for (var f = 0; f < specs.Count; f++)
        {
            var spec = specs[f];
            var best = new List<(int Column, double Score)>();
            for (var c = 0; c < columns.Count; c++)
            {
                if (local[f][c] <= 0.05)
                {
                    continue;
                }
                var factor = main.ContainsKey(spec.View) ? Proximity(distances[spec.View].GetValueOrDefault(columns[c].Table, int.MaxValue)) : 1;
                best.Add((c, local[f][c] * factor));
            }
            var candidates = best.OrderByDescending(b => b.Score).Take(CandidatesPerField).Select(b =>
            {
                var (table, profile) = columns[b.Column];
                Local(spec, table, profile, out var evidence, out var value);
                var where = !main.TryGetValue(spec.View, out var home) ? "" :
                    home == table ? $"; in {table.Name}, the table {spec.View} is drawn from"
                    : distances[spec.View].TryGetValue(table, out var d) ? $"; {d} join{(d == 1 ? "" : "s")} from {home.Name}" : $"; no join found to {home.Name}";
                return new Candidate(table, profile, Math.Round(b.Score, 3), value ?? 0, evidence + where);
            }).ToList();
            fields.Add(new RankedField(spec, candidates));
        }
        return new Ranking(main, fields, joins);
    }

    /// <summary>A table's profiles, or its bare columns when it was not read (ranked by names).</summary>
    private static IReadOnlyList<ColumnProfile> ProfilesOf(CatalogTable table) =>
        table.Profiles.Count > 0 ? table.Profiles : table.Columns.Select(c => new ColumnProfile { Column = c }).ToList();

    /// <summary>How much a column counts by where it stands from the view's own table: there 1, one join away 0.92, two 0.85, unjoined 0.72.</summary>
    private static double Proximity(int distance) => distance switch
    {
        0 => 1,
        1 => 0.92,
        2 => 0.85,
        _ => 0.72,
    };

    /// <summary>The score of one column for one field from its values, its name and its table's name.</summary>
    public static double Local(FieldSpec spec, CatalogTable table, ColumnProfile profile, out string evidence, out double? value)
    {
        (value, var valueText) = ValueEvidence.Of(spec.Kind, profile);
        var name = NameHints.Match(profile.Column.Name, spec.Hints);
        var avoided = spec.Avoid.Length > 0 && NameHints.Mentions(profile.Column.Name, spec.Avoid);
        if (avoided)
        {
            name *= 0.35;
        }
        var tableFit = NameHints.Match(table.Name, spec.TableHints ?? FieldSpecs.ViewTables[spec.View]);
        var strength = ValueEvidence.Strength(spec.Kind);
        var score = value is { } v
            ? (strength * v) + ((0.85 - strength) * name) + (0.15 * tableFit)
            : ((0.85 - strength) * name) + (0.35 * strength * name) + (0.15 * tableFit);
        var wrongTable = spec.AvoidTables is { } avoid && NameHints.Mentions(table.Name, avoid);
        if (wrongTable)
        {
            score *= 0.6;
        }
        evidence = $"{valueText}; name {name.ToString("0.00", CultureInfo.InvariantCulture)}{(avoided ? " (a look-alike's word)" : "")}, table name {tableFit.ToString("0.00", CultureInfo.InvariantCulture)}{(wrongTable ? " (another kind of table)" : "")}";
        return score;
    }

    /// <summary>
    /// The table each source view is drawn from: for each view and table, the mean of the view's
    /// anchor fields' best scores in the table plus its name's fit; the best pairs are taken first,
    /// one view per table (the cancelled stays share the inpatient view's).
    /// </summary>
    private static Dictionary<string, CatalogTable> MainTables(IReadOnlyList<CatalogTable> tables, List<(CatalogTable Table, ColumnProfile Profile)> columns, IReadOnlyList<FieldSpec> specs, double[][] local)
    {
        var views = specs.Select(s => s.View).Where(v => v != Data.Migrations.SourceViewColumns.Cancelled).Distinct().ToList();
        var byTable = columns.Select((c, i) => (c.Table, i)).GroupBy(c => c.Table).ToDictionary(g => g.Key, g => g.Select(x => x.i).ToList());
        var pairs = new List<(string View, CatalogTable Table, double Score)>();
        foreach (var view in views)
        {
            var anchors = specs.Select((s, i) => (s, i)).Where(x => x.s.View == view && x.s.Anchor).Select(x => x.i).ToList();
            foreach (var table in tables)
            {
                if (!byTable.TryGetValue(table, out var indexes))
                {
                    continue;
                }
                var fit = anchors.Average(f => indexes.Max(c => local[f][c]));
                pairs.Add((view, table, fit + (0.3 * NameHints.Match(table.Name, FieldSpecs.ViewTables[view]))));
            }
        }
        var main = new Dictionary<string, CatalogTable>(StringComparer.Ordinal);
        var taken = new HashSet<CatalogTable>();
        foreach (var (view, table, _) in pairs.OrderByDescending(p => p.Score))
        {
            if (!main.ContainsKey(view) && taken.Add(table))
            {
                main[view] = table;
            }
        }
        if (main.TryGetValue("src_inpatient_visit", out var inpatient))
        {
            main[Data.Migrations.SourceViewColumns.Cancelled] = inpatient;
        }
        return main;
    }

    /// <summary>Joins away from <paramref name="start"/>, following each from its column to the key it matches (many rows to one: the view keeps its rows), up to two.</summary>
    public static Dictionary<CatalogTable, int> Distances(CatalogTable start, IReadOnlyList<FoundJoin> joins)
    {
        var distance = new Dictionary<CatalogTable, int> { [start] = 0 };
        var frontier = new List<CatalogTable> { start };
        for (var step = 1; step <= 2; step++)
        {
            var next = new List<CatalogTable>();
            foreach (var table in frontier)
            {
                foreach (var join in joins.Where(j => j.From == table))
                {
                    if (distance.TryAdd(join.To, step))
                    {
                        next.Add(join.To);
                    }
                }
            }
            frontier = next;
        }
        return distance;
    }

    internal static bool SharesWord(string a, string b)
    {
        var left = NameHints.Words(a);
        var right = NameHints.Words(b);
        return string.Concat(left) == string.Concat(right) || left.Intersect(right).Any(w => w.Length >= 2 && w is not "no" and not "id" and not "code" and not "dm");
    }
}
