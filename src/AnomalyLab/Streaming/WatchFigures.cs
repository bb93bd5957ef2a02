using AnomalyLab.Plots;
using AnomalyLab.Training;
using Plotly.NET;

namespace AnomalyLab.Streaming;

/// <summary>Figures of the STFT-VAE threshold workflow (notebook 06): training curve, error histogram, per-segment scores.</summary>
public static class WatchFigures
{
    /// <summary>Training and validation loss per epoch.</summary>
    public static GenericChart TrainingCurve(IReadOnlyList<EpochRecord> history)
    {
        double[] epochs = history.Select(h => (double)h.Epoch).ToArray();
        var series = new List<LineSeries> { new("train", epochs, history.Select(h => h.TrainLoss).ToArray()) };
        if (history.All(h => h.ValidationLoss is not null)) series.Add(new LineSeries("validation", epochs, history.Select(h => h.ValidationLoss!.Value).ToArray()));
        return LineCharts.Lines(series, "Conv VAE training loss (MSE + KL per pixel)", "epoch", "loss");
    }

    /// <summary>
    /// Histograms (as step outlines over <paramref name="bins"/> equal bins spanning all scores) of each named score set,
    /// with the threshold as a vertical line.
    /// </summary>
    public static GenericChart ErrorHistogram(IReadOnlyList<(string Name, IReadOnlyList<double> Scores)> sets, double threshold, int bins = 30)
    {
        double[] all = sets.SelectMany(s => s.Scores).Append(threshold).ToArray();
        double min = all.Min(), max = all.Max();
        double width = max > min ? (max - min) / bins : 1;
        var series = new List<LineSeries>();
        int peak = 1;
        foreach (var (name, scores) in sets)
        {
            var counts = new int[bins];
            foreach (double s in scores) counts[Math.Clamp((int)((s - min) / width), 0, bins - 1)]++;
            peak = Math.Max(peak, counts.Max());
            var x = new List<double>();
            var y = new List<double>();
            for (int b = 0; b < bins; b++)
            {
                x.Add(min + b * width); y.Add(counts[b]);
                x.Add(min + (b + 1) * width); y.Add(counts[b]);
            }
            series.Add(new LineSeries($"{name} ({scores.Count})", x, y));
        }
        series.Add(new LineSeries($"threshold {threshold:G4}", [threshold, threshold], [0, peak]));
        return LineCharts.Lines(series, "Reconstruction error per segment", "score (MSE of the [0, 1] patch)", "segments");
    }

    /// <summary>Score per segment over a watched recording, the threshold, and a 0/1 band marking the known anomalous parts.</summary>
    public static GenericChart SegmentScores(IReadOnlyList<SegmentVerdict> verdicts, double threshold, IReadOnlyList<bool> segmentIsAnomalous)
    {
        SegmentVerdict[] scored = verdicts.Where(v => !v.Skipped).ToArray();
        double[] mid = scored.Select(v => (v.StartSeconds + v.EndSeconds) / 2).ToArray();
        double top = scored.Length == 0 ? 1 : Math.Max(threshold, scored.Max(v => v.Score));
        double end = verdicts.Count == 0 ? 1 : verdicts[^1].EndSeconds;
        var truth = verdicts.Select((v, i) => (v, i)).Where(p => !p.v.Skipped).Select(p => segmentIsAnomalous[p.i] ? top : 0.0).ToArray();
        return LineCharts.Lines(
            [
                new LineSeries("segment score", mid, scored.Select(v => v.Score).ToArray()),
                new LineSeries("threshold", [0, end], [threshold, threshold]),
                new LineSeries("anomalous part (truth)", mid, truth),
            ],
            "Watching a concatenated normal → anomalous recording", "time (s)", "score");
    }
}
