namespace AnomalyLab.Training;

/// <summary>
/// Global mean and standard deviation of the training features (dB); inputs are fed as (x − Mean) / Std.
/// Stored in every checkpoint so scoring normalises exactly as training did.
/// </summary>
/// <param name="Mean">Mean of all training feature values.</param>
/// <param name="Std">Their standard deviation (population), floored at 1e-6.</param>
public sealed record NormalizationStats(double Mean, double Std)
{
    /// <summary>No normalisation (mean 0, std 1).</summary>
    public static NormalizationStats Identity { get; } = new(0, 1);

    /// <summary>Mean and population standard deviation of <paramref name="values"/> (computed in double).</summary>
    /// <exception cref="ArgumentException">No values.</exception>
    public static NormalizationStats Of(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty) throw new ArgumentException("Cannot compute normalisation statistics of an empty feature set.", nameof(values));
        double sum = 0;
        foreach (float v in values) sum += v;
        double mean = sum / values.Length;
        double squares = 0;
        foreach (float v in values) squares += (v - mean) * (v - mean);
        return new NormalizationStats(mean, Math.Max(Math.Sqrt(squares / values.Length), 1e-6));
    }

    /// <summary>Normalises <paramref name="values"/> in place.</summary>
    public void Apply(Span<float> values)
    {
        float mean = (float)Mean, scale = (float)(1.0 / Std);
        for (int i = 0; i < values.Length; i++) values[i] = (values[i] - mean) * scale;
    }
}
