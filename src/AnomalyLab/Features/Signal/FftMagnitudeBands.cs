using System.Numerics;

namespace AnomalyLab.Features.Signal;

/// <summary>
/// Band summary of the magnitude spectrum: |rFFT(signal)| over bins 0..⌊n/2⌋ split into <c>bands</c> contiguous groups
/// of (almost) equal size, first groups one bin larger when the split is uneven (numpy <c>array_split</c>), each reduced to its mean.
/// </summary>
public static class FftMagnitudeBands
{
    /// <summary>Mean |X[k]| per band, <c>[bands]</c>, in signal units (unnormalised DFT).</summary>
    public static double[] Compute(ReadOnlySpan<double> signal, int bands)
    {
        var spectrum = new RealSpectrum(signal.Length);
        var output = new Complex[spectrum.Bins];
        spectrum.Forward(signal, output);
        var magnitude = new double[output.Length];
        for (int k = 0; k < output.Length; k++) magnitude[k] = output[k].Magnitude;
        return BandMeans(magnitude, bands);
    }

    /// <summary>Means of <paramref name="bands"/> contiguous groups of <paramref name="values"/> (numpy <c>array_split</c> grouping).</summary>
    public static double[] BandMeans(ReadOnlySpan<double> values, int bands)
    {
        if (bands < 1 || bands > values.Length)
            throw new ArgumentOutOfRangeException(nameof(bands), bands, $"band count must be in [1, {values.Length}] (spectrum bins).");
        var result = new double[bands];
        int baseSize = values.Length / bands, extra = values.Length % bands, start = 0;
        for (int b = 0; b < bands; b++)
        {
            int size = baseSize + (b < extra ? 1 : 0);
            double sum = 0;
            for (int i = start; i < start + size; i++) sum += values[i];
            result[b] = sum / size;
            start += size;
        }
        return result;
    }
}
