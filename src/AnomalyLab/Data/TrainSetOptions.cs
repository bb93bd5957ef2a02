namespace AnomalyLab.Data;

/// <summary>Options of <see cref="TrainSet"/>: feature extraction and standardisation. Default: torchaudio log-mel, seed crop rule, no standardisation.</summary>
public sealed record TrainSetOptions
{
    /// <summary>Feature extraction and caching.</summary>
    public FeatureExtractionOptions Features { get; init; } = FeatureExtractionOptions.Default;

    /// <summary>Standardisation fitted on the train set. Default none.</summary>
    public Standardisation Standardisation { get; init; } = Standardisation.None;

    /// <summary>Only the clips of these machine ids; null = every id. Default null.</summary>
    public IReadOnlyCollection<string>? MachineIds { get; init; }

    /// <summary>At most this many normal clips per machine id (the first in path order); null = all. Default null.</summary>
    public int? ClipsPerId { get; init; }

    /// <summary>The defaults.</summary>
    public static TrainSetOptions Default { get; } = new();
}
