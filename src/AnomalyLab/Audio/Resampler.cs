namespace AnomalyLab.Audio;

/// <summary>
/// Band-limited rational resampling, the algorithm of <c>scipy.signal.resample_poly(x, up, down)</c> with its defaults
/// (window <c>('kaiser', 5.0)</c>, <c>padtype='constant'</c>): a linear-phase low-pass FIR
/// <c>h = up · firwin(2·half + 1, 1 / max(up, down), window=('kaiser', β))</c> with half = 10 · max(up, down), applied
/// polyphase to the zero-stuffed signal with zero-phase alignment; output length ceil(n · up / down).
/// Pure functions; computed in float64.
/// </summary>
/// <remarks>
/// Output sample i is y[i] = Σ_n x[n] · h[i·down + half − n·up] (taps outside the filter are zero), which is what
/// scipy's upfirdn followed by its pre-/post-removal of the padded filter delay yields.
/// </remarks>
public static class Resampler
{
    /// <summary>Kaiser window β of scipy's default <c>('kaiser', 5.0)</c>.</summary>
    public const double DefaultKaiserBeta = 5.0;

    /// <summary>Filter half-length in units of max(up, down), scipy's choice ("reasonable cutoff for sinc-like function").</summary>
    public const int HalfLengthPerFactor = 10;

    /// <summary>The reduced factor (up, down) = (target, source) / gcd(target, source).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate is not positive.</exception>
    public static (int Up, int Down) RationalFactor(int sourceRate, int targetRate)
    {
        if (sourceRate <= 0) throw new ArgumentOutOfRangeException(nameof(sourceRate), $"source sample rate must be positive (got {sourceRate}).");
        if (targetRate <= 0) throw new ArgumentOutOfRangeException(nameof(targetRate), $"target sample rate must be positive (got {targetRate}).");
        int g = Gcd(sourceRate, targetRate);
        return (targetRate / g, sourceRate / g);
    }

    /// <summary>Output length of resampling <paramref name="inputLength"/> samples by up/down: ceil(n · up / down).</summary>
    public static int OutputLength(int inputLength, int up, int down)
    {
        long product = (long)inputLength * up;
        long length = product / down + (product % down == 0 ? 0 : 1);
        if (length > int.MaxValue) throw new ArgumentException($"{inputLength} samples × {up}/{down} is more than one array can hold.");
        return (int)length;
    }

    /// <summary>Resamples mono <paramref name="signal"/> from <paramref name="sourceRate"/> to <paramref name="targetRate"/> Hz.</summary>
    /// <returns>Shape <c>[ceil(n · target / source)]</c> (factor reduced by the gcd first); a copy when the rates are equal.</returns>
    public static float[] Resample(ReadOnlySpan<float> signal, int sourceRate, int targetRate, double kaiserBeta = DefaultKaiserBeta)
    {
        (int up, int down) = RationalFactor(sourceRate, targetRate);
        return ResamplePoly(signal, up, down, kaiserBeta);
    }

    /// <summary>
    /// <c>scipy.signal.resample_poly(signal, up, down, window=('kaiser', kaiserBeta))</c> for a 1-D signal.
    /// The factor is reduced by its gcd first, as scipy does.
    /// </summary>
    /// <returns>Shape <c>[ceil(n · up / down)]</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A factor below 1.</exception>
    public static float[] ResamplePoly(ReadOnlySpan<float> signal, int up, int down, double kaiserBeta = DefaultKaiserBeta)
    {
        if (up < 1) throw new ArgumentOutOfRangeException(nameof(up), $"up must be at least 1 (got {up}).");
        if (down < 1) throw new ArgumentOutOfRangeException(nameof(down), $"down must be at least 1 (got {down}).");
        int g = Gcd(up, down);
        up /= g;
        down /= g;
        if (up == 1 && down == 1) return signal.ToArray();
        int half = HalfLengthPerFactor * Math.Max(up, down);
        double[] h = DesignFilter(up, down, kaiserBeta);
        int n = signal.Length;
        var output = new float[OutputLength(n, up, down)];
        for (int i = 0; i < output.Length; i++)
        {
            // Taps k = i·down + half − j·up must lie in [0, h.Length): j from ceil((c − L + 1)/up) to floor(c/up).
            long centre = (long)i * down + half;
            long first = FloorDiv(centre - h.Length + 1 + up - 1, up);
            long last = FloorDiv(centre, up);
            if (first < 0) first = 0;
            if (last > n - 1) last = n - 1;
            double sum = 0;
            for (long j = first; j <= last; j++) sum += signal[(int)j] * h[centre - j * up];
            output[i] = (float)sum;
        }
        return output;
    }

