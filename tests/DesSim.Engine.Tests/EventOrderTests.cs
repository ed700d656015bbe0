using DesSim.Engine;

namespace DesSim.Engine.Tests;

/// <summary>The simulator fires events in exactly the order of a reference (time, priority, scheduling order) queue,
/// across the queue's near heap, buckets and overflow: ties, zero delays, priorities below the current event's, bursts
/// of simultaneous events and far-future outliers.</summary>
public sealed class EventOrderTests
{
    private static readonly int[] Priorities = [EventPriority.Completion, EventPriority.Arrival, EventPriority.Normal, EventPriority.Decision];

    [TestCase(1, 10, 20_000)]
    [TestCase(2, 2_000, 200_000)]
    [TestCase(3, 50_000, 300_000)]
    public void FiringOrderMatchesAReferenceQueue(int seed, int initial, int total)
    {
        var expected = Reference(seed, initial, total);
        var sim = new Simulator();
        var fired = new List<(long Time, long Id)>(total);
        var spawner = new Spawner(seed, total, fired, () => sim.Now.Nanoseconds);
        var handler = new ForwardingHandler(spawner);
        spawner.Schedule = (delay, id, priority) => sim.Schedule(SimTime.FromNanoseconds(delay), handler, id, priority);
        spawner.Seed(initial);
        sim.Run();
        Assert.That(fired, Has.Count.EqualTo(expected.Count));
        for (int i = 0; i < fired.Count; i++)
        {
            Assert.That(fired[i], Is.EqualTo(expected[i]), $"event #{i}");
        }
    }

    private static List<(long Time, long Id)> Reference(int seed, int initial, int total)
    {
        var queue = new SortedSet<(long Time, int Priority, long Seq, long Id)>();
        long seq = 0;
        long now = 0;
        var fired = new List<(long Time, long Id)>(total);
        var spawner = new Spawner(seed, total, fired, () => now) { Schedule = (delay, id, priority) => queue.Add((now + delay, priority, seq++, id)) };
        spawner.Seed(initial);
        while (queue.Count > 0)
        {
            var e = queue.Min;
            queue.Remove(e);
            now = e.Time;
            spawner.Fire(e.Id);
        }

        return fired;
    }

    /// <summary>Decides, from the event id alone, how many children an event spawns, with which delays and priorities.</summary>
    private sealed class Spawner(int seed, int total, List<(long Time, long Id)> fired, Func<long> now)
    {
        private long _nextId;

        public Action<long, long, int> Schedule { get; set; } = (_, _, _) => throw new InvalidOperationException("no queue");

        public void Seed(int count)
        {
            for (int i = 0; i < count; i++)
            {
                Spawn(i);
            }
        }

        public void Fire(long id)
        {
            fired.Add((now(), id));
            var rng = new Random(HashCode.Combine(seed, id));
            int children = rng.Next(3); // 0, 1 or 2: the pending count drifts, and the run ends
            for (int c = 0; c < children && _nextId < total; c++)
            {
                Spawn(rng.Next());
            }
        }

        private void Spawn(int salt)
        {
            var rng = new Random(HashCode.Combine(seed, salt, _nextId));
            long delay = rng.Next(10) switch
            {
                0 => 0,                                          // same instant
                1 => rng.Next(4),                                // ties a few ns away
                2 => 1_000_000_000_000L + rng.Next(1000),        // far-future outlier (~17 min)
                3 => 5_000,                                      // a burst at one time
                _ => (long)(-Math.Log(1 - rng.NextDouble()) * 10_000), // exponential, mean 10 µs
            };
            Schedule(delay, _nextId++, Priorities[rng.Next(Priorities.Length)]);
        }
    }

    private sealed class ForwardingHandler(Spawner spawner) : IEventHandler
    {
        public void OnEvent(long argument) => spawner.Fire(argument);
    }
}
