using ProviderApi.Common;
using ProviderApi.Data.Demo;
using ProviderApi.Data.Migrations;

namespace ProviderApi.Tests.Discovery;

/// <summary>The engine-neutral type of a reference HIS column (each loader dialect spells it).</summary>
public enum HisType
{
    BigInt,
    Number,
    Flag,
    Code,
    Text,
    Date,
    DateTime,
    Money,
}

public sealed record HisColumn(string Name, HisType Type, int Length = 0);

/// <summary>One table of a reference HIS: its columns, its primary key, its rows (values in column order).</summary>
public sealed class HisTable(string name, string[] key, params HisColumn[] columns)
{
    public string Name { get; } = name;

    public IReadOnlyList<HisColumn> Columns { get; } = columns;

    public IReadOnlyList<string> Key { get; } = key;

    public List<object?[]> Rows { get; } = [];

    public void Add(params object?[] values)
    {
        if (values.Length != Columns.Count)
        {
            throw new ArgumentException($"{Name}: {values.Length} values for {Columns.Count} columns.", nameof(values));
        }
        Rows.Add(values);
    }
}

/// <summary>Where a source-view column lives in a shape: the right table.column(s), any of which counts as right, or nowhere.</summary>
public sealed record Truth(IReadOnlyList<(string Table, string Column)> Places)
{
    public static Truth Absent { get; } = new([]);

    public bool IsAbsent => Places.Count == 0;

    public static Truth At(params string[] places) =>
        new(places.Select(p => p.Split('.', 2)).Select(p => (p[0], p[1])).ToList());

    public bool Matches(string table, string column) =>
        Places.Any(p => string.Equals(p.Table, table, StringComparison.OrdinalIgnoreCase) && string.Equals(p.Column, column, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => IsAbsent ? "absent" : string.Join(" | ", Places.Select(p => $"{p.Table}.{p.Column}"));
}

/// <summary>
/// A reference HIS, generated from a seed: its tables and rows, the ground truth for every
/// source-view column (<see cref="SourceViewColumns.ByView"/>), and the sampled secrets (every
/// ID number and phone number it holds) that must never appear in what <c>discover</c> writes.
/// </summary>
public abstract class ReferenceHis
{
    protected ReferenceHis(int seed, DateTime anchor)
    {
        Random = new Random(seed);
        Anchor = anchor;
    }

    /// <summary>"English vendor", "pinyin": how the test output names the shape.</summary>
    public abstract string Name { get; }

    /// <summary>The schema (PostgreSQL) or the prefix of the database name (MariaDB) the shape lives in.</summary>
    public abstract string Schema { get; }

    public abstract IReadOnlyList<HisTable> Tables { get; }

    /// <summary>The now every generated date is relative to (the hospital's local time).</summary>
    public DateTime Anchor { get; }

    protected Random Random { get; }

    /// <summary>Every ID number and phone number written into the shape's rows.</summary>
    public HashSet<string> Secrets { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where <paramref name="column"/> of <paramref name="view"/> lives in this shape.</summary>
    public abstract Truth TruthFor(string view, string column);

    /// <summary>Every source-view field of the contract, each once (src_settlement once, as the report lists it).</summary>
    public static IEnumerable<(string View, string Column)> Fields() =>
        SourceViewColumns.ByView.SelectMany(v => v.Value.Select(c => (v.Key, c)));

    private readonly HashSet<string> idNumbers = [];

    /// <summary>A valid fictitious ID number (division 450000, as the demo's) for this birth date and sex, never given twice.</summary>
    protected string IdNumber(DateOnly birth, bool male)
    {
        while (true)
        {
            var id = ResidentIdNumber.Create(DemoCatalog.FictitiousDivision, birth, Random.Next(0, 500) * 2 + (male ? 1 : 0));
            if (idNumbers.Add(id))
            {
                Secrets.Add(id);
                return id;
            }
        }
    }

    /// <summary>A mobile number of the demo's fictitious range (170 0000 xxxx).</summary>
    protected string Mobile() => Secret($"1700000{Random.Next(10000):D4}");

    /// <summary>A fictitious landline of the province (0771, 555 xxxx), with or without the area code's dash.</summary>
    protected string Landline() => Secret(Random.Next(2) == 0 ? $"0771-555{Random.Next(10000):D4}" : $"555{Random.Next(10000):D4}");

    protected string Secret(string value)
    {
        Secrets.Add(value);
        return value;
    }

    /// <summary><paramref name="bytes"/> random bytes in upper-case hex (an electronic health card's identifier).</summary>
    protected string Hex(int bytes)
    {
        var buffer = new byte[bytes];
        Random.NextBytes(buffer);
        return Convert.ToHexString(buffer);
    }

    private static readonly string[] Drugs = ["阿莫西林胶囊", "头孢呋辛酯片", "布洛芬缓释胶囊", "碘海醇注射液", "钆喷酸葡胺注射液", "硫酸钡干混悬剂", "氯化钠注射液", "葡萄糖注射液", "奥美拉唑肠溶胶囊", "阿司匹林肠溶片"];

    /// <summary>The name of the <paramref name="index"/>th drug of a dictionary (the drug codes beside the exam codes).</summary>
    protected static string DrugName(int index) => Drugs[index % Drugs.Length] + (index >= Drugs.Length ? $"({(index / Drugs.Length) + 1})" : "");

    protected string PersonName() =>
        Pick(DemoCatalog.Surnames) + Pick(DemoCatalog.GivenNameCharacters) + (Random.Next(3) > 0 ? Pick(DemoCatalog.GivenNameCharacters) : "");

    protected DateOnly BirthDate(int minAge, int maxAge) =>
        DateOnly.FromDateTime(Anchor).AddDays(-Random.Next(minAge * 365, maxAge * 365 + 1));

    protected T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];

    /// <summary>A moment within the last <paramref name="daysBack"/> days (or up to <paramref name="daysAhead"/> ahead), on the half-hour grid of a clinic's slots.</summary>
    protected DateTime Slot(int daysBack, int daysAhead = 0)
    {
        var day = Anchor.Date.AddDays(Random.Next(-daysBack, daysAhead + 1));
        return day.AddHours(8 + Random.Next(9)).AddMinutes(30 * Random.Next(2));
    }

    protected DateTime Seconds(DateTime at, int min, int max) => at.AddSeconds(Random.Next(min, max + 1));
}
