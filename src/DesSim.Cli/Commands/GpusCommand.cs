using System.CommandLine;
using System.Globalization;
using DesSim.Core.Cost;
using DesSim.Core.Hardware;
using DesSim.Core.Units;

namespace DesSim.Cli.Commands;

/// <summary><c>dessim gpus</c>: the GPU catalog as a table.</summary>
public static class GpusCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var cmd = new Command("gpus", "List the built-in GPUs: dense peaks, memory, bandwidth, fabric, measured tables");
        cmd.SetAction(parse =>
        {
            Write(parse.InvocationConfiguration.Output);
            return 0;
        });
        return cmd;
    }

    /// <summary>Writes the table.</summary>
    public static void Write(TextWriter o)
    {
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"gpu",-16} {"bf16 TF/s",9} {"fp8 TF/s",9} {"mem GB",7} {"mem TB/s",8} {"fabric",-12} {"fabric GB/s",11} {"host GB/s",9} {"tables",-8} aliases"));
        foreach (var g in GpuCatalog.All)
        {
            var fp8 = g.Fp8FlopsPerSecond > 0 ? (g.Fp8FlopsPerSecond / 1e12).ToString("F0", CultureInfo.InvariantCulture) : "-";
            var tables = MeasuredProfiles.Has(g.ProfileKey) ? "measured" : "roofline";
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{g.Name,-16} {g.Bf16FlopsPerSecond / 1e12,9:F0} {fp8,9} {g.MemoryBytes / 1e9,7:F0} {g.MemoryBandwidth.Value / BytesPerSecond.Tera,8:F3} {FabricNames.Name(g.DefaultFabric),-12} {g.FabricBandwidth.GigabytesPerSecond,11:F0} {g.HostLinkBandwidth.GigabytesPerSecond,9:F0} {tables,-8} {string.Join(", ", g.Aliases)}"));
        }

        o.WriteLine("Peaks are dense (no sparsity). Inter-node networks: " + string.Join(", ", InterNodeLinkSpec.All.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Name} {l.Bandwidth.GigabytesPerSecond:F1} GB/s"))));
    }
}
