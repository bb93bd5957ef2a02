namespace AnomalyLab.Training;

/// <summary>Losses of one finished epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's samples.</param>
/// <param name="ValidationLoss">Mean validation loss after the epoch (eval mode), or null without a validation split.</param>
/// <param name="LearningRate">Rate of the epoch's last step.</param>
/// <param name="Steps">Optimiser steps completed by the end of the epoch (cumulative).</param>
public sealed record EpochRecord(int Epoch, double TrainLoss, double? ValidationLoss, double LearningRate, long Steps);

/// <summary>Where a run stands: enough to resume it exactly.</summary>
/// <param name="EpochsCompleted">Epochs fully done.</param>
/// <param name="Steps">Optimiser steps done.</param>
/// <param name="BestValidationLoss">Lowest validation loss so far (+∞ when none).</param>
/// <param name="BestEpoch">Epoch (1-based) of that loss, 0 when none.</param>
/// <param name="EpochsSinceImprovement">Epochs since the validation loss last improved.</param>
/// <param name="History">All finished epochs.</param>
/// <param name="Finished">True when the run ended (epochs or steps exhausted, or early stop).</param>
/// <param name="StoppedEarly">True when early stopping ended the run.</param>
public sealed record TrainingState(
    int EpochsCompleted,
    long Steps,
    double BestValidationLoss,
    int BestEpoch,
    int EpochsSinceImprovement,
    IReadOnlyList<EpochRecord> History,
    bool Finished,
    bool StoppedEarly)
{
    /// <summary>Before the first step.</summary>
    public static TrainingState Initial { get; } = new(0, 0, double.PositiveInfinity, 0, 0, [], false, false);
}

/// <summary>One progress report: after every optimiser step and after every epoch's validation.</summary>
/// <param name="Epoch">1-based current epoch.</param>
/// <param name="Epochs">Planned epochs.</param>
/// <param name="Step">Optimiser steps done.</param>
/// <param name="TotalSteps">Planned steps (epochs × steps per epoch, capped by MaxSteps).</param>
/// <param name="Loss">Last batch's total loss (step reports) or the epoch's mean training loss (epoch reports).</param>
/// <param name="Parts">Named loss components of the last batch.</param>
/// <param name="LearningRate">Current rate.</param>
/// <param name="ValidationLoss">The epoch's validation loss (epoch reports only).</param>
/// <param name="EndOfEpoch">True for the report after an epoch.</param>
public sealed record TrainingProgress(
    int Epoch,
    int Epochs,
    long Step,
    long TotalSteps,
    double Loss,
    IReadOnlyList<(string Name, double Value)> Parts,
    double LearningRate,
    double? ValidationLoss,
    bool EndOfEpoch);
