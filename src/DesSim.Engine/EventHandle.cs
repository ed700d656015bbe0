namespace DesSim.Engine;

/// <summary>Identifies one scheduled event so it can be cancelled.</summary>
/// <remarks>The sequence number is unique per simulator run; <see cref="None"/> (0) names no event.</remarks>
public readonly record struct EventHandle(long Sequence)
{
    /// <summary>The handle that names no event.</summary>
    public static readonly EventHandle None = new(0);

    /// <summary>Whether this handle names an event.</summary>
    public bool IsValid => Sequence > 0;
}
