namespace DesSim.Core.Scenarios;

/// <summary>Named serving-engine overhead presets.</summary>
/// <remarks>
/// Only <c>none</c> is defined until the presets are calibrated (issue: calibration and validation); a preset must cite
/// where its numbers come from.
/// </remarks>
public static class EngineOverheadsCatalog
{
    private static readonly Dictionary<string, EngineOverheads> Presets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["none"] = EngineOverheads.None,
    };

    /// <summary>The preset used when a scenario names none.</summary>
    public static EngineOverheads Default => EngineOverheads.None;

    /// <summary>Preset names.</summary>
    public static IReadOnlyCollection<string> Names => Presets.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Looks up a preset by name.</summary>
    public static bool TryGet(string name, out EngineOverheads preset) => Presets.TryGetValue(name.Trim(), out preset!);
}
