namespace AnomalyLab.Masks;

/// <summary>
/// How large anomalies (or masks) are, cell-weighted: <see cref="RunLengths"/>[L − 1] is the share of anomalous cells that lie in a run
/// of exactly L consecutive anomalous frames along their mel row; <see cref="BandWidths"/>[w − 1] the share that lie in a run of exactly
/// w consecutive anomalous mel bins along their frame column. Both sum to 1.
/// </summary>
/// <remarks>
/// Cell weighting (the run containing a random anomalous cell, rather than each run counted once) keeps isolated noise cells of a
/// thresholded real map from dominating: a one-cell run weighs one cell, a 100-frame run a hundred. For a band × segment mask a time run
/// is a run of the union of its (possibly overlapping) segments, and every column of the band is one run of the band's width.
/// </remarks>
public sealed record MaskExtent
{
    /// <summary>An extent from raw (unnormalised, non-negative) cell counts per run length and per band width.</summary>
    /// <param name="runLengths">Cells per time-run length, index L − 1 (length = frames axis).</param>
    /// <param name="bandWidths">Cells per mel-run width, index w − 1 (length = mel axis).</param>
    public MaskExtent(IReadOnlyList<double> runLengths, IReadOnlyList<double> bandWidths)
    {
        RunLengths = Normalised(runLengths, "run-length");
        BandWidths = Normalised(bandWidths, "band-width");
    }

    /// <summary>Share of anomalous cells per time-run length, index L − 1 (L frames).</summary>
    public double[] RunLengths { get; }

    /// <summary>Share of anomalous cells per mel-run width, index w − 1 (w mel bins).</summary>
    public double[] BandWidths { get; }

    /// <summary>Mean run length of a random anomalous cell, frames.</summary>
    public double MeanRunLength => RunLengths.Select((p, i) => p * (i + 1)).Sum();

    /// <summary>Mean band width of a random anomalous cell, mel bins.</summary>
    public double MeanBandWidth => BandWidths.Select((p, i) => p * (i + 1)).Sum();

    /// <summary>
    /// Similarity of two length distributions, 1 − W₁ / (n − 1) over lengths 1..n where n is the longer axis (the shorter one is
    /// zero-padded): a mean length off by 10 % of the axis costs about 0.1, as for the position profiles.
    /// </summary>
    public static double Similarity(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        int n = Math.Max(a.Count, b.Count);
        return ProfileDistance.Similarity(Padded(a, n), Padded(b, n));
    }

    private static double[] Padded(IReadOnlyList<double> values, int n)
    {
        var result = new double[n];
        for (int i = 0; i < values.Count; i++) result[i] = values[i];
        return result;
    }

    private static double[] Normalised(IReadOnlyList<double> counts, string what)
    {
        double sum = 0;
        foreach (double c in counts)
        {
            if (!(c >= 0) || double.IsInfinity(c)) throw new ArgumentException($"{what} counts must be finite and non-negative, found {c}");
            sum += c;
        }
        if (sum <= 0) throw new ArgumentException($"{what} counts are all zero: no anomalous cell to measure the extent of");
        return counts.Select(c => c / sum).ToArray();
    }
}
