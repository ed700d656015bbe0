using DesSim.Core.Scheduling;
using DesSim.Engine;

namespace DesSim.Core.Execution;

/// <summary>How prefill and decode pools cooperate (<c>disaggregation:</c>, docs/disaggregation.md).</summary>
/// <param name="Mode">When the KV cache moves.</param>
/// <param name="Setup">Connector cost per transfer (post and completion notification), on the critical path.</param>
/// <param name="PrefillRouter">How arriving requests pick a prefill instance.</param>
/// <param name="DecodeRouter">How a prefilled request picks a decode instance among those with room.</param>
public sealed record DisaggregationConfig(KvTransferMode Mode, SimTime Setup, RouterKind PrefillRouter, DecodeRouterKind DecodeRouter)
{
    /// <summary>Default connector cost per transfer: 6.7 ms, the mean NIXL "post duration" (time to submit a transfer to
    /// the RDMA backend) that vLLM's NixlConnector reported on a 3P1D run (block size 64, ~167 MB and ~1,785 descriptors
    /// per transfer): vllm-project/vllm issue #50913 (comment of 2026-08-28, baseline column); the metric's meaning is
    /// documented in vllm-project/vllm PR #50828 (<c>postDuration</c>, part of <c>xferDuration</c>).</summary>
    public const double DefaultSetupSeconds = 6.7e-3;

    /// <summary>Which GPU sends which KV bytes to which between the prefill and the decode layouts (required to run).</summary>
    public KvTransferFlows? Flows { get; init; }
}
