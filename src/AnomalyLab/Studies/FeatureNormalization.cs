namespace AnomalyLab.Studies;

/// <summary>Standardisation applied to log-mel features before the study (statistics from the machine type's train normals).</summary>
public enum FeatureNormalization
{
    /// <summary>Raw dB (default; needed for the torchaudio fidelity check; works with a test-only folder).</summary>
    None,

    /// <summary>(x − μ) / σ with one μ, σ over all train-normal values of the machine type.</summary>
    Global,

    /// <summary>(x − μ_m) / σ_m per mel band m over the train-normal frames of the machine type.</summary>
    PerMel,
}

/// <summary>Names of <see cref="FeatureNormalization"/> as the CLI and summary.json spell them.</summary>
public static class FeatureNormalizationNames
{
    /// <summary><c>none</c>, <c>global</c> or <c>per-mel</c>.</summary>
    public static string Name(this FeatureNormalization normalization) => normalization switch
    {
        FeatureNormalization.Global => "global",
        FeatureNormalization.PerMel => "per-mel",
        _ => "none",
    };

    /// <summary>Parses <c>none</c>, <c>global</c> or <c>per-mel</c> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Another name.</exception>
    public static FeatureNormalization Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "none" => FeatureNormalization.None,
        "global" => FeatureNormalization.Global,
        "per-mel" or "permel" or "per_mel" => FeatureNormalization.PerMel,
        _ => throw new ArgumentException($"Unknown normalisation '{name}': expected none, global or per-mel."),
    };
}
