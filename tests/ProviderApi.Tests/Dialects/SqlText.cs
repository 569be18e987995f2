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

    /// <summary>One element of a SELECT list: where it lies in the script, and its text with comments and literals blanked.</summary>
    public sealed record SelectElement(int Start, int Length, string Code);

    /// <summary>
    /// The output column names of a view's first SELECT list (the first arm of a UNION), read
    /// from a CREATE / ALTER / CREATE OR REPLACE VIEW statement: each element's alias, or its last identifier.
    /// </summary>
    public static IReadOnlyList<string>? ViewColumns(string sql, string view) =>
        ViewSelectLists(sql, view)?[0].Select(e => OutputName(e.Code)).ToList();

    /// <summary>
    /// The SELECT list of every arm of a view's UNION ALL, in order, each element with its place
    /// in <paramref name="sql"/> (blanking keeps offsets), so a test can read or replace one.
    /// Null when the script has no such view.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<SelectElement>>? ViewSelectLists(string sql, string view)
    {
        var code = CodeOnly(sql);
        var header = ViewHeader(view).Match(code);
        if (!header.Success)
        {
            return null;
        }
        var arms = new List<IReadOnlyList<SelectElement>>();
        var position = header.Index + header.Length;
        while (true)
        {
            var select = SelectKeyword().Match(code, position);
            var elements = new List<SelectElement>();
            var depth = 0;
            var start = select.Index + select.Length;
            var i = start;
            for (; i < code.Length; i++)
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
                    elements.Add(new SelectElement(start, i - start, code[start..i]));
                    if (c != ',')
                    {
                        break;
                    }
                    start = i + 1;
                }
            }
            arms.Add(elements);

            // The next arm, if a UNION ALL comes before the statement ends (;, a line of / or GO).
            depth = 0;
            for (; i < code.Length; i++)
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
                else if (depth == 0 && (c == ';' || StatementEndLine().IsMatch(code, i)))
                {
                    return arms;
                }
                else if (depth == 0 && UnionAll().Match(code, i) is { Success: true } union)
                {
                    position = union.Index + union.Length;
                    break;
                }
            }
            if (i >= code.Length)
            {
                return arms;
            }
        }
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

    [GeneratedRegex(@"\G\bUNION\s+ALL\b", RegexOptions.IgnoreCase)]
    private static partial Regex UnionAll();

    [GeneratedRegex(@"\G\n[ \t]*(/|GO)[ \t]*\r?(\n|$)", RegexOptions.IgnoreCase)]
    private static partial Regex StatementEndLine();

    private static Regex ViewHeader(string view) =>
        new($@"\b(CREATE|ALTER)\s+(OR\s+REPLACE\s+)?(ALGORITHM\s*=\s*\w+\s+)?(DEFINER\s*=\s*\S+\s+)?(SQL\s+SECURITY\s+\w+\s+)?VIEW\s+([A-Za-z_]+\.)?{Regex.Escape(view)}\s+AS\b(?!\s+SELECT\s+1\s+AS\s+x\b)", RegexOptions.IgnoreCase);
}
