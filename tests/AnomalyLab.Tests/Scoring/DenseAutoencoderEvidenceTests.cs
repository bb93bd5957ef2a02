using AnomalyLab.Models.DenseAutoencoder;
using AnomalyLab.Scoring;
using AnomalyLab.Tests.TestSupport;
using AnomalyLab.Training;
using Xunit.Abstractions;

namespace AnomalyLab.Tests.Scoring;

public sealed class DenseAutoencoderEvidenceTests(ITestOutputHelper output)
{
    [Fact]
    public void Dense_autoencoder_baseline_separates_synthetic_anomalies_per_id()
    {
        using var folder = new TempFolder();
        SyntheticMachineClips.Write(folder.Path, "synth", trainPerId: 20, testPerClass: 10, seconds: 2.0, seed: 42);
        var trainClips = DcaseClip.List(folder.Path, "synth", "train");
        var features = ModelInputs.DefaultFeatures(ModelKind.DenseAutoencoder);
        var modelOptions = TrainableModel.ToJson(DenseAutoencoderOptions.Dcase2020Baseline);
        var inputs = ModelInputs.For(ModelKind.DenseAutoencoder, modelOptions);
        PreparedTrainingSet set = TrainingSetBuilder.FromFiles(trainClips.Select(c => c.Path).ToArray(), features, inputs);

        var options = TrainingOptions.Dcase2020Baseline with { Epochs = 15, BatchSize = 128, Device = "cpu" };
        string path = folder.File("dense.ckpt");
        using (TrainableModel model = Trainer.CreateModel(ModelKind.DenseAutoencoder, modelOptions, options.Seed))
            Trainer.Train(model, set.Samples, options, new TrainingSession { CheckpointPath = path, Features = features, Normalization = set.Normalization });

        using LoadedCheckpoint checkpoint = ModelCheckpoint.Load(path);
        var scorer = new ReconstructionScorer(checkpoint, "cpu");
        var scores = DcaseClip.List(folder.Path, "synth", "test").Select(c => new ClipScore(c, scorer.ScoreFile(c.Path))).ToList();
        foreach (var group in scores.GroupBy(s => s.Clip.MachineId))
        {
            double auc = RankAuc.Of(
                group.Where(s => !s.Clip.IsAnomaly).Select(s => s.Score).ToList(),
                group.Where(s => s.Clip.IsAnomaly).Select(s => s.Score).ToList());
            output.WriteLine($"{group.Key}: AUC {auc:F3}");
            Assert.True(auc >= 0.90, $"{group.Key}: AUC {auc:F3} < 0.90");
        }
    }
}
