using AnomalyLab.Models;
using AnomalyLab.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AnomalyLab.Training;

/// <summary>
/// The one training loop for every autoencoder: Adam, mini-batches from a seeded shuffle, a learning-rate schedule,
/// a seeded validation split, early stopping on the validation loss, per-epoch atomic checkpoints and exact resume.
/// Every step runs inside its own dispose scope, so no tensor outlives its step.
/// </summary>
/// <remarks>
/// Determinism: the split uses <c>Random(Seed)</c>; epoch e shuffles with a <c>Random</c> seeded from (Seed, e) and sets
/// <c>torch.manual_seed(Seed + 1 + e)</c> for sampling noise (the VAE), so a resumed run repeats the uninterrupted one.
/// Weight initialisation is the caller's: create the model after <c>torch.manual_seed</c> (see <see cref="CreateModel"/>).
/// </remarks>
public static class Trainer
{
    /// <summary>Seeds torch's generator with <paramref name="seed"/> and creates an untrained model (reproducible initial weights).</summary>
    public static TrainableModel CreateModel(ModelKind kind, System.Text.Json.JsonElement? options, int seed)
    {
        manual_seed(seed);
        return TrainableModel.Create(kind, options);
    }

    /// <summary>Trains <paramref name="model"/> on <paramref name="data"/> (samples shaped <see cref="TrainableModel.SampleShape"/>).</summary>
    /// <exception cref="ArgumentException">Samples of another shape, or invalid options.</exception>
    /// <exception cref="CheckpointMismatchException">Resuming from a checkpoint made with other options.</exception>
    /// <exception cref="TrainingDivergedException">A NaN/infinite loss or weight; nothing non-finite is ever saved.</exception>
    public static TrainingResult Train(TrainableModel model, SampleSet data, TrainingOptions options, TrainingSession? session = null)
    {
        options.Validate();
        session ??= new TrainingSession();
        if (!data.SampleShape.SequenceEqual(model.SampleShape))
            throw new ArgumentException(
                $"Samples are [{string.Join(", ", data.SampleShape)}] but a {model.Kind.CliName()} takes [{string.Join(", ", model.SampleShape)}].", nameof(data));

        Device device = TorchDevice.Parse(options.Device);
        // TorchSharp's temporary Scalars must not be finalized mid-call by another thread's collection (see FinalizerPause).
        using FinalizerPause pause = FinalizerPause.Begin();
        model.MoveTo(device);
        var (trainIndices, validationIndices) = Split(data.Count, options);
        if (trainIndices.Length < 2) throw new ArgumentException($"Only {trainIndices.Length} training samples after the validation split; need at least 2.", nameof(data));
        int batch = Math.Min(options.BatchSize, trainIndices.Length);
        int stepsPerEpoch = StepsPerEpoch(trainIndices.Length, batch);
        long totalSteps = Math.Min((long)options.Epochs * stepsPerEpoch, options.MaxSteps ?? long.MaxValue);

        using var optimizer = optim.Adam(model.Network.parameters(), options.LearningRate);
        TrainingState state = TrainingState.Initial;
        WeightSnapshot? best = null;
        try
        {
            if (session.Resume && session.CheckpointPath is { } resumePath && File.Exists(resumePath))
            {
                (state, best) = RestoreFrom(resumePath, model, optimizer, session, device);
                // A finished run may be extended with more epochs or steps; an early stop stays a stop.
                if (!state.StoppedEarly && state.EpochsCompleted < options.Epochs && state.Steps < totalSteps) state = state with { Finished = false };
            }

            var history = new List<EpochRecord>(state.History);
            double learningRate = options.LearningRate;
            for (int epoch = state.EpochsCompleted; epoch < options.Epochs && !state.Finished; epoch++)
            {
                manual_seed(options.Seed + 1 + epoch);
                int[] order = Shuffled(trainIndices, EpochSeed(options.Seed, epoch));
                double lossSum = 0;
                long lossCount = 0;
                long steps = state.Steps;
                model.Network.train();
                for (int start = 0; start + 1 < order.Length && steps < totalSteps; start += batch)
                {
                    session.Cancellation.ThrowIfCancellationRequested();
                    int size = Math.Min(batch, order.Length - start);
                    if (size < 2) break; // batch norm needs two samples; the remainder joins the next epoch's shuffle
                    learningRate = options.Schedule.RateAt(options.LearningRate, steps, totalSteps, epoch);
                    foreach (ParamGroup group in optimizer.ParamGroups) group.LearningRate = learningRate;
                    FinalizerPause.Heartbeat();
                    var (loss, parts) = Step(model, optimizer, data, order.AsSpan(start, size), device);
                    steps++;
                    if (!double.IsFinite(loss)) throw Diverged(session, $"the training loss is {loss} at epoch {epoch + 1}, step {steps}", learningRate);
                    lossSum += loss * size;
                    lossCount += size;
                    session.Progress?.Report(new TrainingProgress(epoch + 1, options.Epochs, steps, totalSteps, loss, parts, learningRate, null, false));
                }

                double? validation = validationIndices.Length > 0 ? Evaluate(model, data, validationIndices, batch, device) : null;
                double trainLoss = lossCount > 0 ? lossSum / lossCount : double.NaN;
                if (validation is { } checkedValidation && !double.IsFinite(checkedValidation))
                    throw Diverged(session, $"the validation loss is {checkedValidation} after epoch {epoch + 1}", learningRate);
                if (ModelCheckpoint.FirstNonFiniteParameter(model) is { } badWeight)
                    throw Diverged(session, $"weight '{badWeight}' holds NaN or infinite values after epoch {epoch + 1}", learningRate);
                history.Add(new EpochRecord(epoch + 1, trainLoss, validation, learningRate, steps));
                bool improved = validation is { } v && v < state.BestValidationLoss;
                if (improved && options.RestoreBestWeights)
                {
                    best?.Dispose();
                    best = WeightSnapshot.Take(model.Network);
                }
                int sinceImprovement = improved || validation is null ? 0 : state.EpochsSinceImprovement + 1;
                bool stopEarly = options.EarlyStoppingPatience is { } patience && sinceImprovement >= patience;
                bool finished = stopEarly || epoch + 1 >= options.Epochs || steps >= totalSteps;
                state = new TrainingState(
                    epoch + 1, steps,
                    improved ? validation!.Value : state.BestValidationLoss,
                    improved ? epoch + 1 : state.BestEpoch,
                    sinceImprovement, history.ToArray(), finished, stopEarly);
                session.Progress?.Report(new TrainingProgress(epoch + 1, options.Epochs, steps, totalSteps, trainLoss, [], learningRate, validation, true));

                if (finished && best is not null)
                {
                    best.Restore(model.Network);
                }
                if (session.CheckpointPath is { } path)
                    ModelCheckpoint.Save(path, model, Metadata(model, options, session, state), optimizer, best?.ToBytes());
            }
            model.Network.eval();
            return new TrainingResult(state, device.ToString(), trainIndices.Length, validationIndices.Length);
        }
        finally
        {
            best?.Dispose();
        }
    }

