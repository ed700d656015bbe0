using DesSim.Engine;
using MathNet.Numerics.Distributions;

namespace DesSim.Core.Workload;

/// <summary>Builds the open-loop arrival generators; every draw comes from the "arrivals" stream.</summary>
internal static class ArrivalGenerators
{
    private const double NsPerSecond = SimTime.NanosecondsPerSecond; // seconds → ns

    public static IArrivalGenerator Create(ArrivalSpec spec, RandomStream rng) => spec.Process switch
    {
        ArrivalProcess.Poisson => new Renewal(() => Exponential.Sample(rng, spec.RequestsPerSecond)),
        // Why: Gamma(shape k = 1/cv², rate = λ·k) has mean 1/λ and CV = 1/√k = cv.
        ArrivalProcess.Gamma => new Renewal(() => Gamma.Sample(rng, 1.0 / (spec.Cv * spec.Cv), spec.RequestsPerSecond / (spec.Cv * spec.Cv))),
        ArrivalProcess.Constant => new Constant(spec.RequestsPerSecond),
        ArrivalProcess.Burst => new Burst(),
        ArrivalProcess.Piecewise => new Piecewise(spec.Segments, spec.Repeat, rng),
        ArrivalProcess.Diurnal => new Diurnal(spec, rng),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Process, "not an open-loop process"),
    };

    /// <summary>Independent gaps in seconds; time accumulates in double seconds to avoid per-gap rounding drift.</summary>
    private sealed class Renewal(Func<double> gapSeconds) : IArrivalGenerator
    {
        private double _t;

        public bool TryNext(out long arrivalNs)
        {
            // Why: the first request arrives after one gap, as in a stationary process started at 0.
            _t += gapSeconds();
            arrivalNs = SimTime.FromSeconds(_t).Nanoseconds;
            return true;
        }
    }

    /// <summary>Arrival i at exactly i / rate (the first at 0).</summary>
    private sealed class Constant(double rate) : IArrivalGenerator
    {
        private long _i;

        public bool TryNext(out long arrivalNs)
        {
            arrivalNs = SimTime.FromNanosecondsRounded(_i++ * NsPerSecond / rate).Nanoseconds;
            return true;
        }
    }

    private sealed class Burst : IArrivalGenerator
    {
        public bool TryNext(out long arrivalNs)
        {
            arrivalNs = 0;
            return true;
        }
    }

    /// <summary>Poisson with piecewise-constant rate, by inversion: unit-rate exponential work spent through the segments.</summary>
    private sealed class Piecewise(IReadOnlyList<RateSegment> segments, bool repeat, RandomStream rng) : IArrivalGenerator
    {
        private int _segment;
        private double _segmentStart;
        private double _t;

        public bool TryNext(out long arrivalNs)
        {
            arrivalNs = 0;
            double work = Exponential.Sample(rng, 1.0);
            while (true)
            {
                if (_segment >= segments.Count)
                {
                    if (!repeat)
                    {
                        return false;
                    }

                    _segment = 0;
                }

                var seg = segments[_segment];
                double end = _segmentStart + seg.DurationSeconds;
                double capacity = (end - _t) * seg.RequestsPerSecond;
                if (seg.RequestsPerSecond > 0 && work <= capacity)
                {
                    _t += work / seg.RequestsPerSecond;
                    arrivalNs = SimTime.FromSeconds(_t).Nanoseconds;
                    return true;
                }

                work -= Math.Max(0, capacity);
                _t = end;
                _segmentStart = end;
                _segment++;
                if (repeat && _segment >= segments.Count && segments.All(s => s.RequestsPerSecond <= 0))
                {
                    return false;
                }
            }
        }
    }

    /// <summary>Poisson with rate λ(t) = r·(1 + a·sin(2π(t + phase)/period)), by thinning (Lewis–Shedler).</summary>
    private sealed class Diurnal(ArrivalSpec spec, RandomStream rng) : IArrivalGenerator
    {
        private readonly double _peak = spec.RequestsPerSecond * (1 + spec.Amplitude);
        private double _t;

        public bool TryNext(out long arrivalNs)
        {
            while (true)
            {
                _t += Exponential.Sample(rng, _peak);
                double rate = spec.RequestsPerSecond * (1 + (spec.Amplitude * Math.Sin(2 * Math.PI * (_t + spec.PhaseSeconds) / spec.PeriodSeconds)));
                if (rng.NextDouble() * _peak < rate)
                {
                    arrivalNs = SimTime.FromSeconds(_t).Nanoseconds;
                    return true;
                }
            }
        }
    }
}
