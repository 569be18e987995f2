using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ProviderApi.Data;

/// <summary>
/// What <c>discover</c> (Discovery/) asks of an engine: its catalog of the HIS's tables, a cheap
/// bounded sample of one table, a read-only session, names quoted the engine's way, and the
/// statement that makes a drafted source view. Each engine's file overrides what differs.
/// </summary>
public abstract partial class DatabaseEngine
{
    /// <summary>
    /// One row per column of every base table the account may read, outside the engine's own
    /// schemas, ordered by schema, table and position: schema, table, column, data type, position,
    /// approximate rows from the catalog's statistics (-1 where it has none), 1 when the column
    /// belongs to the primary key. Read-only catalog views only.
    /// </summary>
    public abstract string DiscoveryCatalog { get; }

    /// <summary>
    /// The SELECT that reads at most <paramref name="rows"/> rows of <paramref name="columns"/>
    /// of a table, the engine's cheap way (a block sample where the engine has one and the
    /// catalog says the table is much larger than the bound; else the first rows).
    /// </summary>
    public virtual string DiscoverySample(string schema, string table, IReadOnlyList<string> columns, int rows, long approximateRows) =>
        $"SELECT {SelectList(columns)} FROM {QualifiedName(schema, table)} LIMIT {rows.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The share of a table (percent, 0.0001 to 100) a block sample takes to return about three times <paramref name="rows"/>.</summary>
    protected static string SamplePercent(int rows, long approximateRows) =>
        Math.Clamp(300.0 * rows / approximateRows, 0.0001, 100).ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>Whether a table of <paramref name="approximateRows"/> is sampled by blocks rather than read from its start.</summary>
    protected static bool SampledByBlocks(int rows, long approximateRows) => approximateRows > 10L * rows;

    /// <summary>A table named with its schema, each quoted where needed.</summary>
    public virtual string QualifiedName(string schema, string table) => $"{Identifier(schema)}.{Identifier(table)}";

    /// <summary>The columns of a SELECT list, each quoted where needed.</summary>
    protected string SelectList(IReadOnlyList<string> columns) => string.Join(", ", columns.Select(Identifier));

    /// <summary>A name as SQL must write it on this engine: bare when it can be, else quoted (reserved words, mixed case the engine would fold, other characters).</summary>
    public string Identifier(string name) => NeedsQuotes(name) ? Quote(name) : name;

    /// <summary>Whether <paramref name="name"/> must be quoted on this engine.</summary>
    public bool NeedsQuotes(string name) => !PlainName().IsMatch(name) || ReservedWords.Contains(name) || FoldsAway(name);

    /// <summary>A name in the engine's quotes (the SQL standard's double quotes by default).</summary>
    protected virtual string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Whether the engine would fold <paramref name="name"/>, written bare, to another case it does not match (PostgreSQL lower, Oracle upper).</summary>
    protected virtual bool FoldsAway(string name) => false;

    /// <summary>
    /// The connection discover reads with, opened: the provider's own settings
    /// (Database:ConnectionString), made read-only where the connection string can say so.
    /// </summary>
    public virtual DbConnection OpenForDiscovery(DatabaseOptions options, IServiceProvider services) =>
        Open(options, WithTimeouts(options, options.ConnectionString!));

    /// <summary>A read-only transaction on <paramref name="connection"/> (where the engine has one); null where the session is read-only otherwise.</summary>
    public virtual DbTransaction? BeginReadOnly(DbConnection connection) => null;

    /// <summary>How discover keeps its session read-only on this engine, for its report and the guide.</summary>
    public abstract string ReadOnlyMeans { get; }

    /// <summary>The statement of a drafted source view <paramref name="view"/> (a plain name such as src_patient) with the SELECT <paramref name="query"/>.</summary>
    public virtual string DraftView(string view, string query) => $"CREATE OR REPLACE VIEW {Imgcloud(view)} AS\n{query};\n";

    /// <summary>
    /// Words that name a column or table only in quotes on some engine (the SQL standard's and the
    /// engines' reserved words a HIS is known to use: ORDER, USER, DATE, GROUP ...): quoted everywhere,
    /// which every engine accepts.
    /// </summary>
    private static readonly HashSet<string> ReservedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "ALL", "ALTER", "AND", "ANY", "AS", "ASC", "BETWEEN", "BY", "CASE", "CAST", "CHECK", "COLUMN", "COMMENT", "CONSTRAINT",
        "CREATE", "CROSS", "CURRENT", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER", "DATE", "DEFAULT",
        "DELETE", "DESC", "DISTINCT", "DROP", "ELSE", "END", "EXISTS", "FILE", "FOR", "FOREIGN", "FROM", "FULL", "GRANT",
        "GROUP", "HAVING", "IN", "INDEX", "INNER", "INSERT", "INTERVAL", "INTO", "IS", "JOIN", "KEY", "LEFT", "LEVEL", "LIKE",
        "LIMIT", "MODE", "NATURAL", "NOT", "NULL", "NUMBER", "OF", "OFFSET", "ON", "OPTION", "OR", "ORDER", "OUTER", "PRIMARY",
        "RANGE", "REFERENCES", "RIGHT", "ROW", "ROWNUM", "ROWS", "SELECT", "SESSION", "SET", "SIZE", "SOME", "START", "TABLE",
        "THEN", "TIME", "TIMESTAMP", "TO", "TOP", "TRIGGER", "UID", "UNION", "UNIQUE", "UPDATE", "USER", "USING", "VALUE",
        "VALUES", "VIEW", "WHEN", "WHERE", "WITH",
    };

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PlainName();
}
