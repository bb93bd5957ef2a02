using AnomalyLab.Features;
using AnomalyLab.Models.VqVae2;
using AnomalyLab.Scoring;
using AnomalyLab.Tests.TestSupport;
using AnomalyLab.Training;

namespace AnomalyLab.Tests.Scoring;

[Collection(AnomalyLab.Tests.Training.TorchRandomCollection.Name)]
public sealed class ReconstructionScorerTests
{
    [Fact]
    public void Vqvae_residual_map_covers_the_clip_and_its_mean_is_the_score()
    {
        using var folder = new TempFolder();
        var options = VqVae2Options.Small with { InputHeight = 32, InputWidth = 40 };
        var json = TrainableModel.ToJson(options);
        var inputs = ModelInputs.For(ModelKind.VqVae2, json);
        var random = new Random(3);
        var spectrograms = Enumerable.Range(0, 4).Select(_ =>
        {
            var s = new float[32, 50];
            for (int m = 0; m < 32; m++) for (int t = 0; t < 50; t++) s[m, t] = (float)(-40 + 10 * Math.Sin(m / 3.0) + random.NextDouble());
            return s;
        }).ToArray();
        PreparedTrainingSet set = TrainingSetBuilder.FromSpectrograms(spectrograms, inputs);
        Assert.Equal(8, set.Samples.Count); // 50 frames → windows at 0 and 10
        string path = folder.File("vq.ckpt");
        using (TrainableModel model = Trainer.CreateModel(ModelKind.VqVae2, json, 0))
            Trainer.Train(model, set.Samples, new TrainingOptions { Epochs = 2, BatchSize = 4, ValidationFraction = 0, Device = "cpu" },
                new TrainingSession { CheckpointPath = path, Features = LogMelOptions.Torchaudio with { NMels = 32 }, Normalization = set.Normalization });

        using LoadedCheckpoint checkpoint = ModelCheckpoint.Load(path);
        var scorer = new ReconstructionScorer(checkpoint, "cpu");
        ClipReconstruction result = scorer.Reconstruct(spectrograms[0]);
        Assert.Equal(32, result.Residual.GetLength(0));
        Assert.Equal(50, result.Residual.GetLength(1));
        double mean = result.Residual.Cast<float>().Average(v => (double)v);
        Assert.Equal(mean, result.Score, 6);
        // Residual is the squared difference of the normalised input and the reconstruction.
        double e = result.Input[5, 45] - result.Reconstruction[5, 45];
        Assert.Equal(e * e, result.Residual[5, 45], 4);
        Assert.Equal((spectrograms[0][5, 45] - set.Normalization.GlobalMean) / set.Normalization.GlobalStd, result.Input[5, 45], 4);
    }

    [Fact]
    public void A_spectrogram_with_other_mel_bands_is_refused()
    {
        var inputs = ModelInputs.For(ModelKind.DenseAutoencoder, null);
        var error = Assert.Throws<ArgumentException>(() => inputs.Cut(new float[64, 20], out _));
        Assert.Contains("128", error.Message);
        Assert.Contains("64", error.Message);
    }
}
