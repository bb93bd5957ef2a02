using AnomalyLab.Models.ConvVae;
using AnomalyLab.Models.StftVae;
using AnomalyLab.Streaming;
using AnomalyLab.Tests.TestSupport;
using AnomalyLab.Tests.Training;
using AnomalyLab.Training;
using Xunit.Abstractions;

namespace AnomalyLab.Tests.Streaming;

/// <summary>The real DCASE 2020 slider sample: train on id_00 normal train clips, watch id_00's test clips as one stream.</summary>
[Collection(TorchRandomCollection.Name)]
public sealed class SliderWatchTests(ITestOutputHelper output)
{
    [SharedDataFact]
    public void Watching_slider_id_00_test_clips_flags_anomalies_more_often_than_normals()
    {
        using var folder = new TempFolder();
        string normals = folder.File("normals");
        Directory.CreateDirectory(normals);
        // 20 of the 75 train clips keep the test near a minute of CPU (16 trained on, 4 held out); small batches give the
        // optimiser enough steps in few epochs.
        foreach (string file in Directory.GetFiles(RepoPaths.Shared("dcase2020-task2-dev-sample", "slider", "train"), "normal_id_00_*.wav").Order(StringComparer.Ordinal).Take(20))
            File.Copy(file, Path.Combine(normals, Path.GetFileName(file)));
        StftVaeTrainingResult result = StftVaeTrainingRun.Run(new StftVaeTrainingRequest
        {
            NormalsFolder = normals,
            ModelPath = folder.File("slider.ckpt"),
            // 64 frames hold a 2 s segment (63 frames at 16 kHz) with one padding column: half the work of 128.
            Patch = StftPatchOptions.Default with { Frames = 64 },
            Network = ConvVaeOptions.Small,
            Training = TrainingOptions.ConvVaeDefault with { Epochs = 6, BatchSize = 4, Device = "cpu" },
        });

        string test = RepoPaths.Shared("dcase2020-task2-dev-sample", "slider", "test");
        var clips = Directory.GetFiles(test, "normal_id_00_*.wav").Order(StringComparer.Ordinal).Select(f => new WatchEvidence.Clip(f, false, []))
            .Concat(Directory.GetFiles(test, "anomaly_id_00_*.wav").Order(StringComparer.Ordinal).Select(f => new WatchEvidence.Clip(f, true, [])))
            .ToList();
        using StftVaeScorer scorer = StftVaeScorer.Load(folder.File("slider.ckpt"));
        WatchEvidence.Counts counts = WatchEvidence.Watch(scorer, clips, scorer.Settings.Segments);

        output.WriteLine($"slider id_00 (real), {result.Settings.Threshold.Policy}: {counts}; held-out normal false-alarm rate {result.HeldOutFalseAlarmRate:P1}");
        Assert.Equal(100, counts.Summary.Segments);
        // Measured (seed 0, cpu): 27 of 50 anomalous segments flagged (54 %), 3 of 50 normal segments (6 %). Bounds leave a
        // margin of 7 segments on detection (≥ 40 %) and 5 on false alarms (≤ 16 %); a model no better than chance fails both.
        Assert.True(counts.DetectionRate >= 0.40, $"detection (bound ≥ 0.40): {counts}");
        Assert.True(counts.FalseAlarmRate <= 0.16, $"false alarms (bound ≤ 0.16): {counts}");
        Assert.True(counts.DetectionRate > counts.FalseAlarmRate + 0.25, counts.ToString());
    }
}
