using DesSim.Core.Configuration;
using DesSim.Core.Parallelism;
using DesSim.Core.Scenarios;
using DesSim.Core.Studies;
using DesSim.Core.Tests.TestDoubles;

namespace DesSim.Core.Tests.Studies;

/// <summary>Plan once, run many (issue #15 item 2): a layout is validated and planned once per study, shared by
/// replications, capacity probes and parallel workers, and every variant is re-validated by one function.</summary>
public sealed class PlanOnceTests
{
    private const string Yaml = """
        name: plan-once
        seed: 3
        model: llama-3.1-8b
        precision: bf16
        cluster: { gpu: h100-sxm, nodes: 1, gpus_per_node: 4 }
        parallelism: { tp: 2, pp: 1, dp: 2 }
        scheduler: { policy: sarathi, max_num_seqs: 32, max_num_batched_tokens: 1024 }
        workload:
          requests: 40
          arrival: { process: poisson, rate: 8 }
          input_tokens: { dist: lognormal, mean: 300, sigma: 0.5, max: 2000 }
          output_tokens: { dist: lognormal, mean: 40, sigma: 0.5, max: 200 }
        slo: { ttft_ms: 500, tpot_ms: 50 }
        """;

    private static Scenario Load(string yaml = Yaml) =>
        ScenarioLoader.Read(YamlDocumentLoader.Parse(yaml, "plan-once.yaml"), "plan-once.yaml", Directory.GetCurrentDirectory());

    [Test]
    public void Loading_plans_the_layout_once_and_replications_reuse_it()
    {
        using var builds = DeploymentPlan.CountBuilds();
        var scenario = Load();
        Assert.That(builds.Count, Is.EqualTo(1), "the loader validates by planning, once");
        Assert.That(scenario.Planned?.Deployment, Is.Not.Null);
        var point = PointEvaluator.Evaluate(scenario, replications: 3);
        Assert.That(point.Runs, Has.Count.EqualTo(3));
        Assert.That(builds.Count, Is.EqualTo(1), "a point of R replications used to plan 1 + R times");
    }

    [Test]
    public void A_sweep_over_the_load_shares_the_base_plan_across_points()
    {
        var path = Path.Combine(Path.GetTempPath(), $"plan-once-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, Yaml);
        try
        {
            var grid = SweepGridReader.Read(YamlDocumentLoader.Parse("axes: { workload.arrival.rate: [2, 4, 8] }\nreplications: 2", "grid.yaml"));
            using var builds = DeploymentPlan.CountBuilds();
            var plan = SweepExpander.Expand(path, [], grid);
            Assert.That(plan.Points, Has.Count.EqualTo(3));
            Assert.That(plan.Points.Select(p => p.Scenario.Planned!.Deployment), Is.All.SameAs(plan.Base.Planned!.Deployment));
            ParallelInput.For(plan.Points.Count, 3, i => PointEvaluator.Evaluate(plan.Points[i].Scenario, plan.Grid.Replications));
            Assert.That(builds.Count, Is.EqualTo(1), "three points of two replications each, on parallel workers: one plan");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void A_planned_layout_is_planned_once_for_its_load_saturated_and_capacity_runs()
    {
        var scenario = Load();
        var (layouts, _) = Planner.Layouts(scenario);
        using var builds = DeploymentPlan.CountBuilds();
        var other = layouts.First(l => l != scenario.Deployment.Plan);
        var e = Planner.Assess(scenario, other, scenario.Slo, replications: 2, new CapacitySearch(MaxSimulations: 4));
        Assert.That(e.Capacity, Is.Not.Null);
        Assert.That(builds.Count, Is.Zero, "the enumerator planned every layout; a layout's 2 + 22·R runs reuse that plan");
    }

    [Test]
    public void Parallel_runs_on_one_plan_give_the_serial_result()
    {
        var scenario = Load();
        var serial = ScenarioRunner.Run(Load());
        var runs = new ScenarioRun[4];
        Parallel.For(0, runs.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => runs[i] = ScenarioRunner.Run(scenario));
        foreach (var r in runs)
        {
            Assert.That(r.Result.Summary, Is.EqualTo(serial.Result.Summary));
            Assert.That(r.Result.Requests, Is.EqualTo(serial.Result.Requests));
            Assert.That(r.Result.Notes, Is.EqualTo(serial.Result.Notes), "a leased deployment's notes are its run's own");
        }
    }

    [Test]
    public void A_layout_variant_is_revalidated_including_its_faults()
    {
        var faulty = Load(Yaml + "\nfaults:\n  replica_failures: [{ replica: 1, at_s: 1 }]\n");
        var e = Assert.Throws<InputException>(() => ScenarioVariants.WithLayout(faulty, new ParallelPlan(4, 1, 1)))!;
        Assert.That(e.Message, Does.StartWith("plan-once.yaml:faults: layout TP4xPP1: replica 1 does not exist"));
        var huge = Assert.Throws<InputException>(() => ScenarioVariants.WithLayout(Load(), new ParallelPlan(3, 1, 1)))!;
        Assert.That(huge.Message, Does.StartWith("plan-once.yaml:parallelism.tp: layout TP3xPP1:"));
    }

    [Test]
    public void A_variant_made_around_the_one_function_is_refused()
    {
        var scenario = Load();
        var unplanned = scenario with { Deployment = scenario.Deployment with { Plan = new ParallelPlan(4, 1, 1) } };
        Assert.That(() => ScenarioRunner.Run(unplanned), Throws.ArgumentException.With.Message.Contains("ScenarioVariants"));
        Assert.That(ScenarioRunner.Run(ScenarioVariants.WithLayout(scenario, new ParallelPlan(4, 1, 1))).Deployment.Plan, Is.EqualTo(new ParallelPlan(4, 1, 1)));
    }

    [Test]
    public void Every_enumerated_layout_of_the_faults_scenario_is_a_valid_variant()
    {
        var scenario = ScenarioLoader.Load(RepoPaths.Scenario("faults-straggler-failure.yaml"));
        foreach (var layout in LayoutEnumerator.Enumerate(scenario).Feasible)
        {
            Assert.That(ScenarioVariants.WithLayout(scenario, layout).Planned!.Deployment!.Plan, Is.EqualTo(layout));
        }
    }

    [Test]
    public void Notes_rewind_to_a_fresh_deployments()
    {
        var notes = new DesSim.Core.Cost.RunNotes();
        notes.Once("a", "first");
        notes.Once("b", "second");
        notes.RewindTo(1);
        Assert.That(notes.All, Is.EqualTo(new[] { "first" }));
        notes.Once("b", "again");
        notes.Once("a", "not again");
        Assert.That(notes.All, Is.EqualTo(new[] { "first", "again" }));
    }

    [Test]
    public void A_deployment_goes_back_only_to_its_own_plan()
    {
        var a = Load().Planned!.Deployment!;
        var b = Load().Planned!.Deployment!;
        var leased = a.Rent();
        Assert.That(() => b.Return(leased), Throws.ArgumentException);
        a.Return(leased);
        Assert.That(a.Rent(), Is.SameAs(leased), "a returned deployment is leased again");
    }
}
