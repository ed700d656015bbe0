namespace DesSim.Core.Metrics;

/// <summary>One request's prefill-to-decode hand-off (disaggregated serving); times in ns since the simulation start.</summary>
/// <param name="Id">Request id.</param>
/// <param name="PrefillReplica">Global replica index of the prefill instance.</param>
/// <param name="DecodeReplica">Global replica index of the decode instance.</param>
/// <param name="FinalPassNs">When the micro-batch with the request's final prefill chunk launched.</param>
/// <param name="ReadyNs">Prefill done: the first token.</param>
/// <param name="StartNs">When a decode instance had room (≥ <paramref name="ReadyNs"/>; the wait before is back-pressure).</param>
/// <param name="EndNs">When the KV was usable on the decode instance.</param>
/// <param name="Bytes">KV bytes moved, all flows.</param>
public readonly record struct KvTransferRecord(long Id, int PrefillReplica, int DecodeReplica, long FinalPassNs, long ReadyNs, long StartNs, long EndNs, long Bytes)
{
    /// <summary>Back-pressure wait: prefill done until a decode instance had room, ms.</summary>
    public double WaitMs => (StartNs - ReadyNs) / 1e6;

    /// <summary>Exposed transfer time: from the later of prefill done and room on the decode side until the KV is usable there
    /// (connector setup and link queueing included; layerwise streaming during the prefill is hidden), ms.</summary>
    public double TransferMs => (EndNs - StartNs) / 1e6;
}
