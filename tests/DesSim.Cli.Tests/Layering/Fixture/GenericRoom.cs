// Part of the deliberately wrong layering for the test of the architecture test: Generic (rank 0) uses High (rank 1)
// only as the generic argument of a local inside a method body.
namespace DesSim.Cli.Tests.Layering.Fixture.Generic;

internal static class GenericThing
{
    public static int Count() => new List<High.HighValue>().Count;
}
