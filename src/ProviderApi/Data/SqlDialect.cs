namespace ProviderApi.Data;

/// <summary>The few places where the repositories' SQL differs between engines.</summary>
public sealed partial class SqlDialect(DatabaseProvider provider)
{
    /// <summary>
    /// An ORDER BY term that sorts by ordinal (byte) comparison, so every engine returns
    /// <c>datas</c> in the same sequence whatever its default collation.
    /// </summary>
    public string OrdinalOrder(string column) => provider switch
    {
        DatabaseProvider.PostgreSql => $"{column} COLLATE \"C\"",
        DatabaseProvider.SqlServer => $"{column} COLLATE Latin1_General_BIN2",
        DatabaseProvider.Oracle => $"NLSSORT({column}, 'NLS_SORT=BINARY')",
        _ => column, // SQLite's default collation BINARY compares UTF-8 bytes.
    };

    /// <summary>
    /// The name of one of the project's own tables: in the imgcloud schema, or with an
    /// imgcloud_ prefix in SQLite, which has no schemas.
    /// </summary>
    public string Imgcloud(string table) =>
        provider is DatabaseProvider.Demo or DatabaseProvider.Sqlite ? $"imgcloud_{table}" : $"imgcloud.{table}";

    /// <summary>A table of the demo HIS: in the schema his on server engines, plain in SQLite.</summary>
    public string His(string table) =>
        provider is DatabaseProvider.Demo or DatabaseProvider.Sqlite ? table : $"his.{table}";

    /// <summary>Writes @name parameters as the engine expects them (Oracle: :name).</summary>
    public string Parameters(string sql) =>
        provider == DatabaseProvider.Oracle ? ParameterMarker().Replace(sql, ":$1") : sql;

    [System.Text.RegularExpressions.GeneratedRegex(@"@(\w+)")]
    private static partial System.Text.RegularExpressions.Regex ParameterMarker();

    /// <summary>The folder of sql/ that holds this engine's scripts.</summary>
    public string ScriptFolder => provider switch
    {
        DatabaseProvider.PostgreSql => "postgresql",
        DatabaseProvider.SqlServer => "sqlserver",
        DatabaseProvider.Oracle => "oracle",
        _ => "sqlite",
    };
}
