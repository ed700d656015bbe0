using System.Diagnostics;
using System.Globalization;
using DesSim.Engine;

namespace DesSim.Benchmarks;

/// <summary>The classic hold model: N events pending; each fired event schedules one more with an exponential delay.</summary>
public sealed class EngineHoldBenchmark : IBenchmark
{
    private const double MeanDelayMicroseconds = 1000; // mean hold time; any value works, it only sets the time scale

    /// <inheritdoc />
    public string Name => "engine";

    /// <inheritdoc />
    public string Description => "hold model, events/s at 1k / 100k / 1M pending";

    /// <inheritdoc />
    public void Run(BenchOptions options, TextWriter output)
    {
        bool quick = options.Quick;
        int[] pending = quick ? [1_000, 100_000] : [1_000, 100_000, 1_000_000];
        foreach (int n in pending)
        {
            long events = quick ? 2_000_000 : Math.Max(10_000_000, 10L * n);
            var (rate, allocated, cpuRate) = Measure(n, events);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pending={n,9:N0}  events={events,12:N0}  rate={rate / 1e6,7:F2} M events/s  (per CPU-second {cpuRate / 1e6,6:F2} M)  alloc/event={allocated / (double)events:F3} B"));
        }
    }

    /// <summary>Runs the hold model; returns events per wall second, bytes allocated during the timed part, and events per
    /// second of process CPU time (on a shared machine the wall rate understates the engine when other processes take the core).</summary>
    public static (double EventsPerSecond, long AllocatedBytes, double EventsPerCpuSecond) Measure(int pending, long events)
    {
        var sim = new Simulator(seed: 1);
        var holder = new Holder(sim, sim.Streams.Get("hold"));
        for (int i = 0; i < pending; i++)
        {
            holder.ScheduleNext();
        }

        // Warm up (JIT, heap growth) before timing.
        long warm = Math.Min(events / 10, 1_000_000);
        for (long i = 0; i < warm; i++)
        {
            sim.Step();
        }

        long alloc0 = GC.GetAllocatedBytesForCurrentThread();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        for (long i = 0; i < events; i++)
        {
            sim.Step();
        }

        sw.Stop();
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - alloc0;
        return (events / sw.Elapsed.TotalSeconds, allocated, events / cpuSeconds);
    }

    private sealed class Holder(Simulator sim, RandomStream rng) : IEventHandler
    {
        public void ScheduleNext() =>
            sim.Schedule(SimTime.FromNanoseconds((long)rng.NextExponential(MeanDelayMicroseconds * SimTime.NanosecondsPerMicrosecond)), this);

        public void OnEvent(long argument) => ScheduleNext();
    }
}
