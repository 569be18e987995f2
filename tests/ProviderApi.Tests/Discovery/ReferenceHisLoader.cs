using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using ProviderApi.Tests.Hospitals;

namespace ProviderApi.Tests.Discovery;

/// <summary>
/// Creates a <see cref="ReferenceHis"/> for real: its tables (every identifier quoted, so mixed
/// case and reserved words stay as the shape spells them), its primary keys, and its rows in
/// multi-row INSERTs of literals. One subclass per engine; each owns what it creates and drops it.
/// </summary>
public abstract class ReferenceHisDatabase : IDisposable
{
    private const int RowsPerInsert = 400;

    /// <summary>The engine's name in the test output.</summary>
    public abstract string Engine { get; }

    /// <summary>Database:Provider for the provider's settings.</summary>
    public abstract string Provider { get; }

    /// <summary>The connection string the provider's discover is given: an account that may only read the shape's tables.</summary>
    public abstract string ConnectionString { get; }

    protected const string ReaderPassword = "Discover-read-1";

    /// <summary>The schema (or MySQL database) the shape's tables were created in; discover is pointed at it with --schema.</summary>
    public abstract string Schema { get; }

    protected abstract string Quote(string name);

    protected abstract string ColumnType(HisColumn column);

    protected abstract DbConnection Open();

    /// <summary>The table's name as DDL and INSERTs write it (qualified where the engine has schemas).</summary>
    protected virtual string Table(string name) => $"{Quote(Schema)}.{Quote(name)}";

    protected virtual string TableOptions => "";

    protected abstract void CreateSchema(DbConnection connection);

    public abstract void Dispose();

    /// <summary>Creates the shape's tables and fills them; drops what it made when that fails.</summary>
    protected void Load(ReferenceHis his)
    {
        try
        {
            Fill(his);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    private void Fill(ReferenceHis his)
    {
        using var connection = Open();
        CreateSchema(connection);
        foreach (var table in his.Tables)
        {
            var columns = table.Columns.Select(c => $"    {Quote(c.Name)} {ColumnType(c)}{(table.Key.Contains(c.Name) ? " NOT NULL" : "")}");
            var key = table.Key.Count > 0 ? [$"    PRIMARY KEY ({string.Join(", ", table.Key.Select(Quote))})"] : Array.Empty<string>();
            connection.Execute($"CREATE TABLE {Table(table.Name)} (\n{string.Join(",\n", columns.Concat(key))}\n){TableOptions}");
            var into = $"INSERT INTO {Table(table.Name)} ({string.Join(", ", table.Columns.Select(c => Quote(c.Name)))}) VALUES\n";
            using var transaction = connection.BeginTransaction();
            foreach (var chunk in table.Rows.Chunk(RowsPerInsert))
            {
                var sql = new StringBuilder(into);
                sql.AppendJoin(",\n", chunk.Select(row => "(" + string.Join(", ", row.Select(Literal)) + ")"));
                connection.Execute(sql.ToString(), transaction: transaction);
            }
            transaction.Commit();
        }
        Analyze(connection, his);
    }

    /// <summary>Gives the catalog its row estimates, as a HIS's own statistics would.</summary>
    protected virtual void Analyze(DbConnection connection, ReferenceHis his)
    {
    }

    protected virtual string Literal(object? value) => value switch
    {
        null => "NULL",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        DateTime d => d.ToString("\\'yyyy-MM-dd HH:mm:ss\\'", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("\\'yyyy-MM-dd\\'", CultureInfo.InvariantCulture),
        bool b => b ? "1" : "0",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"No literal for {value.GetType()}.", nameof(value)),
    };

    protected static string Standard(HisColumn column) => column.Type switch
    {
        HisType.BigInt => "bigint",
        HisType.Number => "integer",
        HisType.Flag => "smallint",
        HisType.Code => $"varchar({(column.Length > 0 ? column.Length : 20)})",
        HisType.Text => $"varchar({(column.Length > 0 ? column.Length : 100)})",
        HisType.Date => "date",
        HisType.DateTime => "timestamp(0)",
        HisType.Money => "numeric(12,2)",
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };
}

/// <summary>The shape in a database of its own on the test PostgreSQL server, in schema <see cref="ReferenceHis.Schema"/>.</summary>
public sealed class PostgresReferenceHis : ReferenceHisDatabase
{
    private readonly string database = PostgresServer.CreateDatabase();
    private readonly string schema;
    private readonly string reader;

    public PostgresReferenceHis(ReferenceHis his)
    {
        schema = his.Schema;
        reader = $"{database}_ro";
        Load(his);
    }

    /// <summary>A login that may only read the shape's tables (CONNECT, USAGE, SELECT), as a DBA gives discover on a production HIS.</summary>
    public override string ConnectionString =>
        new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString(database, "public")) { Username = reader, Password = ReaderPassword }.ToString();

    public override string Engine => "PostgreSQL";

    public override string Provider => "PostgreSql";

    public override string Schema => schema;

    protected override string Quote(string name) => $"\"{name}\"";

    protected override string ColumnType(HisColumn column) => Standard(column);

    protected override DbConnection Open()
    {
        var connection = new NpgsqlConnection(PostgresServer.ConnectionString(database, "public"));
        connection.Open();
        return connection;
    }

    protected override void CreateSchema(DbConnection connection) => connection.Execute($"CREATE SCHEMA {Quote(Schema)}");

    protected override void Analyze(DbConnection connection, ReferenceHis his)
    {
        connection.Execute("ANALYZE", commandType: System.Data.CommandType.Text);
        connection.Execute($"""
            CREATE ROLE {reader} LOGIN PASSWORD '{ReaderPassword}';
            GRANT CONNECT ON DATABASE {database} TO {reader};
            GRANT USAGE ON SCHEMA {Quote(Schema)} TO {reader};
            GRANT SELECT ON ALL TABLES IN SCHEMA {Quote(Schema)} TO {reader};
            """);
    }

    public override void Dispose()
    {
        PostgresServer.DropDatabase(database);
        PostgresServer.Execute($"DROP ROLE IF EXISTS {reader}");
    }
}

/// <summary>The shape in a database of its own on the test MariaDB server (MySQL's schemas are databases), utf8mb4.</summary>
public sealed class MariaDbReferenceHis : ReferenceHisDatabase
{
    private readonly string schema;

