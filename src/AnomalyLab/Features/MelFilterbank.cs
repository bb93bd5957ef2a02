namespace AnomalyLab.Features;

/// <summary>
/// Triangular mel filterbank, the formula shared by torchaudio.functional.melscale_fbanks and librosa.filters.mel:
/// n_mels + 2 points equally spaced on the mel scale between f_min and f_max, triangles over the linear FFT bin
/// frequencies linspace(0, sr/2, n_fft/2 + 1), optionally area-normalised (Slaney).
/// </summary>
public sealed class MelFilterbank
{
    private readonly double[][] _bands; // filter m's non-zero weights, bins FirstBin[m]..LastBin[m]

    private MelFilterbank(double[,] weights, int[] firstBin, int[] lastBin, int[] emptyFilters)
    {
        Weights = weights;
        FirstBin = firstBin;
        LastBin = lastBin;
        EmptyFilters = emptyFilters;
        _bands = new double[firstBin.Length][];
        for (int m = 0; m < firstBin.Length; m++)
        {
            int count = lastBin[m] < 0 ? 0 : lastBin[m] - firstBin[m] + 1;
            _bands[m] = new double[count];
            for (int j = 0; j < count; j++) _bands[m][j] = weights[m, firstBin[m] + j];
        }
    }

    /// <summary>Filter weights, shape <c>[n_mels, n_fft/2 + 1]</c>.</summary>
    public double[,] Weights { get; }

    /// <summary>First non-zero FFT bin of each filter (inclusive), shape <c>[n_mels]</c>.</summary>
    public int[] FirstBin { get; }

    /// <summary>Last non-zero FFT bin of each filter (inclusive; −1 for an empty filter), shape <c>[n_mels]</c>.</summary>
    public int[] LastBin { get; }

    /// <summary>Indices of filters that are zero everywhere (too many mels for the FFT size).</summary>
    public int[] EmptyFilters { get; }

    /// <summary>Number of filters.</summary>
    public int MelCount => Weights.GetLength(0);

    /// <summary>Hz → mel on the given scale.</summary>
    public static double HzToMel(double hz, MelScale scale)
    {
        if (scale == MelScale.Htk) return 2595.0 * Math.Log10(1.0 + hz / 700.0);
        const double fSp = 200.0 / 3.0, minLogHz = 1000.0, minLogMel = minLogHz / fSp;
        double logStep = Math.Log(6.4) / 27.0;
        return hz >= minLogHz ? minLogMel + Math.Log(hz / minLogHz) / logStep : hz / fSp;
    }

    /// <summary>Mel → Hz on the given scale.</summary>
    public static double MelToHz(double mel, MelScale scale)
    {
        if (scale == MelScale.Htk) return 700.0 * (Math.Pow(10.0, mel / 2595.0) - 1.0);
        const double fSp = 200.0 / 3.0, minLogHz = 1000.0, minLogMel = minLogHz / fSp;
        double logStep = Math.Log(6.4) / 27.0;
        return mel >= minLogMel ? minLogHz * Math.Exp(logStep * (mel - minLogMel)) : fSp * mel;
    }

    /// <summary>Builds the filterbank for <paramref name="options"/>; warns on stderr (once per configuration) if some filters are empty.</summary>
    public static MelFilterbank Create(LogMelOptions options) =>
        Create(options.SampleRate, options.NFft, options.NMels, options.FMin, options.EffectiveFMax, options.MelScale, options.MelNorm);

    /// <summary>
    /// Builds a filterbank. When some filters are all zero (too many mels for the FFT size: their triangles fall between
    /// two FFT bins) a warning naming the filter indices goes to standard error, once per distinct configuration per process.
    /// </summary>
    /// <param name="sampleRate">Hz.</param>
    /// <param name="nFft">FFT size; the bank covers n_fft/2 + 1 bins.</param>
    /// <param name="nMels">Number of filters.</param>
    /// <param name="fMin">Lowest edge, Hz.</param>
    /// <param name="fMax">Highest edge, Hz.</param>
    /// <param name="scale">Mel formula.</param>
    /// <param name="norm">Filter normalisation.</param>
    public static MelFilterbank Create(int sampleRate, int nFft, int nMels, double fMin, double fMax, MelScale scale, MelNorm norm) =>
        Create(sampleRate, nFft, nMels, fMin, fMax, scale, norm, EmptyFilterWarnings.StandardError);

