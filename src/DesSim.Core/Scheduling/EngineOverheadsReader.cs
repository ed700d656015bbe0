using DesSim.Core.Configuration;

namespace DesSim.Core.Scheduling;

/// <summary>Reads the <c>engine:</c> key: a preset name or inline overheads (<c>preset</c>, <c>name</c>, <c>iteration_overhead_ms</c>, <c>per_sequence_overhead_ms</c>, <c>collective_step_overhead_us</c>).</summary>
public static class EngineOverheadsReader
{
    /// <summary>Reads <c>engine</c> from a scenario root (default: <see cref="EngineOverheadsCatalog.Default"/>).</summary>
    public static EngineOverheads Read(YamlSection root)
    {
        var (name, section) = root.GetScalarOrSection("engine");
        if (section is not null)
        {
            var basis = section.GetString("preset") is { } p ? Lookup(section, "preset", p) : EngineOverheads.None;
            var custom = new EngineOverheads(
                section.GetString("name", "custom")!,
                (section.GetDouble("iteration_overhead_ms", basis.IterationOverheadSeconds * 1e3, min: 0, max: 10_000)!.Value) / 1e3,
                (section.GetDouble("per_sequence_overhead_ms", basis.PerSequenceOverheadSeconds * 1e3, min: 0, max: 10_000)!.Value) / 1e3,
                (section.GetDouble("collective_step_overhead_us", basis.CollectiveStepOverheadSeconds * 1e6, min: 0, max: 1_000_000)!.Value) / 1e6)
            {
                AllReduce = basis.AllReduce,
                KvSizing = basis.KvSizing,
            };
            section.RejectUnknownKeys();
            return custom;
        }

        return name is null ? EngineOverheadsCatalog.Default : Lookup(root, "engine", name);
    }

    private static EngineOverheads Lookup(YamlSection section, string key, string name) =>
        EngineOverheadsCatalog.TryGet(name, out var preset)
            ? preset
            : throw section.Error(key, $"unknown engine preset '{name}'", KeySuggester.Hint(name.ToLowerInvariant(), EngineOverheadsCatalog.Names));
}
