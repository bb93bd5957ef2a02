using AnomalyLab.Data;
namespace AnomalyLab.Studies;

/// <summary>
/// The spectrogram study of one machine id (seed study "Anomaly spectrogram study, part 1", sections 2–6): means and
/// difference, raw/normal/excess localisation, band and frame statistics, reconstruction residual and the summary
/// numbers used to design anomaly mask priors. Pure: same clips and options → same result.
/// </summary>
public static class SpectrogramStudy
{
    /// <summary>Studies one id.</summary>
    /// <param name="input">Clips of the id; normal and anomalous groups must be non-empty and share their geometry.</param>
    /// <param name="options">Study settings; null = <see cref="StudyOptions.Default"/>.</param>
    /// <param name="model">Reconstruction model; null fits a <see cref="PcaSpectrumReconstruction"/> on the train normals (or the test normals when there are none).</param>
    /// <exception cref="ArgumentException">An empty group or mismatched shapes; the message names the id.</exception>
    public static MachineIdStudy Run(MachineIdInput input, StudyOptions? options = null, IReconstructionModel? model = null)
    {
        options ??= StudyOptions.Default;
        string who = $"{input.MachineType}/{input.MachineId}";
        if (input.Normal.Count == 0 || input.Anomaly.Count == 0)
            throw new ArgumentException($"{who}: the study needs normal and anomalous test clips, found {input.Normal.Count} normal and {input.Anomaly.Count} anomalous.");
        if (input.Normal.NMels != input.Anomaly.NMels || input.Normal.ValidFrames != input.Anomaly.ValidFrames)
            throw new ArgumentException($"{who}: normal clips are [{input.Normal.NMels}, {input.Normal.ValidFrames}] and anomalous [{input.Anomaly.NMels}, {input.Anomaly.ValidFrames}] (n_mels, valid frames).");

        // Independent passes over the clips run side by side; each is a pure function, so the result does not depend on it.
        double[,] meanNormal = null!, meanAnomaly = null!, localization = null!, variability = null!;
        BandFrameStatistics normalStats = null!, anomalyStats = null!;
        Parallel.Invoke(
            () => meanNormal = MeanSpectrogram.Compute(input.Normal),
            () => meanAnomaly = MeanSpectrogram.Compute(input.Anomaly),
            () => normalStats = BandFrameStatistics.Compute(input.Normal),
            () => anomalyStats = BandFrameStatistics.Compute(input.Anomaly));
        Parallel.Invoke(
            () => localization = LocalizationMap.MeanAbsoluteDeviation(input.Anomaly, meanNormal),
            () => variability = LocalizationMap.MeanAbsoluteDeviation(input.Normal, meanNormal));
        double[,] difference = MeanSpectrogram.Difference(meanAnomaly, meanNormal);
        double[,] excess = LocalizationMap.Excess(localization, variability);

        LogMelBatch fit = input.TrainNormal is { Count: > 0 } train ? train : input.Normal;
        model ??= PcaSpectrumReconstruction.Fit(fit, options.Pca);
        var normalResidual = ReconstructionResidual.Of(model, input.Normal);
        var anomalyResidual = ReconstructionResidual.Of(model, input.Anomaly);

        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in difference)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        // Smoothed once: the top region and the excess peak are both read off the same box-smoothed map.
        double[,] smoothedExcess = TopRegion.BoxSmooth(excess, options.TopRegionSmoothMels, options.TopRegionSmoothFrames);
        bool[,] top = TopRegion.Of(smoothedExcess, options.TopRegionThreshold);
        bool[,]? truth = null;
        RegionOverlap? overlap = null;
        if (input.GroundTruth is { } frequency)
        {
            if (frequency.GetLength(0) != meanNormal.GetLength(0) || frequency.GetLength(1) != meanNormal.GetLength(1))
                throw new ArgumentException($"{who}: ground truth is [{frequency.GetLength(0)}, {frequency.GetLength(1)}], maps are [{meanNormal.GetLength(0)}, {meanNormal.GetLength(1)}].");
            truth = GroundTruthRegion(frequency, options.GroundTruthShare);
            overlap = RegionOverlap.Of(top, truth);
        }

        return new MachineIdStudy
        {
            MachineType = input.MachineType,
            MachineId = input.MachineId,
            NormalCount = input.Normal.Count,
            AnomalyCount = input.Anomaly.Count,
            MeanNormal = meanNormal,
            MeanAnomaly = meanAnomaly,
            Difference = difference,
            Localization = localization,
            NormalVariability = variability,
            ExcessLocalization = excess,
            NormalStatistics = normalStats,
            AnomalyStatistics = anomalyStats,
            BandEffectSize = BandFrameStatistics.EffectSize(normalStats, anomalyStats),
            ReconstructionModel = model.Name,
            NormalResidual = normalResidual,
            AnomalyResidual = anomalyResidual,
            RawPeak = DeviationPeak.Of(localization),
            ExcessPeak = DeviationPeak.Of(smoothedExcess),
            DifferenceMin = min,
            DifferenceMax = max,
            ExcessMelRange = MelMassRange.Shortest(excess, options.MelMassShare),
            Temporal = TemporalPattern.Of(excess, options.SegmentedBelow),
            Sign = EnergySign.Of(difference, TopRegion.Count(top) > 0 ? top : null),
            TopRegion = top,
            GroundTruthOverlap = overlap,
            GroundTruthRegion = truth,
            GroundTruthFrequency = input.GroundTruth,
        };
    }

    /// <summary>
    /// The ground-truth top region, built like the excess map's: cells whose mask frequency (share of anomalous clips
    /// marking the cell) is at least <paramref name="relativeShare"/> × the largest frequency. Relative, because synthetic
    /// anomalies sit in a fixed band but in random time segments per clip, so no cell may be marked by most clips.
    /// </summary>
    public static bool[,] GroundTruthRegion(double[,] frequency, double relativeShare) => TopRegion.Of(frequency, relativeShare);
}
