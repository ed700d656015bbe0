using DesSim.Core.Units;

namespace DesSim.Core.Hardware;

/// <summary>The directed links of a cluster and the route between any two GPUs.</summary>
/// <remarks>
/// Intra-node: NVSwitch (GPU→switch, switch→GPU at NVLink bandwidth); NVLink pairs (a bridge per pair, everything else
/// over PCIe); PCIe only (<see cref="GpusPerPcieSwitch"/> GPUs per PCIe switch, each switch with one shared uplink to the
/// root complex, which is non-blocking); xGMI full mesh (one link per ordered GPU pair). Inter-node: one NIC per GPU
/// (GPU→IB, IB→GPU) into a non-blocking fabric. Each node group (<see cref="ClusterSpec.Groups"/>) wires its nodes with its own
/// fabric and GPU bandwidths; nodes are numbered across groups in id order. Routes have at most <see cref="MaxHops"/> links. Immutable.
/// </remarks>
public sealed class Topology
{
    /// <summary>Most links on any route.</summary>
    public const int MaxHops = 4;

    /// <summary>GPUs under one PCIe switch in PCIe-only and NVLink-pair nodes.</summary>
    /// <remarks>Why 4: 8-GPU PCIe servers typically hang 4 GPUs under a PCIe switch per CPU socket (assumed; configurable later).</remarks>
    public const int GpusPerPcieSwitch = 4;

    private readonly List<LinkSpec> _links = [];
    private readonly int[] _up;      // GPU → switch (NVSwitch or PCIe switch)
    private readonly int[] _down;    // switch → GPU
    private readonly int[] _bridge;  // NVLink bridge GPU → partner (NvLinkPairs), else -1
    private readonly int[] _nicUp;
    private readonly int[] _nicDown;
    private readonly int[] _nodeOf;     // GPU → global node
    private readonly int[] _localOf;    // GPU → index inside its node
    private readonly int[] _nodeGroup;  // node → group
    private readonly int[] _nodeSwitchBase; // node → index of its first PCIe switch in _switchUp/_switchDown
    private readonly int[] _nodeMeshBase;   // node → first xGMI mesh link; link (i, j) = base + i·g + j
    private readonly int[] _switchUp;   // per (node, pcie switch): switch → root
    private readonly int[] _switchDown; // root → switch
    private readonly NodeGroupSpec[] _groups;
    private readonly int _totalGpus;

    /// <summary>Builds the links of <paramref name="cluster"/>.</summary>
    public Topology(ClusterSpec cluster)
    {
        Cluster = cluster;
        int n = cluster.TotalGpus, nodes = cluster.TotalNodes;
        var groups = _groups = cluster.Groups.ToArray();
        _totalGpus = n;
        _up = Fill(n);
        _down = Fill(n);
        _bridge = Fill(n);
        _nicUp = Fill(n);
        _nicDown = Fill(n);
        _nodeOf = new int[n];
        _localOf = new int[n];
        _nodeGroup = new int[nodes];
        _nodeSwitchBase = new int[nodes];
        _nodeMeshBase = Fill(nodes);
        int switches = 0;
        for (int gi = 0, node = 0, id = 0; gi < groups.Length; gi++)
        {
            for (int k = 0; k < groups[gi].Nodes; k++, node++)
            {
                _nodeGroup[node] = gi;
                _nodeSwitchBase[node] = switches;
                switches += (groups[gi].GpusPerNode + GpusPerPcieSwitch - 1) / GpusPerPcieSwitch;
                for (int i = 0; i < groups[gi].GpusPerNode; i++, id++)
                {
                    _nodeOf[id] = node;
                    _localOf[id] = i;
                }
            }
        }

        _switchUp = Fill(switches);
        _switchDown = Fill(switches);
        for (int node = 0, id = 0; node < nodes; node++)
        {
            var group = groups[_nodeGroup[node]];
            int g = group.GpusPerNode;
            var host = group.Gpu.HostLinkBandwidth;
            var fabric = group.Gpu.PeerBandwidth;
            for (int i = 0; i < g; i++, id++)
            {
                switch (group.IntraNode)
                {
                    case IntraNodeFabric.NvSwitch:
                        _up[id] = Add($"node{node}/gpu{i}->nvswitch", "nvlink", fabric, LinkLatencies.NvLinkSeconds);
                        _down[id] = Add($"node{node}/nvswitch->gpu{i}", "nvlink", fabric, LinkLatencies.NvLinkSeconds);
                        break;
                    case IntraNodeFabric.NvLinkPairs:
                    case IntraNodeFabric.Pcie:
                        _up[id] = Add($"node{node}/gpu{i}->pcie-switch{i / GpusPerPcieSwitch}", "pcie", host, LinkLatencies.PcieSeconds);
                        _down[id] = Add($"node{node}/pcie-switch{i / GpusPerPcieSwitch}->gpu{i}", "pcie", host, LinkLatencies.PcieSeconds);
                        if (group.IntraNode == IntraNodeFabric.NvLinkPairs && (i ^ 1) < g)
                        {
                            _bridge[id] = Add($"node{node}/gpu{i}->gpu{i ^ 1}", "nvlink", fabric, LinkLatencies.NvLinkSeconds);
                        }

                        break;
                }
            }

            if (group.IntraNode is IntraNodeFabric.Pcie or IntraNodeFabric.NvLinkPairs)
            {
                int perNode = (g + GpusPerPcieSwitch - 1) / GpusPerPcieSwitch;
                for (int s = 0; s < perNode; s++)
                {
                    _switchUp[_nodeSwitchBase[node] + s] = Add($"node{node}/pcie-switch{s}->root", "pcie-uplink", host, LinkLatencies.PcieSeconds);
                    _switchDown[_nodeSwitchBase[node] + s] = Add($"node{node}/root->pcie-switch{s}", "pcie-uplink", host, LinkLatencies.PcieSeconds);
                }
            }
        }

        for (int node = 0; node < nodes; node++)
        {
            var group = groups[_nodeGroup[node]];
            if (group.IntraNode != IntraNodeFabric.Xgmi)
            {
                continue;
            }

            int g = group.GpusPerNode;
            var fabric = group.Gpu.PeerBandwidth;
            _nodeMeshBase[node] = _links.Count;
            for (int i = 0; i < g; i++)
            {
                for (int j = 0; j < g; j++)
                {
                    // Why: keep the index arithmetic dense; the diagonal (i == j) is a never-used placeholder.
                    _links.Add(new LinkSpec($"node{node}/gpu{i}->gpu{j}", "xgmi", fabric, LinkLatencies.XgmiSeconds));
                }
            }
        }

        if (nodes > 1)
        {
            var ib = cluster.InterNode;
            for (int id = 0; id < n; id++)
            {
                _nicUp[id] = Add($"node{_nodeOf[id]}/gpu{_localOf[id]}->{ib.Name}", "ib", ib.Bandwidth, ib.LatencySeconds);
                _nicDown[id] = Add($"{ib.Name}->node{_nodeOf[id]}/gpu{_localOf[id]}", "ib", ib.Bandwidth, ib.LatencySeconds);
            }
        }
    }

