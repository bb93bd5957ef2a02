namespace AnomalyLab.Studies;

/// <summary>Settings of the per-id PCA reconstruction baseline.</summary>
public sealed record PcaSpectrumOptions
{
    /// <summary>Principal components kept (each a mel-spectrum shape, length n_mels). Default 8.</summary>
    public int Components { get; init; } = 8;

    /// <summary>Default settings.</summary>
    public static PcaSpectrumOptions Default { get; } = new();

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">Fewer than one component.</exception>
    public PcaSpectrumOptions Validate()
    {
        if (Components < 1) throw new ArgumentException($"PCA needs at least one component (got {Components}).");
        return this;
    }
}
