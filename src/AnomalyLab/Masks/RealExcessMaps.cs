using AnomalyLab.Data;
using AnomalyLab.Features;
using AnomalyLab.Studies;

namespace AnomalyLab.Masks;

/// <summary>
/// Real localisation maps per machine id, the input of <see cref="MaskAgreement"/> and <see cref="MaskPresetFitter"/>: the spectrogram
/// study's excess localisation (<see cref="LocalizationMap.Excess"/> of the anomalous vs the normal test clips about the mean normal
/// log-mel), and — for the synthetic default — the generator's ground truth.
/// </summary>
public static class RealExcessMaps
{
    /// <summary>
    /// Excess maps of every id of <paramref name="machineType"/> with both normal and anomalous test clips under <paramref name="root"/>
    /// (any layout <see cref="DatasetScanner"/> reads), ordered by id. Shape <c>[n_mels, valid frames]</c> each (313 for 10 s clips).
    /// </summary>
    /// <param name="root">Dataset root.</param>
    /// <param name="machineType">Machine type folder, e.g. <c>slider</c>.</param>
    /// <param name="features">Log-mel pipeline (the study's default is <see cref="LogMelOptions.Torchaudio"/>).</param>
    /// <param name="onClipDone">Called once per extracted clip (from worker threads), for a progress bar.</param>
    public static IReadOnlyList<AnomalyExcessMap> Load(string root, string machineType, LogMelOptions features, Action? onClipDone = null)
    {
        var scan = DatasetScanner.Scan(root, machineTypes: [machineType]);
        var test = scan.Select(machineType, DataSplit.Test);
        var extractor = new LogMelExtractor(features);
        var maps = new List<AnomalyExcessMap>();
        foreach (var group in test.GroupBy(c => c.MachineId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var normal = group.Where(c => c.Label == ClipLabel.Normal).Select(c => c.Path).ToArray();
            var anomalous = group.Where(c => c.Label == ClipLabel.Anomaly).Select(c => c.Path).ToArray();
            if (normal.Length == 0 || anomalous.Length == 0) continue;
            maps.Add(FromBatches(group.Key, LogMelBatchLoader.Load(normal, extractor, onClipDone), LogMelBatchLoader.Load(anomalous, extractor, onClipDone)));
        }
        if (maps.Count == 0) throw new DatasetLayoutException(Path.Combine(root, machineType), "no machine id has both normal and anomalous test clips");
        return maps;
    }

    /// <summary>Number of test clips <see cref="Load"/> will extract (for a progress bar's total).</summary>
    public static int CountClips(string root, string machineType) =>
        DatasetScanner.Scan(root, machineTypes: [machineType]).Select(machineType, DataSplit.Test).Count(c => c.Label is ClipLabel.Normal or ClipLabel.Anomaly);

    /// <summary>The excess map of one id from its normal and anomalous log-mel batches (the study's statistic).</summary>
    public static AnomalyExcessMap FromBatches(string machineId, LogMelBatch normal, LogMelBatch anomalous)
    {
        double[,] meanNormal = MeanSpectrogram.Compute(normal);
        double[,] excess = LocalizationMap.Excess(
            LocalizationMap.MeanAbsoluteDeviation(anomalous, meanNormal),
            LocalizationMap.MeanAbsoluteDeviation(normal, meanNormal));
        return new AnomalyExcessMap(machineId, ToFloat(excess));
    }

    /// <summary>
    /// Ground truth of a synthetic dataset: per id, the mean of the generator's anomaly masks over the anomalous test clips
    /// (the share of anomalous clips in which each cell is anomalous), <c>[n_mels, frames]</c>.
    /// </summary>
    public static IReadOnlyList<AnomalyExcessMap> SyntheticGroundTruth(string root, string machineType)
    {
        var scan = DatasetScanner.Scan(root, machineTypes: [machineType]);
        var maps = new List<AnomalyExcessMap>();
        foreach (var group in scan.Select(machineType, DataSplit.Test, ClipLabel.Anomaly).GroupBy(c => c.MachineId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            float[,]? sum = null;
            int count = 0;
            foreach (var clip in group)
            {
                float[,] mask = SyntheticDataset.ReadMask(root, clip);
                sum ??= new float[mask.GetLength(0), mask.GetLength(1)];
                for (int m = 0; m < Math.Min(mask.GetLength(0), sum.GetLength(0)); m++)
                    for (int t = 0; t < Math.Min(mask.GetLength(1), sum.GetLength(1)); t++) sum[m, t] += mask[m, t];
                count++;
            }
            if (sum is null) continue;
            for (int m = 0; m < sum.GetLength(0); m++)
                for (int t = 0; t < sum.GetLength(1); t++) sum[m, t] /= count;
            maps.Add(new AnomalyExcessMap(group.Key, sum));
        }
        return maps;
    }

    private static float[,] ToFloat(double[,] values)
    {
        var result = new float[values.GetLength(0), values.GetLength(1)];
        for (int m = 0; m < values.GetLength(0); m++)
            for (int t = 0; t < values.GetLength(1); t++) result[m, t] = (float)values[m, t];
        return result;
    }
}
