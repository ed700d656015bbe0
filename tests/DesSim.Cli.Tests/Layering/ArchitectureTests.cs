using System.Reflection;
using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using Assembly = System.Reflection.Assembly;

namespace DesSim.Cli.Tests.Layering;

/// <summary>Enforces the declared layering (docs/architecture.md) on the IL, method bodies and generic arguments included:
/// Engine ← Core ← Reporting ← Cli (and ← Benchmarks, which the CLI does not reference); inside Core, every folder ranked and no cycles; Engine free of packages.</summary>
public sealed class ArchitectureTests
{
    // Why these ranks: docs/architecture.md, "Dependency rule". The Core root (InputException), Statistics and Units
    // (Bytes, BytesPerSecond: quantities every room passes across its boundary, like the engine's SimTime)
    // are leaves; Configuration knows no domain type; same-rank rooms may use each other only without a cycle.
    private static readonly Dictionary<string, int> CoreRank = new(StringComparer.Ordinal)
    {
        ["(root)"] = 0, ["Statistics"] = 0, ["Units"] = 0,
        ["Configuration"] = 1,
        ["Hardware"] = 2, ["Model"] = 2, ["Workload"] = 2,
        ["Cost"] = 3, ["Parallelism"] = 3,
        ["Scheduling"] = 4,
        ["Execution"] = 5,
        ["Metrics"] = 6,
        ["Scenarios"] = 7,
        ["Studies"] = 8, ["Fidelity"] = 8,
    };

    private static readonly Dictionary<string, int> ProjectRank = new(StringComparer.Ordinal)
    {
        ["Engine"] = 0, ["Core"] = 1, ["Reporting"] = 2, ["Cli"] = 3, ["Benchmarks"] = 3,
    };

    // Why these: they run simulations or drive studies (what to run, in which order, in parallel, resumed). Reporting only
    // writes and reads (docs/architecture.md, "DesSim.Reporting/ ... no orchestration"); the application layer wires the two.
    private static readonly string[] Orchestration =
    [
        "DesSim.Engine.Simulator", "DesSim.Core.Execution.ServingSimulation", "DesSim.Core.Scenarios.ScenarioRunner",
        "DesSim.Core.Studies.PointEvaluator", "DesSim.Core.Studies.CapacitySearch", "DesSim.Core.Studies.CapacityStudy",
        "DesSim.Core.Studies.Planner", "DesSim.Core.Studies.PoolPlanner", "DesSim.Core.Studies.ParallelInput",
        "DesSim.Core.Studies.ResumableStudy", "DesSim.Core.Studies.SweepStudy",
    ];

    private static readonly Lazy<Architecture> Product = new(() => new ArchLoader()
        .LoadAssemblies(Assembly.Load("DesSim.Engine"), Assembly.Load("DesSim.Core"), Assembly.Load("DesSim.Reporting"), Assembly.Load("dessim"), Assembly.Load("dessim-bench"))
        .Build());

    private static readonly Lazy<Architecture> FixtureModel = new(() => new ArchLoader()
        .LoadNamespacesWithinAssembly(typeof(ArchitectureTests).Assembly, "DesSim.Cli.Tests.Layering.Fixture")
        .Build());

