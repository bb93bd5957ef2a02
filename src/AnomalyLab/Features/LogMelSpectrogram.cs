namespace AnomalyLab.Features;

/// <summary>
/// A log-mel spectrogram with what is needed to show it: the values <c>[n_mels, frames]</c> in dB, the options that
/// made it (for the time axis: frame t is centred at t·HopLength / SampleRate s) and where it came from.
/// In a notebook it displays as a heatmap (mel bin × time in s).
/// </summary>
/// <param name="Values">Log-mel, shape <c>[n_mels, frames]</c>, dB.</param>
/// <param name="Options">The options used to compute <paramref name="Values"/>.</param>
/// <param name="Source">A name for titles: the file name, or a description of synthetic data.</param>
public sealed record LogMelSpectrogram(float[,] Values, LogMelOptions Options, string Source)
{
    /// <summary>Number of mel bands (rows).</summary>
    public int MelBands => Values.GetLength(0);

    /// <summary>Number of frames (columns).</summary>
    public int Frames => Values.GetLength(1);

    /// <summary>Seconds between frames: HopLength / SampleRate.</summary>
    public double FrameSeconds => (double)Options.HopLength / Options.SampleRate;

    /// <summary>Centre time of each frame in seconds, length <see cref="Frames"/>.</summary>
    public double[] FrameTimes() => Enumerable.Range(0, Frames).Select(t => t * FrameSeconds).ToArray();

    /// <summary>Mean over frames of each mel band, dB, length <see cref="MelBands"/>.</summary>
    public double[] BandMeans()
    {
        var means = new double[MelBands];
        for (int m = 0; m < MelBands; m++)
        {
            double sum = 0;
            for (int t = 0; t < Frames; t++) sum += Values[m, t];
            means[m] = Frames == 0 ? double.NaN : sum / Frames;
        }
        return means;
    }

    /// <summary>Extracts the log-mel of mono <paramref name="samples"/> with <paramref name="options"/>.</summary>
    public static LogMelSpectrogram FromSamples(ReadOnlySpan<float> samples, LogMelOptions options, string source) =>
        new(new LogMelExtractor(options).Extract(samples), options, source);

    /// <summary>Reads a WAV file (first channel) and extracts its log-mel with <paramref name="options"/>.</summary>
    public static LogMelSpectrogram FromFile(string path, LogMelOptions options) =>
        new(new LogMelExtractor(options).ExtractFile(path), options, Path.GetFileName(path));

    /// <summary>
    /// Element-wise <c>this − other</c>, dB, for two spectrograms of the same shape (e.g. two presets on one clip).
    /// </summary>
    /// <exception cref="ArgumentException">The shapes differ; the message gives both.</exception>
    public float[,] Minus(LogMelSpectrogram other)
    {
        if (MelBands != other.MelBands || Frames != other.Frames)
            throw new ArgumentException($"Cannot subtract spectrograms of different shapes: {Source} is [{MelBands}, {Frames}], {other.Source} is [{other.MelBands}, {other.Frames}].");
        var difference = new float[MelBands, Frames];
        for (int m = 0; m < MelBands; m++)
        for (int t = 0; t < Frames; t++)
            difference[m, t] = Values[m, t] - other.Values[m, t];
        return difference;
    }
}
