using System.Text.Json.Serialization;
using DesSim.Core.Metrics;

namespace DesSim.Reporting.Results.Schema;

/// <summary>The <c>gpu_time_shares</c> object of <c>summary.json</c>: where the GPUs' time went, shares 0..1 of GPUs × duration.</summary>
public sealed record GpuTimeSharesDocument
{
    /// <summary>Compute.</summary>
    [JsonPropertyName("compute")]
    public required double Compute { get; init; }

    /// <summary>Tensor-parallel collectives.</summary>
    [JsonPropertyName("tp_comm")]
    public required double TpComm { get; init; }

    /// <summary>Pipeline sends.</summary>
    [JsonPropertyName("pp_comm")]
    public required double PpComm { get; init; }

    /// <summary>Other communication (EP all-to-all, CP ring/combine).</summary>
    [JsonPropertyName("other_comm")]
    public required double OtherComm { get; init; }

    /// <summary>Pipeline bubbles.</summary>
    [JsonPropertyName("bubble")]
    public required double Bubble { get; init; }

    /// <summary>Idle.</summary>
    [JsonPropertyName("idle")]
    public required double Idle { get; init; }

    /// <summary>The shares of <paramref name="s"/>.</summary>
    public static GpuTimeSharesDocument From(RunSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new() { Compute = s.ComputeShare, TpComm = s.TpCommShare, PpComm = s.PpCommShare, OtherComm = s.OtherCommShare, Bubble = s.BubbleShare, Idle = s.IdleShare };
    }
}
