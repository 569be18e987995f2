namespace ProviderApi.Tests.Discovery;

/// <summary>
/// A shape with every table and column renamed to a meaningless name (T01.C01, T01.C02, …), its
/// rows, keys and ground truth otherwise the same: what discover finds from the values alone, as
/// in a HIS whose vendor named everything by its own abbreviations.
/// </summary>
public sealed class HiddenNamesHis : ReferenceHis
{
    private readonly ReferenceHis shape;
    private readonly List<HisTable> tables = [];
    private readonly Dictionary<(string Table, string Column), (string Table, string Column)> renamed = [];

    public HiddenNamesHis(ReferenceHis shape)
        : base(0, shape.Anchor)
    {
        this.shape = shape;
        Secrets.UnionWith(shape.Secrets);
        foreach (var (table, t) in shape.Tables.Select((table, i) => (table, i + 1)))
        {
            var name = $"T{t:D2}";
            var columns = table.Columns.Select((c, i) => c with { Name = $"C{i + 1:D2}" }).ToArray();
            foreach (var (column, i) in table.Columns.Select((c, i) => (c, i)))
            {
                renamed[(table.Name, column.Name)] = (name, columns[i].Name);
            }
            var hidden = new HisTable(name, table.Key.Select(k => renamed[(table.Name, k)].Column).ToArray(), columns);
            hidden.Rows.AddRange(table.Rows);
            tables.Add(hidden);
        }
    }

    public override string Name => $"{shape.Name} with its names hidden";

    public override string Schema => "anon";

    public override IReadOnlyList<HisTable> Tables => tables;

    public override Truth TruthFor(string view, string column) =>
        new(shape.TruthFor(view, column).Places.Select(p => renamed[p]).ToList());
}
