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
        var options = new DenseAutoencoderOptions { NMels = 8, ContextFrames = 3, HiddenDim = 16, HiddenLayers = 1, BottleneckDim = 2 };
        var json = TrainableModel.ToJson(options);
        var random = new Random(9);
        var clips = Enumerable.Range(0, 3).Select(_ =>
        {
            var s = new float[8, 20];
            for (int m = 0; m < 8; m++) for (int t = 0; t < 20; t++) s[m, t] = (float)(-30 - 2 * m + random.NextDouble());
            return s;
        }).ToArray();
        PreparedTrainingSet set = TrainingSetBuilder.FromSpectrograms(clips, ModelInputs.For(ModelKind.DenseAutoencoder, json));
        string path = folder.File("dense.ckpt");
        using (TrainableModel model = Trainer.CreateModel(ModelKind.DenseAutoencoder, json, 0))
            Trainer.Train(model, set.Samples, new TrainingOptions { Epochs = 2, BatchSize = 8, Device = "cpu" },
                new TrainingSession { CheckpointPath = path, Normalization = set.Normalization, Features = ModelInputs.DefaultFeatures(ModelKind.DenseAutoencoder) with { NMels = 8 } });
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
        var json = TrainableModel.ToJson(new DenseAutoencoderOptions { NMels = 8, ContextFrames = 3, HiddenDim = 16, HiddenLayers = 1, BottleneckDim = 2 });
        var random = new Random(3);
        var clips = Enumerable.Range(0, 2).Select(_ =>
        {
            var s = new float[8, 12];
            for (int m = 0; m < 8; m++) for (int t = 0; t < 12; t++) s[m, t] = (float)(-30 - m + random.NextDouble());
            return s;
        }).ToArray();
        PreparedTrainingSet set = TrainingSetBuilder.FromSpectrograms(clips, ModelInputs.For(ModelKind.DenseAutoencoder, json));
        string path = folder.File("dense.ckpt");
        using (TrainableModel model = Trainer.CreateModel(ModelKind.DenseAutoencoder, json, 0))
            Trainer.Train(model, set.Samples, new TrainingOptions { Epochs = 1, BatchSize = 8, Device = "cpu" },
                new TrainingSession { CheckpointPath = path, Normalization = set.Normalization, Features = ModelInputs.DefaultFeatures(ModelKind.DenseAutoencoder) with { NMels = 8 } });

        // A workbench checkpoint carries its own normalisation: loaded once, the data root is never read.
        Func<string, IReconstructionModel?> modelFor = CheckpointReconstructionModel.ForStudy(path, normalization: null, folder.File("no-such-data"));
        IReconstructionModel? fan = modelFor("fan");
        Assert.Same(fan, modelFor("pump"));
        Assert.Equal("dense-ae", fan!.Name);
        Assert.Throws<FileNotFoundException>(() => CheckpointReconstructionModel.ForStudy(folder.File("missing.ckpt"), null, null));
    }
}
