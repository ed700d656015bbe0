using DesSim.Core.Configuration;
using DesSim.Core.Scenarios;
using DesSim.Core.Scheduling;

namespace DesSim.Core.Scheduling.Engines;

/// <summary>Reads the scenario key <c>engine:</c> (docs/scenarios.md, docs/engines.md) and resolves it for a deployment.</summary>
/// <remarks>
/// Forms: absent (the newest vLLM); a name (<c>vllm</c>, <c>sglang</c>, <c>trtllm</c>, <c>ideal</c>: the newest modeled
/// version); or <c>{ name, version, options, overrides }</c>, where <c>overrides</c> is a mapping or a YAML file (relative
/// to the scenario) of CPU-time constants such as <c>dessim calibrate</c> writes. Kept for older scenarios: <c>none</c>
/// (= <c>ideal</c>), <c>splitwise-a100</c> (vLLM 0.6.0 with the Splitwise fit) and <c>{ preset, iteration_overhead_ms, … }</c>.
/// </remarks>
public static class EngineReader
{
    private static readonly string[] OverrideKeys = ["iteration_overhead_ms", "per_sequence_overhead_ms", "collective_step_overhead_us", "front_end_ms"];

    /// <summary>Reads <c>engine</c> from <paramref name="root"/>; <paramref name="scenarioDirectory"/> resolves an overrides file.</summary>
    public static EngineSpec Read(YamlSection root, string scenarioDirectory)
    {
        var (scalar, section) = root.GetScalarOrSection("engine");
        if (section is null)
        {
            return scalar is null ? Spec(EngineCatalog.Default.Name, null, root, "engine") : FromName(scalar.Trim(), root, "engine");
        }

        var preset = section.GetString("preset");
        var name = section.GetString("name") ?? preset;
        EngineSpec spec;
        if (name is null)
        {
            spec = Spec(EngineCatalog.Default.Name, null, section, "name");
        }
        else if (preset is not null && section.GetString("name") is null)
        {
            spec = FromName(preset.Trim(), section, "preset");
        }
        else
        {
            var versionText = section.GetString("version");
            EngineVersion? version = null;
            if (versionText is not null)
            {
                version = EngineVersion.TryParse(versionText) ?? throw section.Error("version", $"'{versionText}' is not a version (e.g. 0.12.0, 0.5.1.post1, 1.0.0rc3)", "modeled engines: " + EngineCatalog.Describe());
            }

            spec = version is null && EngineCatalog.Versions(name.Trim()).Count == 0 && OverrideKeys.Any(section.Has)
                ? CustomFitted(name.Trim(), section)
                : Spec(name.Trim(), version, section, "name") with { RequestedVersion = versionText };
        }

        var options = section.GetSection("options");
        YamlSection? overrides = null;
        var (file, inline) = section.GetScalarOrSection("overrides");
        if (inline is not null)
        {
            overrides = inline;
        }
        else if (file is not null)
        {
            overrides = LoadOverridesFile(section, Path.Combine(scenarioDirectory, file));
        }
        else if (OverrideKeys.Any(section.Has))
        {
            overrides = section; // legacy inline form
        }

        section.MarkKnown(OverrideKeys);
        section.RejectUnknownKeys();
        return spec with { Options = options, Overrides = overrides };
    }

    /// <summary>Resolves <paramref name="spec"/> for a deployment: the model's settings, then the overrides.</summary>
    public static EngineSelection Resolve(EngineSpec spec, EngineContext context, SchedulerKeys keys)
    {
        var settings = spec.Model.Configure(context, keys, spec.Options);
        var basis = spec.BaseOverheads ?? settings.Overheads;
        if (spec.Overrides is { } o)
        {
            basis = basis with
            {
                IterationOverheadSeconds = o.GetDouble("iteration_overhead_ms", basis.IterationOverheadSeconds * 1e3, 0, 10_000)!.Value / 1e3,
                PerSequenceOverheadSeconds = o.GetDouble("per_sequence_overhead_ms", basis.PerSequenceOverheadSeconds * 1e3, 0, 10_000)!.Value / 1e3,
                CollectiveStepOverheadSeconds = o.GetDouble("collective_step_overhead_us", basis.CollectiveStepOverheadSeconds * 1e6, 0, 1_000_000)!.Value / 1e6,
                FrontEnd = basis.FrontEnd with { PerRequestSeconds = o.GetDouble("front_end_ms", basis.FrontEnd.PerRequestSeconds * 1e3, 0, 10_000)!.Value / 1e3 },
            };
        }

        settings = settings with { Overheads = basis with { Name = spec.Name } };
        return new EngineSelection(spec.Name, spec.RequestedVersion ?? spec.Model.Version.Text, spec.Model, settings, spec.Note);
    }

    private static EngineSpec FromName(string name, YamlSection at, string key)
    {
        if (name.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return Spec("ideal", null, at, key);
        }

        if (name.Equals("splitwise-a100", StringComparison.OrdinalIgnoreCase) && EngineOverheadsCatalog.TryGet(name, out var splitwise))
        {
            return Spec("vllm", EngineVersion.Parse("0.6.0"), at, key) with { BaseOverheads = splitwise, RequestedVersion = "0.6.0" };
        }

        return Spec(name, null, at, key);
    }

    // Why: `dessim calibrate --runs --engine NAME` writes `engine: { name: NAME, iteration_overhead_ms: … }` for any label the
    // user chose; such a file must read back (round trip). A name that is not a modeled engine, given with the inline overhead
    // keys, is that user's fitted engine: the hardware-only `ideal` model plus the fitted overheads, under the user's name.
    private static EngineSpec CustomFitted(string name, YamlSection at) =>
        Spec("ideal", null, at, "name") with { Name = name, Note = $"engine '{name}' is a fitted overhead set, not a modeled engine: it runs the ideal engine (no engine-specific batching) plus its fitted overheads" };

    private static EngineSpec Spec(string name, EngineVersion? version, YamlSection at, string key)
    {
        if (EngineCatalog.Versions(name).Count == 0)
        {
            throw at.Error(key, $"unknown engine '{name}'", $"modeled engines: {EngineCatalog.Describe()} ({KeySuggester.Hint(name.ToLowerInvariant(), EngineCatalog.Names)})");
        }

        var (model, note) = EngineCatalog.Resolve(name.ToLowerInvariant(), version);
        return new EngineSpec(model.Name, version?.Text, model, note, null, null, null);
    }

    private static YamlSection LoadOverridesFile(YamlSection at, string path)
    {
        if (!File.Exists(path))
        {
            throw at.Error("overrides", $"file '{path}' does not exist", "name a YAML file of iteration_overhead_ms / per_sequence_overhead_ms / collective_step_overhead_us (e.g. written by dessim calibrate)");
        }

        var root = YamlDocumentLoader.Load(path);
        var s = root.GetSection("engine") ?? root;
        foreach (var key in s.Node.Children.Keys.Select(k => k.ToString()))
        {
            if (!OverrideKeys.Contains(key, StringComparer.Ordinal) && key is not "name" and not "preset" and not "version")
            {
                throw s.Error(key, "is not an engine override", "overrides: " + string.Join(", ", OverrideKeys));
            }
        }

        return s;
    }
}
