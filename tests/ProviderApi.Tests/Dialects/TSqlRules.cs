using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ProviderApi.Tests.Dialects;

/// <summary>
/// What a SQL Server 2008 R2 would refuse, found without one: the 2008 grammar (TSql100Parser)
/// and, since that grammar accepts any function name, the built-ins 2008 R2 lacks.
/// </summary>
public static class TSqlRules
{
    public static readonly IReadOnlySet<string> MissingIn2008R2 = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "CONCAT", "CONCAT_WS", "FORMAT", "TRY_CONVERT", "TRY_CAST", "TRY_PARSE", "PARSE", "IIF", "CHOOSE", "EOMONTH",
        "DATEFROMPARTS", "DATETIMEFROMPARTS", "DATETIME2FROMPARTS", "TIMEFROMPARTS", "SMALLDATETIMEFROMPARTS",
        "DATETIMEOFFSETFROMPARTS", "STRING_AGG", "STRING_SPLIT", "STRING_ESCAPE", "TRIM", "TRANSLATE", "JSON_VALUE",
        "JSON_QUERY", "JSON_MODIFY", "ISJSON", "OPENJSON", "LAG", "LEAD", "FIRST_VALUE", "LAST_VALUE", "PERCENT_RANK",
        "CUME_DIST", "PERCENTILE_CONT", "PERCENTILE_DISC", "DATEDIFF_BIG", "COMPRESS", "DECOMPRESS", "SESSION_CONTEXT",
        "GREATEST", "LEAST", "DATE_BUCKET", "GENERATE_SERIES", "DATETRUNC",
    };

    /// <summary>Every problem in a T-SQL script: parse errors under the 2008 grammar, then built-ins 2008 R2 lacks.</summary>
    public static IReadOnlyList<string> Problems(string script)
    {
        var parser = new TSql100Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        var fragment = parser.Parse(reader, out var errors);
        var problems = errors.Select(e => $"line {e.Line}: {e.Message}").ToList();
        if (fragment is not null)
        {
            var calls = new FunctionCalls();
            fragment.Accept(calls);
            problems.AddRange(calls.Names.Where(MissingIn2008R2.Contains).Select(n => $"{n}() does not exist in SQL Server 2008 R2"));
        }
        return problems;
    }

    /// <summary>The select list of a view's ALTER VIEW (or CREATE VIEW) statement, as ScriptDom reads it.</summary>
    public static IReadOnlyList<string>? ViewColumns(string script, string view)
    {
        var parser = new TSql100Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        var fragment = parser.Parse(reader, out _);
        var views = new Views();
        fragment?.Accept(views);
        return views.Columns.GetValueOrDefault(view.ToUpperInvariant());
    }

    private sealed class FunctionCalls : TSqlFragmentVisitor
    {
        public List<string> Names { get; } = [];

        public override void Visit(FunctionCall node) => Names.Add(node.FunctionName.Value);

        public override void Visit(LeftFunctionCall node) => Names.Add("LEFT");

        public override void Visit(RightFunctionCall node) => Names.Add("RIGHT");

        public override void Visit(IIfCall node) => Names.Add("IIF");

        public override void Visit(TryCastCall node) => Names.Add("TRY_CAST");

        public override void Visit(TryConvertCall node) => Names.Add("TRY_CONVERT");

        public override void Visit(ParseCall node) => Names.Add("PARSE");

        public override void Visit(TryParseCall node) => Names.Add("TRY_PARSE");
    }

    private sealed class Views : TSqlFragmentVisitor
    {
        public Dictionary<string, List<string>> Columns { get; } = [];

        public override void Visit(AlterViewStatement node) => Add(node.SchemaObjectName, node.SelectStatement);

        public override void Visit(CreateViewStatement node)
        {
            // The re-runnable pattern creates a one-column stub first; the ALTER VIEW holds the real list.
            if (!Columns.ContainsKey(node.SchemaObjectName.BaseIdentifier.Value.ToUpperInvariant()))
            {
                Add(node.SchemaObjectName, node.SelectStatement);
            }
        }

        private void Add(SchemaObjectName name, SelectStatement select)
        {
            var query = select.QueryExpression;
            while (query is BinaryQueryExpression union)
            {
                query = union.FirstQueryExpression;
            }
            if (query is QueryParenthesisExpression parenthesis)
            {
                query = parenthesis.QueryExpression;
            }
            if (query is not QuerySpecification specification)
            {
                return;
            }
            Columns[name.BaseIdentifier.Value.ToUpperInvariant()] = specification.SelectElements
                .Select(e => e is SelectScalarExpression scalar
                    ? scalar.ColumnName?.Value ?? (scalar.Expression as ColumnReferenceExpression)?.MultiPartIdentifier.Identifiers[^1].Value ?? "?"
                    : "*")
                .ToList();
        }
    }
}
