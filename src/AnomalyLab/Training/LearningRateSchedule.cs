namespace AnomalyLab.Training;

/// <summary>How the learning rate changes over training.</summary>
public enum LearningRateScheduleKind
{
    /// <summary>The base rate throughout.</summary>
    Constant,

    /// <summary>Cosine annealing from the base rate to base × <see cref="LearningRateSchedule.MinFactor"/> over all steps.</summary>
    Cosine,

    /// <summary>Multiply by <see cref="LearningRateSchedule.Gamma"/> every <see cref="LearningRateSchedule.StepEpochs"/> epochs.</summary>
    StepDecay,
}

/// <summary>A learning-rate schedule; <see cref="RateAt"/> is a pure function of the position in training.</summary>
public sealed record LearningRateSchedule
{
    /// <summary>Schedule shape. Default constant.</summary>
    public LearningRateScheduleKind Kind { get; init; } = LearningRateScheduleKind.Constant;

    /// <summary>Final rate as a fraction of the base rate (cosine). Default 0.01.</summary>
    public double MinFactor { get; init; } = 0.01;

    /// <summary>Decay factor (step decay). Default 0.5.</summary>
    public double Gamma { get; init; } = 0.5;

    /// <summary>Epochs between decays (step decay). Default 10.</summary>
    public int StepEpochs { get; init; } = 10;

    /// <summary>A constant rate.</summary>
    public static LearningRateSchedule Constant { get; } = new();

    /// <summary>Cosine annealing to 1 % of the base rate.</summary>
    public static LearningRateSchedule Cosine { get; } = new() { Kind = LearningRateScheduleKind.Cosine };

    /// <summary>The rate for optimiser step <paramref name="step"/> (0-based) of <paramref name="totalSteps"/>, in epoch <paramref name="epoch"/> (0-based).</summary>
    public double RateAt(double baseRate, long step, long totalSteps, int epoch) => Kind switch
    {
        LearningRateScheduleKind.Constant => baseRate,
        LearningRateScheduleKind.Cosine => baseRate * (MinFactor + (1 - MinFactor) * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(1.0, step / (double)Math.Max(1, totalSteps - 1))))),
        LearningRateScheduleKind.StepDecay => baseRate * Math.Pow(Gamma, epoch / Math.Max(1, StepEpochs)),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown schedule"),
    };
}
