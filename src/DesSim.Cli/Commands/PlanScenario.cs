using System.Globalization;
using DesSim.Core.Configuration;
using DesSim.Core;
using DesSim.Core.Scenarios;
using YamlDotNet.RepresentationModel;

namespace DesSim.Cli.Commands;

/// <summary>Builds the scenario <c>dessim plan</c> evaluates from its flags.</summary>
/// <remarks>The default load is synthetic chat traffic: Poisson arrivals at <see cref="DefaultRatePerSecond"/> req/s, lognormal
/// prompts (mean 1,024 tokens) and outputs (mean 256 tokens), the lengths of <c>scenarios/llama70b-h100-chat.yaml</c>.</remarks>
public static class PlanScenario
{
    /// <summary>Default arrival rate, req/s: a moderate load for 8×H100 and a 70B model (every layout's SLO is tested at it).</summary>
    public const double DefaultRatePerSecond = 2;

    /// <summary>Where the plan scenario's relative paths resolve: the workload file's directory, else the current one.</summary>
    public static string Directory(string? workloadPath) =>
        workloadPath is null ? System.IO.Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(workloadPath)) ?? System.IO.Directory.GetCurrentDirectory();

    /// <summary>The scenario for the flags; <paramref name="workloadPath"/> is a YAML file with a <c>workload:</c> block or a trace.
    /// <paramref name="gpu"/> may list several GPUs (<c>h100,h200</c>): the cluster is then one node group per GPU, each
    /// with an equal share of the <paramref name="gpus"/> GPUs in whole nodes of <paramref name="gpusPerNode"/>.</summary>
    /// <exception cref="InputException">The GPUs do not split into whole nodes, or no layout fits.</exception>
    public static Scenario Build(string model, string gpu, int gpus, int gpusPerNode, string precision, string? workloadPath, double? rate, int requests, IReadOnlyList<string> overrides)
    {
        string inv(double x) => x.ToString("R", CultureInfo.InvariantCulture);
        var text = $$"""
            name: plan
            seed: 42
            model: '{{model.Replace("'", "''", StringComparison.Ordinal)}}'
            precision: '{{precision.Replace("'", "''", StringComparison.Ordinal)}}'
            cluster: {{Cluster(gpu, gpus, gpusPerNode)}}
            parallelism: { tp: 1, pp: 1, dp: {{gpus}} }
            router: least-outstanding
            workload:
              requests: {{requests}}
              arrival: { process: poisson, rate: {{inv(rate ?? DefaultRatePerSecond)}} }
              input_tokens: { dist: lognormal, mean: 1024, sigma: 0.8, max: 8000 }
              output_tokens: { dist: lognormal, mean: 256, sigma: 0.8, max: 2000 }
            outputs: { timeseries_step_s: 0, chrome_trace: false }
            """;
        var root = YamlDocumentLoader.Parse(text, "plan");
        var dir = Directory(workloadPath);
        if (workloadPath is not null)
        {
            YamlNode workload;
            var ext = Path.GetExtension(workloadPath).ToLowerInvariant();
            if (ext is ".yaml" or ".yml")
            {
                var doc = YamlDocumentLoader.Load(workloadPath);
                workload = doc.GetNode("workload") ?? doc.Node;
            }
            else
            {
                if (!File.Exists(workloadPath))
                {
                    throw new InputException("--workload", workloadPath, "file not found", "a YAML file with a workload: block, or a trace (csv, jsonl)");
                }

                workload = new YamlMappingNode { { "trace", Path.GetFullPath(workloadPath) } };
                if (rate is { } scale)
                {
                    ((YamlMappingNode)workload).Add("rate_scale", inv(scale));
                }
            }

            root.Node.Children[new YamlScalarNode("workload")] = workload;
        }

        // Why: the parallelism above is a placeholder (the planner tries every layout), but the scenario must load, so
        // the first layout that fits is chosen here.
        var placeholder = (YamlMappingNode)root.Node.Children[new YamlScalarNode("parallelism")];
        if (overrides.Count > 0)
        {
            YamlDocumentLoader.ApplyOverrides(root, overrides);
        }

        InputException? last = null;
        foreach (var tp in new[] { gpus, gpusPerNode, 8, 4, 2, 1 }.Where(t => t >= 1 && gpus % t == 0).Distinct())
        {
            placeholder.Children[new YamlScalarNode("tp")] = new YamlScalarNode(tp.ToString(CultureInfo.InvariantCulture));
            placeholder.Children[new YamlScalarNode("dp")] = new YamlScalarNode((gpus / tp).ToString(CultureInfo.InvariantCulture));
            try
            {
                return ScenarioLoader.Read(new YamlSection(root.Node, "plan", string.Empty), "plan", dir);
            }
            catch (InputException e) when (e.Location?.Contains("memory", StringComparison.Ordinal) == true || e.Location?.Contains("parallelism", StringComparison.Ordinal) == true)
            {
                // Why: this placeholder layout does not fit or divide the model; try a more sharded one.
                last = e;
            }
        }

        throw new InputException("plan", null, $"no layout of {gpus} GPUs fits {model}: {last?.Reason}", last?.Hint);
    }

    // The cluster mapping: one group of the GPU, or one node group per listed GPU with an equal share of the GPUs.
    private static string Cluster(string gpu, int gpus, int gpusPerNode)
    {
        static string Quote(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";
        var names = gpu.Split(',', StringSplitOptions.TrimEntries);
        if (names.Length == 1)
        {
            return $"{{ gpu: {Quote(gpu)}, nodes: {gpus / gpusPerNode}, gpus_per_node: {gpusPerNode} }}";
        }

        if (names.Any(n => n.Length == 0) || names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Length)
        {
            throw new InputException("--gpu", gpu, "expected distinct GPU names separated by commas", "e.g. --gpu h100,h200");
        }

        int per = gpus / names.Length;
        if (gpus % names.Length != 0 || per % gpusPerNode != 0)
        {
            throw new InputException("--gpus", gpus.ToString(CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{gpus} GPUs do not split into {names.Length} equal node groups of whole {gpusPerNode}-GPU nodes ({gpus} / {names.Length} = {gpus / (double)names.Length:0.##} GPUs per group)"),
                string.Create(CultureInfo.InvariantCulture, $"use a multiple of {names.Length * gpusPerNode} GPUs (or set --gpus-per-node)"));
        }

        var groups = names.Select(n => $"{{ gpu: {Quote(n)}, nodes: {per / gpusPerNode}, gpus_per_node: {gpusPerNode} }}");
        return "{ node_groups: [" + string.Join(", ", groups) + "] }";
    }
}
