using AnomalyLab.Data;
using AnomalyLab.Features;

namespace AnomalyLab.Training;

/// <summary>What a training run saves and reports besides the model: checkpoint path and contents, progress, cancellation.</summary>
public sealed record TrainingSession
{
    /// <summary>Checkpoint written (atomically) after every epoch and at the end; null = none.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Continue from <see cref="CheckpointPath"/> when it exists (same model and feature options, else an error).</summary>
    public bool Resume { get; init; }

    /// <summary>Log-mel settings of the inputs (stored in the checkpoint). Default torchaudio preset.</summary>
    public LogMelOptions Features { get; init; } = LogMelOptions.Torchaudio;

    /// <summary>Normalisation the samples were prepared with (stored in the checkpoint).</summary>
    public Standardiser Normalization { get; init; } = Standardiser.None;

    /// <summary>Free-form description of the data, stored in the checkpoint.</summary>
    public string? DataDescription { get; init; }

    /// <summary>Receives a report after each step and each epoch (called on the training thread).</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>Stops between steps; the last finished epoch's checkpoint stays on disk.</summary>
    public CancellationToken Cancellation { get; init; }
}

/// <summary>Outcome of <see cref="Trainer.Train"/>.</summary>
/// <param name="State">Final state (history, best epoch, early stop).</param>
/// <param name="Device">Device the run used.</param>
/// <param name="TrainSamples">Samples in the training split.</param>
/// <param name="ValidationSamples">Samples in the validation split.</param>
public sealed record TrainingResult(TrainingState State, string Device, int TrainSamples, int ValidationSamples);