    /// <summary>Mean loss of <paramref name="indices"/> in eval mode, without gradients.</summary>
    public static double Evaluate(TrainableModel model, SampleSet data, int[] indices, int batch, Device device)
    {
        model.Network.eval();
        double sum = 0;
        using var noGrad = no_grad();
        for (int start = 0; start < indices.Length; start += batch)
        {
            using var scope = NewDisposeScope();
            int size = Math.Min(batch, indices.Length - start);
            Tensor x = tensor(data.Gather(indices.AsSpan(start, size)), data.BatchShape(size)).to(device);
            sum += model.Loss(x).Total.item<float>() * size;
        }
        model.Network.train();
        return sum / indices.Length;
    }

    /// <summary>Optimiser steps per epoch for <paramref name="trainSamples"/> samples in batches of <paramref name="batch"/> (a last batch of one is dropped).</summary>
    public static int StepsPerEpoch(int trainSamples, int batch) => trainSamples / batch + (trainSamples % batch >= 2 ? 1 : 0);

    /// <summary>The seeded split: (training indices, validation indices).</summary>
    public static (int[] Train, int[] Validation) Split(int count, TrainingOptions options)
    {
        int[] all = Shuffled(Enumerable.Range(0, count).ToArray(), options.Seed);
        int validation = (int)Math.Floor(count * options.ValidationFraction);
        return (all[validation..], all[..validation]);
    }

    private static TrainingDivergedException Diverged(TrainingSession session, string what, double learningRate) =>
        new($"{session.CheckpointPath ?? "training"}: training diverged: {what} (learning rate {learningRate:G3}); stopped — " +
            (session.CheckpointPath is not null ? "the checkpoint of the last good epoch (if any) is kept; " : "") + "lower the learning rate (--lr) or check the inputs' scale.");

    private static (double Loss, IReadOnlyList<(string, double)> Parts) Step(TrainableModel model, OptimizerHelper optimizer, SampleSet data, ReadOnlySpan<int> indices, Device device)
    {
        using var scope = NewDisposeScope();
        Tensor x = tensor(data.Gather(indices), data.BatchShape(indices.Length)).to(device);
        optimizer.zero_grad();
        TrainingLoss loss = model.Loss(x);
        loss.Total.backward();
        optimizer.step();
        var parts = new (string, double)[loss.Parts.Count];
        for (int i = 0; i < parts.Length; i++) parts[i] = (loss.Parts[i].Name, loss.Parts[i].Value.item<float>());
        return (loss.Total.item<float>(), parts);
    }

    private static (TrainingState, WeightSnapshot?) RestoreFrom(string path, TrainableModel model, OptimizerHelper optimizer, TrainingSession session, Device device)
    {
        using LoadedCheckpoint checkpoint = ModelCheckpoint.LoadMatching(path, model.Kind, model.OptionsJson, session.Features);
        using (var noGrad = no_grad())
        {
            using var snapshot = WeightSnapshot.Take(checkpoint.Model.Network);
            snapshot.Restore(model.Network);
        }
        model.MoveTo(device);
        if (checkpoint.OptimizerState is { } state)
        {
            using var reader = new BinaryReader(new MemoryStream(state));
            optimizer.load_state_dict(reader);
        }
        WeightSnapshot? best = checkpoint.BestWeights is { } bytes ? WeightSnapshot.FromBytes(bytes, model.Network) : null;
        return (checkpoint.Metadata.State, best);
    }

    private static CheckpointMetadata Metadata(TrainableModel model, TrainingOptions options, TrainingSession session, TrainingState state) => new()
    {
        Kind = model.Kind,
        ModelOptions = model.OptionsJson,
        Features = session.Features,
        Normalization = session.Normalization,
        Training = options,
        State = state,
        DataDescription = session.DataDescription,
    };

    // System.HashCode is randomised per process; shuffles must repeat across runs.
    private static int EpochSeed(int seed, int epoch) => unchecked(seed * 1_000_003 + (epoch + 1) * 7_919);

    private static int[] Shuffled(int[] source, int seed)
    {
        int[] copy = (int[])source.Clone();
        new Random(seed).Shuffle(copy);
        return copy;
    }
}