    /// <summary>The cluster this topology wires.</summary>
    public ClusterSpec Cluster { get; }

    /// <summary>All links, indexed by link id, in a stable order.</summary>
    public IReadOnlyList<LinkSpec> Links => _links;

    /// <summary>Writes the link ids from <paramref name="source"/> to <paramref name="destination"/> into <paramref name="route"/> (length ≥ <see cref="MaxHops"/>); returns the hop count (0 for the same GPU).</summary>
    public int Route(int source, int destination, Span<int> route)
    {
        int total = _totalGpus;
        if ((uint)source >= (uint)total || (uint)destination >= (uint)total)
        {
            throw new ArgumentOutOfRangeException(nameof(source), $"GPU ids must be in 0..{total - 1}");
        }

        if (source == destination)
        {
            return 0;
        }

        int sn = _nodeOf[source], dn = _nodeOf[destination];
        if (sn != dn)
        {
            route[0] = _nicUp[source];
            route[1] = _nicDown[destination];
            return 2;
        }

        var group = _groups[_nodeGroup[sn]];
        int g = group.GpusPerNode;
        int si = _localOf[source], di = _localOf[destination];
        switch (group.IntraNode)
        {
            case IntraNodeFabric.NvSwitch:
                route[0] = _up[source];
                route[1] = _down[destination];
                return 2;
            case IntraNodeFabric.Xgmi:
                route[0] = _nodeMeshBase[sn] + (si * g) + di;
                return 1;
            default:
                if (_bridge[source] >= 0 && (si ^ 1) == di)
                {
                    route[0] = _bridge[source];
                    return 1;
                }

                int ss = si / GpusPerPcieSwitch, ds = di / GpusPerPcieSwitch;
                if (ss == ds)
                {
                    route[0] = _up[source];
                    route[1] = _down[destination];
                    return 2;
                }

                route[0] = _up[source];
                route[1] = _switchUp[_nodeSwitchBase[sn] + ss];
                route[2] = _switchDown[_nodeSwitchBase[sn] + ds];
                route[3] = _down[destination];
                return 4;
        }
    }

    /// <summary>The global node of GPU <paramref name="gpu"/>.</summary>
    public int NodeOf(int gpu) => _nodeOf[gpu];

    /// <summary>Bandwidth of the slowest link on the route (∞ for the same GPU).</summary>
    public BytesPerSecond PathBandwidth(int source, int destination)
    {
        Span<int> r = stackalloc int[MaxHops];
        int hops = Route(source, destination, r);
        var bw = BytesPerSecond.PositiveInfinity;
        for (int i = 0; i < hops; i++)
        {
            bw = BytesPerSecond.Min(bw, _links[r[i]].Bandwidth);
        }

        return bw;
    }

    /// <summary>Sum of link latencies on the route, seconds.</summary>
    public double PathLatencySeconds(int source, int destination)
    {
        Span<int> r = stackalloc int[MaxHops];
        int hops = Route(source, destination, r);
        double s = 0;
        for (int i = 0; i < hops; i++)
        {
            s += _links[r[i]].LatencySeconds;
        }

        return s;
    }

    private int Add(string name, string kind, BytesPerSecond bandwidth, double latency)
    {
        _links.Add(new LinkSpec(name, kind, bandwidth, latency));
        return _links.Count - 1;
    }

    private static int[] Fill(int n)
    {
        var a = new int[n];
        Array.Fill(a, -1);
        return a;
    }
}
