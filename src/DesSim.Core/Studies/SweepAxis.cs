using YamlDotNet.RepresentationModel;
using DesSim.Core.Configuration;

namespace DesSim.Core.Studies;

/// <summary>One dimension of a sweep grid: a scenario key path and the values it takes.</summary>
/// <remarks><see cref="KeyPath"/> is dotted as in <c>--set</c> (e.g. <c>workload.arrival.rate</c>); each value is any
/// YAML node (scalar, list or mapping) that replaces the key's value. <see cref="Labels"/> are the values' one-line texts,
/// used as CSV cells and chart labels.</remarks>
public sealed record SweepAxis(string KeyPath, IReadOnlyList<YamlNode> Values)
{
    /// <summary>One-line text of each value.</summary>
    public IReadOnlyList<string> Labels { get; } = Values.Select(YamlNodes.Text).ToArray();
}
