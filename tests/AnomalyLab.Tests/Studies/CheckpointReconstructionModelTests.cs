using AnomalyLab.Data;
using AnomalyLab.Models.DenseAutoencoder;
using AnomalyLab.Scoring;
using AnomalyLab.Studies;
using AnomalyLab.Tests.TestSupport;
using AnomalyLab.Training;

namespace AnomalyLab.Tests.Studies;

[Collection(AnomalyLab.Tests.Training.TorchRandomCollection.Name)]
public sealed class CheckpointReconstructionModelTests
{
    [Fact]
    public void Study_adapter_returns_the_scorer_reconstruction_in_db_with_padding_filled()
    {
        using var folder = new TempFolder();
        (string path, float[][,] clips, PreparedTrainingSet set) = TinyDenseCheckpoint(folder, frames: 20, clipCount: 3, seed: 9, slope: 2, epochs: 2);
        using LoadedCheckpoint checkpoint = ModelCheckpoint.Load(path);
        var scorer = new ReconstructionScorer(checkpoint, "cpu");
        IReconstructionModel adapter = new CheckpointReconstructionModel(scorer);

        // Two clips of 20 real frames stored with 4 padding frames each.
        var values = new float[2 * 8 * 24];
        for (int c = 0; c < 2; c++) for (int m = 0; m < 8; m++) for (int t = 0; t < 20; t++) values[(c * 8 + m) * 24 + t] = clips[c][m, t];
        float[] reconstruction = adapter.Reconstruct(new LogMelBatch(values, 2, 8, 24, validFrames: 20));

        ClipReconstruction direct = scorer.Reconstruct(clips[1]);
        double mean = set.Normalization.GlobalMean, std = set.Normalization.GlobalStd;
        Assert.Equal(direct.Reconstruction[3, 7] * std + mean, reconstruction[(8 + 3) * 24 + 7], 3);
        Assert.Equal(reconstruction[(8 + 3) * 24 + 19], reconstruction[(8 + 3) * 24 + 23]);
        Assert.Equal("dense-ae", adapter.Name);
    }

    [Fact]
    public void For_study_shares_one_workbench_model_across_types_without_reading_data()
    {
        using var folder = new TempFolder();
        (string path, _, _) = TinyDenseCheckpoint(folder, frames: 12, clipCount: 2, seed: 3, slope: 1, epochs: 1);

        // A workbench checkpoint carries its own normalisation: loaded once, the data root is never read.
        Func<string, IReconstructionModel?> modelFor = CheckpointReconstructionModel.ForStudy(path, normalization: null, folder.File("no-such-data"));
        IReconstructionModel? fan = modelFor("fan");
        Assert.Same(fan, modelFor("pump"));
        Assert.Equal("dense-ae", fan!.Name);
        Assert.Throws<FileNotFoundException>(() => CheckpointReconstructionModel.ForStudy(folder.File("missing.ckpt"), null, null));
    }

    /// <summary>A tiny dense AE (8 mels, context 3) trained on <paramref name="clipCount"/> ramps of <paramref name="frames"/> frames: its checkpoint, clips and training set.</summary>
    private static (string Path, float[][,] Clips, PreparedTrainingSet Set) TinyDenseCheckpoint(TempFolder folder, int frames, int clipCount, int seed, int slope, int epochs)
    {
        var json = TrainableModel.ToJson(new DenseAutoencoderOptions { NMels = 8, ContextFrames = 3, HiddenDim = 16, HiddenLayers = 1, BottleneckDim = 2 });
        var random = new Random(seed);
        var clips = Enumerable.Range(0, clipCount).Select(_ =>
        {
            var s = new float[8, frames];
            for (int m = 0; m < 8; m++) for (int t = 0; t < frames; t++) s[m, t] = (float)(-30 - slope * m + random.NextDouble());
            return s;
        }).ToArray();
        PreparedTrainingSet set = TrainingSetBuilder.FromSpectrograms(clips, ModelInputs.For(ModelKind.DenseAutoencoder, json));
        string path = folder.File("dense.ckpt");
        using (TrainableModel model = Trainer.CreateModel(ModelKind.DenseAutoencoder, json, 0))
            Trainer.Train(model, set.Samples, new TrainingOptions { Epochs = epochs, BatchSize = 8, Device = "cpu" },
                new TrainingSession { CheckpointPath = path, Normalization = set.Normalization, Features = ModelInputs.DefaultFeatures(ModelKind.DenseAutoencoder) with { NMels = 8 } });
        return (path, clips, set);
    }
}
