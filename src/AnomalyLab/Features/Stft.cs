using System.Numerics;

namespace AnomalyLab.Features;

/// <summary>Short-time Fourier transform as torch.stft / librosa.stft compute it (pure functions).</summary>
public static class Stft
{
    /// <summary>
    /// Periodic Hann window of <paramref name="winLength"/> samples (torch.hann_window(periodic=True),
    /// scipy.signal.get_window("hann", N, fftbins=True)), zero-padded and centred to <paramref name="nFft"/> samples.
    /// </summary>
    /// <returns>Shape <c>[nFft]</c>.</returns>
    public static double[] HannWindow(int nFft, int winLength)
    {
        var window = new double[nFft];
        int left = (nFft - winLength) / 2;
        for (int i = 0; i < winLength; i++) window[left + i] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / winLength);
        return window;
    }

    /// <summary>Pads <paramref name="signal"/> by <paramref name="pad"/> samples each side (reflect without edge repeat, or zeros).</summary>
    /// <exception cref="ArgumentException">Reflect padding of a signal not longer than the pad (torch refuses it too).</exception>
    public static double[] PadCentered(ReadOnlySpan<float> signal, int pad, PadMode mode)
    {
        var padded = new double[signal.Length + 2 * pad];
        for (int i = 0; i < signal.Length; i++) padded[pad + i] = signal[i];
        if (mode == PadMode.Constant || pad == 0) return padded;
        if (signal.Length <= pad)
            throw new ArgumentException($"reflect padding of {pad} samples needs a signal longer than {pad} samples (got {signal.Length}); use constant padding or a longer clip.", nameof(signal));
        for (int i = 1; i <= pad; i++)
        {
            padded[pad - i] = signal[i];
            padded[pad + signal.Length - 1 + i] = signal[signal.Length - 1 - i];
        }
        return padded;
    }

    /// <summary>
    /// |STFT|^power of a real signal, shape <c>[n_fft/2 + 1, frames]</c>, frames = 1 + len/hop (centred) or 1 + (len − n_fft)/hop.
    /// </summary>
    /// <param name="signal">Mono samples.</param>
    /// <param name="nFft">FFT size, a power of two.</param>
    /// <param name="hopLength">Samples between frame starts.</param>
    /// <param name="winLength">Hann window length (≤ nFft).</param>
    /// <param name="power">1 = magnitude, 2 = power.</param>
    /// <param name="center">Pad nFft/2 on both sides first.</param>
    /// <param name="padMode">Padding when centred.</param>
    public static double[,] PowerSpectrogram(ReadOnlySpan<float> signal, int nFft, int hopLength, int winLength, double power, bool center, PadMode padMode)
    {
        double[] padded = center ? PadCentered(signal, nFft / 2, padMode) : PadCentered(signal, 0, PadMode.Constant);
        int frames = padded.Length < nFft ? 0 : 1 + (padded.Length - nFft) / hopLength;
        int bins = nFft / 2 + 1;
        var result = new double[bins, frames];
        var fft = new RealFft(nFft);
        double[] window = HannWindow(nFft, winLength);
        var frame = new double[nFft];
        var spectrum = new Complex[bins];
        Complex[] scratch = fft.CreateScratch();
        for (int t = 0; t < frames; t++)
        {
            int start = t * hopLength;
            for (int i = 0; i < nFft; i++) frame[i] = padded[start + i] * window[i];
            fft.Forward(frame, spectrum, scratch);
            for (int f = 0; f < bins; f++)
            {
                double magnitudeSquared = spectrum[f].Real * spectrum[f].Real + spectrum[f].Imaginary * spectrum[f].Imaginary;
                result[f, t] = power == 2.0 ? magnitudeSquared : power == 1.0 ? Math.Sqrt(magnitudeSquared) : Math.Pow(magnitudeSquared, power / 2);
            }
        }
        return result;
    }
}
