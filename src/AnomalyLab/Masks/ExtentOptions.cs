namespace AnomalyLab.Masks;

/// <summary>
/// How <see cref="MaskExtent"/> is measured: the rule that turns real maps into anomalous cells, and the sampling of a preset's layouts.
/// The rules were fixed before any agreement or held-out result was computed (conventional values, not tuned).
/// </summary>
public sealed record ExtentOptions
{
    /// <summary>
    /// Per-clip rule for real clips: cell (m, t) of a clip is anomalous when its deviation |x − mean normal| exceeds the normal clips'
    /// mean deviation in mel bin m plus this many of their standard deviations (pooled over the normal clips and frames of bin m).
    /// Default 2 (one-sided ≈ 2.3 % false cells for Gaussian deviations). The same rule applied to the normal clips gives the noise
    /// extent that is subtracted (<see cref="MaskExtentTally.Excess"/>).
    /// </summary>
    public double ThresholdSigmas { get; init; } = 2.0;

    /// <summary>
    /// Fallback rule when only an id-level map is available (no clips): a cell is anomalous when its excess is at least this share of
    /// the map's maximum. Default 0.5 (the full-width-at-half-maximum convention).
    /// </summary>
    public double ShareOfMaximum { get; init; } = 0.5;

    /// <summary>Layouts drawn to measure a band × segment preset's run-length distribution (default 4000).</summary>
    public int PresetLayouts { get; init; } = 4000;

    /// <summary>Seed of those layouts (default 0; fixed so a preset's extent, and so its score, is deterministic).</summary>
    public ulong PresetSeed { get; init; }

    /// <summary>The documented defaults.</summary>
    public static ExtentOptions Default { get; } = new();

    /// <summary>Checks the values; returns this.</summary>
    public ExtentOptions Validate()
    {
        if (!(ThresholdSigmas >= 0) || double.IsInfinity(ThresholdSigmas)) throw new ArgumentException($"extent threshold_sigmas must be finite and ≥ 0, found {ThresholdSigmas}");
        if (!(ShareOfMaximum > 0 && ShareOfMaximum <= 1)) throw new ArgumentException($"extent share_of_maximum must be in (0, 1], found {ShareOfMaximum}");
        if (PresetLayouts < 1) throw new ArgumentException($"extent preset_layouts must be ≥ 1, found {PresetLayouts}");
        return this;
    }
}
