using System.Text;
using System.Text.RegularExpressions;

namespace ProviderApi.Tests.Dialects;

/// <summary>Small, dialect-neutral readings of SQL text for the static checks.</summary>
public static partial class SqlText
{
    /// <summary>The text with comments and string literals blanked (lengths kept), so rules see code only.</summary>
    public static string CodeOnly(string sql)
    {
        var result = new StringBuilder(sql.Length);
        var i = 0;
        while (i < sql.Length)
        {
            if (sql[i] == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                while (i < sql.Length && sql[i] != '\n')
                {
                    result.Append(' ');
                    i++;
                }
            }
            else if (sql[i] == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? sql.Length : end + 2;
                result.Append(Blank(sql[i..end]));
                i = end;
            }
            else if (sql[i] == '\'')
            {
                var end = i + 1;
                while (end < sql.Length && !(sql[end] == '\'' && (end + 1 >= sql.Length || sql[end + 1] != '\'')))
                {
                    end += sql[end] == '\'' ? 2 : 1;
                }
                end = Math.Min(end + 1, sql.Length);
                result.Append('\'').Append(Blank(sql[(i + 1)..Math.Max(i + 1, end - 1)])).Append(end - i > 1 ? "'" : "");
                i = end;
            }
            else
            {
                result.Append(sql[i]);
                i++;
            }
        }
        return result.ToString();
    }

    private static string Blank(string text) => new([.. text.Select(c => c == '\n' ? '\n' : ' ')]);

    /// <summary>
    /// The output column names of a view's first SELECT list (the first arm of a UNION), read
    /// from a CREATE / ALTER / CREATE OR REPLACE VIEW statement: each element's alias, or its last identifier.
    /// </summary>
    public static IReadOnlyList<string>? ViewColumns(string sql, string view)
    {
        var code = CodeOnly(sql);
        var header = ViewHeader(view).Match(code);
        if (!header.Success)
        {
            return null;
        }
        var select = SelectKeyword().Match(code, header.Index + header.Length);
        var columns = new List<string>();
        var depth = 0;
        var start = select.Index + select.Length;
        for (var i = start; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }
            else if (depth == 0 && (c == ',' || FromKeyword().IsMatch(code.AsSpan(i, Math.Min(6, code.Length - i)))))
            {
                columns.Add(OutputName(code[start..i]));
                if (c != ',')
                {
                    break;
                }
                start = i + 1;
            }
        }
        return columns;
    }

    private static string OutputName(string element)
    {
        var names = Identifier().Matches(element).Select(m => m.Value).ToList();
        return names.Count == 0 ? element.Trim() : names[^1];
    }

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_$#]*")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"\bSELECT\b", RegexOptions.IgnoreCase)]
    private static partial Regex SelectKeyword();

    [GeneratedRegex(@"^\sFROM\s", RegexOptions.IgnoreCase)]
    private static partial Regex FromKeyword();

    private static Regex ViewHeader(string view) =>
        new($@"\b(CREATE|ALTER)\s+(OR\s+REPLACE\s+)?VIEW\s+([A-Za-z_]+\.)?{Regex.Escape(view)}\s+AS\b(?!\s+SELECT\s+1\s+AS\s+x\b)", RegexOptions.IgnoreCase);
}
