using System.Globalization;
using System.Text;
using ProviderApi.Data;
using ProviderApi.Data.Migrations;

namespace ProviderApi.Discovery;

/// <summary>
/// The draft of the engine's source-view file (the shape of sql/&lt;engine&gt;/03_source_views.sql):
/// per source view the table it is drawn from, the joins found, and per column the best
/// candidate with its evidence, its alternatives, and a TODO where discover could not decide
/// (then NULL, so that the draft still runs). Names quoted the engine's way where needed.
/// </summary>
public static class DraftWriter
{
    /// <summary>Below this score a column is left NULL with a TODO.</summary>
    public const double Usable = 0.35;

    /// <summary>Below this score, or with a second candidate this close, a chosen column carries a TODO.</summary>
    public const double Sure = 0.55;

    public const double Close = 0.04;

    public static string Write(DatabaseEngine engine, Ranking ranking, HisRead read, DiscoverOptions options, DateTimeOffset now)
    {
        var text = new StringBuilder();
        text.AppendLine("-- =============================================================================");
        text.AppendLine(CultureInfo.InvariantCulture, $"-- imgcloud provider · {engine.Provider} · source views DRAFTED by discover, {now:yyyy-MM-dd HH:mm}");
        text.AppendLine("-- 草稿：由 discover 根据 HIS 的目录与抽样行生成。逐列核对，处理每一个 TODO，然后放入");
        text.AppendLine("--       Database:SourceViewsPath 指定的目录，运行 migrate。");
        text.AppendLine("-- DRAFT: read every column, settle every TODO (NULL marks a column discover could not");
        text.AppendLine("--        place), then put the file in the folder Database:SourceViewsPath names and run migrate.");
        text.AppendLine("--        Types, code conversions (sex to GB/T 2261.1, flags to 0/1) and filters");
        text.AppendLine("--        (active departments, exam items only) follow sql/README.md, \"Source-view columns\".");
        text.AppendLine(CultureInfo.InvariantCulture, $"-- Read  : {read.TablesRead} of {read.Tables.Count} tables, {read.RowsRead} rows, {read.Seconds:0.0} s{(read.StoppedEarly ? " (stopped at a bound: Discover:MaxSeconds or MaxTables)" : "")};");
        text.AppendLine(CultureInfo.InvariantCulture, $"--         at most {options.MaxRowsPerTable} rows per table. Evidence is counts and rates; no sampled value is shown.");
        text.AppendLine("-- =============================================================================");

        foreach (var (view, _) in SourceViewColumns.ByView)
        {
            var fields = ranking.Fields.Where(f => f.Spec.View == view).ToList();
            text.AppendLine();
            if (view == SourceViewColumns.Cancelled)
            {
                WriteCancelled(text, fields);
                continue;
            }
            var names = engine.SourceViewsFor(view).ToList();
            for (var i = 0; i < names.Count; i++)
            {
                var select = Select(engine, ranking, view, fields, emptyCopy: i > 0, out var header);
                foreach (var line in header)
                {
                    text.Append("-- ").AppendLine(line);
                }
                text.Append(engine.DraftView(names[i], select));
            }
        }
        return text.ToString();
    }

