using AnomalyLab.Data;

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

    /// <summary>
    /// Mean and population standard deviation of the real frames of <paramref name="block"/> (padding excluded), in clip, mel,
    /// frame order: for clips stored whole, the same numbers as <see cref="Of(ReadOnlySpan{float})"/> of their values.
    /// </summary>
    /// <exception cref="ArgumentException">No real values.</exception>
    public static NormalizationStats Of(FeatureBlock block)
    {
        long count = 0;
        double sum = 0;
        for (int c = 0; c < block.Count; c++)
        {
            ReadOnlySpan<float> clip = block.Clip(c);
            int real = block.RealFrames[c];
            count += (long)real * block.NMels;
            for (int m = 0; m < block.NMels; m++)
                foreach (float v in clip.Slice(m * block.Frames, real)) sum += v;
        }
        if (count == 0) throw new ArgumentException("Cannot compute normalisation statistics of an empty feature set.", nameof(block));
        double mean = sum / count;
        double squares = 0;
        for (int c = 0; c < block.Count; c++)
        {
            ReadOnlySpan<float> clip = block.Clip(c);
            for (int m = 0; m < block.NMels; m++)
                foreach (float v in clip.Slice(m * block.Frames, block.RealFrames[c])) squares += (v - mean) * (v - mean);
        }
        return new NormalizationStats(mean, Math.Max(Math.Sqrt(squares / count), 1e-6));
    }

    /// <summary>Normalises <paramref name="values"/> in place.</summary>
    public void Apply(Span<float> values)
    {
        float mean = (float)Mean, scale = (float)(1.0 / Std);
        for (int i = 0; i < values.Length; i++) values[i] = (values[i] - mean) * scale;
    }
}
