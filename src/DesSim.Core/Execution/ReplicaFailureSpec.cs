namespace DesSim.Core.Execution;

/// <summary>A data-parallel replica going down at <paramref name="AtSeconds"/>, optionally back up at <paramref name="RecoverSeconds"/>.</summary>
/// <remarks>At the failure its in-flight micro-batches are lost, its KV cache is dropped, and every request it held is
/// retried from scratch on the replicas that are up (counted as a retry). While down it receives no requests.</remarks>
/// <param name="Replica">Replica index (0-based).</param>
/// <param name="AtSeconds">Failure time (simulated seconds).</param>
/// <param name="RecoverSeconds">Recovery time, or null for a permanent failure.</param>
public sealed record ReplicaFailureSpec(int Replica, double AtSeconds, double? RecoverSeconds);
