using DesSim.Engine;

namespace DesSim.Engine.Tests;

/// <summary>Records (time, argument) of each event it receives.</summary>
internal sealed class Recorder(ISimContext ctx) : IEventHandler
{
    public List<(long TimeNs, long Argument)> Fired { get; } = [];

    public void OnEvent(long argument) => Fired.Add((ctx.Now.Nanoseconds, argument));
}
