namespace AnomalyLab.Masks;

/// <summary>
/// How mask–reality agreement combines its parts: score = (w_mel · S_mel + w_time · S_time) / (w_mel + w_time), with
/// S = 1 − W₁ / (n − 1) between the normalised mask and real profiles (<see cref="ProfileDistance.Similarity"/>).
/// </summary>
public sealed record AgreementOptions
{
    /// <summary>Weight of the band (mel) profile; default 0.5.</summary>
    public double MelWeight { get; init; } = 0.5;

    /// <summary>Weight of the time profile; default 0.5.</summary>
    public double TimeWeight { get; init; } = 0.5;

    /// <summary>Equal weights (the documented default).</summary>
    public static AgreementOptions Default { get; } = new();

    /// <summary>Checks the weights; returns this.</summary>
    public AgreementOptions Validate()
    {
        if (!(MelWeight >= 0) || !(TimeWeight >= 0) || MelWeight + TimeWeight <= 0)
            throw new ArgumentException($"agreement weights must be non-negative with a positive sum, found mel {MelWeight}, time {TimeWeight}");
        return this;
    }
}
