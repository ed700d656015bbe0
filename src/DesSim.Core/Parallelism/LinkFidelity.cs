namespace DesSim.Core.Parallelism;

/// <summary>How point-to-point transfers (pipeline activations) are simulated.</summary>
public enum LinkFidelity
{
    /// <summary>Closed form per transfer, no contention.</summary>
    ClosedForm,

    /// <summary>Every link a FIFO server; shared links contend.</summary>
    LinkLevel,
}
