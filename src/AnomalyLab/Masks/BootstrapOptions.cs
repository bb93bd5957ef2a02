namespace AnomalyLab.Masks;

/// <summary>
/// The bootstrap over clips behind every "wins" a preset comparison prints: per machine id, normal and anomalous test clips are
/// drawn with replacement <see cref="Replicates"/> times, the excess map is rebuilt and every preset re-scored; a margin's interval
/// is the percentile interval of its replicates, re-centred on the all-clips margin, at <see cref="Confidence"/> (<see cref="PresetComparison.MarginInterval"/>). Presets themselves are held fixed.
/// </summary>
public sealed record BootstrapOptions
{
    /// <summary>Replicates (default 200; 0 = no bootstrap, so no win is claimed).</summary>
    public int Replicates { get; init; } = 200;

    /// <summary>Seed of the clip draws (default 0); same seed, same intervals.</summary>
    public ulong Seed { get; init; }

    /// <summary>Two-sided coverage of the percentile interval, in (0, 1) (default 0.95).</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>
    /// Fewest normal and fewest anomalous test clips an id needs for an interval (default 5): with fewer, every resample repeats
    /// the same few clips and the interval would be falsely narrow (with one clip each it has width 0), so such ids get no interval
    /// and no win is claimed for them.
    /// </summary>
    public int MinimumClips { get; init; } = 5;

    /// <summary>The documented defaults.</summary>
    public static BootstrapOptions Default { get; } = new();

    /// <summary>No bootstrap: scores only, no intervals, no wins claimed.</summary>
    public static BootstrapOptions None { get; } = new() { Replicates = 0 };

    /// <summary>Checks the values; returns this.</summary>
    public BootstrapOptions Validate()
    {
        if (Replicates < 0 || Replicates > 100_000) throw new ArgumentException($"bootstrap replicates must be in [0, 100000], found {Replicates}");
        if (MinimumClips < 2) throw new ArgumentException($"bootstrap minimum_clips must be at least 2, found {MinimumClips}");
        if (!(Confidence > 0 && Confidence < 1)) throw new ArgumentException($"bootstrap confidence must be in (0, 1), found {Confidence}");
        return this;
    }
}
