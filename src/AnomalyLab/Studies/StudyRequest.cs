using AnomalyLab.Data;
using AnomalyLab.Features;

namespace AnomalyLab.Studies;

/// <summary>What to study: which data, machine types and ids, and how features are made.</summary>
public sealed record StudyRequest
{
    /// <summary>Dataset root (DCASE 2020 layout, or one machine-type folder); null = the embedded synthetic default.</summary>
    public string? DataRoot { get; init; }

    /// <summary>Machine types to study; null = every type found.</summary>
    public IReadOnlyList<string>? MachineTypes { get; init; }

    /// <summary>Machine ids to study (e.g. <c>id_00</c>); null = every id with normal and anomalous test clips.</summary>
    public IReadOnlyList<string>? MachineIds { get; init; }

    /// <summary>Feature preset name (see <see cref="LogMelOptions.FromPresetName"/>). Default <c>torchaudio</c>.</summary>
    public string Preset { get; init; } = "torchaudio";

    /// <summary>Standardisation; anything but none needs train clips. Default none (dB).</summary>
    public Standardisation Standardisation { get; init; } = Standardisation.None;

    /// <summary>
    /// Train normals per id used to fit the PCA baseline and the standardisation (first ones in file order). Default 100;
    /// a few hundred thousand frames are far more than 128-dimensional PCA needs, and it bounds the study's time.
    /// </summary>
    public int TrainClipsPerId { get; init; } = 100;

    /// <summary>
    /// Crop/pad rule of the cached features. Default <see cref="FrameLengthRule.Seed"/> (313 real frames stored as 320, the
    /// VQ-VAE layout, so the cache is shared with training); the study reads only the real frames.
    /// </summary>
    public FrameLengthRule Length { get; init; } = FrameLengthRule.Seed;

    /// <summary>Feature cache folder; null = the default cache (<c>$ANOMALYLAB_CACHE</c> or ~/.cache/anomalylab).</summary>
    public string? CacheFolder { get; init; }

    /// <summary>Read and write the feature cache. Default true.</summary>
    public bool UseCache { get; init; } = true;

    /// <summary>Statistics settings.</summary>
    public StudyOptions Study { get; init; } = StudyOptions.Default;

    /// <summary>The embedded default's source name in reports.</summary>
    public const string SyntheticSource = "synthetic-default";
}
