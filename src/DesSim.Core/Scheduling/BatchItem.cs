namespace DesSim.Core.Scheduling;

/// <summary>One sequence's share of a micro-batch: <see cref="NewTokens"/> processed on top of <see cref="CachedTokens"/>.</summary>
/// <remarks>A decode item has <see cref="NewTokens"/> = 1 and <see cref="IsPrefill"/> false.</remarks>
public readonly record struct BatchItem(Sequence Sequence, int NewTokens, int CachedTokens, bool IsPrefill);
