using DesSim.Core.Hardware;
using DesSim.Engine;

namespace DesSim.Core.Tests.Hardware;

public sealed class NetworkTests
{
    private sealed class Arrivals : IEventHandler
    {
        public List<(long Arg, SimTime At)> Seen { get; } = [];

        public ISimContext? Ctx { get; set; }

        public void OnEvent(long argument) => Seen.Add((argument, Ctx!.Now));
    }

    private static ClusterSpec PcieNode() => new(GpuCatalog.Get("L40S"), 1, 8, IntraNodeFabric.Pcie, InterNodeLinkSpec.IbNdr);

    [Test]
    public void TwoTransfersOverOnePcieUplinkTakeTwiceAsLongAsOne()
    {
        var topo = new Topology(PcieNode());
        const long Bytes = 250_000_000; // 10 ms at 25 GB/s
        var single = Send((sim) => new LinkLevelNetwork(sim, topo), [(0, 4)], Bytes);
        var both = Send((sim) => new LinkLevelNetwork(sim, topo), [(0, 4), (1, 5)], Bytes);
        double latency = topo.PathLatencySeconds(0, 4);
        double transfer = Bytes / 25e9;
        Assert.That(single[0].Seconds, Is.EqualTo(latency + transfer).Within(1e-9));
        Assert.That(both[0].Seconds - latency, Is.EqualTo(transfer).Within(1e-9));
        Assert.That(both[1].Seconds - latency, Is.EqualTo(2 * transfer).Within(1e-9), "the second transfer queues behind the first on the shared uplink");
    }

    [Test]
    public void ClosedFormIgnoresContention()
    {
        var topo = new Topology(PcieNode());
        var both = Send((sim) => new ClosedFormNetwork(sim, topo), [(0, 4), (1, 5)], 250_000_000);
        Assert.That(both[1], Is.EqualTo(both[0]));
    }

    [TestCase(IntraNodeFabric.NvSwitch, "H100-SXM5-80GB", 0, 5)]
    [TestCase(IntraNodeFabric.Pcie, "L40S", 1, 6)]
    [TestCase(IntraNodeFabric.NvLinkPairs, "H100-PCIe-80GB", 2, 3)]
    [TestCase(IntraNodeFabric.Xgmi, "MI300X", 7, 0)]
    [TestCase(IntraNodeFabric.NvSwitch, "H100-SXM5-80GB", 3, 12)]
    public void WithoutContentionClosedFormEqualsLinkLevelExactly(IntraNodeFabric fabric, string gpu, int src, int dst)
    {
        var topo = new Topology(new ClusterSpec(GpuCatalog.Get(gpu), 2, 8, fabric, InterNodeLinkSpec.IbNdr));
        foreach (long bytes in new long[] { 0, 1, 16_384, 123_456_789 })
        {
            var a = Send((sim) => new ClosedFormNetwork(sim, topo), [(src, dst)], bytes);
            var b = Send((sim) => new LinkLevelNetwork(sim, topo), [(src, dst)], bytes);
            Assert.That(b, Is.EqualTo(a), $"{bytes} bytes");
        }
    }

    [Test]
    public void NvLinkPairUsesTheBridgeAndOtherPairsUsePcie()
    {
        var topo = new Topology(new ClusterSpec(GpuCatalog.Get("H100-PCIe-80GB"), 1, 8, IntraNodeFabric.NvLinkPairs, InterNodeLinkSpec.IbNdr));
        Assert.That(topo.PathBandwidth(0, 1).Value, Is.EqualTo(300e9));
        Assert.That(topo.PathBandwidth(0, 2).Value, Is.EqualTo(50e9));
    }

    [Test]
    public void InterNodeRouteUsesOneNicPerGpu()
    {
        var topo = new Topology(new ClusterSpec(GpuCatalog.Get("h100"), 2, 8, IntraNodeFabric.NvSwitch, InterNodeLinkSpec.IbNdr));
        Span<int> r = stackalloc int[Topology.MaxHops];
        int hops = topo.Route(3, 11, r);
        Assert.That(hops, Is.EqualTo(2));
        Assert.That(topo.Links[r[0]].Kind, Is.EqualTo("ib"));
        Assert.That(topo.PathBandwidth(3, 11).Value, Is.EqualTo(50e9));
    }

    [Test]
    public void LinkUsageCountsBytesAndBusyTime()
    {
        var topo = new Topology(PcieNode());
        var sim = new Simulator();
        var net = new LinkLevelNetwork(sim, topo);
        Send(_ => net, [(0, 4), (1, 5)], 25_000_000, sim);
        var uplink = net.Links.Single(l => l.Name == "node0/pcie-switch0->root");
        Assert.That(uplink.Bytes, Is.EqualTo(50_000_000));
        Assert.That(uplink.Transfers, Is.EqualTo(2));
        Assert.That(uplink.BusySeconds, Is.EqualTo(2e-3).Within(1e-12));
        Assert.That(uplink.Kind, Is.EqualTo("pcie-uplink"));
    }

    [Test]
    public void RandomTrafficNeverArrivesBeforeTheClosedFormAndKeepsLinksBusyNoLongerThanTheRun()
    {
        var topo = new Topology(new ClusterSpec(GpuCatalog.Get("L40S"), 2, 8, IntraNodeFabric.Pcie, InterNodeLinkSpec.Roce100G));
        var rng = new Random(7);
        for (int trial = 0; trial < 20; trial++)
        {
            var sim = new Simulator();
            var net = new LinkLevelNetwork(sim, topo);
            var arrivals = new Arrivals { Ctx = sim };
            var expected = new List<SimTime>();
            for (int i = 0; i < 30; i++)
            {
                int src = rng.Next(16), dst = rng.Next(16);
                long bytes = rng.Next(1, 50_000_000);
                net.Send([src], [dst], new DesSim.Core.Units.Bytes(bytes), arrivals, i);
                expected.Add(SimTime.FromNanoseconds((long)Math.Round((topo.PathLatencySeconds(src, dst) + (src == dst ? 0 : bytes / topo.PathBandwidth(src, dst).Value)) * 1e9, MidpointRounding.AwayFromZero)));
            }

            sim.Run();
            Assert.That(arrivals.Seen, Has.Count.EqualTo(30));
            foreach (var (arg, at) in arrivals.Seen)
            {
                Assert.That(at.Nanoseconds, Is.GreaterThanOrEqualTo(expected[(int)arg].Nanoseconds - 1), "queueing only delays");
            }

            double end = sim.Now.Seconds;
            Assert.That(net.Links.Max(l => l.BusySeconds), Is.LessThanOrEqualTo(end + 1e-9));
        }
    }

    // Sends each pair as its own transfer at time 0; returns arrival times in send order.
    private static List<SimTime> Send(Func<Simulator, ITransferNetwork> make, (int Src, int Dst)[] pairs, long bytes, Simulator? sim = null)
    {
        sim ??= new Simulator();
        var net = make(sim);
        var arrivals = new Arrivals { Ctx = sim };
        for (int i = 0; i < pairs.Length; i++)
        {
            net.Send([pairs[i].Src], [pairs[i].Dst], new DesSim.Core.Units.Bytes(bytes), arrivals, i);
        }

        sim.Run();
        return arrivals.Seen.OrderBy(s => s.Arg).Select(s => s.At).ToList();
    }
}
