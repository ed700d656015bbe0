using DesSim.Core.Configuration;
using DesSim.Core.Metrics;

namespace DesSim.Core.Studies;

/// <summary>A named use case for <c>dessim plan</c>: its SLO and default objective.</summary>
/// <remarks><c>chat</c>: TTFT 350 ms, TPOT 25 ms (facts.md §1), ranked by cost. <c>batch</c>: no latency bound, ranked by
/// throughput. <c>voice</c>: a tight TTFT (<see cref="VoiceTtftMs"/>) with the chat TPOT, ranked by latency.</remarks>
public sealed record PlanPreset(string Name, SloSpec Slo, PlanObjective Objective)
{
    /// <summary>Voice agents' TTFT bound in ms.</summary>
    /// <remarks>Assumption, not a measurement: a spoken reply is budgeted ~500 ms from end of speech to first audio, of which
    /// ASR and TTS take most; 150 ms is left for the LLM's first token. Override with <c>--slo ttft_ms=...</c>.</remarks>
    public const double VoiceTtftMs = 150;

    /// <summary>The presets.</summary>
    public static IReadOnlyList<PlanPreset> All { get; } =
    [
        new("chat", SloSpec.Chat, PlanObjective.Cost),
        new("batch", new SloSpec(), PlanObjective.Throughput),
        new("voice", new SloSpec(TtftMs: VoiceTtftMs, TpotMs: SloSpec.Chat.TpotMs), PlanObjective.Latency),
    ];

    /// <summary>Parses a preset name, or explicit bounds <c>ttft_ms=350,tpot_ms=25[,e2el_ms=..][,queue_ms=..]</c> (objective: cost).</summary>
    /// <exception cref="InputException">Neither.</exception>
    public static PlanPreset Parse(string text)
    {
        var preset = All.FirstOrDefault(p => p.Name == text);
        if (preset is not null)
        {
            return preset;
        }

        var slo = new SloSpec();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split('=');
            if (kv.Length != 2 || !double.TryParse(kv[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v) || !(v > 0 && v <= InputRanges.MaxSloMs))
            {
                throw Bad(text);
            }

            slo = kv[0] switch
            {
                "ttft_ms" => slo with { TtftMs = v },
                "tpot_ms" => slo with { TpotMs = v },
                "e2el_ms" => slo with { E2elMs = v },
                "queue_ms" => slo with { QueueMs = v },
                _ => throw Bad(text),
            };
        }

        return new PlanPreset("custom", slo, PlanObjective.Cost);
    }

    private static InputException Bad(string text) =>
        new("--slo", text, "expected a preset (chat, batch, voice) or bounds such as ttft_ms=350,tpot_ms=25", "keys: ttft_ms, tpot_ms, e2el_ms, queue_ms (positive ms)");
}