    private static void WriteCancelled(StringBuilder text, IReadOnlyList<RankedField> fields)
    {
        text.AppendLine($"-- {SourceViewColumns.Cancelled} (optional): stays cancelled by a status alone, without a cancel time.");
        text.AppendLine("-- Not drafted: define it only if the HIS marks cancellations by a status (sql/README.md); otherwise");
        text.AppendLine("-- the standard views use an empty default.");
        foreach (var field in fields)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"--   {field.Spec.Column}: {Alternatives(field.Candidates)}");
        }
    }

    private static string Select(DatabaseEngine engine, Ranking ranking, string view, IReadOnlyList<RankedField> fields, bool emptyCopy, out List<string> header)
    {
        header = [];
        if (!ranking.MainTables.TryGetValue(view, out var main))
        {
            header.Add($"{view}: TODO no table of the HIS looks like its source; every column is NULL.");
            return "SELECT\n" + string.Join(",\n", fields.Select(f => $"    NULL AS {f.Spec.Column}")) + (emptyCopy ? "\nWHERE 1 = 0" : "");
        }
        header.Add($"{view}: drawn from {main.Label}{(main.Read ? $" ({main.RowsRead} rows read)" : " (not read: by names alone)")}.");
        if (emptyCopy)
        {
            header.Add("TODO the second settlement view: map the HIS's other settlement table here, or keep WHERE 1 = 0 when it has one (sql/README.md).");
        }
        var aliases = new Dictionary<CatalogTable, string> { [main] = "t0" };
        var joins = new List<string>();
        var paths = Paths(main, ranking.Joins);
        var lines = new List<string>();
        foreach (var field in fields)
        {
            var column = field.Spec.Column;
            var top = field.Candidates.Count > 0 ? field.Candidates[0] : null;
            var comment = new List<string>();
            string expression;
            var todo = false;
            if (top is null || top.Score < Usable)
            {
                expression = "NULL";
                todo = true;
                comment.Add($"TODO {column}: no column scores {Usable.ToString("0.00", CultureInfo.InvariantCulture)} or more. Candidates: {Alternatives(field.Candidates)}");
            }
            else if (Alias(engine, top.Table, paths, aliases, joins) is not { } alias)
            {
                expression = "NULL";
                todo = true;
                comment.Add($"TODO {column}: best {top} but no join found from {main.Name} to {top.Table.Name}: join it by hand. {top.Evidence}");
                comment.Add($"  alternatives: {Alternatives(field.Candidates.Skip(1))}");
            }
            else
            {
                expression = Expression(engine, field.Spec, top, $"{alias}.{engine.Identifier(top.Column)}");
                var second = field.Candidates.Skip(1).FirstOrDefault();
                todo = top.Score < Sure || (second is not null && top.Score - second.Score < Close);
                comment.Add($"{(todo ? "TODO check " : "")}{column}: {top} — {top.Evidence}");
                comment.Add($"  alternatives: {Alternatives(field.Candidates.Skip(1))}");
            }
            lines.Add(string.Concat(comment.Select(c => $"    -- {OneLine(c)}\n")) + $"    {expression} AS {column}");
        }
        var from = $"FROM {engine.QualifiedName(main.Schema, main.Name)} t0" + string.Concat(joins.Select(j => "\n" + j));
        return "SELECT\n" + string.Join(",\n", lines) + "\n" + from + (emptyCopy ? "\nWHERE 1 = 0" : "");
    }

    /// <summary>The alias a table is read under, its joins added on the way; null when no join leads there from the view's table.</summary>
    private static string? Alias(DatabaseEngine engine, CatalogTable table, Dictionary<CatalogTable, List<FoundJoin>> paths, Dictionary<CatalogTable, string> aliases, List<string> joins)
    {
        if (aliases.TryGetValue(table, out var known))
        {
            return known;
        }
        if (!paths.TryGetValue(table, out var path))
        {
            return null;
        }
        foreach (var join in path)
        {
            if (aliases.ContainsKey(join.To))
            {
                continue;
            }
            var alias = $"t{aliases.Count}";
            // The evidence on its own line: the statement's end follows the last join.
            joins.Add($"-- {join.From.Name}.{join.FromColumn} → {join.To.Name}.{join.ToColumn}: {ValueEvidence.Percent(join.MatchRate)} of {join.Compared} sampled values found"
                + (join.ToCompositeKey ? $"; TODO {join.ToColumn} is one column of {join.To.Name}'s primary key: add the others if they matter" : "")
                + $"\nLEFT JOIN {engine.QualifiedName(join.To.Schema, join.To.Name)} {alias} ON {alias}.{engine.Identifier(join.ToColumn)} = {aliases[join.From]}.{engine.Identifier(join.FromColumn)}");
            aliases[join.To] = alias;
        }
        return aliases[table];
    }

    /// <summary>Per table reachable from <paramref name="main"/> by joins from column to key (up to two), the joins on the way.</summary>
    private static Dictionary<CatalogTable, List<FoundJoin>> Paths(CatalogTable main, IReadOnlyList<FoundJoin> joins)
    {
        var paths = new Dictionary<CatalogTable, List<FoundJoin>> { [main] = [] };
        var frontier = new List<CatalogTable> { main };
        for (var step = 0; step < 2; step++)
        {
            var next = new List<CatalogTable>();
            foreach (var table in frontier)
            {
                foreach (var join in joins.Where(j => j.From == table && !paths.ContainsKey(j.To)))
                {
                    paths[join.To] = [.. paths[table], join];
                    next.Add(join.To);
                }
            }
            frontier = next;
        }
        return paths;
    }

    /// <summary>The column as the source view wants it: sex as GB/T 2261.1, a status kept as a time turned into a 0/1 flag.</summary>
    private static string Expression(DatabaseEngine engine, FieldSpec spec, Candidate top, string column)
    {
        if (spec.Kind == FieldKind.Sex && top.Profile.SexSet is { } set && set != SexSet.Digits)
        {
            return set == SexSet.Chinese
                ? $"CASE {column} WHEN '男' THEN '1' WHEN '女' THEN '2' ELSE '0' END"
                : $"CASE UPPER({column}) WHEN 'M' THEN '1' WHEN 'F' THEN '2' ELSE '0' END";
        }
        if (spec.Kind is FieldKind.FlagOrTime or FieldKind.Flag && top.Profile.Dates > 0 && top.Profile.Dates >= top.Profile.NonNull / 2)
        {
            return $"CASE WHEN {column} IS NOT NULL THEN 1 ELSE 0 END";
        }
        return column;
    }

    private static string Alternatives(IEnumerable<Candidate> candidates)
    {
        var list = candidates.Select(c => c.ToString()).ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
