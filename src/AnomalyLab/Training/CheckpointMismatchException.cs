namespace AnomalyLab.Training;

/// <summary>A checkpoint was made with other model or feature options than the ones asked for.</summary>
public sealed class CheckpointMismatchException(string path, IReadOnlyList<string> differences)
    : InvalidOperationException($"Checkpoint {path} does not match the requested settings: {string.Join("; ", differences)}. Train a new model or use the checkpoint's own settings.")
{
    /// <summary>The checkpoint file.</summary>
    public string CheckpointPath { get; } = path;

    /// <summary>One entry per differing setting: "name: checkpoint X, requested Y".</summary>
    public IReadOnlyList<string> Differences { get; } = differences;
}
