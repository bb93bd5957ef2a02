using System.Text.Json;
using AnomalyLab.Audio;
using AnomalyLab.Detectors;
using AnomalyLab.Training;

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

    /// <summary>These settings as the JSON a checkpoint stores (<see cref="CheckpointMetadata.ModelSettings"/>).</summary>
    public JsonElement ToJson() => JsonSerializer.SerializeToElement(this, CheckpointJson.Options);

    /// <summary>The settings stored in <paramref name="metadata"/> of the checkpoint at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">None stored, unreadable settings, or a threshold that is not finite (message names the file).</exception>
    public static StftVaeSettings Read(CheckpointMetadata metadata, string path)
    {
        if (metadata.ModelSettings is not { } json) throw new InvalidDataException($"{path}: checkpoint holds no STFT-VAE settings.");
        StftVaeSettings? settings;
        try
        {
            settings = json.Deserialize<StftVaeSettings>(CheckpointJson.Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: checkpoint: the STFT-VAE settings do not parse ({e.Message}).", e);
        }
        if (settings is null) throw new InvalidDataException($"{path}: checkpoint: the STFT-VAE settings are empty.");
        if (!double.IsFinite(settings.Threshold.Value))
            throw new InvalidDataException($"{path}: checkpoint threshold is {settings.Threshold.Value}; a finite threshold is needed to label segments.");
        return settings;
    }
}