    [Test]
    public void EngineTakesNoPackagesAndNoOtherProject()
    {
        var references = Assembly.Load("DesSim.Engine").GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.That(references.Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard"), Is.Empty, "the engine takes no package or project references");
    }

    [Test]
    public void NoProductAssemblyReferencesTheTestSupportAssembly()
    {
        foreach (string product in new[] { "DesSim.Engine", "DesSim.Core", "DesSim.Reporting", "dessim", "dessim-bench" })
        {
            var references = Assembly.Load(product).GetReferencedAssemblies().Select(a => a.Name!);
            Assert.That(references, Does.Not.Contain("DesSim.Engine.Testing"), product + ": fakes are for tests only");
        }
    }

    [Test]
    public void TheCliAndTheBenchmarksDoNotReferenceEachOther()
    {
        // Why: the benchmarks are their own program (bench/DesSim.Benchmarks); `dessim` ships only user commands.
        Assert.That(Assembly.Load("dessim").GetReferencedAssemblies().Select(a => a.Name), Does.Not.Contain("dessim-bench"));
        Assert.That(Assembly.Load("dessim-bench").GetReferencedAssemblies().Select(a => a.Name), Does.Not.Contain("dessim"));
        Assert.That(Assembly.Load("dessim").GetTypes().Select(t => t.Namespace), Has.None.EqualTo("DesSim.Cli.Bench"));
    }

    [Test]
    public void ProjectsDependOnlyDownwards()
    {
        var edges = LayerRules.Edges(Product.Value, ProjectRoom);
        Assert.That(LayerRules.BackEdges(edges, ProjectRank), Is.Empty);
        Assert.That(edges.Keys, Is.SupersetOf(new[] { "Core", "Reporting", "Cli", "Benchmarks" }), "the model saw the projects' dependencies");
    }

    [Test]
    public void EveryCoreFolderHasARankAndUsesOnlyItsOwnOrLowerRanks()
    {
        var edges = LayerRules.Edges(Product.Value, CoreRoom);
        Assert.That(LayerRules.BackEdges(edges, CoreRank), Is.Empty);
        var folders = Product.Value.Types.Select(t => t.Namespace?.FullName).OfType<string>().Select(CoreRoom).OfType<string>().Distinct();
        Assert.That(folders, Is.SubsetOf(CoreRank.Keys), "a new Core folder needs a rank here and in docs/architecture.md");
    }

    [Test]
    public void CoreFoldersFormNoCycle()
    {
        Assert.That(LayerRules.Cycles(LayerRules.Edges(Product.Value, CoreRoom)), Is.Empty);
    }

    [Test]
    public void ReportingIsFreeOfOrchestration()
    {
        var uses = LayerRules.Uses(Product.Value, ns => ns.StartsWith("DesSim.Reporting", StringComparison.Ordinal), Orchestration);
        Assert.That(uses, Is.Empty, "Reporting only writes and reads: running studies is Studies' (Core) and the commands' (Cli)");
        var cli = LayerRules.Uses(Product.Value, ns => ns.StartsWith("DesSim.Cli", StringComparison.Ordinal), Orchestration);
        Assert.That(cli, Has.Some.Contains("DesSim.Core.Studies.SweepStudy"), "the check sees the commands drive the studies");
    }

    [Test]
    public void TheOrchestrationRuleSeesAUseInAMethodBodyOnly()
    {
        // Test of the test: LowThing uses HighThing in a method body only (LowRoom.cs).
        var uses = LayerRules.Uses(FixtureModel.Value, ns => ns.EndsWith(".Low", StringComparison.Ordinal), ["DesSim.Cli.Tests.Layering.Fixture.High.HighThing"]);
        Assert.That(uses, Is.EqualTo(new[] { "DesSim.Cli.Tests.Layering.Fixture.Low.LowThing → DesSim.Cli.Tests.Layering.Fixture.High.HighThing" }));
    }

    [Test]
    public void TheRuleFailsOnABackEdgeThatOnlyMethodBodiesAndGenericArgumentsShow()
    {
        // Test of the test: Low uses High in a method body only (LowRoom.cs), Generic only as a generic argument (GenericRoom.cs).
        var rank = new Dictionary<string, int>(StringComparer.Ordinal) { ["Low"] = 0, ["Generic"] = 0, ["High"] = 1 };
        var edges = LayerRules.Edges(FixtureModel.Value, FixtureRoom);
        var back = LayerRules.BackEdges(edges, rank);
        Assert.That(back, Has.Count.EqualTo(2));
        Assert.That(back, Has.Some.StartsWith("Generic → High: DesSim.Cli.Tests.Layering.Fixture.Generic.GenericThing → DesSim.Cli.Tests.Layering.Fixture.High.HighValue"));
        Assert.That(back, Has.Some.StartsWith("Low → High: DesSim.Cli.Tests.Layering.Fixture.Low.LowThing → DesSim.Cli.Tests.Layering.Fixture.High.HighThing"));
        Assert.That(LayerRules.Cycles(edges), Is.EqualTo(new[] { "High → Low → High" }));

        // A signature-only reading (the old test) sees neither edge.
        var signatures = new[] { typeof(Fixture.Low.LowThing), typeof(Fixture.Generic.GenericThing) }
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType));
        Assert.That(signatures.Where(t => t.Namespace?.EndsWith(".High", StringComparison.Ordinal) == true), Is.Empty);
    }

    private static string? CoreRoom(string ns)
    {
        const string core = "DesSim.Core";
        if (ns == core)
        {
            return "(root)";
        }

        if (!ns.StartsWith(core + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = ns[(core.Length + 1)..];
        int dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    private static string? ProjectRoom(string ns)
    {
        if (!ns.StartsWith("DesSim.", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = ns["DesSim.".Length..];
        int dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    private static string? FixtureRoom(string ns)
    {
        const string prefix = "DesSim.Cli.Tests.Layering.Fixture.";
        return ns.StartsWith(prefix, StringComparison.Ordinal) ? ns[prefix.Length..] : null;
    }
}
