using DesSim.Core.Configuration;
using DesSim.Core.Scheduling;
using System.Globalization;
using DesSim.Core.Scenarios;

namespace DesSim.Core.Fidelity.Calibration;

/// <summary>Writes fitted engine overheads as a YAML <c>engine:</c> mapping a scenario can paste or include.</summary>
public static class EngineOverheadsYaml
{
    /// <summary>The YAML text: an <c>engine:</c> mapping with the inline keys <see cref="EngineOverheadsReader"/> reads, plus a fit-quality comment.</summary>
    public static string Write(EngineOverheads e, string comment)
    {
        var inv = CultureInfo.InvariantCulture;
        var lines = comment.Split('\n').Select(l => "# " + l.TrimEnd());
        return string.Join("\n", lines) + "\n" + string.Create(inv, $"""
            engine:
              name: {YamlText.Quote(e.Name)}
              iteration_overhead_ms: {e.IterationOverheadSeconds * 1e3:R}
              per_sequence_overhead_ms: {e.PerSequenceOverheadSeconds * 1e3:R}
              collective_step_overhead_us: {e.CollectiveStepOverheadSeconds * 1e6:R}

            """);
    }
}
