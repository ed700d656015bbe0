using DesSim.Core.Cost;

namespace DesSim.Core.Tests.TestDoubles;

/// <summary>Stage cost = fixed + perToken × new tokens (all compute), TP comm a fixed extra; hand-derivable.</summary>
internal sealed class LinearCostModel(double fixedSeconds, double perTokenSeconds, double tpCommSeconds = 0) : IStageCostModel
{
    public int Calls { get; private set; }

    public StageCost Price(BatchShape batch, int stageIndex)
    {
        Calls++;
        return new StageCost(fixedSeconds + (perTokenSeconds * batch.TotalTokens), tpCommSeconds);
    }
}
