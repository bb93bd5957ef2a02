namespace AnomalyLab.Studies;

/// <summary>Settings of the statistics a study derives from the maps (the features themselves are chosen when loading).</summary>
public sealed record StudyOptions
{
    /// <summary>Per-id PCA reconstruction used when no other <see cref="IReconstructionModel"/> is given. Default 8 components.</summary>
    public PcaOptions Pca { get; init; } = PcaOptions.Default;

    /// <summary>Top region = cells at ≥ this share of the excess map's peak. Default 0.5.</summary>
    public double TopRegionThreshold { get; init; } = TopRegion.DefaultRelativeThreshold;

    /// <summary>Share of the positive excess mass the reported mel range must hold. Default 0.5 (half).</summary>
    public double MelMassShare { get; init; } = 0.5;

    /// <summary>Half-mass frame fraction below which a deviation is called segmented. Default 0.25.</summary>
    public double SegmentedBelow { get; init; } = TemporalPattern.SegmentedBelow;

    /// <summary>A ground-truth cell counts as anomalous when at least this share of the id's anomalous clips mark it. Default 0.5.</summary>
    public double GroundTruthShare { get; init; } = 0.5;

    /// <summary>Default settings.</summary>
    public static StudyOptions Default { get; } = new();
}
