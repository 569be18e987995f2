using System.Data.Common;
using MySqlConnector;
using Npgsql;

namespace ProviderApi.Benchmarks;

/// <summary>
/// The few SQL forms in which PostgreSQL and MySQL/MariaDB differ, for <see cref="HisGenerator"/>:
/// its statements are written once, in these terms, and rendered for each engine. Every form
/// gives the same value on both, except <see cref="Hash"/> (each engine's own string hash).
/// </summary>
public abstract class HisDialect
{
    public static readonly HisDialect PostgreSql = new PostgreSqlDialect();

    public static readonly HisDialect MariaDb = new MariaDbDialect();

    /// <summary>A table of the reference HIS (lower case in PostgreSQL's script, upper case in MySQL's).</summary>
    public abstract string His(string table);

    /// <summary>The parts joined as one string (NULL when a part is NULL, on both engines).</summary>
    public abstract string Cat(params string[] parts);

    /// <summary>The value as text, left-padded with zeros to <paramref name="width"/> characters (cut when longer, as both LPADs do).</summary>
    public abstract string Pad(string value, int width);

    /// <summary>The value as text.</summary>
    public abstract string Text(string value);

    /// <summary>The <paramref name="index"/>-th (from 1) of the string literals <paramref name="values"/>; NULL out of range.</summary>
    public abstract string Pick(string index, params string[] values);

    /// <summary>Integer division of two integers, truncating.</summary>
    public abstract string Div(string dividend, string divisor);

    /// <summary>An integer expression where a function wants a 32-bit integer.</summary>
    public abstract string Whole(string value);

    /// <summary><paramref name="time"/> moved by <paramref name="amount"/> (an integer expression, may be negative) of <paramref name="unit"/> (second, hour, day, year).</summary>
    public abstract string Plus(string time, string amount, string unit);

    /// <summary><paramref name="time"/> moved back by <paramref name="amount"/> of <paramref name="unit"/>.</summary>
    public abstract string Minus(string time, string amount, string unit);

    /// <summary>The date <paramref name="days"/> days after <paramref name="isoDate"/>.</summary>
    public abstract string DatePlusDays(string isoDate, string days);

    /// <summary>A part of a date as an integer: year, month or day.</summary>
    public abstract string DatePart(string part, string day);

    /// <summary>A date as yyyyMMdd.</summary>
    public abstract string Ymd(string day);

    /// <summary>A non-negative hash of a string, to spread rows (not the same numbers on both engines).</summary>
    public abstract string Hash(string value);

    /// <summary>
    /// A FROM item of one integer column <paramref name="name"/> running over the unit's range
    /// @from..@to (at most <see cref="HisGenerator.Chunk"/> numbers).
    /// </summary>
    public abstract string Series(string name);

    /// <summary>A FROM item of one integer column <paramref name="name"/> from <paramref name="first"/> to <paramref name="last"/>.</summary>
    public abstract string Series(string name, int first, int last);

    /// <summary>Creates a temporary table of the session from a query.</summary>
    public abstract string TemporaryTable(string name, string query);

    /// <summary>A new connection (not opened) to <paramref name="connectionString"/>.</summary>
    public abstract DbConnection Connection(string connectionString);

    /// <summary>A string literal, quotes doubled.</summary>
    protected static string Literal(string value) => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    private sealed class PostgreSqlDialect : HisDialect
    {
        public override string His(string table) => $"his.{table}";

        public override string Cat(params string[] parts) => $"({string.Join(" || ", parts)})";

        public override string Pad(string value, int width) => $"lpad(({value})::text, {width}, '0')";

        public override string Text(string value) => $"({value})::text";

        public override string Pick(string index, params string[] values) => $"(ARRAY[{string.Join(",", values.Select(Literal))}])[{index}]";

        public override string Div(string dividend, string divisor) => $"(({dividend}) / ({divisor}))";

        public override string Whole(string value) => $"({value})::int";

        public override string Plus(string time, string amount, string unit) => $"({time} + ({amount}) * interval '1 {unit}')";

        public override string Minus(string time, string amount, string unit) => $"({time} - ({amount}) * interval '1 {unit}')";

        public override string DatePlusDays(string isoDate, string days) => $"(date '{isoDate}' + ({days}))";

        public override string DatePart(string part, string day) => $"date_part('{part}', {day})::int";

        public override string Ymd(string day) => $"to_char({day}, 'YYYYMMDD')";

        public override string Hash(string value) => $"abs(hashtext({value}))";

        public override string Series(string name) => $"generate_series(@from, @to) {name}";

        public override string Series(string name, int first, int last) => $"generate_series({first}, {last}) {name}";

        public override string TemporaryTable(string name, string query) => $"CREATE TEMPORARY TABLE {name} AS {query}";

        public override DbConnection Connection(string connectionString) => new NpgsqlConnection(connectionString);
    }

    /// <summary>
    /// MySQL's forms, run on MariaDB: the numbers come from MariaDB's Sequence engine
    /// (seq_0_to_999999, a virtual table; MySQL itself has none and would need a numbers table),
    /// made signed (its column is BIGINT UNSIGNED, whose differences may not go below zero).
    /// </summary>
    private sealed class MariaDbDialect : HisDialect
    {
        public override string His(string table) => $"his.{table.ToUpperInvariant()}";

        public override string Cat(params string[] parts) => $"CONCAT({string.Join(", ", parts)})";

        public override string Pad(string value, int width) => $"LPAD({value}, {width}, '0')";

        public override string Text(string value) => $"CAST({value} AS CHAR)";

        public override string Pick(string index, params string[] values) => $"ELT({index}, {string.Join(",", values.Select(Literal))})";

        public override string Div(string dividend, string divisor) => $"(({dividend}) DIV ({divisor}))";

        public override string Whole(string value) => $"({value})";

        public override string Plus(string time, string amount, string unit) => $"({time} + INTERVAL ({amount}) {unit.ToUpperInvariant()})";

        public override string Minus(string time, string amount, string unit) => $"({time} - INTERVAL ({amount}) {unit.ToUpperInvariant()})";

        public override string DatePlusDays(string isoDate, string days) => $"(DATE '{isoDate}' + INTERVAL ({days}) DAY)";

        public override string DatePart(string part, string day) => $"{part.ToUpperInvariant()}({day})";

        public override string Ymd(string day) => $"DATE_FORMAT({day}, '%Y%m%d')";

        public override string Hash(string value) => $"CRC32({value})";

        public override string Series(string name) =>
            $"(SELECT CAST(@from + seq AS SIGNED) AS {name} FROM seq_0_to_{HisGenerator.Chunk - 1} WHERE seq <= @to - @from) AS series_{name}";

        public override string Series(string name, int first, int last) => $"(SELECT CAST(seq AS SIGNED) AS {name} FROM seq_{first}_to_{last}) AS series_{name}";

        public override string TemporaryTable(string name, string query) => $"CREATE TEMPORARY TABLE {name} ENGINE = MEMORY AS {query}";

        public override DbConnection Connection(string connectionString) => new MySqlConnection(connectionString);
    }
}
