namespace DesSim.Core.Workload;

/// <summary>One histogram bin of token lengths: values in [<see cref="LowerTokens"/>, <see cref="UpperTokens"/>) (the last bin includes its upper edge).</summary>
public readonly record struct HistogramBin(double LowerTokens, double UpperTokens, long Count);
