using System.Globalization;

namespace AnomalyLab.Features;

/// <summary>
/// A mel-bin axis read in Hz, like librosa's <c>specshow(y_axis='mel')</c>: bins stay evenly spaced (the axis is mel-spaced)
/// and the tick labels say Hz. Bin b is the filter centred at mel point b + 1 of the n_mels + 2 points spaced evenly between
/// mel(f_min) and mel(f_max) (torchaudio's and librosa's filterbank construction).
/// </summary>
/// <param name="NMels">Mel bins.</param>
/// <param name="FMin">Lowest filter edge, Hz.</param>
/// <param name="FMax">Highest filter edge, Hz.</param>
/// <param name="Scale">HTK or Slaney mel formula.</param>
public sealed record MelAxis(int NMels, double FMin, double FMax, MelScale Scale)
{
    /// <summary>Axis title used for mel-spaced Hz axes.</summary>
    public const string Title = "frequency (Hz, mel-spaced)";

    private static readonly double[] Candidates =
        [50, 100, 200, 500, 1000, 2000, 4000, 6000, 8000, 12000, 16000, 20000];

    /// <summary>The axis of log-mel features made with <paramref name="options"/>.</summary>
    public static MelAxis From(LogMelOptions options) => new(options.NMels, options.FMin, options.EffectiveFMax, options.MelScale);

    private double MelLow => MelFilterbank.HzToMel(FMin, Scale);

    private double MelStep => (MelFilterbank.HzToMel(FMax, Scale) - MelLow) / (NMels + 1);

    /// <summary>Centre frequency of (fractional) bin <paramref name="bin"/>, Hz.</summary>
    public double HzAt(double bin) => MelFilterbank.MelToHz(MelLow + (bin + 1) * MelStep, Scale);

    /// <summary>The (fractional) bin whose centre is <paramref name="hz"/>.</summary>
    public double BinAt(double hz) => (MelFilterbank.HzToMel(hz, Scale) - MelLow) / MelStep - 1;

    /// <summary>
    /// Tick positions (bins) and labels ("500 Hz", "2 kHz") of round frequencies inside the axis, at least
    /// n_mels / <paramref name="maxTicks"/> bins apart so labels never overlap.
    /// </summary>
    public (double[] Bins, string[] Labels) Ticks(int maxTicks = 10)
    {
        double minimumGap = (NMels - 1) / (double)maxTicks;
        var bins = new List<double>();
        var labels = new List<string>();
        foreach (double hz in Candidates)
        {
            double bin = BinAt(hz);
            if (bin < -0.5 || bin > NMels - 0.5) continue;
            if (bins.Count > 0 && bin - bins[^1] < minimumGap) continue;
            bins.Add(Math.Round(bin, 3));
            labels.Add(FormatHz(hz));
        }
        return (bins.ToArray(), labels.ToArray());
    }

    /// <summary>"mel 95 (2.3 kHz)": a bin with its centre frequency, for tables and titles.</summary>
    public string Describe(int bin) => $"mel {bin} ({FormatHz(HzAt(bin))})";

    /// <summary>"72–108 (1.2 kHz – 3.1 kHz)": a bin range with its centre frequencies.</summary>
    public string DescribeRange(int low, int high) => $"{low}–{high} ({FormatHz(HzAt(low))} – {FormatHz(HzAt(high))})";

    /// <summary>Hz as people write it: "80 Hz", "950 Hz", "1.2 kHz", "12 kHz" (two significant digits above 1 kHz).</summary>
    public static string FormatHz(double hz) => hz >= 1000
        ? (hz / 1000).ToString(hz >= 10000 ? "0" : "0.#", CultureInfo.InvariantCulture) + " kHz"
        : Math.Round(hz).ToString(CultureInfo.InvariantCulture) + " Hz";

    /// <summary>"2.75 s (frame 86)": a frame with its time, given the hop in seconds.</summary>
    public static string DescribeFrame(int frame, double frameSeconds) =>
        $"{(frame * frameSeconds).ToString("0.00", CultureInfo.InvariantCulture)} s (frame {frame})";
}
