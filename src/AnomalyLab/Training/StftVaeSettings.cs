using AnomalyLab.Features;
using AnomalyLab.Streaming;

namespace AnomalyLab.Training;

/// <summary>What an STFT-VAE threshold model stores besides the conv VAE weights (in its checkpoint's metadata).</summary>
public sealed record StftVaeSettings
{
    /// <summary>The feature preset the VAE was trained on; <see cref="StftPatchOptions.SampleRate"/> is the model's rate.</summary>
    public required StftPatchOptions Patch { get; init; }

    /// <summary>The segmenting the training clips were cut with (watch uses it unless told otherwise).</summary>
    public required SegmentOptions Segments { get; init; }

    /// <summary>The decision threshold and how it was chosen.</summary>
    public required StoredThreshold Threshold { get; init; }

    /// <summary>Sample rates of the training files, Hz (several only when they were resampled to the model's rate).</summary>
    public required IReadOnlyList<int> SourceSampleRates { get; init; }

    /// <summary>Scored segments from the training files.</summary>
    public int TrainingSegments { get; init; }

    /// <summary>Scored segments from the held-out normal files (0 when none were held out).</summary>
    public int HeldOutSegments { get; init; }
}

/// <summary>A threshold as stored in a model file.</summary>
/// <param name="Policy">The policy in CLI form, e.g. <c>mean-std:2</c>.</param>
/// <param name="Value">Flag a segment when its score is greater than this (mean squared reconstruction error of the [0, 1] patch).</param>
/// <param name="Method">Human-readable derivation, e.g. <c>mean + 2σ</c>.</param>
/// <param name="CalibrationSource"><c>training</c> (training files' segments) or <c>held-out</c> (held-out normal files).</param>
/// <param name="CalibrationCount">Scores the threshold was computed from.</param>
public sealed record StoredThreshold(string Policy, double Value, string Method, string CalibrationSource, int CalibrationCount);
