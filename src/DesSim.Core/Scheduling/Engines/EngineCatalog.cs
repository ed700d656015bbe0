using DesSim.Core.Scheduling.Engines.Ideal;
using DesSim.Core.Scheduling.Engines.Sglang;
using DesSim.Core.Scheduling.Engines.Trtllm;
using DesSim.Core.Scheduling.Engines.Vllm;

namespace DesSim.Core.Scheduling.Engines;

/// <summary>The modeled engines and versions, and the rule that maps any version onto one of them.</summary>
/// <remarks>A version between two modeled ones is modeled as the nearest older one; one older than the oldest as the
/// oldest; both with a note. No version: the newest.</remarks>
public static class EngineCatalog
{
    private static readonly Dictionary<string, EngineModel[]> Engines = new(StringComparer.OrdinalIgnoreCase)
    {
        ["vllm"] = [.. VllmEngine.Releases],
        ["sglang"] = [.. SglangEngine.Releases],
        ["trtllm"] = [.. TrtllmEngine.Releases],
        ["ideal"] = [IdealEngine.Instance],
    };

    /// <summary>Engine names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["vllm", "sglang", "trtllm", "ideal"];

    /// <summary>The engine a scenario runs when it names none. Still <c>ideal</c> (today's <c>none</c>) until the shipped
    /// results and trend tests are re-derived under the newest vLLM (issue #14, step "defaults change").</summary>
    public static EngineModel Default => IdealEngine.Instance;

    /// <summary>The newest modeled version of <paramref name="name"/>.</summary>
    public static EngineModel Newest(string name) => Engines[name][^1];

    /// <summary>The modeled versions of <paramref name="name"/>, oldest first (empty when unknown).</summary>
    public static IReadOnlyList<EngineModel> Versions(string name) => Engines.TryGetValue(name, out var v) ? v : [];

    /// <summary>"vllm 0.6.0, 0.8.0, …; sglang …; trtllm …; ideal" for error messages.</summary>
    public static string Describe() => string.Join("; ", Names.Select(n => n == "ideal" ? n : $"{n} {string.Join(", ", Engines[n].Select(e => e.Version.Text))}"));

    /// <summary>The model that runs <paramref name="name"/> at <paramref name="version"/> (null: newest), and a note when it
    /// is not that exact version.</summary>
    public static (EngineModel Model, string? Note) Resolve(string name, EngineVersion? version)
    {
        var list = Engines[name];
        if (version is null || name == "ideal")
        {
            return (list[^1], null);
        }

        var exact = list.FirstOrDefault(e => e.Version.SameAs(version));
        if (exact is not null)
        {
            return (exact, null);
        }

        var older = list.LastOrDefault(e => e.Version.CompareTo(version) < 0);
        return older is not null
            ? (older, $"engine: {name} {version} is not modeled; modeled as {older.Version}, the nearest older modeled version")
            : (list[0], $"engine: {name} {version} is older than every modeled version; modeled as {list[0].Version}, the oldest");
    }
}
