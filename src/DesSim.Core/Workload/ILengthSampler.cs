namespace DesSim.Core.Workload;

/// <summary>Draws one token count.</summary>
internal interface ILengthSampler
{
    /// <summary>A whole number of tokens within the spec's [min, max].</summary>
    int Sample();
}
