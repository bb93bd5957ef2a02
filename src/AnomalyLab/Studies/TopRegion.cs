namespace AnomalyLab.Studies;

/// <summary>
/// The "top region" of a deviation map: the cells whose value is at least <c>RelativeThreshold</c> × the map's maximum
/// (only when that maximum is positive). Used to name where anomalies live and to score a map against ground truth.
/// </summary>
public static class TopRegion
{
    /// <summary>Default relative threshold: cells at ≥ 50 % of the peak deviation.</summary>
    public const double DefaultRelativeThreshold = 0.5;

    /// <summary>Mask <c>[n_mels, frames]</c> of cells ≥ <paramref name="relativeThreshold"/> · max(map); all false when max ≤ 0.</summary>
    public static bool[,] Of(double[,] map, double relativeThreshold = DefaultRelativeThreshold)
    {
        if (relativeThreshold is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(relativeThreshold), relativeThreshold, "The relative threshold must be in (0, 1].");
        int nMels = map.GetLength(0), frames = map.GetLength(1);
        double max = double.NegativeInfinity;
        foreach (double v in map) max = Math.Max(max, v);
        var mask = new bool[nMels, frames];
        if (!(max > 0)) return mask;
        double threshold = relativeThreshold * max;
        for (int m = 0; m < nMels; m++)
            for (int t = 0; t < frames; t++) mask[m, t] = map[m, t] >= threshold;
        return mask;
    }

    /// <summary>Number of true cells.</summary>
    public static int Count(bool[,] mask)
    {
        int n = 0;
        foreach (bool b in mask) if (b) n++;
        return n;
    }
}
