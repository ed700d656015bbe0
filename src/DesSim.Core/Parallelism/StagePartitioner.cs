namespace DesSim.Core.Parallelism;

/// <summary>Splits decoder layers into contiguous pipeline stages balanced by cost.</summary>
/// <remarks>Cost unit: one decoder layer. The last stage also carries the LM head, worth <c>lmHeadLayers</c> layers
/// (its weight read relative to a layer's, the decode-time cost). The embedding is a gather (negligible). Minimizes the
/// most expensive stage; ties give the last stage more layers; earlier stages get the remainder first.</remarks>
public static class StagePartitioner
{
    /// <summary>Layers per stage for <paramref name="layers"/> layers over <paramref name="stages"/> stages (stages ≤ layers).</summary>
    public static int[] Balance(int layers, int stages, double lmHeadLayers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stages, layers);
        if (stages == 1)
        {
            return [layers];
        }

        int bestLast = 1;
        double bestCost = double.PositiveInfinity;
        for (int last = 1; last <= layers - (stages - 1); last++)
        {
            int rest = layers - last;
            double cost = Math.Max(Math.Ceiling(rest / (double)(stages - 1)), last + lmHeadLayers);
            if (cost <= bestCost)
            {
                bestCost = cost;
                bestLast = last;
            }
        }

        var result = new int[stages];
        int remaining = layers - bestLast;
        for (int s = 0; s < stages - 1; s++)
        {
            result[s] = (remaining / (stages - 1)) + (s < remaining % (stages - 1) ? 1 : 0);
        }

        result[^1] = bestLast;
        return result;
    }
}
