namespace AnomalyLab.Masks;

/// <summary>Search space of <see cref="MaskPresetFitter"/>. Defaults are documented per field.</summary>
public sealed record PresetFitOptions
{
    /// <summary>Mask grid mel bins; null (default) = the maps' mel bins.</summary>
    public int? MelBins { get; init; }

    /// <summary>
    /// Mask grid frames; null (default) = the longest map's frames rounded up to a multiple of 16
    /// (<see cref="AudioBandSegmentOptions.GridFrames"/>: 313 → 320, ToyCar's 344 → 352, 12-s clips' 376 → 384).
    /// </summary>
    public int? Frames { get; init; }

    /// <summary>
    /// Mixing weights tried for the width and segment-length distributions, λ · (fitted distribution) + (1 − λ) · uniform over the
    /// range, chosen by inner leave-one-id-out on the fit ids like the band-centre share. Default 0, 0.5, 1.
    /// </summary>
    public IReadOnlyList<double> ExtentShares { get; init; } = [0, 0.5, 1.0];

    /// <summary>Layouts drawn per candidate to measure its run-length distribution during the search (default 250; the final
    /// scores use <see cref="ExtentOptions.PresetLayouts"/>).</summary>
    public int SearchLayouts { get; init; } = 250;

    /// <summary>Gaussian smoothing (σ, mel bins) of the pooled real mel profile before it becomes the band-position density. Default 2.</summary>
    public double CenterSmoothingBins { get; init; } = 2;

    /// <summary>Sharpening exponents γ tried for the position density (∝ smoothed profile^γ; a wide band blurs the prior, γ &gt; 1 compensates).</summary>
    public IReadOnlyList<double> CenterSharpening { get; init; } = [1, 1.5, 2, 3, 4];

    /// <summary>
    /// Mixing weights λ tried for the band-centre prior λ · fitted density + (1 − λ) · uniform, chosen by inner leave-one-id-out on the
    /// fit ids. Default 0, 0.1, …, 1 (0 = the seed's uniform band position).
    /// </summary>
    public IReadOnlyList<double> PriorShares { get; init; } = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];

    /// <summary>Band-width fractions of n_mels from which (min, max) ranges are formed (plus the real band-width quantiles).</summary>
    public IReadOnlyList<double> BandFractions { get; init; } = [0.03, 0.05, 0.08, 0.12, 0.16, 0.20, 0.30, 0.40, 0.50];

    /// <summary>Quantiles of the fit ids' pooled band-width distribution added as width candidates (default 0.02, 0.1, 0.25, 0.5, 0.75, 0.9, 0.98).</summary>
    public IReadOnlyList<double> WidthQuantiles { get; init; } = [0.02, 0.1, 0.25, 0.5, 0.75, 0.9, 0.98];

    /// <summary>Segment-count ranges tried.</summary>
    public IReadOnlyList<(int Min, int Max)> SegmentCounts { get; init; } = [(1, 1), (1, 3), (2, 6), (2, 12), (3, 20), (10, 40), (10, 160)];

    /// <summary>Segment-length ranges tried, as fractions of the frames (e.g. (0.02, 0.1) = 6–32 frames at 320).</summary>
    public IReadOnlyList<(double Min, double Max)> SegmentLengthFractions { get; init; } =
        [(0.005, 0.05), (0.015, 0.1), (0.03, 0.25), (0.1, 0.5), (0.25, 1.0), (0.5, 1.0)];

    /// <summary>
    /// Quantiles of the fit ids' pooled run-length distribution whose pairs (low &lt; high) are added as segment-length ranges
    /// (default 0.02, 0.1, 0.5, 0.9, 0.98).
    /// </summary>
    public IReadOnlyList<double> RunLengthQuantiles { get; init; } = [0.02, 0.1, 0.5, 0.9, 0.98];

    /// <summary>How the fit judges candidates (the same score the agreement table reports).</summary>
    public AgreementOptions Agreement { get; init; } = AgreementOptions.Default;

    /// <summary>How a candidate's run-length distribution is measured (the same as <see cref="MaskCoverage.Exact"/> uses).</summary>
    public ExtentOptions Extent { get; init; } = ExtentOptions.Default;
}
