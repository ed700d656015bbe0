namespace DesSim.Core.Configuration;

/// <summary>Finds the nearest valid name for a misspelt key or value (Levenshtein distance).</summary>
public static class KeySuggester
{
    /// <summary>The candidate closest to <paramref name="given"/>, or null when none is plausibly meant.</summary>
    public static string? Nearest(string given, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            int d = Distance(given.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance || (d == bestDistance && string.CompareOrdinal(c, best) < 0))
            {
                bestDistance = d;
                best = c;
            }
        }

        // Why: more than ~40% of the letters changed is not a typo, it is another word.
        return best is not null && bestDistance <= Math.Max(2, given.Length * 2 / 5) ? best : null;
    }

    /// <summary>"did you mean 'x'?" or "valid: a, b, c".</summary>
    public static string Hint(string given, IReadOnlyCollection<string> candidates)
    {
        var near = Nearest(given, candidates);
        return near is not null ? $"did you mean '{near}'?" : $"valid: {string.Join(", ", candidates)}";
    }

    /// <summary>Levenshtein edit distance.</summary>
    public static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }
}
