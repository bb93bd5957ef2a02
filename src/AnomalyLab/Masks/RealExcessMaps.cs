using AnomalyLab.Audio;
using AnomalyLab.Data;
using AnomalyLab.Features;

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
    /// <param name="progress">Stage / done / total of the feature extraction (synchronous, from worker threads).</param>
    /// <param name="extent">Per-clip threshold rule of the anomalies' extent (default <see cref="ExtentOptions.Default"/>).</param>
    /// <param name="cacheFolder">Feature cache folder; null = the default (<see cref="FeatureExtractionOptions.EffectiveCacheFolder"/>).</param>
    public static IReadOnlyList<AnomalyExcessMap> Load(string root, string machineType, LogMelOptions features, IProgress<StageProgress>? progress = null,
        ExtentOptions? extent = null, string? cacheFolder = null) =>
        LoadClips(root, machineType, features, progress, cacheFolder).Select(c => c.Map(extent)).ToArray();

    /// <summary>
    /// The test clips behind <see cref="Load"/>'s maps, per id with both normal and anomalous clips, ordered by id: what a bootstrap
    /// over clips (<see cref="PresetComparison"/>) resamples. Every clip of one id must have the same length (any length: 313 frames
    /// for 10-s clips, 344 for ToyCar's 11 s, 376 for 12-s clips). The clips come from the one pipeline (<see cref="TestSet"/> →
    /// <see cref="FeatureCache"/>, one scan, all cores, cached): each id's groups are views on the type's block.
    /// </summary>
    /// <exception cref="WavFormatException">Clips of one id with different lengths.</exception>
    public static IReadOnlyList<ExcessMapClips> LoadClips(string root, string machineType, LogMelOptions features, IProgress<StageProgress>? progress = null, string? cacheFolder = null)
    {
        var scan = DatasetScanner.Scan(root, machineTypes: [machineType]);
        // Every frame of the longest clip: 10-s clips give the seed's rule (313 → 320), so the study's cache entry serves both.
        FrameLengthRule full = ClipFeatureExtractor.FullLength(scan.Select(machineType, DataSplit.Test), features);
        var options = new FeatureExtractionOptions { LogMel = features, Length = FrameLengthRule.Seed with { Frames = full.Frames }, CacheFolder = cacheFolder };
        TestSet test = TestSet.Load(scan, [machineType], options, progress: progress);
        var groups = test.StackedByIdLabel();
        var clips = new List<ExcessMapClips>();
        foreach (var id in groups.GroupBy(g => g.MachineId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            FeatureBlock? normal = id.FirstOrDefault(g => g.Label == ClipLabel.Normal)?.Features;
            FeatureBlock? anomalous = id.FirstOrDefault(g => g.Label == ClipLabel.Anomaly)?.Features;
            if (normal is null || anomalous is null || normal.Count == 0 || anomalous.Count == 0) continue;
            SameLength(normal, anomalous);
            clips.Add(new ExcessMapClips(id.Key, LogMelBatch.Of(normal), LogMelBatch.Of(anomalous)));
        }
        if (clips.Count == 0) throw new DatasetLayoutException(Path.Combine(root, machineType), "no machine id has both normal and anomalous test clips");
        return clips;
    }

    private static void SameLength(FeatureBlock normal, FeatureBlock anomalous)
    {
        int frames = normal.RealFrames[0];
        foreach (FeatureBlock block in (FeatureBlock[])[normal, anomalous])
            for (int c = 0; c < block.Count; c++)
                if (block.RealFrames[c] != frames)
                    throw new WavFormatException(block.Clips[c].Path, $"gives {block.RealFrames[c]} log-mel frames, expected {frames} like {normal.Clips[0].FileName}; clips of one id must have the same duration.");
    }

    /// <summary>
    /// The excess map of one id from its normal and anomalous log-mel batches (the study's statistic), with the per-clip extent of
    /// <see cref="ClipExtent"/>.
    /// </summary>
    public static AnomalyExcessMap FromBatches(string machineId, LogMelBatch normal, LogMelBatch anomalous, ExtentOptions? extent = null)
    {
        double[,] meanNormal = MeanSpectrogram.Compute(normal);
        double[,] excess = LocalizationMap.Excess(
            LocalizationMap.MeanAbsoluteDeviation(anomalous, meanNormal),
            LocalizationMap.MeanAbsoluteDeviation(normal, meanNormal));
        return new AnomalyExcessMap(machineId, MeanSpectrogram.ToFloat(excess), ClipExtent(normal, anomalous, meanNormal, extent ?? ExtentOptions.Default));
    }

    /// <summary>
    /// The extent of one id's anomalies measured clip by clip, so that anomalies at different times in different clips are not blurred
    /// together: each clip's deviation |x − mean normal| <c>[n_mels, valid frames]</c> is thresholded per mel bin at the normal clips'
    /// mean + <see cref="ExtentOptions.ThresholdSigmas"/> · std deviation of that bin; the run lengths and band widths of the anomalous
    /// clips, minus those the same rule finds in the normal clips (threshold noise), give the excess extent
    /// (<see cref="MaskExtentTally.Excess"/>).
    /// </summary>
    public static MaskExtent ClipExtent(LogMelBatch normal, LogMelBatch anomalous, double[,] meanNormal, ExtentOptions options)
    {
        options.Validate();
        int nMels = normal.NMels, valid = normal.ValidFrames;
        if (anomalous.NMels != nMels || anomalous.ValidFrames != valid)
            throw new ArgumentException($"anomalous clips are [{anomalous.NMels}, {anomalous.ValidFrames}] but normal clips [{nMels}, {valid}] (n_mels, valid frames)");
        var mean = new double[nMels];
        var square = new double[nMels];
        for (int c = 0; c < normal.Count; c++)
        {
            var clip = normal.Clip(c);
            for (int m = 0; m < nMels; m++)
                for (int t = 0; t < valid; t++)
                {
                    double d = Math.Abs(clip[m * normal.Frames + t] - meanNormal[m, t]);
                    mean[m] += d;
                    square[m] += d * d;
                }
        }
        double cells = (double)normal.Count * valid;
        var threshold = new double[nMels];
        for (int m = 0; m < nMels; m++)
        {
            double mu = mean[m] / cells;
            threshold[m] = mu + options.ThresholdSigmas * Math.Sqrt(Math.Max(0, square[m] / cells - mu * mu));
        }
        MaskExtentTally Tally(LogMelBatch batch)
        {
            var tally = new MaskExtentTally(nMels, valid);
            var active = new bool[nMels * valid];
            for (int c = 0; c < batch.Count; c++)
            {
                var clip = batch.Clip(c);
                for (int m = 0; m < nMels; m++)
                    for (int t = 0; t < valid; t++) active[m * valid + t] = Math.Abs(clip[m * batch.Frames + t] - meanNormal[m, t]) > threshold[m];
                tally.AddMap(active);
            }
            return tally;
        }
        return MaskExtentTally.Excess(Tally(anomalous), Tally(normal));
    }

    /// <summary>
    /// Ground truth of a synthetic dataset: per id, the mean of the generator's anomaly masks over the anomalous test clips
    /// (the share of anomalous clips in which each cell is anomalous), <c>[n_mels, frames]</c>, with the extent of the clips' own masks.
    /// </summary>
    public static IReadOnlyList<AnomalyExcessMap> SyntheticGroundTruth(string root, string machineType)
    {
        var scan = DatasetScanner.Scan(root, machineTypes: [machineType]);
        var maps = new List<AnomalyExcessMap>();
        foreach (var group in scan.Select(machineType, DataSplit.Test, ClipLabel.Anomaly).GroupBy(c => c.MachineId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            float[,]? sum = null;
            MaskExtentTally? extent = null;
            int count = 0;
            foreach (var clip in group)
            {
                float[,] mask = SyntheticDataset.ReadMask(root, clip);
                sum ??= new float[mask.GetLength(0), mask.GetLength(1)];
                extent ??= new MaskExtentTally(mask.GetLength(0), mask.GetLength(1));
                if (mask.GetLength(0) == extent.BandWidthCells.Length && mask.GetLength(1) == extent.RunLengthCells.Length)
                {
                    var active = new bool[mask.Length];
                    int i = 0;
                    foreach (float v in mask) active[i++] = v > 0;
                    if (active.Any(a => a)) extent.AddMap(active);
                }
                for (int m = 0; m < Math.Min(mask.GetLength(0), sum.GetLength(0)); m++)
                    for (int t = 0; t < Math.Min(mask.GetLength(1), sum.GetLength(1)); t++) sum[m, t] += mask[m, t];
                count++;
            }
            if (sum is null) continue;
            for (int m = 0; m < sum.GetLength(0); m++)
                for (int t = 0; t < sum.GetLength(1); t++) sum[m, t] /= count;
            maps.Add(new AnomalyExcessMap(group.Key, sum, extent is { Count: > 0 } ? extent.ToExtent() : null));
        }
        return maps;
    }
}
