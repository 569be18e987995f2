namespace ProviderApi.Discovery;

/// <summary>A possible join: values of <see cref="From"/> that may be values of the key <see cref="To"/>.</summary>
public sealed record JoinCandidate(CatalogTable FromTable, ColumnProfile From, CatalogTable ToTable, ColumnProfile To, int Matched, bool SharesWord)
{
    /// <summary>The share of the sampled values found among the key's values (by the samples, or by a probe of the key).</summary>
    public double Rate { get; set; }

    /// <summary>How many values the rate was measured on.</summary>
    public int Compared { get; set; }
}

/// <summary>
/// Joins by matching values: a column whose sampled values are mostly values of another table's
/// key (a one-column primary key, a member of a composite one, or a column distinct in its
/// sample). Where the key's table was read whole, the samples decide; otherwise the key is probed
/// with up to <see cref="ProbeValues"/> of the column's values (one indexed SELECT DISTINCT ... IN).
/// Sequences of small numbers (item numbers 1, 2, 3) match any such key: they count only between
/// columns whose names share a word.
/// </summary>
public static class JoinFinder
{
    /// <summary>Values of a column kept (in memory only) to probe a key with.</summary>
    public const int ProbeValues = 50;

    /// <summary>Keys probed per column at most (the likeliest first).</summary>
    private const int ProbesPerColumn = 3;

    /// <summary>A join needs this share of the values found.</summary>
    public const double MinimumRate = 0.5;

    public static IReadOnlyList<FoundJoin> Find(IReadOnlyList<CatalogTable> tables, int maxRowsPerTable, Func<JoinCandidate, (int Found, int Probed)?> probe)
    {
        var keys = new List<(CatalogTable Table, ColumnProfile Profile)>();
        foreach (var table in tables.Where(t => t.Read))
        {
            var primaryKey = table.Profiles.Count(p => p.Column.PrimaryKey);
            foreach (var p in table.Profiles.Where(p => p.Hashes.Count > 0))
            {
                var smallNumbers = IsSmallNumbers(p);
                var key = (p.Column.PrimaryKey && primaryKey == 1)
                    || (p.Column.PrimaryKey && !smallNumbers)
                    || (!p.Column.PrimaryKey && p.NonNull >= 10 && p.Distinct == p.NonNull && !smallNumbers);
                if (key)
                {
                    keys.Add((table, p));
                }
            }
        }
        var index = new Dictionary<ulong, List<int>>();
        for (var k = 0; k < keys.Count; k++)
        {
            foreach (var hash in keys[k].Profile.Hashes)
            {
                if (!index.TryGetValue(hash, out var list))
                {
                    index[hash] = list = [];
                }
                list.Add(k);
            }
        }

        var found = new List<FoundJoin>();
        foreach (var table in tables.Where(t => t.Read))
        {
            foreach (var from in table.Profiles.Where(p => p.Hashes.Count >= 2))
            {
                var hits = new Dictionary<int, int>();
                foreach (var hash in from.Hashes)
                {
                    if (index.TryGetValue(hash, out var list) && list.Count <= 40)
                    {
                        foreach (var k in list)
                        {
                            hits[k] = hits.GetValueOrDefault(k) + 1;
                        }
                    }
                }
                // A table's own one-column primary key points at no parent: matched by a child's column it is that child's join, seen from its side.
                var ownKey = from.Column.PrimaryKey && table.Columns.Count(c => c.PrimaryKey) == 1;
                var candidates = new List<JoinCandidate>();
                foreach (var (k, matched) in hits)
                {
                    var (toTable, to) = keys[k];
                    if (toTable == table || (to.Column.Family != from.Column.Family && (to.Column.Family == TypeFamily.Text || from.Column.Family == TypeFamily.Text)))
                    {
                        continue;
                    }
                    var soleKey = to.Column.PrimaryKey && toTable.Columns.Count(c => c.PrimaryKey) == 1;
                    if (ownKey && !soleKey)
                    {
                        continue;
                    }
                    var shares = Ranker.SharesWord(from.Column.Name, to.Column.Name) || Ranker.SharesWord(from.Column.Name, toTable.Name);
                    if (IsSmallNumbers(from) && !shares)
                    {
                        continue;
                    }
                    candidates.Add(new JoinCandidate(table, from, toTable, to, matched, shares) { Compared = from.Hashes.Count, Rate = matched / (double)from.Hashes.Count });
                }
                var probes = 0;
                FoundJoin? best = null;
                var bestRank = 0.0;
                foreach (var candidate in candidates.OrderByDescending(c => c.Rate + (c.SharesWord ? 0.3 : 0)))
                {
                    if (candidate.ToTable.RowsRead >= maxRowsPerTable)
                    {
                        // The key's table was not read whole: the sample says little; the key itself is asked.
                        if (probes++ >= ProbesPerColumn || probe(candidate) is not { Probed: > 0 } answer)
                        {
                            continue;
                        }
                        candidate.Rate = answer.Found / (double)answer.Probed;
                        candidate.Compared = answer.Probed;
                    }
                    if (candidate.Rate < MinimumRate)
                    {
                        continue;
                    }
                    var rank = candidate.Rate + (candidate.SharesWord ? 0.2 : 0) + (!candidate.To.Column.PrimaryKey ? 0 : candidate.ToTable.Columns.Count(c => c.PrimaryKey) == 1 ? 0.15 : 0.05);
                    if (rank > bestRank)
                    {
                        bestRank = rank;
                        best = new FoundJoin(table, from.Column.Name, candidate.ToTable, candidate.To.Column.Name, Math.Round(candidate.Rate, 3), (int)Math.Round(candidate.Rate * candidate.Compared), candidate.Compared)
                        {
                            ToCompositeKey = candidate.To.Column.PrimaryKey && candidate.ToTable.Profiles.Count(p => p.Column.PrimaryKey) > 1,
                        };
                    }
                }
                if (best is not null)
                {
                    found.Add(best);
                }
            }
        }
        return found
            .OrderByDescending(j => j.MatchRate).ThenBy(j => j.From.Label, StringComparer.Ordinal).ThenBy(j => j.FromColumn, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Whole numbers below 1000 only: item numbers, sequence numbers, small codes.</summary>
    private static bool IsSmallNumbers(ColumnProfile p) => p.NonNull > 0 && p.Integers == p.NonNull && p.MaxNumber < 1000;
}
