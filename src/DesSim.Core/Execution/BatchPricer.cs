using DesSim.Core.Cost;
using DesSim.Core.Scheduling;

namespace DesSim.Core.Execution;

/// <summary>Prices one micro-batch on one pipeline stage: the pool's cost model, expert routing, the power throttle,
/// CUDA-graph padding of decode-only batches and the engine's CPU time per step and per sequence.</summary>
/// <remarks>One per run (its padded-shape scratch is reused); single-threaded like the simulator.</remarks>
internal sealed class BatchPricer
{
    private readonly BatchShape _paddedShape = new();

    /// <summary>Activation bytes one sending GPU moves to its peer in the next stage for <paramref name="tokens"/> tokens.</summary>
    public static long ActivationBytesPerPair(ServingConfig config, int tokens) => tokens * config.ActivationBytesPerToken / config.TensorParallel;

    /// <summary>The cost of <paramref name="plan"/> on stage <paramref name="stage"/> of a replica of <paramref name="config"/>.</summary>
    public StageCost Price(ServingConfig config, BatchPlan plan, int stage)
    {
        var shape = PricedShape(config, plan.Shape);
        var cost = config.CostModel.Price(shape, stage);
        if (config.ExpertRouting is { } experts)
        {
            cost = experts.Apply(cost, shape, stage);
        }

        if (config.Power is { Throttles: true } power)
        {
            // Why before the overheads: those are CPU time, which the GPU's clock does not change.
            cost = power.Throttle(cost);
        }

        double overhead = 0;
        if (stage == 0)
        {
            if (config.CpuOverlapsGpu)
            {
                // The next step's CPU work runs while this step's GPU work does: the step lasts the longer of the two.
                overhead += Math.Max(0, config.IterationOverheadSeconds - cost.ComputeSeconds);
            }
            else
            {
                overhead += config.IterationOverheadSeconds;
            }
        }

        if (stage == config.Stages - 1)
        {
            overhead += config.PerSequenceOverheadSeconds * plan.Shape.Sequences;
        }

        return overhead == 0 ? cost : cost with { ComputeSeconds = cost.ComputeSeconds + overhead };
    }

    // A decode-only batch replays the CUDA graph of the next captured size: price the padding rows as decodes with no context.
    private BatchShape PricedShape(ServingConfig config, BatchShape shape)
    {
        if (shape.Prefills.Count > 0 || shape.DecodeSequences == 0)
        {
            return shape;
        }

        int padded = config.CudaGraphs.PaddedSize(shape.DecodeSequences);
        if (padded == shape.DecodeSequences)
        {
            return shape;
        }

        _paddedShape.CopyFrom(shape);
        for (int i = shape.DecodeSequences; i < padded; i++)
        {
            _paddedShape.AddDecode(0);
        }

        return _paddedShape;
    }
}
