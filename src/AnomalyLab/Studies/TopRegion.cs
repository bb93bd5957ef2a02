namespace AnomalyLab.Studies;

/// <summary>
/// The "top region" of a deviation map: the map is first smoothed with a centred box of
/// <c>smoothMels × smoothFrames</c> cells (edges clamped, as scipy's <c>uniform_filter(mode="nearest")</c>) — a mean over
/// a few dozen clips is noisy cell by cell, and a region is a blob, not isolated cells — then the cells at least
/// <c>relativeThreshold</c> × the smoothed maximum (when positive) are kept. Used to name where anomalies live and to
/// score a map against ground truth.
/// </summary>
public static class TopRegion
{
    /// <summary>Default relative threshold: cells at ≥ 50 % of the (smoothed) peak deviation.</summary>
    public const double DefaultRelativeThreshold = 0.5;

    /// <summary>Default smoothing height, mel bins (3: a bin and its neighbours).</summary>
    public const int DefaultSmoothMels = 3;

    /// <summary>Default smoothing width, frames (15 ≈ 0.5 s at hop 512 / 16 kHz).</summary>
    public const int DefaultSmoothFrames = 15;

    /// <summary>Mask <c>[n_mels, frames]</c> of the top region; all false when the smoothed maximum is ≤ 0.</summary>
    /// <param name="map">Deviation map <c>[n_mels, frames]</c>.</param>
    /// <param name="relativeThreshold">Share of the smoothed peak, in (0, 1].</param>
    /// <param name="smoothMels">Box height (odd is centred; 1 = none).</param>
    /// <param name="smoothFrames">Box width (1 = none).</param>
    public static bool[,] Of(double[,] map, double relativeThreshold = DefaultRelativeThreshold, int smoothMels = 1, int smoothFrames = 1)
    {
        if (relativeThreshold is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(relativeThreshold), relativeThreshold, "The relative threshold must be in (0, 1].");
        double[,] smooth = BoxSmooth(map, smoothMels, smoothFrames);
        int nMels = map.GetLength(0), frames = map.GetLength(1);
        double max = double.NegativeInfinity;
        foreach (double v in smooth) max = Math.Max(max, v);
        var mask = new bool[nMels, frames];
        if (!(max > 0)) return mask;
        double threshold = relativeThreshold * max;
        for (int m = 0; m < nMels; m++)
            for (int t = 0; t < frames; t++) mask[m, t] = smooth[m, t] >= threshold;
        return mask;
    }

    /// <summary>
    /// Centred box mean of <paramref name="height"/> × <paramref name="width"/> cells with edge values repeated beyond the
    /// borders (scipy <c>uniform_filter(..., mode="nearest")</c>; for even sizes the extra cell is on the low side, as scipy).
    /// </summary>
    public static double[,] BoxSmooth(double[,] map, int height, int width)
    {
        if (height < 1 || width < 1) throw new ArgumentOutOfRangeException(nameof(height), $"Box size must be at least 1 × 1 (got {height} × {width}).");
        return Smooth1D(Smooth1D(map, width, alongFrames: true), height, alongFrames: false);
    }

    private static double[,] Smooth1D(double[,] map, int size, bool alongFrames)
    {
        if (size == 1) return (double[,])map.Clone();
        int rows = map.GetLength(0), cols = map.GetLength(1);
        int lines = alongFrames ? rows : cols, length = alongFrames ? cols : rows;
        var result = new double[rows, cols];
        int before = size / 2, after = size - 1 - before;
        for (int line = 0; line < lines; line++)
            for (int i = 0; i < length; i++)
            {
                double sum = 0;
                for (int k = i - before; k <= i + after; k++)
                {
                    int j = Math.Clamp(k, 0, length - 1);
                    sum += alongFrames ? map[line, j] : map[j, line];
                }
                if (alongFrames) result[line, i] = sum / size;
                else result[i, line] = sum / size;
            }
        return result;
    }

    /// <summary>Number of true cells.</summary>
    public static int Count(bool[,] mask)
    {
        int n = 0;
        foreach (bool b in mask) if (b) n++;
        return n;
    }
}
