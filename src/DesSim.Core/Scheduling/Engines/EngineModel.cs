using DesSim.Core.Configuration;
using DesSim.Core.Scenarios;

namespace DesSim.Core.Scheduling.Engines;

/// <summary>One serving engine at one modeled version: its batch formation, defaults, CUDA graphs and CPU-side time.</summary>
/// <remarks>Subclasses live in one folder per engine (Vllm/, Sglang/, Trtllm/, Ideal/) and cite the engine source file and
/// version of every behaviour and default; docs/engines.md lists them. <see cref="Configure"/> is pure: same inputs, same settings.</remarks>
public abstract class EngineModel
{
    /// <summary>Creates the model of <paramref name="name"/> at <paramref name="version"/>.</summary>
    protected EngineModel(string name, string version)
    {
        Name = name;
        Version = EngineVersion.Parse(version);
    }

    /// <summary>Engine name as scenarios write it (vllm, sglang, trtllm, ideal).</summary>
    public string Name { get; }

    /// <summary>The modeled version.</summary>
    public EngineVersion Version { get; }

    /// <summary>Whether this version caches prefixes unless the scenario says (<c>scheduler.enable_prefix_caching</c>); the
    /// overrides cite where each engine sets its default.</summary>
    public virtual bool DefaultPrefixCaching => false;

    /// <summary>The engine-only knobs this version accepts under <c>engine.options</c>, with the engine's own names.</summary>
    public abstract IReadOnlyList<string> OptionKeys { get; }

    /// <summary>The settings for a deployment: defaults for this version and GPU, replaced by what the scenario set.</summary>
    /// <param name="context">GPU and TP degree.</param>
    /// <param name="keys">Generic scheduler keys the scenario set.</param>
    /// <param name="options">The <c>engine.options</c> mapping, or null; keys are checked against <see cref="OptionKeys"/> first.</param>
    public EngineSettings Configure(EngineContext context, SchedulerKeys keys, YamlSection? options)
    {
        if (options is not null)
        {
            foreach (var key in options.Node.Children.Keys.Select(k => k.ToString()))
            {
                if (!OptionKeys.Contains(key, StringComparer.Ordinal))
                {
                    var known = OptionKeys.Count == 0 ? "none" : string.Join(", ", OptionKeys);
                    throw options.Error(key, $"is not an option of {Name} {Version} (its options: {known})", "modeled engines: " + EngineCatalog.Describe());
                }
            }
        }

        return Build(context, keys, options);
    }

    /// <summary>Builds the settings; <paramref name="options"/> holds only known keys.</summary>
    protected abstract EngineSettings Build(EngineContext context, SchedulerKeys keys, YamlSection? options);

    /// <inheritdoc />
    public override string ToString() => $"{Name} {Version}";
}
