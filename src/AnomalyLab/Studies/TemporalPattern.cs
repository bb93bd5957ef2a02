namespace AnomalyLab.Studies;

/// <summary>Whether a deviation is spread over the whole clip or concentrated in time segments.</summary>
public enum TemporalShape
{
    /// <summary>The deviation mass is spread over time: half of it needs at least <see cref="TemporalPattern.SegmentedBelow"/> of the frames.</summary>
    Stationary,

    /// <summary>Half of the deviation mass sits in fewer than <see cref="TemporalPattern.SegmentedBelow"/> of the frames.</summary>
    Segmented,
}

/// <summary>
/// Criterion: take the per-frame positive mass p(t) = Σ_mel max(map, 0); sort frames by p descending and count how many
/// are needed to reach half of Σp. <see cref="HalfMassFrameFraction"/> is that count over the number of frames: ≈ 0.5 for a
/// deviation uniform in time, small for one confined to a few segments. The deviation is <see cref="TemporalShape.Segmented"/>
/// when the fraction is below <see cref="SegmentedBelow"/> (default 0.25: half the mass within a quarter of the clip),
/// else <see cref="TemporalShape.Stationary"/>. A map with no positive mass is reported stationary with fraction 0.5.
/// </summary>
/// <param name="Shape">Stationary or segmented.</param>
/// <param name="HalfMassFrameFraction">Fraction of frames holding half of the positive mass, 0..1.</param>
public sealed record TemporalPattern(TemporalShape Shape, double HalfMassFrameFraction)
{
    /// <summary>Default threshold on <see cref="HalfMassFrameFraction"/> below which a deviation counts as segmented.</summary>
    public const double SegmentedBelow = 0.25;

    /// <summary>Classifies <paramref name="map"/> <c>[n_mels, frames]</c>.</summary>
    public static TemporalPattern Of(double[,] map, double segmentedBelow = SegmentedBelow)
    {
        int nMels = map.GetLength(0), frames = map.GetLength(1);
        var mass = new double[frames];
        double total = 0;
        for (int t = 0; t < frames; t++)
        {
            for (int m = 0; m < nMels; m++) mass[t] += Math.Max(0, map[m, t]);
            total += mass[t];
        }
        if (total <= 0) return new TemporalPattern(TemporalShape.Stationary, 0.5);
        Array.Sort(mass);
        double running = 0;
        int needed = 0;
        for (int i = frames - 1; i >= 0 && running < 0.5 * total; i--)
        {
            running += mass[i];
            needed++;
        }
        double fraction = needed / (double)frames;
        return new TemporalPattern(fraction < segmentedBelow ? TemporalShape.Segmented : TemporalShape.Stationary, fraction);
    }
}
