using System.Text.Json;
using AnomalyLab.Models.DenseAutoencoder;
using AnomalyLab.Tests.TestSupport;
using AnomalyLab.Training;
using Xunit.Abstractions;

namespace AnomalyLab.Tests.Training;

/// <summary>
/// Learning-rate schedules against torch.optim.lr_scheduler (tests/goldens/training_goldens.py), the trainer applying the
/// schedule step by step, and RestoreBestWeights (on by default) actually putting back the best epoch's weights.
/// </summary>
[Collection(TorchRandomCollection.Name)]
public sealed class ScheduleAndBestWeightsTests(ITestOutputHelper output)
{
    private static readonly JsonElement Golden = JsonDocument.Parse(File.ReadAllText(RepoPaths.Goldens("training", "schedules.json"))).RootElement.Clone();

    private static double[] Rates(string key) => Golden.GetProperty(key).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private static double Base => Golden.GetProperty("base").GetDouble();

    private static int TotalSteps => Golden.GetProperty("total_steps").GetInt32();

    private static void AssertRates(double[] expected, IReadOnlyList<double> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12 * Base, $"{what} step {i}: torch {expected[i]:G10}, ours {actual[i]:G10}");
    }

    private sealed class Recorder : IProgress<TrainingProgress>
    {
        public List<TrainingProgress> Reports { get; } = [];

        public void Report(TrainingProgress value) => Reports.Add(value);
    }

    [Fact]
    public void Cosine_schedule_and_the_vqvae2_preset_match_torch_cosine_annealing()
    {
        double[] cosine = Rates("cosine");
        AssertRates(cosine, Enumerable.Range(0, TotalSteps).Select(s => LearningRateSchedule.Cosine.RateAt(Base, s, TotalSteps, 0)).ToList(), "LearningRateSchedule.Cosine");
        // The VQ-VAE-2 default trains with cosine annealing (DSR): its preset must produce the same rates.
        LearningRateSchedule preset = TrainingOptions.For(ModelKind.VqVae2).Schedule;
        AssertRates(cosine, Enumerable.Range(0, TotalSteps).Select(s => preset.RateAt(Base, s, TotalSteps, 0)).ToList(), "VqVae2Default schedule");
    }

    [Fact]
    public void Step_decay_matches_torch_step_lr_per_epoch()
    {
        double[] expected = Rates("step_decay_per_epoch");
        var schedule = new LearningRateSchedule { Kind = LearningRateScheduleKind.StepDecay, Gamma = 0.5, StepEpochs = 10 };
        AssertRates(expected, Enumerable.Range(0, expected.Length).Select(e => schedule.RateAt(Base, e * 3, 1000, e)).ToList(), "step decay");
    }

    [Fact]
    public void The_trainer_sets_the_scheduled_rate_before_every_step()
    {
        var options = new DenseAutoencoderOptions { NMels = 4, ContextFrames = 2, HiddenDim = 6, HiddenLayers = 1, BottleneckDim = 2 };
        var random = new Random(5);
        var data = new SampleSet(Enumerable.Range(0, 40 * 8).Select(_ => (float)random.NextDouble()).ToArray(), [8]);
        using TrainableModel model = Trainer.CreateModel(ModelKind.DenseAutoencoder, TrainableModel.ToJson(options), 0);
        var recorder = new Recorder();
        // 32 training samples in batches of 4: 8 steps per epoch; MaxSteps cuts the run to the golden's step count.
        Trainer.Train(model, data, new TrainingOptions
        {
            Epochs = 10, BatchSize = 4, LearningRate = Base, Schedule = LearningRateSchedule.Cosine, ValidationFraction = 0.2, MaxSteps = TotalSteps, Device = "cpu",
        }, new TrainingSession { Progress = recorder });
        AssertRates(Rates("cosine"), recorder.Reports.Where(r => !r.EndOfEpoch).Select(r => r.LearningRate).ToList(), "trainer");
    }

    [Fact]
    public void Restore_best_weights_puts_back_the_epoch_with_the_lowest_validation_loss()
    {
        var options = new DenseAutoencoderOptions { NMels = 8, ContextFrames = 2, HiddenDim = 16, HiddenLayers = 1, BottleneckDim = 3 };
        var random = new Random(7);
        var data = new SampleSet(Enumerable.Range(0, 120 * 16).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray(), [16]);
        // A rate this high makes the validation loss jump between epochs, so the best epoch is not the last.
        var training = new TrainingOptions { Epochs = 8, BatchSize = 16, LearningRate = 0.5, ValidationFraction = 0.25, Seed = 1, Device = "cpu" };
        Assert.True(training.RestoreBestWeights, "RestoreBestWeights is documented as on by default");
        using TrainableModel model = Trainer.CreateModel(ModelKind.DenseAutoencoder, TrainableModel.ToJson(options), training.Seed);
        TrainingResult result = Trainer.Train(model, data, training);

        var history = result.State.History;
        output.WriteLine(string.Join(", ", history.Select(h => $"epoch {h.Epoch}: {h.ValidationLoss:G6}")) + $"; best epoch {result.State.BestEpoch}");
        double last = history[^1].ValidationLoss!.Value;
        Assert.True(result.State.BestEpoch < history.Count && last > result.State.BestValidationLoss * 1.01,
            $"precondition: the last epoch ({last:G6}) must be clearly worse than the best ({result.State.BestValidationLoss:G6}, epoch {result.State.BestEpoch})");
        var (trainIndices, validation) = Trainer.Split(data.Count, training);
        double restored = Trainer.Evaluate(model, data, validation, Math.Min(training.BatchSize, trainIndices.Length), TorchSharp.torch.CPU);
        Assert.True(Math.Abs(restored - result.State.BestValidationLoss) <= 1e-6 * result.State.BestValidationLoss,
            $"validation loss of the returned model {restored:G8}; best epoch's {result.State.BestValidationLoss:G8}; last epoch's {last:G8}");
    }
}
