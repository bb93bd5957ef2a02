using AnomalyLab.Data;
using AnomalyLab.Features;
using AnomalyLab.Metrics;

namespace AnomalyLab.Detectors;

/// <summary>Options of <see cref="MachineClipScoring"/>.</summary>
/// <param name="Features">Log-mel settings of the clip summaries (default <see cref="LogMelOptions.Dcase2020Baseline"/>: 128 mels → 256-d vectors).</param>
/// <param name="Standardize">Z-score the summaries with the training statistics before fitting (default true: band means in dB and band deviations differ in scale).</param>
/// <param name="PerMachineId">Fit one detector per machine id on that id's normals (default false: one detector per machine type, as the DCASE 2020 baseline trains one model per type).</param>
/// <param name="Mfcc">When set, the clip summaries are over MFCCs (<see cref="MfccFeatures"/>) instead of log-mels; <paramref name="Features"/> is then unused.</param>
public sealed record MachineClipScoringOptions(LogMelOptions Features, bool Standardize = true, bool PerMachineId = false, MfccFeatureOptions? Mfcc = null)
{

    /// <summary>DCASE 2020 baseline log-mel, standardised, one detector per machine type.</summary>
    public static MachineClipScoringOptions Default { get; } = new(LogMelOptions.Dcase2020Baseline);

    /// <summary>The same scoring on MFCC summaries (NWaves' MFCC, 20 coefficients from 40 mel bands) instead of log-mel ones.</summary>
    public static MachineClipScoringOptions MfccDefault { get; } = Default with { Mfcc = MfccFeatureOptions.Default };

    /// <summary>
    /// The clip summaries named by <c>anomalylab detect --features</c>: <c>mfcc</c> → <see cref="MfccDefault"/>; a log-mel
    /// preset name (<see cref="LogMelOptions.FromPresetName"/>) → <see cref="Default"/> with those log-mels.
    /// </summary>
    /// <exception cref="ArgumentException">Neither <c>mfcc</c> nor a known log-mel preset; the message lists the presets.</exception>
    public static MachineClipScoringOptions FromFeatureName(string name) => name.Trim().Equals("mfcc", StringComparison.OrdinalIgnoreCase)
        ? MfccDefault
        : Default with { Features = LogMelOptions.FromPresetName(name) };
}

/// <summary>
/// Scores the test clips of one machine type with a classic detector: clip summaries (<see cref="ClipSummaryFeatures"/>)
/// of the normal training clips fit the detector; every labelled test clip gets a score (higher = more anomalous).
/// </summary>
public static class MachineClipScoring
{
    /// <summary>Fits <paramref name="createDetector"/>'s detector(s) on the train normals of <paramref name="machineType"/> and scores its test clips.</summary>
    /// <param name="scan">A scanned dataset (<see cref="DatasetScanner.Scan"/>).</param>
    /// <param name="machineType">Machine type folder, e.g. <c>fan</c>.</param>
    /// <param name="createDetector">Makes a fresh, unfitted detector.</param>
    /// <param name="options">Feature and fitting options.</param>
    /// <param name="progress">Receives (stage, done, total) while features are extracted, synchronously from the workers.</param>
    /// <returns>One <see cref="ScoredClip"/> per labelled test clip, in path order.</returns>
    /// <exception cref="DatasetLayoutException">The machine type, its train normals or its labelled test clips are missing.</exception>
    public static IReadOnlyList<ScoredClip> Score(DatasetScan scan, string machineType, Func<IAnomalyDetector> createDetector,
        MachineClipScoringOptions? options = null, IProgress<StageProgress>? progress = null)
    {
        options ??= MachineClipScoringOptions.Default;
        IReadOnlyList<ClipRecord> train = scan.Select(machineType, DataSplit.Train, ClipLabel.Normal);
        var test = scan.Select(machineType, DataSplit.Test).Where(c => c.Label != ClipLabel.Unknown).ToList();
        if (test.Count == 0) throw new DatasetLayoutException(scan.Root, $"machine type '{machineType}' has no labelled test clips (normal_/anomaly_ names).");
        double[,] Summaries(IReadOnlyList<ClipRecord> clips, string stage)
        {
            return options.Mfcc is { } mfcc
                ? ClipSummaryFeatures.OfFiles(clips.Select(c => c.Path).ToList(), mfcc, progress, stage)
                : ClipSummaryFeatures.OfClips(clips, options.Features, progress, stage);
        }
        double[,] trainFeatures = Summaries(train, "train features");
        double[,] testFeatures = Summaries(test, "test features");
        var scores = new double[test.Count];
        var groups = options.PerMachineId
            ? test.Select((c, i) => (c.MachineId, i)).GroupBy(p => p.MachineId, p => p.i).Select(g => (Id: (string?)g.Key, Rows: g.ToArray()))
            : [(Id: (string?)null, Rows: Enumerable.Range(0, test.Count).ToArray())];
        foreach (var (id, rows) in groups)
        {
            int[] trainRows = Enumerable.Range(0, train.Count).Where(i => id is null || train[i].MachineId == id).ToArray();
            if (trainRows.Length == 0) throw new DatasetLayoutException(scan.Root, $"machine '{machineType}' {id}: test clips but no normal training clips.");
            double[,] fitOn = Rows(trainFeatures, trainRows), scoreOn = Rows(testFeatures, rows);
            if (options.Standardize)
            {
                var standardiser = Standardiser.FitPerFeature(fitOn);
                fitOn = standardiser.Transform(fitOn);
                scoreOn = standardiser.Transform(scoreOn);
            }
            IAnomalyDetector detector = createDetector();
            detector.Fit(fitOn);
            double[] groupScores = detector.Score(scoreOn);
            for (int r = 0; r < rows.Length; r++) scores[rows[r]] = groupScores[r];
        }
        return test.Select((c, i) => new ScoredClip(c.FileName, scores[i], c.Label == ClipLabel.Anomaly, c.MachineId)).ToList();
    }

    private static double[,] Rows(double[,] x, int[] rows)
    {
        int d = x.GetLength(1);
        var result = new double[rows.Length, d];
        for (int r = 0; r < rows.Length; r++)
            for (int j = 0; j < d; j++) result[r, j] = x[rows[r], j];
        return result;
    }
}
