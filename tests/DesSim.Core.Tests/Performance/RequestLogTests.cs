using DesSim.Core.Metrics;
using DesSim.Engine;

namespace DesSim.Core.Tests.Performance;

public sealed class RequestLogTests
{
    private static SimTime Ns(long nanoseconds) => SimTime.FromNanoseconds(nanoseconds);

    private static RequestRecord Record(long id) =>
        new(id, (int)(id % 3), 100 + (int)id, 10 + (int)(id % 7), Ns(id * 1_000), Ns((id * 1_000) + 5), Ns((id * 1_000) + 50), Ns((id * 1_000) + 900 + (id % 13)), (int)(id % 2), Ns(id % 17), Rejected: id % 11 == 0, (int)(id % 5), (int)(id % 4));

    // Arrivals 0..n-1 in order; completions in a shuffled order within a sliding window (as a busy server finishes them).
    private static RequestLog Fill(int n, int memoryRecords, int window, int seed, long[]? neverFinished = null)
    {
        var log = new RequestLog(memoryRecords);
        var random = new Random(seed);
        var open = new List<long>();
        var skip = new HashSet<long>(neverFinished ?? []);
        for (long id = 0; id < n; id++)
        {
            log.OnArrived(id);
            open.Add(id);
            while (open.Count > window || (id == n - 1 && open.Count > 0))
            {
                int k = random.Next(open.Count);
                long done = open[k];
                open.RemoveAt(k);
                if (!skip.Contains(done))
                {
                    log.Add(Record(done));
                }
            }
        }

        log.Complete();
        return log;
    }

    [Test]
    public void Records_come_out_in_id_order_from_memory_and_from_the_spill_file_alike()
    {
        var memory = Fill(5_000, memoryRecords: 100_000, window: 300, seed: 1);
        var spilled = Fill(5_000, memoryRecords: 64, window: 300, seed: 1);
        var expected = Enumerable.Range(0, 5_000).Select(i => Record(i)).ToArray();
        Assert.That(memory.Spilled, Is.False);
        Assert.That(spilled.Spilled, Is.True);
        Assert.That(memory.ToArray(), Is.EqualTo(expected));
        Assert.That(spilled.ToArray(), Is.EqualTo(expected));
        Assert.That(spilled.Count, Is.EqualTo(5_000));
        Assert.That(spilled[0], Is.EqualTo(expected[0]));
        Assert.That(spilled[4_321], Is.EqualTo(expected[4_321]));
        Assert.That(spilled[4_999], Is.EqualTo(expected[4_999]));
        Assert.That(() => spilled[5_000], Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Requests_that_never_finish_hold_back_nothing_and_are_absent()
    {
        var log = Fill(2_000, memoryRecords: 50, window: 40, seed: 2, neverFinished: [3, 700, 1_999]);
        var ids = log.Select(r => r.Id).ToArray();
        Assert.That(ids, Is.EqualTo(Enumerable.Range(0, 2_000).Select(i => (long)i).Where(i => i is not (3 or 700 or 1_999)).ToArray()));
    }

    [Test]
    public void Ids_out_of_arrival_order_and_repeated_ids_still_come_out_sorted()
    {
        long[] arrivals = [50, 10, 40, 10, 30, 20, 60];
        foreach (int memoryRecords in new[] { 2, 1_000 })
        {
            var log = new RequestLog(memoryRecords);
            foreach (var id in arrivals)
            {
                log.OnArrived(id);
            }

            foreach (var id in arrivals.Reverse())
            {
                log.Add(Record(id));
            }

            log.Complete();
            Assert.That(log.Select(r => r.Id), Is.EqualTo(new long[] { 10, 10, 20, 30, 40, 50, 60 }), $"memory records {memoryRecords}");
        }
    }

    [Test]
    public void A_complete_log_takes_no_more_records()
    {
        var log = new RequestLog();
        log.OnArrived(0);
        log.Add(Record(0));
        log.Complete();
        log.Complete();
        Assert.That(() => log.Add(Record(1)), Throws.InvalidOperationException);
        Assert.That(log.Count, Is.EqualTo(1));
    }
}
