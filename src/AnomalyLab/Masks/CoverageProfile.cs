namespace AnomalyLab.Masks;

/// <summary>
/// Where a mask strategy puts its masks on average: per-pixel coverage probability <c>[n_mels, frames]</c>, its marginals, and the
/// distribution of segment lengths (for band × segment masks; empty for others), and the extent of the masks (<see cref="MaskExtent"/>).
/// </summary>
public sealed record CoverageProfile
{
    /// <summary>A profile over <paramref name="pixelCoverage"/> <c>[n_mels, frames]</c>, values in [0, 1].</summary>
    public CoverageProfile(string name, double[,] pixelCoverage, IReadOnlyDictionary<int, double>? segmentLengths = null, int maskCount = 0, MaskExtent? extent = null)
    {
        Extent = extent;
        Name = name;
        PixelCoverage = pixelCoverage;
        SegmentLengths = segmentLengths ?? new Dictionary<int, double>();
        MaskCount = maskCount;
        int h = pixelCoverage.GetLength(0), w = pixelCoverage.GetLength(1);
        MelProfile = new double[h];
        TimeProfile = new double[w];
        for (int m = 0; m < h; m++)
            for (int t = 0; t < w; t++)
            {
                MelProfile[m] += pixelCoverage[m, t] / w;
                TimeProfile[t] += pixelCoverage[m, t] / h;
            }
        MeanCoverage = MelProfile.Average();
    }

    /// <summary>Preset or strategy name.</summary>
    public string Name { get; }

    /// <summary>P(pixel masked), <c>[n_mels, frames]</c>.</summary>
    public double[,] PixelCoverage { get; }

    /// <summary>Mean coverage per mel bin (over frames), length n_mels: the band profile.</summary>
    public double[] MelProfile { get; }

    /// <summary>Mean coverage per frame (over mel bins), length frames: the time profile.</summary>
    public double[] TimeProfile { get; }

    /// <summary>Expected fraction of a mask that is set.</summary>
    public double MeanCoverage { get; }

    /// <summary>Probability of each segment length (frames); empty when the strategy has no segments.</summary>
    public IReadOnlyDictionary<int, double> SegmentLengths { get; }

    /// <summary>Masks the profile was estimated from; 0 for an exact (analytic) profile.</summary>
    public int MaskCount { get; }

    /// <summary>Run-length and band-width distribution of the masks (cell-weighted); null when not measured.</summary>
    public MaskExtent? Extent { get; }

    /// <summary>Mel bins.</summary>
    public int MelBins => PixelCoverage.GetLength(0);

    /// <summary>Frames.</summary>
    public int Frames => PixelCoverage.GetLength(1);

    /// <summary>Mean segment length in frames (NaN without segments).</summary>
    public double MeanSegmentLength => SegmentLengths.Count == 0 ? double.NaN : SegmentLengths.Sum(p => p.Key * p.Value);
}
