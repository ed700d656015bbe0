using System.Reflection;

namespace DesSim.Cli.Tests;

/// <summary>Enforces the layering rule: Engine ← Core ← Reporting ← Cli, and the engine knows nothing of the domain.</summary>
public sealed class ArchitectureTests
{
    private static IEnumerable<string> DesSimReferences(string assembly) =>
        Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("DesSim", StringComparison.Ordinal)).Order();

    [Test]
    public void EngineReferencesNothing()
    {
        var asm = Assembly.Load("DesSim.Engine");
        Assert.That(DesSimReferences("DesSim.Engine"), Is.Empty);
        var external = asm.GetReferencedAssemblies().Select(a => a.Name!).Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard");
        Assert.That(external, Is.Empty, "the engine takes no package references");
    }

    [Test]
    public void LayersReferenceOnlyLowerLayers()
    {
        Assert.That(DesSimReferences("DesSim.Core"), Is.EqualTo(new[] { "DesSim.Engine" }));
        Assert.That(DesSimReferences("DesSim.Reporting"), Is.SubsetOf(new[] { "DesSim.Core", "DesSim.Engine" }));
    }

    [Test]
    public void CoreFoldersRespectTheInnerDependencyRule()
    {
        // Inside Core: Configuration ← Hardware, Model, Workload ← Cost, Parallelism ← Scheduling ← Execution ← Metrics.
        var rank = new Dictionary<string, int>
        {
            ["Configuration"] = -1,
            ["Hardware"] = 0, ["Model"] = 0, ["Workload"] = 0,
            ["Cost"] = 1, ["Parallelism"] = 1,
            ["Scheduling"] = 2, ["Execution"] = 3, ["Metrics"] = 4,
        };
        var core = Assembly.Load("DesSim.Core");
        var violations = new List<string>();
        foreach (var type in core.GetTypes())
        {
            var from = Room(type.Namespace);
            if (from is null || !rank.TryGetValue(from, out var fromRank))
            {
                continue;
            }

            foreach (var used in UsedTypes(type))
            {
                var to = Room(used.Namespace);
                if (to is not null && rank.TryGetValue(to, out var toRank) && toRank > fromRank)
                {
                    violations.Add($"{type.FullName} ({from}) uses {used.FullName} ({to})");
                }
            }
        }

        Assert.That(violations.Distinct(), Is.Empty);
    }

    private static string? Room(string? ns)
    {
        const string prefix = "DesSim.Core.";
        if (ns is null || !ns.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = ns[prefix.Length..];
        int dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    private static IEnumerable<Type> UsedTypes(Type t)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (t.BaseType is not null) yield return t.BaseType;
        foreach (var i in t.GetInterfaces()) yield return i;
        foreach (var f in t.GetFields(all)) yield return f.FieldType;
        foreach (var p in t.GetProperties(all)) yield return p.PropertyType;
        foreach (var m in t.GetMethods(all))
        {
            yield return m.ReturnType;
            foreach (var p in m.GetParameters()) yield return p.ParameterType;
        }

        foreach (var c in t.GetConstructors(all))
        {
            foreach (var p in c.GetParameters()) yield return p.ParameterType;
        }
    }
}
