using System.Globalization;
using System.Text.RegularExpressions;

namespace DesSim.Core.Scheduling.Engines;

/// <summary>A serving engine's release version as the engines spell them (<c>0.12.0</c>, <c>0.5.1.post1</c>,
/// <c>1.0.0rc3</c>, <c>1.2.0rc6.post1</c>, <c>0.17</c>), ordered as PEP 440 orders them: a release candidate comes before
/// its release, a post release after it.</summary>
/// <param name="Text">The version as written.</param>
/// <param name="Release">Up to four release numbers, missing ones zero.</param>
/// <param name="Candidate">Release-candidate number, or <see cref="int.MaxValue"/> for a final release.</param>
/// <param name="Post">Post-release number, or -1 for none.</param>
public sealed partial record EngineVersion(string Text, IReadOnlyList<int> Release, int Candidate, int Post) : IComparable<EngineVersion>
{
    private const int ReleaseParts = 4;

    [GeneratedRegex(@"^v?(\d{1,4})(?:\.(\d{1,4}))?(?:\.(\d{1,4}))?(?:\.(\d{1,4}))?(?:\.?rc(\d{1,4}))?(?:\.post(\d{1,4}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>Parses <paramref name="text"/>; null when it is not a version.</summary>
    public static EngineVersion? TryParse(string text)
    {
        var m = Pattern().Match(text.Trim());
        if (!m.Success)
        {
            return null;
        }

        var release = new int[ReleaseParts];
        for (int i = 0; i < ReleaseParts; i++)
        {
            release[i] = m.Groups[i + 1].Success ? int.Parse(m.Groups[i + 1].Value, CultureInfo.InvariantCulture) : 0;
        }

        int rc = m.Groups[5].Success ? int.Parse(m.Groups[5].Value, CultureInfo.InvariantCulture) : int.MaxValue;
        int post = m.Groups[6].Success ? int.Parse(m.Groups[6].Value, CultureInfo.InvariantCulture) : -1;
        return new EngineVersion(text.Trim(), release, rc, post);
    }

    /// <summary>Parses a version known to be valid (the catalog's own).</summary>
    public static EngineVersion Parse(string text) => TryParse(text) ?? throw new ArgumentException($"'{text}' is not an engine version", nameof(text));

    /// <inheritdoc />
    public int CompareTo(EngineVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        for (int i = 0; i < ReleaseParts; i++)
        {
            int c = Release[i].CompareTo(other.Release[i]);
            if (c != 0)
            {
                return c;
            }
        }

        int rc = Candidate.CompareTo(other.Candidate);
        return rc != 0 ? rc : Post.CompareTo(other.Post);
    }

    /// <summary>Whether this version is the same release as <paramref name="other"/> (spelling aside).</summary>
    public bool SameAs(EngineVersion other) => CompareTo(other) == 0;

    /// <inheritdoc />
    public override string ToString() => Text;
}
