// A deliberately wrong two-room layering for the test of the architecture test: Low (rank 0) uses High (rank 1), but
// only inside a method body, never in a signature, so a signature-only check passes it.
namespace DesSim.Cli.Tests.Layering.Fixture.Low;

internal static class LowThing
{
    public static int Plain() => 0;

    // The back edge in a method body: a constructor call and a method call on a higher room's type.
    public static int BodyOnly() => new High.HighThing().Touch();
}
