using DesSim.Core.Units;

namespace DesSim.Core.Hardware;

/// <summary>Per-link bytes, busy time and transfer counts (allocation-free recording).</summary>
internal sealed class LinkCounters
{
    private readonly Topology _topology;
    private readonly long[] _bytes;
    private readonly long[] _busyNanoseconds;
    private readonly long[] _transfers;

    public LinkCounters(Topology topology)
    {
        _topology = topology;
        int n = topology.Links.Count;
        _bytes = new long[n];
        _busyNanoseconds = new long[n];
        _transfers = new long[n];
    }

    public void Record(Topology topology, ReadOnlySpan<int> links, Bytes bytes)
    {
        foreach (int l in links)
        {
            _bytes[l] += bytes.Count;
            _busyNanoseconds[l] += TransferMath.OccupancyNanoseconds(topology.Links[l], bytes);
            _transfers[l]++;
        }
    }

    /// <summary>Totals of every link that carried something, in link-id order.</summary>
    public IReadOnlyList<LinkUsage> Snapshot()
    {
        var list = new List<LinkUsage>();
        for (int l = 0; l < _bytes.Length; l++)
        {
            if (_transfers[l] > 0)
            {
                var s = _topology.Links[l];
                list.Add(new LinkUsage(s.Name, s.Kind, _bytes[l], _busyNanoseconds[l] / 1e9, _transfers[l]));
            }
        }

        return list;
    }
}
