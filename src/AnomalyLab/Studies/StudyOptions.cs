namespace AnomalyLab.Studies;

/// <summary>Settings of the statistics a study derives from the maps (the features themselves are chosen when loading).</summary>
public sealed record StudyOptions
{
    /// <summary>Per-id PCA reconstruction used when no other <see cref="IReconstructionModel"/> is given. Default 8 components.</summary>
    public PcaSpectrumOptions Pca { get; init; } = PcaSpectrumOptions.Default;

    /// <summary>Top region = cells at ≥ this share of the excess map's peak. Default 0.5.</summary>
    public double TopRegionThreshold { get; init; } = TopRegion.DefaultRelativeThreshold;

    /// <summary>Box smoothing of the excess map before thresholding its top region, mel bins. Default 3.</summary>
    public int TopRegionSmoothMels { get; init; } = TopRegion.DefaultSmoothMels;

    /// <summary>Box smoothing of the excess map before thresholding its top region, frames. Default 15 (≈ 0.5 s).</summary>
    public int TopRegionSmoothFrames { get; init; } = TopRegion.DefaultSmoothFrames;

    /// <summary>Share of the positive excess mass the reported mel range must hold. Default 0.5 (half).</summary>
    public double MelMassShare { get; init; } = 0.5;

    /// <summary>Half-mass frame fraction below which a deviation is called segmented. Default 0.25.</summary>
    public double SegmentedBelow { get; init; } = TemporalPattern.SegmentedBelow;

    /// <summary>
    /// A ground-truth cell belongs to the true region when its mask frequency is at least this share of the largest
    /// frequency of the id (the same relative rule as <see cref="TopRegionThreshold"/>). Default 0.5.
    /// </summary>
    public double GroundTruthShare { get; init; } = 0.5;

    /// <summary>Default settings.</summary>
    public static StudyOptions Default { get; } = new();
}
