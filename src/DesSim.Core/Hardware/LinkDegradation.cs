namespace DesSim.Core.Hardware;

/// <summary>Per-link bandwidth factors over time, from a list of <see cref="LinkDegradationSpec"/> windows.</summary>
/// <remarks>Overlapping windows on one link multiply. Factors are in (0, 1]; 1 means full bandwidth.</remarks>
public sealed class LinkDegradation
{
    private readonly (long StartNs, long EndNs, double Factor)[][] _windows;

    /// <summary>Resolves <paramref name="specs"/> against the links of <paramref name="topology"/>.</summary>
    public LinkDegradation(Topology topology, IReadOnlyList<LinkDegradationSpec> specs)
    {
        _windows = new (long, long, double)[topology.Links.Count][];
        for (int l = 0; l < _windows.Length; l++)
        {
            _windows[l] = specs.Where(s => s.Matches(topology.Links[l]))
                .Select(s => (ToNs(s.StartSeconds), ToNs(s.EndSeconds), s.Factor))
                .ToArray();
        }
    }

    /// <summary>The bandwidth factor of link <paramref name="link"/> at <paramref name="nowNanoseconds"/>.</summary>
    public double Factor(int link, long nowNanoseconds)
    {
        double f = 1;
        foreach (var (start, end, factor) in _windows[link])
        {
            if (nowNanoseconds >= start && nowNanoseconds < end)
            {
                f *= factor;
            }
        }

        return f;
    }

    private static long ToNs(double seconds) => double.IsPositiveInfinity(seconds) ? long.MaxValue : TransferMath.ToNanoseconds(seconds);
}
