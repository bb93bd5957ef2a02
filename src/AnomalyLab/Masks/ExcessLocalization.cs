using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using AnomalyLab.Features;

namespace AnomalyLab.Masks;

/// <summary>
/// The excess localisation map of one machine id, as the spectrogram study defines it: with μ the mean normal log-mel,
/// excess = mean over anomalous clips of |x − μ| − mean over normal clips of |x − μ|, <c>[n_mels, frames]</c>, dB.
/// It separates what anomalies change from what always fluctuates (edge bins, the reflect-padded first frame).
/// Kept here so the mask tools run before the study branch lands; the statistic is the study's.
/// </summary>
public static partial class ExcessLocalization
{
    /// <summary>Excess map from clip log-mels (each <c>[n_mels, frames]</c>; frames cropped to the shortest clip).</summary>
    public static float[,] Compute(IReadOnlyList<float[,]> normal, IReadOnlyList<float[,]> anomalous)
    {
        if (normal.Count == 0 || anomalous.Count == 0)
            throw new ArgumentException($"excess localisation needs normal and anomalous clips, found {normal.Count} normal and {anomalous.Count} anomalous");
        int mels = normal[0].GetLength(0);
        int frames = normal.Concat(anomalous).Min(x => x.GetLength(1));
        foreach (var clip in normal.Concat(anomalous))
            if (clip.GetLength(0) != mels) throw new ArgumentException($"clips differ in mel bins: {mels} vs {clip.GetLength(0)}");
        var mean = new double[mels, frames];
        foreach (var clip in normal)
            for (int m = 0; m < mels; m++)
                for (int t = 0; t < frames; t++) mean[m, t] += clip[m, t] / (double)normal.Count;
        var excess = new float[mels, frames];
        var sum = new double[mels, frames];
        Accumulate(anomalous, +1);
        Accumulate(normal, -1);
        for (int m = 0; m < mels; m++)
            for (int t = 0; t < frames; t++) excess[m, t] = (float)sum[m, t];
        return excess;

        void Accumulate(IReadOnlyList<float[,]> clips, int sign)
        {
            foreach (var clip in clips)
                for (int m = 0; m < mels; m++)
                    for (int t = 0; t < frames; t++) sum[m, t] += sign * Math.Abs(clip[m, t] - mean[m, t]) / clips.Count;
        }
    }

    /// <summary>
    /// Excess maps per machine id from a DCASE 2020 machine folder (<c>&lt;root&gt;/&lt;machine&gt;/test/{normal,anomaly}_id_XX_*.wav</c>),
    /// log-mels by <paramref name="features"/>, extracted on all cores. <paramref name="progress"/> gets (done, total).
    /// </summary>
    public static IReadOnlyList<LocalizationMap> FromDcaseTestFolder(string root, string machineType, LogMelOptions features, Action<int, int>? progress = null)
    {
        string folder = Path.Combine(root, machineType, "test");
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"expected DCASE test folder {folder} (<root>/<machine_type>/test/{{normal,anomaly}}_id_XX_*.wav)");
        var clips = Directory.EnumerateFiles(folder, "*.wav")
            .Select(path => (path, match: ClipName().Match(Path.GetFileName(path))))
            .Where(c => c.match.Success)
            .Select(c => (c.path, anomalous: c.match.Groups[1].Value == "anomaly", id: "id_" + c.match.Groups[2].Value))
            .OrderBy(c => c.path, StringComparer.Ordinal)
            .ToArray();
        if (clips.Length == 0) throw new InvalidDataException($"no {{normal,anomaly}}_id_XX_*.wav clips in {folder}");
        var extractor = new LogMelExtractor(features);
        var logMels = new ConcurrentDictionary<string, float[,]>();
        int done = 0;
        Parallel.ForEach(clips, clip =>
        {
            logMels[clip.path] = extractor.ExtractFile(clip.path);
            progress?.Invoke(Interlocked.Increment(ref done), clips.Length);
        });
        var maps = new List<LocalizationMap>();
        foreach (var group in clips.GroupBy(c => c.id).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var normal = group.Where(c => !c.anomalous).Select(c => logMels[c.path]).ToArray();
            var anomalous = group.Where(c => c.anomalous).Select(c => logMels[c.path]).ToArray();
            if (normal.Length == 0 || anomalous.Length == 0) continue;
            maps.Add(new LocalizationMap(group.Key, Compute(normal, anomalous)));
        }
        if (maps.Count == 0) throw new InvalidDataException($"{folder}: no machine id has both normal and anomalous test clips");
        return maps;
    }

    [GeneratedRegex(@"^(normal|anomaly)_id_(\d+)_\d+\.wav$", RegexOptions.IgnoreCase)]
    private static partial Regex ClipName();
}
