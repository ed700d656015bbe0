using System.CommandLine;
using System.Globalization;
using DesSim.Core;
using DesSim.Core.Hardware;
using DesSim.Core.Model;
using DesSim.Core.Parallelism;

namespace DesSim.Cli.Commands;

/// <summary><c>dessim memory</c>: per-GPU memory breakdown and KV capacity of a layout, or why it cannot run.</summary>
public static class MemoryCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Catalog model (see 'dessim models')", Required = true };
        var gpu = new Option<string>("--gpu") { Description = "Catalog GPU (see 'dessim gpus')", Required = true };
        var tp = new Option<int>("--tp") { Description = "Tensor-parallel degree", DefaultValueFactory = _ => 1 };
        var pp = new Option<int>("--pp") { Description = "Pipeline-parallel degree", DefaultValueFactory = _ => 1 };
        var dp = new Option<int>("--dp") { Description = "Data-parallel replicas (matters for ep > tp)", DefaultValueFactory = _ => 1 };
        var ep = new Option<int>("--ep") { Description = "Expert-parallel degree (MoE; reuses the tp×dp GPUs)", DefaultValueFactory = _ => 1 };
        var cp = new Option<int>("--cp") { Description = "Context-parallel degree (shards the KV cache)", DefaultValueFactory = _ => 1 };
        var precision = new Option<string>("--precision") { Description = "Weight precision: bf16 | fp16 | fp8", DefaultValueFactory = _ => "bf16" };
        var kv = new Option<string>("--kv-cache-dtype") { Description = "KV cache: auto | bf16 | fp16 | fp8", DefaultValueFactory = _ => "auto" };
        var perNode = new Option<int>("--gpus-per-node") { Description = "GPUs per node", DefaultValueFactory = _ => 8 };
        var util = new Option<double>("--gpu-memory-utilization") { Description = "Fraction of GPU memory the engine may use", DefaultValueFactory = _ => 0.9 };
        var block = new Option<int>("--block-size") { Description = "KV block size in tokens", DefaultValueFactory = _ => 16 };
        var cmd = new Command("memory", "Per-GPU memory breakdown (weights, activations, KV cache) and KV capacity of a layout")
        {
            model, gpu, tp, pp, dp, ep, cp, precision, kv, perNode, util, block,
        };
        cmd.SetAction(parse =>
        {
            var m = ModelCatalog.TryGet(parse.GetValue(model)!) ?? throw new InputException("--model", null, $"unknown model '{parse.GetValue(model)}'", ModelCatalog.UnknownHint(parse.GetValue(model)!));
            var g = GpuCatalog.TryGet(parse.GetValue(gpu)!) ?? throw new InputException("--gpu", null, $"unknown GPU '{parse.GetValue(gpu)}'", GpuCatalog.UnknownHint(parse.GetValue(gpu)!));
            var w = Precision.TryParse(parse.GetValue(precision)!) ?? throw new InputException("--precision", null, $"'{parse.GetValue(precision)}' is not one of bf16 | fp16 | fp8");
            var kvText = parse.GetValue(kv)!;
            var kvp = kvText == "auto" ? (w.Is16Bit ? w : Precision.Bf16) : Precision.TryParse(kvText) ?? throw new InputException("--kv-cache-dtype", null, $"'{kvText}' is not one of auto | bf16 | fp16 | fp8");
            int t = parse.GetValue(tp), p = parse.GetValue(pp), n = parse.GetValue(perNode);
            int r = parse.GetValue(dp), e = parse.GetValue(ep), c = parse.GetValue(cp);
            if (t < 1 || p < 1 || n < 1 || r < 1 || e < 1 || c < 1)
            {
                throw new InputException("--tp/--pp/--dp/--ep/--cp/--gpus-per-node", null, "must be ≥ 1");
            }

            foreach (var (flag, value, max) in new[] { ("--tp", t, ParallelLimits.MaxDegree), ("--pp", p, ParallelLimits.MaxDegree), ("--ep", e, ParallelLimits.MaxDegree), ("--cp", c, ParallelLimits.MaxDegree), ("--dp", r, ParallelLimits.MaxReplicas), ("--gpus-per-node", n, ParallelLimits.MaxDegree) })
            {
                if (value > max)
                {
                    throw new InputException(flag, value.ToString(CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture, $"is too large (at most {max:N0}; docs/scenarios.md, Valid ranges)"));
                }
            }

            if ((long)t * p * c * r > ParallelLimits.MaxGpus)
            {
                throw new InputException("--tp/--pp/--cp/--dp", null, string.Create(CultureInfo.InvariantCulture, $"tp {t} × pp {p} × cp {c} × dp {r} = {(long)t * p * c * r:N0} GPUs is more than {ParallelLimits.MaxGpus:N0}"));
            }

            if (!(parse.GetValue(util) is > 0 and <= 1))
            {
                throw new InputException("--gpu-memory-utilization", null, $"{parse.GetValue(util).ToString(CultureInfo.InvariantCulture)} must be in (0, 1]");
            }

            if (parse.GetValue(block) < 1)
            {
                throw new InputException("--block-size", null, "must be ≥ 1");
            }

            var plan = new ParallelPlan(t, p, r, e, c);
            var cluster = new ClusterSpec(g, (int)Math.Ceiling(plan.GpuCount / (double)n), n, g.DefaultFabric, InterNodeLinkSpec.IbNdr);
            var spec = new DeploymentSpec(m, w, kvp, cluster, plan, CostModelKind.Roofline, LinkFidelity.ClosedForm, null, parse.GetValue(block), parse.GetValue(util));
            Write(Deployment.Create(spec), parse.InvocationConfiguration.Output);
            return 0;
        });
        return cmd;
    }

    /// <summary>Writes the breakdown of <paramref name="d"/>.</summary>
    public static void Write(Deployment d, TextWriter o)
    {
        var mem = d.Memory;
        string Gb(long b) => (b / 1e9).ToString("F2", CultureInfo.InvariantCulture);
        o.WriteLine(d.Describe());
        o.WriteLine($"per GPU (stage {mem.TightestStage}, the tightest):");
        o.WriteLine($"  capacity            {Gb(mem.CapacityBytes),9} GB");
        o.WriteLine($"  usable (x {d.Spec.MemoryFraction.ToString(CultureInfo.InvariantCulture)})      {Gb(mem.UsableBytes),9} GB");
        if (d.Spec.KvSizing != KvCacheSizing.Vllm)
        {
            o.WriteLine($"  KV rule: {KvCacheBudget.Describe(d.Spec.KvSizing)}, fraction {d.Spec.MemoryFraction.ToString(CultureInfo.InvariantCulture)}");
        }

        o.WriteLine($"  weights             {Gb(mem.WeightsBytes),9} GB");
        o.WriteLine($"  activation reserve  {Gb(mem.ActivationReserveBytes),9} GB");
        o.WriteLine($"  KV cache            {Gb(mem.KvCacheBytes),9} GB");
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"KV bytes per token per GPU: {mem.KvBytesPerTokenPerGpu:N0}"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"KV capacity per replica: {mem.KvCapacityTokensPerReplica:N0} tokens = {mem.KvBlocksPerReplica:N0} blocks of {mem.BlockSizeTokens}"));
        o.WriteLine($"stages: {string.Join(" | ", d.Stages.Select(s => $"{s.Index}: layers {s.FirstLayer}-{s.FirstLayer + s.LayerCount - 1}{(s.HasEmbedding ? " +emb" : string.Empty)}{(s.HasLmHead ? " +head" : string.Empty)}"))}");
        foreach (var note in d.Notes)
        {
            o.WriteLine($"note: {note}");
        }
    }
}
