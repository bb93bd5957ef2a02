namespace AnomalyLab.Data;

/// <summary>Options of <see cref="TrainSet"/>: feature extraction and standardisation. Default: torchaudio log-mel, seed crop rule, no standardisation.</summary>
public sealed record TrainSetOptions
{
    /// <summary>Feature extraction and caching.</summary>
    public FeatureExtractionOptions Features { get; init; } = FeatureExtractionOptions.Default;

    /// <summary>Standardisation fitted on the train set. Default none.</summary>
    public Standardisation Standardisation { get; init; } = Standardisation.None;

    /// <summary>The defaults.</summary>
    public static TrainSetOptions Default { get; } = new();
}
