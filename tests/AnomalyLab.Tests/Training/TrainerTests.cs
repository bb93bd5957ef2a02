using AnomalyLab.Data;
using AnomalyLab.Features;
using AnomalyLab.Models.ConvVae;
using AnomalyLab.Models.DenseAutoencoder;
using AnomalyLab.Models.VqVae2;
using AnomalyLab.Tests.TestSupport;
using AnomalyLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace AnomalyLab.Tests.Training;

[Collection(AnomalyLab.Tests.Training.TorchRandomCollection.Name)]
public sealed class TrainerTests
{
    private static readonly DenseAutoencoderOptions TinyDense = new() { NMels = 8, ContextFrames = 2, HiddenDim = 16, HiddenLayers = 1, BottleneckDim = 3 };

    /// <summary>Low-rank data: 16-dimensional vectors on a 3-dimensional subspace plus a little noise.</summary>
    private static SampleSet LowRankVectors(int count, int seed)
    {
        var random = new Random(seed);
        var basis = new double[3, 16];
        for (int k = 0; k < 3; k++) for (int j = 0; j < 16; j++) basis[k, j] = random.NextDouble() * 2 - 1;
        var values = new float[count * 16];
        for (int i = 0; i < count; i++)
        {
            double a = random.NextDouble() * 2 - 1, b = random.NextDouble() * 2 - 1, c = random.NextDouble() * 2 - 1;
            for (int j = 0; j < 16; j++) values[i * 16 + j] = (float)(a * basis[0, j] + b * basis[1, j] + c * basis[2, j] + 0.01 * (random.NextDouble() - 0.5));
        }
        return new SampleSet(values, [16]);
    }

    private static TrainingOptions Quick => new() { Epochs = 4, BatchSize = 16, ValidationFraction = 0.2, Seed = 3, Device = "cpu" };

    private static float[] Outputs(TrainableModel model, SampleSet data)
    {
        using var scope = NewDisposeScope();
        return model.Reconstruct(tensor(data.Values, data.BatchShape(data.Count))).data<float>().ToArray();
    }

    [Fact]
    public void Training_lowers_the_validation_loss_and_same_seed_repeats_exactly()
    {
        SampleSet data = LowRankVectors(400, 1);
        var options = Quick with { Epochs = 6, LearningRate = 3e-3 };
        using TrainableModel a = Trainer.CreateModel(ModelKind.DenseAutoencoder, TrainableModel.ToJson(TinyDense), options.Seed);
        TrainingResult result = Trainer.Train(a, data, options);
        using TrainableModel b = Trainer.CreateModel(ModelKind.DenseAutoencoder, TrainableModel.ToJson(TinyDense), options.Seed);
        Trainer.Train(b, data, options);

        var history = result.State.History;
        Assert.Equal(6, history.Count);
        Assert.True(history[^1].ValidationLoss < history[0].ValidationLoss, $"validation loss {history[0].ValidationLoss} → {history[^1].ValidationLoss}");
        Assert.Equal((320, 80), (result.TrainSamples, result.ValidationSamples));
        Assert.Equal(Outputs(a, data), Outputs(b, data));
    }

    [Fact]
    public void Max_steps_and_early_stopping_end_the_run()
    {
        SampleSet data = LowRankVectors(200, 2);
        using TrainableModel model = Trainer.CreateModel(ModelKind.DenseAutoencoder, TrainableModel.ToJson(TinyDense), 0);
        TrainingResult limited = Trainer.Train(model, data, Quick with { MaxSteps = 5 });
        Assert.Equal(5, limited.State.Steps);
        Assert.True(limited.State.Finished);

        // A learning rate this small cannot improve the validation loss beyond float noise for long.
        using TrainableModel frozen = Trainer.CreateModel(ModelKind.DenseAutoencoder, TrainableModel.ToJson(TinyDense), 0);
        TrainingResult stopped = Trainer.Train(frozen, data, Quick with { Epochs = 50, LearningRate = 1e-20, EarlyStoppingPatience = 2 });
        Assert.True(stopped.State.StoppedEarly);
        Assert.True(stopped.State.History.Count < 50);
    }

    [Fact]
    public void Checkpoints_round_trip_weights_options_features_and_normalisation()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.ckpt");
        SampleSet data = LowRankVectors(100, 3);
        var normalization = Standardiser.Global(-42.5, 7.25);
        using TrainableModel model = Trainer.CreateModel(ModelKind.DenseAutoencoder, TrainableModel.ToJson(TinyDense), 0);
        Trainer.Train(model, data, Quick with { Epochs = 2 }, new TrainingSession
        {
            CheckpointPath = path, Features = LogMelOptions.Dcase2020Baseline, Normalization = normalization, DataDescription = "unit test",
        });

