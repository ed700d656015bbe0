using System.Globalization;
using DesSim.Core.Configuration;
using DesSim.Core.Execution;
using DesSim.Core.Hardware;
using YamlDotNet.RepresentationModel;

namespace DesSim.Core.Scenarios;

/// <summary>Reads the scenario keys <c>faults:</c> and <c>variability:</c> (documented in docs/faults.md).</summary>
/// <remarks>Ids are checked against the layout by <see cref="CheckAgainst"/> once the deployment is planned.</remarks>
public static class FaultSpecReader
{
    /// <summary>Longest fault time accepted, in simulated seconds (one year; anything later is a typo).</summary>
    public const double MaxTimeSeconds = InputRanges.MaxTimeSeconds;

    /// <summary>Largest straggler slow-down accepted (a GPU 1000× slower is already stalled).</summary>
    public const double MaxSlowdownFactor = 1000;

    /// <summary>Largest kernel-time coefficient of variation accepted (σ of the lognormal ≈ 1.8 at CV 5).</summary>
    public const double MaxKernelCv = 5;

    private static readonly string[] LinkKinds = ["nvlink", "pcie", "pcie-uplink", "xgmi", "ib"];

    /// <summary>The <c>variability:</c> section, or <see cref="VariabilitySpec.None"/> when absent.</summary>
    public static VariabilitySpec ReadVariability(YamlSection root)
    {
        var s = root.GetSection("variability");
        if (s is null)
        {
            return VariabilitySpec.None;
        }

        var spec = new VariabilitySpec(s.GetDouble("kernel_cv", 0, min: 0, max: MaxKernelCv)!.Value);
        s.RejectUnknownKeys();
        return spec;
    }

    /// <summary>The <c>faults:</c> section, or <see cref="FaultPlan.None"/> when absent.</summary>
    public static FaultPlan ReadFaults(YamlSection root)
    {
        var s = root.GetSection("faults");
        if (s is null)
        {
            return FaultPlan.None;
        }

        var stragglers = Items(s, "stragglers", item =>
        {
            var (start, end) = Window(item);
            return new StragglerSpec(item.GetInt("gpu", min: 0) ?? throw item.Error("gpu", "is required: the global GPU id to slow down"),
                item.GetDouble("factor", min: 1, max: MaxSlowdownFactor) ?? throw item.Error("factor", "is required: the slow-down (2 = twice as slow)"),
                start, end);
        });
        var failures = Items(s, "replica_failures", item =>
        {
            int replica = item.GetInt("replica", min: 0) ?? throw item.Error("replica", "is required: the data-parallel replica index");
            double at = item.GetDouble("at_s", min: 0, max: MaxTimeSeconds) ?? throw item.Error("at_s", "is required: when the replica fails (s)");
            double? recover = item.GetDouble("recover_s", min: 0, max: MaxTimeSeconds);
            if (recover is { } r && r <= at)
            {
                throw item.Error("recover_s", $"{r.ToString(CultureInfo.InvariantCulture)} must be after at_s ({at.ToString(CultureInfo.InvariantCulture)})");
            }

            return new ReplicaFailureSpec(replica, at, recover);
        });
        var links = Items(s, "links", item =>
        {
            var (start, end) = Window(item);
            string? kind = item.Has("kind") ? item.GetEnum("kind", LinkKinds, "ib") : null;
            return new LinkDegradationSpec(kind, item.GetString("name_contains"),
                item.GetDouble("factor", min: InputRanges.MinLinkFactor, max: 1) ?? throw item.Error("factor", "is required: the bandwidth multiplier in [1e-6, 1]"),
                start, end);
        });
        s.RejectUnknownKeys();
        return new FaultPlan(stragglers, failures, links);
    }

    /// <summary>Fails when <paramref name="plan"/> names replicas or GPUs the layout does not have, or cannot finish.</summary>
    public static void CheckAgainst(FaultPlan plan, YamlSection root, int replicas, int gpuCount)
    {
        if (plan.Problem(replicas, gpuCount) is { } problem)
        {
            throw root.Error("faults", problem);
        }
    }

    private static (double Start, double End) Window(YamlSection item)
    {
        double start = item.GetDouble("start_s", 0, min: 0, max: MaxTimeSeconds)!.Value;
        double end = item.GetDouble("end_s", double.PositiveInfinity, min: 0, max: MaxTimeSeconds)!.Value;
        if (item.Has("end_s") && end <= start)
        {
            throw item.Error("end_s", $"{end.ToString(CultureInfo.InvariantCulture)} must be after start_s ({start.ToString(CultureInfo.InvariantCulture)})");
        }

        return (start, end);
    }

    private static T[] Items<T>(YamlSection parent, string key, Func<YamlSection, T> read)
    {
        var list = parent.GetList(key);
        if (list is null)
        {
            return [];
        }

        var result = new T[list.Count];
        for (int i = 0; i < list.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"{parent.PathOf(key)}[{i}]");
            if (list[i] is not YamlMappingNode m)
            {
                throw parent.Error(list[i], path, "expected a mapping (key: value pairs)", $"e.g. {key}: [{{ ... }}]");
            }

            var item = new YamlSection(m, parent.File, path, parent.Notes);
            result[i] = read(item);
            item.RejectUnknownKeys();
        }

        return result;
    }
}
