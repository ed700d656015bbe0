using DesSim.Core.Cost;
using DesSim.Core.Parallelism;

namespace DesSim.Core.Execution;

/// <summary>Samples each micro-batch's token-to-expert routing from a named random stream and adds the expert-parallel
/// cost it implies to a stage's price; keeps the load statistics of the run.</summary>
/// <remarks>
/// One routing sample per (micro-batch, stage): the domain's tokens × k assignments split multinomially over the experts by
/// their popularity (<see cref="ExpertRoutingSpec"/>), and the same sample stands for every MoE layer of the stage
/// (approximation: layer-to-layer sampling noise is perfectly correlated; the popularity skew is the same in every layer).
/// Cost per call: one binomial draw per expert plus three kernel prices per expert; no allocation. One instance per run; not thread-safe.
/// </remarks>
public sealed class ExpertRoutingSampler
{
    private readonly ExpertParallelCost _cost;
    private readonly Random _rng;
    private readonly double[] _probabilities;
    private readonly long[] _counts;
    private readonly long[] _totals;
    private readonly string _routing;
    private double _sumImbalance;
    private double _maxImbalance;
    private long _batches;

    /// <summary>Creates a sampler drawing from <paramref name="rng"/> (a named stream, e.g. <c>moe_routing</c>).</summary>
    public ExpertRoutingSampler(ExpertParallelCost cost, ExpertRoutingSpec routing, Random rng)
    {
        _cost = cost;
        _rng = rng;
        _probabilities = routing.Probabilities(cost.Experts);
        _counts = new long[cost.Experts];
        _totals = new long[cost.Experts];
        _routing = routing.Kind switch
        {
            ExpertRoutingKind.Zipf => FormattableString.Invariant($"zipf({routing.Exponent})"),
            ExpertRoutingKind.Popularity => "popularity",
            _ => "uniform",
        };
    }

    /// <summary>Samples a routing for <paramref name="batch"/> and returns <paramref name="cost"/> plus the experts of <paramref name="stageIndex"/>.</summary>
    public StageCost Apply(StageCost cost, BatchShape batch, int stageIndex)
    {
        int tokens = batch.TotalTokens;
        if (tokens == 0 || _cost.LayersInStage(stageIndex) == 0)
        {
            return cost;
        }

        long assignments = (long)tokens * _cost.DomainReplicas * _cost.ExpertsPerToken;
        MultinomialSampler.Sample(_rng, _probabilities, assignments, _counts);
        Record();
        return _cost.AddTo(cost, tokens, _counts, stageIndex);
    }

    /// <summary>The load statistics so far (null before any batch).</summary>
    public ExpertLoadStats? Stats()
    {
        if (_batches == 0)
        {
            return null;
        }

        double mean = _totals.Average();
        return new ExpertLoadStats(_totals.ToArray(), mean > 0 ? _totals.Max() / mean : 1, _sumImbalance / _batches, _maxImbalance, _batches, _cost.Ep, _routing);
    }

    private void Record()
    {
        int per = _cost.Experts / _cost.Ep;
        long max = 0, sum = 0;
        for (int g = 0; g < _cost.Ep; g++)
        {
            long load = 0;
            for (int e = g * per; e < (g + 1) * per; e++)
            {
                load += _counts[e];
            }

            max = Math.Max(max, load);
            sum += load;
        }

        for (int e = 0; e < _counts.Length; e++)
        {
            _totals[e] += _counts[e];
        }

        double imbalance = sum > 0 ? max * (double)_cost.Ep / sum : 1;
        _sumImbalance += imbalance;
        _maxImbalance = Math.Max(_maxImbalance, imbalance);
        _batches++;
    }
}
