namespace ProviderApi.Data.Migrations;

/// <summary>
/// How a MySQL / MariaDB script is cut into statements, as the mysql client does with its
/// default delimiter: at a <c>;</c> outside quotes (<c>'…'</c>, <c>"…"</c>, <c>`…`</c>, with
/// doubled quotes and backslash escapes) and outside comments (<c>-- </c>, <c>#</c>,
/// <c>/* */</c>). There is no <c>DELIMITER</c> (a client command, not SQL): the scripts the
/// provider runs hold no stored routines, so no statement contains a <c>;</c> of its own.
/// </summary>
public static class MySqlScripts
{
    public static IReadOnlyList<SqlStatement> Split(string script)
    {
        var text = script.ReplaceLineEndings("\n");
        var statements = new List<SqlStatement>();
        var start = -1; // index of the current statement's first code character
        var line = 1;
        var startLine = 1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (c == '\n')
            {
                line++;
                i++;
            }
            else if (c == '#' || (c == '-' && next == '-' && (i + 2 >= text.Length || char.IsWhiteSpace(text[i + 2]))))
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && next == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? text.Length : end + 2;
                line += text.AsSpan(i, end - i).Count('\n');
                i = end;
            }
            else if (c == ';')
            {
                if (start >= 0)
                {
                    statements.Add(new SqlStatement(startLine, text[start..i].TrimEnd()));
                    start = -1;
                }
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else
            {
                if (start < 0)
                {
                    start = i;
                    startLine = line;
                }
                if (c is '\'' or '"' or '`')
                {
                    i = SkipQuoted(text, i, ref line);
                }
                else
                {
                    i++;
                }
            }
        }
        if (start >= 0)
        {
            statements.Add(new SqlStatement(startLine, text[start..].TrimEnd()));
        }
        return statements;
    }

    /// <summary>The index just past the quoted text opening at <paramref name="open"/>.</summary>
    private static int SkipQuoted(string text, int open, ref int line)
    {
        var quote = text[open];
        var i = open + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
            }
            if (c == '\\' && quote != '`' && i + 1 < text.Length)
            {
                if (text[i + 1] == '\n')
                {
                    line++;
                }
                i += 2;
                continue;
            }
            if (c == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.Length;
    }
}
