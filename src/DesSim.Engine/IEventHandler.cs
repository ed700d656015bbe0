namespace DesSim.Engine;

/// <summary>Receives events it scheduled on a <see cref="ISimContext"/>.</summary>
/// <remarks>
/// Why an interface plus a <see cref="long"/> argument rather than a closure: handlers are long-lived
/// objects (a stage server, a link, an arrival source), so scheduling an event allocates nothing.
/// The argument is the handler's own payload (an index, an id, an event kind).
/// </remarks>
public interface IEventHandler
{
    /// <summary>Called when the event's time is reached; the context's <c>Now</c> is the event time.</summary>
    void OnEvent(long argument);
}
