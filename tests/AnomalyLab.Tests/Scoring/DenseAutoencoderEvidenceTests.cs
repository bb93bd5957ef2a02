using AnomalyLab.Models.DenseAutoencoder;
using AnomalyLab.Scoring;
using AnomalyLab.Tests.TestSupport;
using AnomalyLab.Training;
using Xunit.Abstractions;

namespace AnomalyLab.Tests.Scoring;

[Collection(AnomalyLab.Tests.Training.TorchRandomCollection.Name)]
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

        var (metrics, scores) = DcaseScoring.Evaluate(path, folder.Path, "synth", folder.File("evaluation"), "cpu");
        Assert.Equal(40, scores.Count);
        Assert.True(File.Exists(folder.File("evaluation", "result.csv")));
        Assert.True(File.Exists(folder.File("evaluation", "anomaly_score_synth_id_02.csv")));
        Assert.Equal(2, metrics.Rows.Count);
        foreach (var row in metrics.Rows)
        {
            output.WriteLine($"{row.MachineId}: AUC {row.Auc:F3}, pAUC {row.PartialAuc:F3}");
            Assert.True(row.Auc >= 0.90, $"{row.MachineId}: AUC {row.Auc:F3} < 0.90");
        }
    }
}
