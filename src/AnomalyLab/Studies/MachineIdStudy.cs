namespace AnomalyLab.Studies;

/// <summary>
/// Everything the study finds for one machine id. Maps are <c>[n_mels, valid_frames]</c> dB; band arrays <c>[n_mels]</c>;
/// frame arrays <c>[valid_frames]</c>.
/// </summary>
public sealed record MachineIdStudy
{
    /// <summary>Machine type, e.g. <c>slider</c>.</summary>
    public required string MachineType { get; init; }

    /// <summary>Machine id, e.g. <c>id_00</c>.</summary>
    public required string MachineId { get; init; }

    /// <summary>Normal test clips used.</summary>
    public required int NormalCount { get; init; }

    /// <summary>Anomalous test clips used.</summary>
    public required int AnomalyCount { get; init; }

    /// <summary>Mean normal log-mel.</summary>
    public required double[,] MeanNormal { get; init; }

    /// <summary>Mean anomalous log-mel.</summary>
    public required double[,] MeanAnomaly { get; init; }

    /// <summary>Mean anomalous − mean normal.</summary>
    public required double[,] Difference { get; init; }

    /// <summary>Raw localisation: mean over anomalous clips of |anomaly − mean normal|.</summary>
    public required double[,] Localization { get; init; }

    /// <summary>Natural variability: mean over normal clips of |normal − mean normal|.</summary>
    public required double[,] NormalVariability { get; init; }

    /// <summary>Excess localisation: <see cref="Localization"/> − <see cref="NormalVariability"/>.</summary>
    public required double[,] ExcessLocalization { get; init; }

    /// <summary>Band/frame statistics of the normal clips.</summary>
    public required BandFrameStatistics NormalStatistics { get; init; }

    /// <summary>Band/frame statistics of the anomalous clips.</summary>
    public required BandFrameStatistics AnomalyStatistics { get; init; }

    /// <summary>Cohen's d per band, anomalous vs normal.</summary>
    public required double[] BandEffectSize { get; init; }

    /// <summary>Name of the reconstruction model behind the residuals.</summary>
    public required string ReconstructionModel { get; init; }

    /// <summary>Residual of the normal clips.</summary>
    public required ReconstructionResidual NormalResidual { get; init; }

    /// <summary>Residual of the anomalous clips.</summary>
    public required ReconstructionResidual AnomalyResidual { get; init; }

    /// <summary>Peak of the raw localisation map (often mel 0 / frame 0 on real data: edge cells fluctuate most).</summary>
    public required DeviationPeak RawPeak { get; init; }

    /// <summary>Peak of the excess localisation map.</summary>
    public required DeviationPeak ExcessPeak { get; init; }

    /// <summary>Smallest value of <see cref="Difference"/>, dB.</summary>
    public required double DifferenceMin { get; init; }

    /// <summary>Largest value of <see cref="Difference"/>, dB.</summary>
    public required double DifferenceMax { get; init; }

    /// <summary>Shortest mel run holding the requested share (half) of the positive excess mass.</summary>
    public required MelMassRange ExcessMelRange { get; init; }

    /// <summary>Stationary or segmented in time (of the excess map).</summary>
    public required TemporalPattern Temporal { get; init; }

    /// <summary>Energy added or removed inside the excess top region.</summary>
    public required EnergySign Sign { get; init; }

    /// <summary>Excess map's top region mask.</summary>
    public required bool[,] TopRegion { get; init; }

    /// <summary>Agreement of <see cref="TopRegion"/> with the ground truth (synthetic data only).</summary>
    public RegionOverlap? GroundTruthOverlap { get; init; }

    /// <summary>Ground-truth region used for <see cref="GroundTruthOverlap"/>, or null.</summary>
    public bool[,]? GroundTruthRegion { get; init; }

    /// <summary>Mel bands.</summary>
    public int NMels => MeanNormal.GetLength(0);

    /// <summary>Valid frames.</summary>
    public int Frames => MeanNormal.GetLength(1);
}