        using LoadedCheckpoint loaded = ModelCheckpoint.Load(path);
        Assert.Equal(ModelKind.DenseAutoencoder, loaded.Metadata.Kind);
        Assert.Equal(LogMelOptions.Dcase2020Baseline, loaded.Metadata.Features);
        Assert.Equal(normalization, loaded.Metadata.Normalization);
        Assert.Equal(2, loaded.Metadata.State.EpochsCompleted);
        Assert.Equal(Outputs(model, data), Outputs(loaded.Model, data));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public void A_format_1_checkpoint_with_a_scalar_mean_and_std_loads_as_global_statistics_and_scores_identically()
    {
        using var folder = new TempFolder();
        string current = folder.File("current.ckpt"), old = folder.File("format1.ckpt");
        using (TrainableModel model = Trainer.CreateModel(ModelKind.DenseAutoencoder, TrainableModel.ToJson(TinyDense), 0))
        {
            Trainer.Train(model, LowRankVectors(100, 3), Quick with { Epochs = 1 }, new TrainingSession
            {
                CheckpointPath = current, Features = LogMelOptions.Dcase2020Baseline with { NMels = 8 }, Normalization = Standardiser.Global(-42.123456789, 7.3456789),
            });
        }
        // Rewrite the metadata as a format-1 file wrote it: "normalization": {"mean": m, "std": s}.
        File.Copy(current, old);
        AnomalyLab.Tests.Cli.HostileCorpus.RewriteMetadata(old, metadata =>
        {
            Assert.Equal(CheckpointMetadata.CurrentFormatVersion, (int)metadata["formatVersion"]!);
            Assert.Equal("Global", (string)metadata["normalization"]!["mode"]!);
            metadata["formatVersion"] = 1;
            metadata["normalization"] = new System.Text.Json.Nodes.JsonObject { ["mean"] = -42.123456789, ["std"] = 7.3456789 };
        });
        using LoadedCheckpoint a = ModelCheckpoint.Load(current), b = ModelCheckpoint.Load(old);
        Assert.Equal(a.Metadata.Normalization, b.Metadata.Normalization);
        var logMel = new float[8, 12];
        var rng = new Random(1);
        for (int m = 0; m < 8; m++)
            for (int t = 0; t < 12; t++) logMel[m, t] = (float)(-60 + 30 * rng.NextDouble());
        Assert.Equal(new AnomalyLab.Scoring.ReconstructionScorer(a, "cpu").Reconstruct(logMel).Score, new AnomalyLab.Scoring.ReconstructionScorer(b, "cpu").Reconstruct(logMel).Score);
    }

    [Fact]
    public void Vqvae_and_conv_vae_checkpoints_restore_codebooks_and_weights()
    {
        using var folder = new TempFolder();
        var vq = VqVae2Options.Small with { InputHeight = 16, InputWidth = 16 };
        var vae = ConvVaeOptions.Small with { InputHeight = 16, InputWidth = 16 };
        foreach (var (kind, json) in new[] { (ModelKind.VqVae2, TrainableModel.ToJson(vq)), (ModelKind.ConvVae, TrainableModel.ToJson(vae)) })
        {
            var random = new Random(1);
            var data = new SampleSet(Enumerable.Range(0, 12 * 256).Select(_ => (float)random.NextDouble()).ToArray(), [1, 16, 16]);
            string path = folder.File($"{kind}.ckpt");
            using TrainableModel model = Trainer.CreateModel(kind, json, 0);
            Trainer.Train(model, data, Quick with { Epochs = 1, BatchSize = 4 }, new TrainingSession { CheckpointPath = path });
            using LoadedCheckpoint loaded = ModelCheckpoint.Load(path);
            Assert.Equal(Outputs(model, data), Outputs(loaded.Model, data));
        }
    }

    [Fact]
    public void A_checkpoint_made_with_other_options_is_refused_with_the_differences()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.ckpt");
        using (TrainableModel model = Trainer.CreateModel(ModelKind.DenseAutoencoder, TrainableModel.ToJson(TinyDense), 0))
            Trainer.Train(model, LowRankVectors(60, 4), Quick with { Epochs = 1 }, new TrainingSession { CheckpointPath = path, Features = LogMelOptions.Torchaudio });

