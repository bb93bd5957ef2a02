using System.Numerics;

namespace AnomalyLab.Features.Signal;

/// <summary>
/// Power spectra of a real signal, matching <c>scipy.signal.welch</c>, <c>periodogram</c> and <c>spectrogram(mode='psd')</c>
/// (scipy 1.10) to floating-point rounding. Pure static functions.
/// </summary>
public static class SpectralDensity
{
    /// <summary>Welch's averaged modified periodogram of <paramref name="signal"/> sampled at <paramref name="sampleRate"/> Hz.</summary>
    /// <returns><c>[nperseg/2 + 1]</c> frequencies and powers. A signal shorter than nperseg uses one segment of the signal's length (as scipy, which warns).</returns>
    public static PowerSpectrum Welch(ReadOnlySpan<double> signal, double sampleRate, SpectralDensityOptions? options = null)
    {
        options ??= SpectralDensityOptions.ScipyWelch;
        if (signal.Length < options.SegmentLength)
            options = options with { SegmentLength = signal.Length, Overlap = options.Overlap is null ? null : Math.Min(options.EffectiveOverlap, Math.Max(0, signal.Length - 1)) };
        var frames = Spectrogram(signal, sampleRate, options);
        return new PowerSpectrum(frames.Frequencies, frames.MeanOverTime());
    }

    /// <summary>Periodogram: one boxcar-windowed segment covering the whole signal, constant detrend (scipy defaults).</summary>
    public static PowerSpectrum Periodogram(ReadOnlySpan<double> signal, double sampleRate, SpectralScaling scaling = SpectralScaling.Density) =>
        Welch(signal, sampleRate, new SpectralDensityOptions(signal.Length, 0, SegmentWindow.Boxcar, DetrendConstant: true, scaling));

    /// <summary>
    /// Short-time power spectra (scipy <c>spectrogram(..., mode='psd')</c> with the same options; note scipy's
    /// spectrogram defaults differ: Tukey window, nperseg/8 overlap — pass options explicitly).
    /// </summary>
    /// <returns>Power <c>[nperseg/2 + 1, segments]</c>, frequencies in Hz and segment centre times in s.</returns>
    public static PowerSpectrogram Spectrogram(ReadOnlySpan<double> signal, double sampleRate, SpectralDensityOptions options)
    {
        options.Validate();
        if (sampleRate <= 0) throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "sample rate must be positive (Hz).");
        int n = options.SegmentLength, step = n - options.EffectiveOverlap;
        if (signal.Length < n) throw new ArgumentException($"signal has {signal.Length} samples, fewer than one segment ({n}).", nameof(signal));
        int segments = (signal.Length - options.EffectiveOverlap) / step;
        var window = options.CreateWindow();
        double windowSum = 0, windowSquares = 0;
        foreach (double w in window) { windowSum += w; windowSquares += w * w; }
        double scale = options.Scaling == SpectralScaling.Density ? 1.0 / (sampleRate * windowSquares) : 1.0 / (windowSum * windowSum);
        var spectrum = new RealSpectrum(n);
        int bins = spectrum.Bins;
        var power = new double[bins, segments];
        var frame = new double[n];
        var output = new Complex[bins];
        var times = new double[segments];
        for (int s = 0; s < segments; s++)
        {
            var segment = signal.Slice(s * step, n);
            double mean = 0;
            if (options.DetrendConstant)
            {
                foreach (double v in segment) mean += v;
                mean /= n;
            }
            for (int i = 0; i < n; i++) frame[i] = (segment[i] - mean) * window[i];
            spectrum.Forward(frame, output);
            for (int k = 0; k < bins; k++)
            {
                bool unpaired = k == 0 || (n % 2 == 0 && k == n / 2);
                power[k, s] = output[k].Real * output[k].Real + output[k].Imaginary * output[k].Imaginary;
                power[k, s] *= unpaired ? scale : 2 * scale;
            }
            times[s] = (s * step + n / 2.0) / sampleRate;
        }
        var frequencies = new double[bins];
        for (int k = 0; k < bins; k++) frequencies[k] = k * sampleRate / n;
        return new PowerSpectrogram(frequencies, times, power);
    }
}
