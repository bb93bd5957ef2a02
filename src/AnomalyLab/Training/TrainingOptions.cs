namespace AnomalyLab.Training;

/// <summary>Settings of one training run. Immutable; presets per model.</summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training split. Default 10.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Stop after this many optimiser steps even within an epoch; null = no step limit. Default null.</summary>
    public long? MaxSteps { get; init; }

    /// <summary>Samples per optimiser step. Default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Adam's base learning rate. Default 1e-3.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Learning-rate schedule. Default constant.</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;

    /// <summary>Fraction of the samples held out (seeded shuffle) for the validation loss; 0 = none. Default 0.1.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Stop when the validation loss has not improved for this many epochs; null = never. Default null.</summary>
    public int? EarlyStoppingPatience { get; init; }

    /// <summary>At the end, put back the weights of the epoch with the lowest validation loss. Default true.</summary>
    public bool RestoreBestWeights { get; init; } = true;

    /// <summary>Seed of weight initialisation (torch.manual_seed), the split, the shuffles and sampling noise. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Device name: auto, cpu, cuda or cuda:N. Default auto (CUDA when available).</summary>
    public string Device { get; init; } = "auto";

    /// <summary>The DCASE 2020 Task 2 baseline's training: 100 epochs, batch 512, Adam 1e-3, 10 % validation.</summary>
    public static TrainingOptions Dcase2020Baseline { get; } = new() { Epochs = 100, BatchSize = 512 };

    /// <summary>DSR-like VQ-VAE training: batch 8, Adam 2e-4 (DSR's stage-1 rate), cosine schedule.</summary>
    public static TrainingOptions VqVae2Default { get; } = new() { Epochs = 50, BatchSize = 8, LearningRate = 2e-4, Schedule = LearningRateSchedule.Cosine };

    /// <summary>Conv VAE training: batch 16, Adam 1e-3.</summary>
    public static TrainingOptions ConvVaeDefault { get; } = new() { Epochs = 50, BatchSize = 16 };

    /// <summary>The preset for <paramref name="kind"/>.</summary>
    public static TrainingOptions For(ModelKind kind) => kind switch
    {
        ModelKind.VqVae2 => VqVae2Default,
        ModelKind.ConvVae => ConvVaeDefault,
        _ => Dcase2020Baseline,
    };

    /// <summary>Checks every field and throws one message naming all problems.</summary>
    /// <exception cref="ArgumentException">An inconsistent setting.</exception>
    public TrainingOptions Validate()
    {
        var problems = new List<string>();
        if (Epochs <= 0) problems.Add($"Epochs must be positive (got {Epochs})");
        if (MaxSteps is <= 0) problems.Add($"MaxSteps must be positive when given (got {MaxSteps})");
        if (BatchSize <= 0) problems.Add($"BatchSize must be positive (got {BatchSize})");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) problems.Add($"LearningRate (--lr) must be a positive finite number (got {LearningRate})");
        if (!(ValidationFraction is >= 0 and < 1)) problems.Add($"ValidationFraction must be in [0, 1) (got {ValidationFraction})");
        if (EarlyStoppingPatience is <= 0) problems.Add($"EarlyStoppingPatience must be positive when given (got {EarlyStoppingPatience})");
        if (problems.Count > 0) throw new ArgumentException("Invalid training options: " + string.Join("; ", problems) + ".");
        return this;
    }
}