        var other = TinyDense with { BottleneckDim = 4 };
        var error = Assert.Throws<CheckpointMismatchException>(() =>
            ModelCheckpoint.LoadMatching(path, ModelKind.DenseAutoencoder, TrainableModel.ToJson(other), LogMelOptions.Dcase2020Baseline));
        Assert.Contains("bottleneckDim: checkpoint 3, requested 4", error.Message);
        Assert.Contains("features.melScale", error.Message);
        Assert.Contains(path, error.Message);

        var kindError = Assert.Throws<CheckpointMismatchException>(() => ModelCheckpoint.LoadMatching(path, ModelKind.VqVae2, null, null));
        Assert.Contains("checkpoint dense-ae, requested vqvae2", kindError.Message);

        // Resuming into a model with other options fails the same way instead of loading mismatched weights.
        using TrainableModel mismatched = Trainer.CreateModel(ModelKind.DenseAutoencoder, TrainableModel.ToJson(other), 0);
        Assert.Throws<CheckpointMismatchException>(() => Trainer.Train(mismatched, LowRankVectors(60, 4), Quick, new TrainingSession { CheckpointPath = path, Resume = true, Features = LogMelOptions.Torchaudio }));
    }

    [Fact]
    public void Resuming_from_a_checkpoint_repeats_the_uninterrupted_run()
    {
        using var folder = new TempFolder();
        SampleSet data = LowRankVectors(160, 5);
        var full = Quick with { Epochs = 4, ValidationFraction = 0.25, RestoreBestWeights = false };
        using TrainableModel reference = Trainer.CreateModel(ModelKind.DenseAutoencoder, TrainableModel.ToJson(TinyDense), full.Seed);
        TrainingResult uninterrupted = Trainer.Train(reference, data, full);

        string path = folder.File("resume.ckpt");
        using (TrainableModel first = Trainer.CreateModel(ModelKind.DenseAutoencoder, TrainableModel.ToJson(TinyDense), full.Seed))
            Trainer.Train(first, data, full with { Epochs = 2 }, new TrainingSession { CheckpointPath = path });
        // Different initial weights: everything must come from the checkpoint.
        using TrainableModel resumed = Trainer.CreateModel(ModelKind.DenseAutoencoder, TrainableModel.ToJson(TinyDense), 999);
        TrainingResult continued = Trainer.Train(resumed, data, full, new TrainingSession { CheckpointPath = path, Resume = true });

        Assert.Equal(4, continued.State.History.Count);
        Assert.Equal(uninterrupted.State.History.Select(h => h.ValidationLoss), continued.State.History.Select(h => h.ValidationLoss));
        Assert.Equal(Outputs(reference, data), Outputs(resumed, data));
    }

    private sealed class LiveTensorProbe : IProgress<TrainingProgress>
    {
        public readonly List<(long Step, long Live)> Samples = [];

        public void Report(TrainingProgress value)
        {
            if (!value.EndOfEpoch && value.Step % 250 == 0) Samples.Add((value.Step, DisposeScopeManager.Statistics.ThreadTotalLiveCount));
        }
    }

    [Fact]
    public void Two_thousand_steps_leave_the_live_tensor_count_flat()
    {
        SampleSet data = LowRankVectors(64, 6);
        var probe = new LiveTensorProbe();
        using TrainableModel model = Trainer.CreateModel(ModelKind.DenseAutoencoder, TrainableModel.ToJson(TinyDense), 0);
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        TrainingResult result = Trainer.Train(model, data, new TrainingOptions { Epochs = 1000, MaxSteps = 2000, BatchSize = 8, ValidationFraction = 0.125, Device = "cpu" },
            new TrainingSession { Progress = probe });
        long after = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        Assert.Equal(2000, result.State.Steps);
        Assert.Equal(8, probe.Samples.Count);
        // Flat: the count after step 250 is the count after step 2000 (Adam's state is created in the first step).
        Assert.All(probe.Samples, s => Assert.Equal(probe.Samples[0].Live, s.Live));
        Assert.True(after - before <= probe.Samples[0].Live - before, $"live tensors before {before}, during {probe.Samples[0].Live}, after {after}");
    }

    [Fact]
    public void Small_options_are_the_small_presets_and_the_dense_autoencoder_has_none()
    {
        Assert.Equal(TrainableModel.ToJson(VqVae2Options.Small).GetRawText(), TrainableModel.SmallOptions(ModelKind.VqVae2)!.Value.GetRawText());
        Assert.Equal(TrainableModel.ToJson(ConvVaeOptions.Small).GetRawText(), TrainableModel.SmallOptions(ModelKind.ConvVae)!.Value.GetRawText());
        Assert.Null(TrainableModel.SmallOptions(ModelKind.DenseAutoencoder));
    }
}
