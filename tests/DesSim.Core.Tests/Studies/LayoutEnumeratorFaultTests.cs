using DesSim.Core.Execution;
using DesSim.Core.Scenarios;
using DesSim.Core.Studies;
using DesSim.Core.Tests.TestDoubles;

namespace DesSim.Core.Tests.Studies;

public sealed class LayoutEnumeratorFaultTests
{
    [Test]
    public void Layouts_the_fault_plan_cannot_run_on_are_rejected_with_its_reason()
    {
        // The shipped scenario fails replica 1, so a one-replica layout (DP 1) cannot run it: capacity and plan used to
        // reach the simulator with such layouts and exit 1 ("replica 1 does not exist").
        var scenario = ScenarioLoader.Load(RepoPaths.Scenario("faults-straggler-failure.yaml"));
        var (feasible, rejected) = LayoutEnumerator.Enumerate(scenario);
        Assert.That(feasible, Is.Not.Empty);
        Assert.That(feasible.Select(p => scenario.Faults.Problem(p.Dp, p.GpuCount)), Is.All.Null);
        Assert.That(rejected, Has.Some.Contains("faults: replica 1 does not exist"));
        var withoutFaults = LayoutEnumerator.Enumerate(scenario with { Faults = FaultPlan.None });
        Assert.That(withoutFaults.Feasible, Has.Count.EqualTo(feasible.Count + rejected.Count(r => r.Contains("faults:", StringComparison.Ordinal))));
    }
}
