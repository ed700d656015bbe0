using System.Globalization;
using System.Text;
using DesSim.Core.Workload;
using DesSim.Engine;
using static DesSim.Core.Tests.Workload.WorkloadTestKit;

namespace DesSim.Core.Tests.Workload;

public sealed class ReplayPropertyTests
{
    /// <summary>For any sorted trace (gaps in ms) and any rate scale k, replayed arrivals are round(t / k), nondecreasing, with ids 0..n−1.</summary>
#pragma warning disable NUnit1027 // Why: FsCheck supplies the arguments, not NUnit attributes.
    [FsCheck.NUnit.Property(MaxTest = 40)]
    public bool RateScalingIsExactAndOrderPreserving(ushort[] gapsMs, byte scaleTenths)
#pragma warning restore NUnit1027
    {
        if (gapsMs.Length == 0)
        {
            return true;
        }

        double k = (scaleTenths % 100 + 1) / 10.0; // 0.1 .. 10
        var sb = new StringBuilder("arrival_s,input_tokens,output_tokens\n");
        long ms = 0;
        var expected = new List<long>();
        foreach (var g in gapsMs)
        {
            ms += g;
            expected.Add((long)Math.Round(SimTime.FromMilliseconds(ms).Nanoseconds / k, MidpointRounding.AwayFromZero));
            sb.Append(CultureInfo.InvariantCulture, $"{ms / 1000.0:R},5,5\n");
        }

        var (rs, _) = Replay(new TraceWorkloadSpec(Write("p.csv", sb.ToString()), TraceFormat.Generic) { RateScale = k });
        return rs.Select(r => r.Arrival.Nanoseconds).SequenceEqual(expected)
            && rs.Select(r => r.Id).SequenceEqual(Enumerable.Range(0, rs.Count).Select(i => (long)i));
    }
}
