// Part of a deliberately wrong two-room layering for the test of the architecture test (see LowRoom.cs).
namespace DesSim.Cli.Tests.Layering.Fixture.High;

internal sealed class HighThing
{
    public int Touch() => 1;
}

internal sealed class HighValue;

internal static class UsesLow
{
    // Allowed: the higher room uses the lower one.
    public static int Allowed() => Low.LowThing.Plain();
}
