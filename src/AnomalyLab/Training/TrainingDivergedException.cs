namespace AnomalyLab.Training;

/// <summary>
/// Training produced a NaN or infinite loss or weight (a learning rate too high, or inputs out of scale). Training stops at
/// once; the checkpoint of the last good epoch, if one was written, is left as it was.
/// </summary>
public sealed class TrainingDivergedException : InvalidOperationException
{
    /// <summary>Creates the exception; <paramref name="message"/> names the run (checkpoint path) and where it diverged.</summary>
    public TrainingDivergedException(string message)
        : base(message)
    {
    }
}