    /// <summary>
    /// The anti-aliasing filter scipy builds for up/down (already reduced):
    /// <c>up · firwin(2·half + 1, 1/max(up, down), window=('kaiser', β))</c>, half = 10 · max(up, down).
    /// </summary>
    /// <returns>Shape <c>[2·half + 1]</c>, symmetric.</returns>
    public static double[] DesignFilter(int up, int down, double kaiserBeta = DefaultKaiserBeta)
    {
        int maxRate = Math.Max(up, down);
        int half = HalfLengthPerFactor * maxRate;
        double[] h = FirwinLowPass(2 * half + 1, 1.0 / maxRate, kaiserBeta);
        for (int i = 0; i < h.Length; i++) h[i] *= up;
        return h;
    }

    /// <summary>
    /// <c>scipy.signal.firwin(numtaps, cutoff, window=('kaiser', β))</c>: windowed sinc low-pass with unit DC gain.
    /// <paramref name="cutoff"/> is relative to Nyquist (0 &lt; cutoff &lt; 1).
    /// </summary>
    /// <returns>Shape <c>[numTaps]</c>.</returns>
    public static double[] FirwinLowPass(int numTaps, double cutoff, double kaiserBeta)
    {
        if (numTaps < 1) throw new ArgumentOutOfRangeException(nameof(numTaps), $"need at least one tap (got {numTaps}).");
        if (!(cutoff > 0 && cutoff < 1)) throw new ArgumentOutOfRangeException(nameof(cutoff), $"cutoff must be in (0, 1) relative to Nyquist (got {cutoff}).");
        double alpha = 0.5 * (numTaps - 1);
        double[] window = KaiserWindow(numTaps, kaiserBeta);
        var h = new double[numTaps];
        double sum = 0;
        for (int i = 0; i < numTaps; i++)
        {
            double m = i - alpha;
            h[i] = cutoff * Sinc(cutoff * m) * window[i];
            sum += h[i];
        }
        for (int i = 0; i < numTaps; i++) h[i] /= sum;
        return h;
    }

    /// <summary>Symmetric Kaiser window (<c>scipy.signal.windows.kaiser(M, β, sym=True)</c>): I0(β·√(1 − ((n − α)/α)²)) / I0(β).</summary>
    /// <returns>Shape <c>[length]</c>.</returns>
    public static double[] KaiserWindow(int length, double beta)
    {
        var w = new double[length];
        if (length == 1)
        {
            w[0] = 1;
            return w;
        }
        double alpha = (length - 1) / 2.0;
        double denominator = BesselI0(beta);
        for (int n = 0; n < length; n++)
        {
            double r = (n - alpha) / alpha;
            w[n] = BesselI0(beta * Math.Sqrt(Math.Max(0, 1 - r * r))) / denominator;
        }
        return w;
    }

    /// <summary>Modified Bessel function of the first kind, order 0, by its power series (converges for all real x; exact to ~1e-16 for |x| ≤ 50).</summary>
    public static double BesselI0(double x)
    {
        double quarterSquare = x * x / 4, term = 1, sum = 1;
        for (int k = 1; k < 500; k++)
        {
            term *= quarterSquare / ((double)k * k);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        return sum;
    }

    private static double Sinc(double x) => x == 0 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static int Gcd(int a, int b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}