    public MariaDbReferenceHis(ReferenceHis his)
    {
        schema = $"{his.Schema}_{Guid.NewGuid():N}"[..(his.Schema.Length + 11)];
        Load(his);
    }

    /// <summary>The account that may only read the shape's database (GRANT SELECT), as a DBA gives discover on a production HIS.</summary>
    private string Reader => $"{schema}_ro";

    public override string Engine => "MariaDB";

    public override string Provider => "MySql";

    public override string Schema => schema;

    public override string ConnectionString => MariaDbServer.ConnectionString(schema, Reader, ReaderPassword);

    protected override string Quote(string name) => $"`{name}`";

    protected override string TableOptions => " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";

    protected override string ColumnType(HisColumn column) => column.Type switch
    {
        HisType.DateTime => "datetime",
        HisType.Money => "decimal(12,2)",
        HisType.Flag => "tinyint",
        HisType.Number => "int",
        _ => Standard(column),
    };

    protected override DbConnection Open() => MariaDbServer.Open();

    protected override void CreateSchema(DbConnection connection) =>
        connection.Execute($"CREATE DATABASE {Quote(Schema)} CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");

    protected override void Analyze(DbConnection connection, ReferenceHis his)
    {
        connection.Execute($"ANALYZE TABLE {string.Join(", ", his.Tables.Select(t => Table(t.Name)))}");
        connection.Execute($"CREATE USER '{Reader}'@'%' IDENTIFIED BY '{ReaderPassword}'; GRANT SELECT ON {Quote(Schema)}.* TO '{Reader}'@'%'");
    }

    public override void Dispose() => MariaDbServer.Execute($"DROP DATABASE IF EXISTS {Quote(Schema)}; DROP USER IF EXISTS '{Reader}'@'%'");
}

/// <summary>The shape in an SQLite file of its own (no schemas: the tables under their own names).</summary>
public sealed class SqliteReferenceHis : ReferenceHisDatabase
{
    private readonly string path;

    public SqliteReferenceHis(ReferenceHis his, string folder)
    {
        path = Path.Combine(folder, $"{his.Schema}.db");
        Load(his);
    }

    public override string Engine => "SQLite";

    public override string Provider => "Sqlite";

    public override string Schema => "main";

    public override string ConnectionString => new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();

    protected override string Quote(string name) => $"\"{name}\"";

    protected override string Table(string name) => Quote(name);

    protected override string ColumnType(HisColumn column) => column.Type switch
    {
        HisType.BigInt or HisType.Number or HisType.Flag => "INTEGER",
        HisType.Money => "NUMERIC",
        HisType.Date => "DATE",
        HisType.DateTime => "DATETIME",
        _ => "TEXT",
    };

    protected override DbConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    protected override void CreateSchema(DbConnection connection)
    {
    }

    protected override void Analyze(DbConnection connection, ReferenceHis his) => connection.Execute("ANALYZE", commandType: System.Data.CommandType.Text);

    public override void Dispose() => SqliteConnection.ClearAllPools();
}
