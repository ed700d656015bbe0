using ArchUnitNET.Domain;
using ArchUnitNET.Domain.Dependencies;

namespace DesSim.Cli.Tests.Layering;

/// <summary>The layering checks behind <see cref="ArchitectureTests"/>, run on an ArchUnitNET model of the IL.</summary>
/// <remarks>ArchUnitNET reads every dependency Mono.Cecil sees: signatures, fields and properties, and method bodies
/// (calls, field access, locals, casts, type checks), each with its generic arguments. A type's room is a function of
/// its namespace; a dependency between rooms is allowed when the target's rank is not above the origin's, and the
/// room graph must have no cycle (which also forbids two same-rank rooms using each other).</remarks>
internal static class LayerRules
{
    /// <summary>Room → the rooms it uses, each with one example dependency (origin type → target type).</summary>
    public static SortedDictionary<string, SortedDictionary<string, string>> Edges(Architecture architecture, Func<string, string?> room)
    {
        var edges = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var type in architecture.Types)
        {
            if (type.Namespace is null || room(type.Namespace.FullName) is not { } from)
            {
                continue;
            }

            foreach (var dependency in type.Dependencies)
            {
                foreach (var target in Targets(dependency))
                {
                    if (target.Namespace is null || room(target.Namespace.FullName) is not { } to || to == from)
                    {
                        continue;
                    }

                    if (!edges.TryGetValue(from, out var uses))
                    {
                        edges[from] = uses = new SortedDictionary<string, string>(StringComparer.Ordinal);
                    }

                    uses.TryAdd(to, $"{type.FullName} → {target.FullName} ({dependency.GetType().Name})");
                }
            }
        }

        return edges;
    }

    /// <summary>Each type whose namespace <paramref name="origin"/> accepts that depends on one of <paramref name="targets"/>
    /// (full type names), as "origin type → target type", sorted.</summary>
    public static IReadOnlyList<string> Uses(Architecture architecture, Func<string, bool> origin, IReadOnlyCollection<string> targets) =>
        architecture.Types
            .Where(t => t.Namespace is not null && origin(t.Namespace.FullName))
            .SelectMany(t => t.Dependencies.SelectMany(Targets).Where(x => targets.Contains(x.FullName)).Select(x => $"{t.FullName} → {x.FullName}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>Every room edge that points up the ranks, or into a room without a rank.</summary>
    public static IReadOnlyList<string> BackEdges(SortedDictionary<string, SortedDictionary<string, string>> edges, IReadOnlyDictionary<string, int> rank) =>
        edges.SelectMany(e => e.Value.Select(u => (From: e.Key, To: u.Key, Example: u.Value)))
            .Where(x => !rank.TryGetValue(x.From, out var f) || !rank.TryGetValue(x.To, out var t) || t > f)
            .Select(x => $"{x.From} → {x.To}: {x.Example}")
            .ToArray();

    /// <summary>The rooms on a dependency cycle, each cycle as "A → B → A"; empty when the graph is acyclic.</summary>
    public static IReadOnlyList<string> Cycles(SortedDictionary<string, SortedDictionary<string, string>> edges)
    {
        var cycles = new List<string>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();

        void Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in edges.TryGetValue(node, out var uses) ? uses.Keys.ToArray() : [])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    cycles.Add(string.Join(" → ", path.Skip(path.IndexOf(next)).Append(next)));
                }
                else if (state.GetValueOrDefault(next) == 0)
                {
                    Visit(next);
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
        }

        foreach (var node in edges.Keys)
        {
            if (state.GetValueOrDefault(node) == 0)
            {
                Visit(node);
            }
        }

        return cycles;
    }

    private static IEnumerable<IType> Targets(ITypeDependency dependency)
    {
        if (dependency.Target is { } target)
        {
            yield return target;
        }

        foreach (var argument in dependency.TargetGenericArguments ?? [])
        {
            if (argument?.Type is { } type)
            {
                yield return type;
            }
        }

        if (dependency is MethodCallDependency call)
        {
            foreach (var argument in call.TargetMemberGenericArguments ?? [])
            {
                if (argument?.Type is { } type)
                {
                    yield return type;
                }
            }
        }
    }
}
