namespace AnomalyLab.Features.Signal;

/// <summary>
/// Integer-factor downsampling with a zero-phase FIR anti-alias filter, equal to
/// <c>scipy.signal.decimate(x, q, ftype='fir')</c> (scipy 1.10): a Hamming-windowed sinc of 20·q + 1 taps with cutoff
/// 1/q of Nyquist, centred, zero padding at the edges, every q-th output kept (⌈n/q⌉ samples).
/// </summary>
public static class FirDecimator
{
    /// <summary>The filter taps (scipy <c>firwin(20q + 1, 1/q, window='hamming')</c>, unit DC gain).</summary>
    public static double[] Taps(int factor)
    {
        if (factor < 2) throw new ArgumentOutOfRangeException(nameof(factor), factor, "decimation factor must be >= 2.");
        int length = 20 * factor + 1;
        double cutoff = 1.0 / factor, alpha = (length - 1) / 2.0, sum = 0;
        var taps = new double[length];
        for (int i = 0; i < length; i++)
        {
            double m = i - alpha;
            double sinc = m == 0 ? 1.0 : Math.Sin(Math.PI * cutoff * m) / (Math.PI * cutoff * m);
            double hamming = 0.54 - 0.46 * Math.Cos(2 * Math.PI * i / (length - 1));
            taps[i] = cutoff * sinc * hamming;
            sum += taps[i];
        }
        for (int i = 0; i < length; i++) taps[i] /= sum;
        return taps;
    }

    /// <summary>Downsamples <paramref name="signal"/> by <paramref name="factor"/>; output length ⌈n/q⌉.</summary>
    public static double[] Decimate(ReadOnlySpan<double> signal, int factor)
    {
        var taps = Taps(factor);
        int half = (taps.Length - 1) / 2, n = signal.Length;
        var output = new double[(n + factor - 1) / factor];
        for (int o = 0; o < output.Length; o++)
        {
            int centre = o * factor;
            double acc = 0;
            int kFrom = Math.Max(0, centre + half - (n - 1)), kTo = Math.Min(taps.Length - 1, centre + half);
            for (int k = kFrom; k <= kTo; k++) acc += taps[k] * signal[centre + half - k];
            output[o] = acc;
        }
        return output;
    }
}