    /// <summary>Builds a filterbank, reporting empty filters to <paramref name="warnings"/>.</summary>
    /// <param name="sampleRate">Hz.</param>
    /// <param name="nFft">FFT size; the bank covers n_fft/2 + 1 bins.</param>
    /// <param name="nMels">Number of filters.</param>
    /// <param name="fMin">Lowest edge, Hz.</param>
    /// <param name="fMax">Highest edge, Hz.</param>
    /// <param name="scale">Mel formula.</param>
    /// <param name="norm">Filter normalisation.</param>
    /// <param name="warnings">Sink for the empty-filter warning.</param>
    internal static MelFilterbank Create(int sampleRate, int nFft, int nMels, double fMin, double fMax, MelScale scale, MelNorm norm, EmptyFilterWarnings warnings)
    {
        int bins = nFft / 2 + 1;
        var binHz = new double[bins];
        for (int k = 0; k < bins; k++) binHz[k] = bins == 1 ? 0 : (double)k * (sampleRate / 2.0) / (bins - 1);
        double melMin = HzToMel(fMin, scale), melMax = HzToMel(fMax, scale);
        var points = new double[nMels + 2];
        for (int i = 0; i < points.Length; i++) points[i] = MelToHz(melMin + (melMax - melMin) * i / (nMels + 1), scale);
        var weights = new double[nMels, bins];
        var first = new int[nMels];
        var last = new int[nMels];
        var empty = new List<int>();
        for (int m = 0; m < nMels; m++)
        {
            double left = points[m], centre = points[m + 1], right = points[m + 2];
            double scaleFactor = norm == MelNorm.Slaney ? 2.0 / (right - left) : 1.0;
            first[m] = -1;
            last[m] = -1;
            for (int k = 0; k < bins; k++)
            {
                double down = (binHz[k] - left) / (centre - left);
                double up = (right - binHz[k]) / (right - centre);
                double w = Math.Max(0.0, Math.Min(down, up));
                if (w <= 0) continue;
                weights[m, k] = w * scaleFactor;
                if (first[m] < 0) first[m] = k;
                last[m] = k;
            }
            if (first[m] < 0)
            {
                first[m] = 0;
                empty.Add(m);
            }
        }
        if (empty.Count > 0)
            warnings.Warn((sampleRate, nFft, nMels, fMin, fMax, scale, norm),
                $"warning: mel filterbank has {empty.Count} all-zero filter(s) (indices {string.Join(", ", empty)}): too many mels ({nMels}) for n_fft {nFft} at {sampleRate} Hz " +
                $"({fMin}-{fMax} Hz, {scale} scale); those bands will hold only the dB floor.");
        return new MelFilterbank(weights, first, last, empty.ToArray());
    }

    /// <summary>Applies the bank: mel[m, t] = Σ_k W[m, k] · spec[k, t]. Input <c>[bins, frames]</c>, output <c>[n_mels, frames]</c>.</summary>
    public double[,] Apply(double[,] spectrogram)
    {
        int frames = spectrogram.GetLength(1);
        var mel = new double[MelCount, frames];
        for (int m = 0; m < MelCount; m++)
        {
            for (int k = FirstBin[m]; k <= LastBin[m]; k++)
            {
                double w = Weights[m, k];
                for (int t = 0; t < frames; t++) mel[m, t] += w * spectrogram[k, t];
            }
        }
        return mel;
    }

    /// <summary>
    /// Applies the bank to one frame: <paramref name="mel"/>[m] = Σ_k W[m, k] · <paramref name="spectrum"/>[k], visiting only
    /// each filter's non-zero bins. Input <c>[n_fft/2 + 1]</c>, output <c>[n_mels]</c>.
    /// </summary>
    public void ApplyFrame(ReadOnlySpan<double> spectrum, Span<double> mel)
    {
        for (int m = 0; m < _bands.Length; m++)
        {
            double[] band = _bands[m];
            ReadOnlySpan<double> bins = spectrum.Slice(FirstBin[m], band.Length);
            double sum = 0;
            for (int j = 0; j < band.Length; j++) sum += band[j] * bins[j];
            mel[m] = sum;
        }
    }
}

/// <summary>Where <see cref="MelFilterbank"/> reports all-zero filters, each configuration at most once.</summary>
internal sealed class EmptyFilterWarnings(TextWriter? writer)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<object, bool> _warned = new();

    /// <summary>The process-wide sink: standard error (resolved at each warning, so redirected stderr is honoured).</summary>
    public static EmptyFilterWarnings StandardError { get; } = new(null);

    /// <summary>Writes <paramref name="message"/> unless a warning for <paramref name="configuration"/> was already written.</summary>
    public void Warn(object configuration, string message)
    {
        if (_warned.TryAdd(configuration, true)) (writer ?? Console.Error).WriteLine(message);
    }
}
