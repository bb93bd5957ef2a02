namespace AnomalyLab.Features;

/// <summary>Short-time Fourier transform as torch.stft / librosa.stft compute it (pure functions, float64).</summary>
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
        CheckPadding(signal.Length, pad, mode);
        var padded = new double[signal.Length + 2 * pad];
        for (int i = 0; i < padded.Length; i++) padded[i] = PaddedSample(signal, i - pad, mode);
        return padded;
    }

    /// <summary>Frames of a signal of <paramref name="samples"/> samples: 1 + len/hop when centred, 1 + (len − n_fft)/hop (0 if shorter) otherwise.</summary>
    public static int FrameCount(int samples, int nFft, int hopLength, bool center)
    {
        int length = center ? samples + 2 * (nFft / 2) : samples;
        return length < nFft ? 0 : 1 + (length - nFft) / hopLength;
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
        var fft = new RealFft(nFft);
        double[] window = HannWindow(nFft, winLength);
        int frames = FrameCount(signal.Length, nFft, hopLength, center);
        int bins = fft.Bins;
        var result = new double[bins, frames];
        var frame = new double[nFft];
        var spectrum = new double[bins];
        RealFftScratch scratch = fft.CreateScratch();
        int pad = center ? nFft / 2 : 0;
        if (center) CheckPadding(signal.Length, pad, padMode);
        for (int t = 0; t < frames; t++)
        {
            FillFrame(signal, t * hopLength - pad, padMode, frame);
            fft.WindowedPower(frame, window, power, spectrum, scratch);
            for (int f = 0; f < bins; f++) result[f, t] = spectrum[f];
        }
        return result;
    }

    /// <summary>
    /// Copies <c>frame.Length</c> samples starting at signal index <paramref name="start"/> (may be negative or run past
    /// the end) into <paramref name="frame"/>, reading outside samples as the centred padding would give them.
    /// </summary>
    internal static void FillFrame(ReadOnlySpan<float> signal, int start, PadMode mode, Span<double> frame)
    {
        if (start >= 0 && start + frame.Length <= signal.Length)
        {
            ReadOnlySpan<float> source = signal.Slice(start, frame.Length);
            for (int i = 0; i < frame.Length; i++) frame[i] = source[i];
            return;
        }
        for (int i = 0; i < frame.Length; i++) frame[i] = PaddedSample(signal, start + i, mode);
    }

    /// <exception cref="ArgumentException">Reflect padding needs more samples than the pad.</exception>
    internal static void CheckPadding(int length, int pad, PadMode mode)
    {
        if (mode == PadMode.Reflect && pad > 0 && length <= pad)
            throw new ArgumentException($"reflect padding of {pad} samples needs a signal longer than {pad} samples (got {length}); use constant padding or a longer clip.", "signal");
    }

    private static double PaddedSample(ReadOnlySpan<float> signal, int index, PadMode mode)
    {
        if (index >= 0 && index < signal.Length) return signal[index];
        if (mode == PadMode.Constant) return 0;
        // numpy/torch "reflect": mirror about the edge sample without repeating it (valid while the pad < length).
        int reflected = index < 0 ? -index : 2 * (signal.Length - 1) - index;
        return signal[reflected];
    }
}
