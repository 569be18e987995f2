using System.Text;

namespace ProviderApi.Discovery;

/// <summary>
/// How far a table's or column's name says what it holds: split into words (underscores,
/// camelCase and digits), lower-cased, then matched against a field's hints in English words
/// (id card no), pinyin initials (sfzh 身份证号) or vendor abbreviations.
/// </summary>
public static class NameHints
{
    /// <summary>The words of a name: PatientInfo → patient, info; IdCardNo → id, card, no; BRXM → brxm; dept_code2 → dept, code, 2.</summary>
    public static IReadOnlyList<string> Words(string name)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        void Flush()
        {
            if (word.Length > 0)
            {
                words.Add(word.ToString().ToLowerInvariant());
                word.Clear();
            }
        }
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }
            if (word.Length > 0)
            {
                var previous = name[i - 1];
                var boundary =
                    (char.IsLower(previous) && char.IsUpper(c))
                    || (char.IsDigit(previous) != char.IsDigit(c))
                    // The last capital of a run of capitals starts the next word: IDCard → ID, Card.
                    || (char.IsUpper(previous) && char.IsUpper(c) && i + 1 < name.Length && char.IsLower(name[i + 1]));
                if (boundary)
                {
                    Flush();
                }
            }
            word.Append(c);
        }
        Flush();
        return words;
    }

    /// <summary>
    /// How well <paramref name="name"/> matches the best of <paramref name="hints"/> (0 to 1): the
    /// whole name 1, the hint's words among the name's 0.85 less a little per extra word, the hint
    /// inside the run-together name (pinyin prefixes such as MZ_GHRQ, BRSFZH) 0.6.
    /// </summary>
    public static double Match(string name, IReadOnlyList<string> hints)
    {
        var words = Words(name);
        var joined = string.Concat(words);
        var best = 0.0;
        foreach (var hint in hints)
        {
            best = Math.Max(best, MatchOne(words, joined, hint));
            if (best >= 1)
            {
                break;
            }
        }
        return best;
    }

    /// <summary>Whether any of <paramref name="hints"/> stands among the name's words or, for hints of 3 letters or more, anywhere inside the run-together name (JHRDH mentions jhr).</summary>
    public static bool Mentions(string name, IReadOnlyList<string> hints)
    {
        var words = Words(name);
        var joined = string.Concat(words);
        return hints.Any(h => MatchOne(words, joined, h) >= 0.5);
    }

    private static double MatchOne(IReadOnlyList<string> words, string joined, string hint)
    {
        var hintWords = hint.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var hintJoined = string.Concat(hintWords);
        if (joined.Length == 0 || hintJoined.Length == 0)
        {
            return 0;
        }
        if (joined == hintJoined)
        {
            return 1;
        }
        for (var start = 0; start + hintWords.Length <= words.Count; start++)
        {
            var all = true;
            for (var k = 0; k < hintWords.Length && all; k++)
            {
                all = words[start + k] == hintWords[k];
            }
            if (all)
            {
                return Math.Max(0.6, 0.85 - (0.05 * (words.Count - hintWords.Length)));
            }
        }
        if (hintJoined.Length >= 3 && joined.Contains(hintJoined, StringComparison.Ordinal))
        {
            // A pinyin initialism at the end of a run-together name (MZGHRQ, BRSFZH) is the column's own; inside, less sure.
            return joined.EndsWith(hintJoined, StringComparison.Ordinal) ? 0.65 : 0.5;
        }
        return 0;
    }
}
