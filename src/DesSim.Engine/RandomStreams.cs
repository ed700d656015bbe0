using System.Text;

namespace DesSim.Engine;

/// <summary>Independent named random streams derived from one seed.</summary>
/// <remarks>
/// A stream's seed is a hash of (run seed, name), so adding a new consumer never shifts another's draws.
/// <see cref="Get"/> returns the same stream object for the same name within one run. Names are ordinal.
/// </remarks>
public sealed class RandomStreams
{
    private readonly Dictionary<string, RandomStream> _streams = new(StringComparer.Ordinal);

    /// <summary>Creates the streams of one run.</summary>
    public RandomStreams(ulong seed) => Seed = seed;

    /// <summary>The run's seed.</summary>
    public ulong Seed { get; }

    /// <summary>The stream named <paramref name="name"/> (created on first use).</summary>
    public RandomStream Get(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_streams.TryGetValue(name, out var stream))
        {
            stream = new RandomStream(DeriveSeed(Seed, name));
            _streams.Add(name, stream);
        }

        return stream;
    }

    /// <summary>A fresh stream (not cached) for <paramref name="name"/>; the same name gives the same sequence.</summary>
    public RandomStream Create(string name) => new(DeriveSeed(Seed, name));

    /// <summary>The 64-bit seed of stream <paramref name="name"/> under run seed <paramref name="seed"/> (FNV-1a then SplitMix64).</summary>
    public static ulong DeriveSeed(ulong seed, string name)
    {
        const ulong fnvOffset = 14695981039346656037UL; // FNV-1a 64-bit offset basis
        const ulong fnvPrime = 1099511628211UL; // FNV-1a 64-bit prime
        ulong h = fnvOffset;
        foreach (byte b in Encoding.UTF8.GetBytes(name))
        {
            h = (h ^ b) * fnvPrime;
        }

        ulong x = seed ^ h;
        return RandomStream.SplitMix64(ref x);
    }
}
