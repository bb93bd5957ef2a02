using AnomalyLab.Audio;
using AnomalyLab.Detectors;

namespace AnomalyLab.Models.StftVae;

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
