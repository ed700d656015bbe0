namespace DesSim.Core.Fidelity.Calibration;

/// <summary>One measured serving benchmark: a load (closed loop, rate, or all at once) against one deployment, with the
/// mean TTFT and TPOT the benchmark client reported.</summary>
/// <remarks>Read from <c>vllm bench serve --save-result</c> JSON by <see cref="VllmBenchJsonReader"/>. <see cref="Measured"/>
/// carries the deployment (model, GPU, precision, TP, PP), the mean prompt and output lengths, the means in ms and the
/// fit / hold-out split; <see cref="MeasuredRun.Batch"/> is the concurrency (or the request count for an all-at-once load).</remarks>
/// <param name="Measured">Deployment, lengths, means and split.</param>
/// <param name="Requests">Completed requests the means are over.</param>
/// <param name="MaxConcurrency">The client's <c>--max-concurrency</c> (null: unbounded).</param>
/// <param name="RequestRate">The client's <c>--request-rate</c> in requests/s (null: inf, everything sent at once).</param>
/// <param name="Engine">Engine name to simulate it under (vllm, sglang, trtllm).</param>
/// <param name="EngineVersion">Engine version, or null for the newest modeled.</param>
public sealed record ServingRun(MeasuredRun Measured, int Requests, int? MaxConcurrency, double? RequestRate, string Engine, string? EngineVersion);
