namespace DesSim.Core.Hardware;

/// <summary>Links whose bandwidth is multiplied by <paramref name="Factor"/> during [<paramref name="StartSeconds"/>, <paramref name="EndSeconds"/>).</summary>
/// <remarks>A link matches when its kind equals <paramref name="Kind"/> (null: any) and its name contains
/// <paramref name="NameContains"/> (null: any). A transfer that starts inside the window sees the degraded bandwidth
/// for its whole length. 0 &lt; factor ≤ 1.</remarks>
/// <param name="Kind">Link kind (nvlink, pcie, pcie-uplink, xgmi, ib), or null for all.</param>
/// <param name="NameContains">Substring of the link name (e.g. <c>node1/</c>), or null for all.</param>
/// <param name="Factor">Bandwidth multiplier.</param>
/// <param name="StartSeconds">Window start (simulated seconds).</param>
/// <param name="EndSeconds">Window end (simulated seconds; +∞ for the rest of the run).</param>
public sealed record LinkDegradationSpec(string? Kind, string? NameContains, double Factor, double StartSeconds, double EndSeconds)
{
    /// <summary>Whether <paramref name="link"/> is affected.</summary>
    public bool Matches(LinkSpec link) =>
        (Kind is null || string.Equals(link.Kind, Kind, StringComparison.Ordinal))
        && (NameContains is null || link.Name.Contains(NameContains, StringComparison.Ordinal));
}
