namespace AnomalyLab.Features.Signal;

/// <summary>Summary statistics of one derivative estimate, in signal units per second^order.</summary>
/// <param name="Mean">Mean.</param>
/// <param name="StandardDeviation">Population standard deviation (ddof = 0).</param>
/// <param name="MeanAbsolute">Mean of absolute values.</param>
/// <param name="MaxAbsolute">Largest absolute value.</param>
/// <param name="Rms">Root mean square.</param>
public sealed record DerivativeSummary(double Mean, double StandardDeviation, double MeanAbsolute, double MaxAbsolute, double Rms)
{
    /// <summary>The five values in declaration order (a feature vector).</summary>
    public double[] ToArray() => [Mean, StandardDeviation, MeanAbsolute, MaxAbsolute, Rms];
}

/// <summary>
/// First and second derivative statistics of a sampled signal, derivatives by finite differences:
/// x′[i] = (x[i+1] − x[i])·fs, x″[i] = (x[i+2] − 2x[i+1] + x[i])·fs² (numpy <c>diff(x, n)·fs^n</c>).
/// </summary>
public static class DerivativeStatistics
{
    /// <summary>Statistics of the first (order 1) or second (order 2) finite-difference derivative.</summary>
    public static DerivativeSummary Compute(ReadOnlySpan<double> signal, double sampleRate, int order)
    {
        if (order is < 1 or > 2) throw new ArgumentOutOfRangeException(nameof(order), order, "derivative order must be 1 or 2.");
        if (signal.Length <= order) throw new ArgumentException($"signal needs more than {order} samples (got {signal.Length}).", nameof(signal));
        int count = signal.Length - order;
        double sum = 0, sumAbs = 0, maxAbs = 0, sumSquares = 0;
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            double d = order == 1 ? (signal[i + 1] - signal[i]) * sampleRate
                                  : (signal[i + 2] - 2 * signal[i + 1] + signal[i]) * sampleRate * sampleRate;
            values[i] = d;
            sum += d;
            sumAbs += Math.Abs(d);
            maxAbs = Math.Max(maxAbs, Math.Abs(d));
            sumSquares += d * d;
        }
        double mean = sum / count, variance = 0;
        foreach (double d in values) variance += (d - mean) * (d - mean);
        return new DerivativeSummary(mean, Math.Sqrt(variance / count), sumAbs / count, maxAbs, Math.Sqrt(sumSquares / count));
    }

    /// <summary>First- then second-derivative statistics as one feature vector of 10 values.</summary>
    public static double[] FeatureVector(ReadOnlySpan<double> signal, double sampleRate) =>
        [.. Compute(signal, sampleRate, 1).ToArray(), .. Compute(signal, sampleRate, 2).ToArray()];
}
