using System.Text.Json;
using System.Text.Json.Serialization;
using AnomalyLab.Data;
using AnomalyLab.Features;

namespace AnomalyLab.Training;

/// <summary>Everything in a checkpoint besides the tensors (stored as <c>metadata.json</c> inside the file).</summary>
public sealed record CheckpointMetadata
{
    /// <summary>Current file format version: 2 (the normalisation stored as a <see cref="Standardiser"/>).</summary>
    public const int CurrentFormatVersion = 2;

    /// <summary>Oldest format this build reads: 1 (the normalisation as a scalar mean and std, read as global statistics).</summary>
    public const int OldestReadableFormatVersion = 1;

    /// <summary>File format version. Default <see cref="CurrentFormatVersion"/>.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The model.</summary>
    public required ModelKind Kind { get; init; }

    /// <summary>The model's options record as JSON.</summary>
    public required JsonElement ModelOptions { get; init; }

    /// <summary>Log-mel settings the inputs were computed with.</summary>
    public required LogMelOptions Features { get; init; }

    /// <summary>
    /// Input normalisation fitted on the training features: global statistics (dB) or none; inputs are fed as
    /// <c>(x − mean) / std</c> so scoring normalises exactly as training did.
    /// </summary>
    [JsonConverter(typeof(CheckpointNormalizationConverter))]
    public required Standardiser Normalization { get; init; }

    /// <summary>Training settings.</summary>
    public required TrainingOptions Training { get; init; }

    /// <summary>Progress of the run when saved.</summary>
    public required TrainingState State { get; init; }

    /// <summary>Free-form description of the training data (e.g. "slider, 75 clips"). Optional.</summary>
    public string? DataDescription { get; init; }

    /// <summary>
    /// Settings a model keeps beside its weights, as JSON that <c>Training</c> stores without reading: present only in
    /// STFT-VAE threshold models (<c>anomalylab watch-train</c>; <c>Models.StftVae.StftVaeSettings</c>: the STFT patch
    /// preset, segmenting and the threshold), whose <see cref="Features"/> are then unused (the inputs are STFT patches, not
    /// log-mel). Stored under the key <c>stftVae</c>, as every format has. Optional.
    /// </summary>
    [JsonPropertyName("stftVae")]
    public JsonElement? ModelSettings { get; init; }
}
