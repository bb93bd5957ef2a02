namespace AnomalyLab.Masks;

/// <summary>
/// The SplitMix64 pseudo-random generator (Steele, Lea &amp; Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014;
/// the constants of Vigna's reference <c>splitmix64.c</c>). Used instead of <see cref="System.Random"/> because .NET does not
/// guarantee that algorithm across runtimes: a mask seed must give the same masks on every machine and version.
/// </summary>
/// <remarks>A mutable value: each call advances the state by the golden-ratio increment 0x9E3779B97F4A7C15 and mixes it.</remarks>
public sealed class SplitMix64
{
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    /// <summary>A generator whose first output is <c>Mix(seed + γ)</c>.</summary>
    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>The SplitMix64 finaliser (a bijection of 64-bit values with good avalanche).</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// An independent stream for item <paramref name="index"/> of a batch made from <paramref name="seed"/>, so mask <c>b</c> of a batch
    /// does not depend on the batch size (the first k masks of a batch of 100 equal a batch of k with the same seed).
    /// </summary>
    public static SplitMix64 ForItem(ulong seed, long index) => new(Mix(seed ^ Mix(unchecked((ulong)index + GoldenGamma))));

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state = unchecked(_state + GoldenGamma);
        return Mix(_state);
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double NextDouble(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>A uniform integer in [<paramref name="low"/>, <paramref name="highInclusive"/>], unbiased (Lemire's multiply-and-reject).</summary>
    public int NextInt(int low, int highInclusive)
    {
        if (highInclusive < low) throw new ArgumentOutOfRangeException(nameof(highInclusive), $"empty range [{low}, {highInclusive}]");
        ulong range = (ulong)((long)highInclusive - low) + 1;
        ulong threshold = unchecked(0UL - range) % range;
        while (true)
        {
            ulong x = NextUInt64();
            UInt128 product = (UInt128)x * range;
            if ((ulong)product >= threshold) return (int)(low + (long)(ulong)(product >> 64));
        }
    }

    /// <summary>An index drawn with probability proportional to <paramref name="weights"/> (non-negative, positive sum).</summary>
    public int NextWeighted(IReadOnlyList<double> weights)
    {
        double total = 0;
        for (int i = 0; i < weights.Count; i++) total += weights[i];
        double u = NextDouble() * total;
        double cumulative = 0;
        for (int i = 0; i < weights.Count; i++)
        {
            cumulative += weights[i];
            if (u < cumulative && weights[i] > 0) return i;
        }
        for (int i = weights.Count - 1; i >= 0; i--)
            if (weights[i] > 0) return i;
        throw new ArgumentException("weights sum to zero", nameof(weights));
    }
}
