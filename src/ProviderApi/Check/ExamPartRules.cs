namespace ProviderApi.Check;

/// <summary>
/// The examPart crosswalk rules (imgcloud.exam_part_rule, sql/README.md "检查部位对照规则"): what a rule's
/// values may hold so that every engine matches them alike. The one place a loader asks; the tables' CHECKs
/// refuse the same characters where the engine enforces CHECKs.
/// </summary>
public static class ExamPartRules
{
    /// <summary>
    /// Characters a pattern (body_part, name_pattern) may not hold: special in a LIKE pattern on only some
    /// engines: <c>[ ]</c> (T-SQL's character ranges), <c>* ?</c> (SQLite's GLOB, into which its patterns
    /// are turned), the backslash (the LIKE escape of PostgreSQL and MySQL).
    /// </summary>
    public const string RefusedCharacters = "[]*?\\";

    /// <summary>The contrast words a rule's contrast column may hold (NULL: any).</summary>
    public static readonly IReadOnlyList<string> ContrastWords = ["平扫", "增强", "造影"];

    /// <summary>Column widths of imgcloud.exam_part_rule, the same on every engine.</summary>
    public const int ModalityLength = 50, BodyPartLength = 100, NamePatternLength = 200, NoteLength = 200;

    /// <summary>
    /// Why <paramref name="pattern"/> cannot be a rule's body_part or name_pattern (Chinese, English), or
    /// null when it can. Only % (any run) and _ (one character) are wildcards, compared byte for byte on
    /// every engine; a blank or missing pattern means "any" and is fine. A pattern starting or ending with a
    /// blank is refused too: the views trim the item's values, and engines disagree on trailing blanks.
    /// </summary>
    public static (string Chinese, string English)? PatternProblem(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return null;
        }
        var refused = pattern.Where(c => RefusedCharacters.Contains(c)).Distinct().ToArray();
        if (refused.Length > 0)
        {
            var list = string.Join(' ', refused);
            return ($"模式 '{pattern}' 含有 {list}：只能用 % （任意多个字符）和 _ （一个字符）作通配符，[ ] * ? \\ 在某些数据库上有特殊含义",
                $"the pattern '{pattern}' holds {list}: only % (any run) and _ (one character) are wildcards; [ ] * ? \\ are special on some engines");
        }
        if (char.IsWhiteSpace(pattern[0]) || char.IsWhiteSpace(pattern[^1]))
        {
            return ($"模式 '{pattern}' 以空白开头或结尾", $"the pattern '{pattern}' starts or ends with a blank");
        }
        return null;
    }

    /// <summary>Why <paramref name="contrast"/> cannot be a rule's contrast, or null when it can (one of <see cref="ContrastWords"/>, or blank: any).</summary>
    public static (string Chinese, string English)? ContrastProblem(string? contrast) =>
        string.IsNullOrEmpty(contrast) || ContrastWords.Contains(contrast)
            ? null
            : ($"对比方式 '{contrast}' 不是 平扫、增强、造影 之一（空白表示任意）", $"the contrast '{contrast}' is not one of 平扫, 增强, 造影 (blank: any)");

    /// <summary>
    /// An item's contrast as the views derive it from its name (the one rule, written in each engine's
    /// standard views): 造影 when the name holds 造影 or 血管成像, else 增强, else 平扫, else null.
    /// </summary>
    public static string? ContrastOf(string? examName) =>
        examName is null ? null
        : examName.Contains("造影", StringComparison.Ordinal) || examName.Contains("血管成像", StringComparison.Ordinal) ? "造影"
        : examName.Contains("增强", StringComparison.Ordinal) ? "增强"
        : examName.Contains("平扫", StringComparison.Ordinal) ? "平扫"
        : null;
}
