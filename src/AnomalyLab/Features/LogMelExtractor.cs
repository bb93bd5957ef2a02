using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AnomalyLab.Audio;

namespace AnomalyLab.Features;

/// <summary>
/// Log-mel spectrogram for one set of <see cref="LogMelOptions"/>: STFT → mel filterbank → dB, fused frame by frame
/// (window, real FFT, power, sparse mel sums, log) so that no <c>[bins, frames]</c> spectrogram is ever materialised.
/// Thread-safe: one extractor can serve parallel clips (each call uses its own few-kB working buffers).
/// </summary>
public sealed class LogMelExtractor
{
    private readonly RealFft _fft;
    private readonly double[] _window;
    private readonly double _dbOffset;

    /// <summary>Prepares the FFT tables, window and filterbank for <paramref name="options"/> (validated).</summary>
    /// <exception cref="ArgumentException">Inconsistent options, or an FFT size that is not a power of two.</exception>
    public LogMelExtractor(LogMelOptions options)
    {
        Options = options.Validate();
        Filterbank = MelFilterbank.Create(options);
        _fft = new RealFft(options.NFft);
        _window = Stft.HannWindow(options.NFft, options.EffectiveWinLength);
        _dbOffset = 10.0 * Math.Log10(Math.Max(options.Amin, options.Reference));
    }

    /// <summary>The settings in use.</summary>
    public LogMelOptions Options { get; }

    /// <summary>The mel filterbank in use.</summary>
    public MelFilterbank Filterbank { get; }

    /// <summary>
    /// Log-mel of mono samples at <see cref="LogMelOptions.SampleRate"/>, shape <c>[n_mels, frames]</c>, dB
    /// (frames = <see cref="LogMelOptions.FrameCount"/>). Equal, up to float64 rounding, to
    /// <see cref="Decibels.FromPower"/>(<see cref="MelFilterbank.Apply"/>(<see cref="Stft.PowerSpectrogram"/>(...))).
    /// </summary>
    /// <exception cref="ArgumentException">Reflect padding of a clip not longer than n_fft/2.</exception>
    public float[,] Extract(ReadOnlySpan<float> samples)
    {
        int frames = FrameCount(samples.Length);
        var result = new float[Options.NMels, frames];
        if (frames == 0) return result;
        ExtractInto(samples, MemoryMarshal.CreateSpan(ref Unsafe.As<byte, float>(ref MemoryMarshal.GetArrayDataReference(result)), result.Length), frames, 0, frames);
        return result;
    }

    /// <summary>Frames the log-mel of <paramref name="sampleCount"/> samples has (<see cref="Stft.FrameCount"/> with these options).</summary>
    public int FrameCount(int sampleCount) => Stft.FrameCount(sampleCount, Options.NFft, Options.HopLength, Options.Center);

    /// <summary>
    /// Log-mel of mono samples written straight into <paramref name="destination"/> (no <c>[n_mels, frames]</c> array):
    /// frames <c>firstFrame .. firstFrame + count − 1</c> of the clip's log-mel land at <c>destination[m · stride + t]</c>,
    /// <c>t</c> = 0..count−1, dB; cells at <c>t ≥ count</c> are left as they are. The values are those of
    /// <see cref="Extract"/> cropped to the window (top-dB clamping still uses the maximum over the whole clip).
    /// </summary>
    /// <param name="samples">Mono samples at <see cref="LogMelOptions.SampleRate"/>.</param>
    /// <param name="destination">Row-major <c>[n_mels, stride]</c> storage, e.g. one clip of a <c>FeatureBlock</c>.</param>
    /// <param name="stride">Floats per mel row of <paramref name="destination"/>, ≥ <paramref name="count"/>.</param>
    /// <param name="firstFrame">First frame of the clip to keep.</param>
    /// <param name="count">Frames to keep; firstFrame + count ≤ <see cref="FrameCount"/>(samples.Length).</param>
    /// <exception cref="ArgumentException">Reflect padding of a clip not longer than n_fft/2, or a window/destination that does not fit.</exception>
    public void ExtractInto(ReadOnlySpan<float> samples, Span<float> destination, int stride, int firstFrame, int count)
    {
        LogMelOptions o = Options;
        int pad = o.Center ? o.NFft / 2 : 0;
        if (o.Center) Stft.CheckPadding(samples.Length, pad, o.PadMode);
        int frames = FrameCount(samples.Length);
        int mels = o.NMels;
        if (firstFrame < 0 || count < 0 || firstFrame + count > frames || count > stride)
            throw new ArgumentException($"frames {firstFrame}..{firstFrame + count} into rows of {stride} asked for; the clip has {frames} frames.");
        if ((long)mels * stride > destination.Length)
            throw new ArgumentException($"destination of {destination.Length} floats cannot hold [{mels}, {stride}].");
        if (count == 0) return;

        var frame = new double[o.NFft];
        var spectrum = new double[_fft.Bins];
        var mel = new double[mels];
        RealFftScratch scratch = _fft.CreateScratch();
        bool clamp = o.DecibelFloor == DecibelFloor.Clamp;
        // Top-dB clamps against the maximum of the whole clip, so then every frame is computed; else only the kept ones.
        int from = o.TopDb is null ? firstFrame : 0, to = o.TopDb is null ? firstFrame + count : frames;
        double amin = o.Amin, max = double.NegativeInfinity;
        for (int t = from; t < to; t++)
        {
            Stft.FillFrame(samples, t * o.HopLength - pad, o.PadMode, frame);
            _fft.WindowedPower(frame, _window, o.Power, spectrum, scratch);
            Filterbank.ApplyFrame(spectrum, mel);
            bool kept = t >= firstFrame && t < firstFrame + count;
            for (int m = 0; m < mels; m++)
            {
                double x = mel[m];
                double value = 10.0 * Math.Log10(clamp ? Math.Max(x, amin) : x + amin) - _dbOffset;
                if (kept) destination[m * stride + t - firstFrame] = (float)value;
                if (value > max) max = value;
            }
        }
        if (o.TopDb is double range)
        {
            float threshold = (float)(max - range);
            for (int m = 0; m < mels; m++)
            {
                Span<float> row = destination.Slice(m * stride, count);
                for (int i = 0; i < row.Length; i++) if (row[i] < threshold) row[i] = threshold;
            }
        }
    }

    /// <summary>
    /// Reads a WAV file and writes the frames chosen by <paramref name="window"/> of its log-mel straight into
    /// <paramref name="destination"/> (see <see cref="ExtractInto"/>).
    /// </summary>
    /// <param name="path">WAV file.</param>
    /// <param name="channel">Channel to analyse or the down-mix; null = channel 0.</param>
    /// <param name="allowResample">Resample a file at another rate (see <see cref="ExtractFile(string, ChannelSelection?, bool)"/>).</param>
    /// <param name="destination">Row-major <c>[n_mels, stride]</c> storage.</param>
    /// <param name="stride">Floats per mel row.</param>
    /// <param name="window">Given the clip's frame count, the first frame to keep and how many.</param>
    /// <returns>The frames written.</returns>
    /// <exception cref="WavFormatException">Undecodable file, non-finite samples, or fewer samples than one frame needs.</exception>
    /// <exception cref="SampleRateMismatchException">Rate mismatch and <paramref name="allowResample"/> is false.</exception>
    public int ExtractFileInto(string path, ChannelSelection? channel, bool allowResample, Span<float> destination, int stride, Func<int, (int First, int Count)> window)
    {
        float[] samples = LoadSamples(path, channel, allowResample, out int length, out bool rented);
        try
        {
            (int first, int count) = window(FrameCount(length));
            ExtractInto(samples.AsSpan(0, length), destination, stride, first, count);
            return count;
        }
        finally
        {
            if (rented) System.Buffers.ArrayPool<float>.Shared.Return(samples);
        }
    }

    private float[] LoadSamples(string path, ChannelSelection? channel, bool allowResample, out int length, out bool rented)
    {
        float[] samples = AudioLoader.LoadMonoPooled(path, channel ?? ChannelSelection.First, Options.SampleRate, allowResample, out length, out rented);
        if (length < Options.MinimumSamples)
        {
            if (rented) System.Buffers.ArrayPool<float>.Shared.Return(samples);
            throw new WavFormatException(path, $"holds {length} samples at {Options.SampleRate} Hz; one log-mel frame needs at least {Options.MinimumSamples} (n_fft {Options.NFft}, {(Options.Center ? $"centred, {Options.PadMode.ToString().ToLowerInvariant()} padding" : "not centred")}).");
        }
        return samples;
    }

    /// <summary>Reads a WAV file and returns its log-mel, shape <c>[n_mels, frames]</c>.</summary>
    /// <param name="path">WAV file.</param>
    /// <param name="channel">Channel to analyse or the down-mix; default channel 0.</param>
    /// <exception cref="WavFormatException">Undecodable file.</exception>
    /// <exception cref="SampleRateMismatchException">The file's rate differs from <see cref="LogMelOptions.SampleRate"/> (no silent resampling).</exception>
    public float[,] ExtractFile(string path, ChannelSelection? channel = null) => ExtractFile(path, channel, allowResample: false);

    /// <summary>
    /// Reads a WAV file and returns its log-mel, shape <c>[n_mels, frames]</c>. With <paramref name="allowResample"/> a file
    /// at another rate is first resampled to <see cref="LogMelOptions.SampleRate"/> by <see cref="Resampler"/>
    /// (scipy resample_poly's filter); without it a rate mismatch is an error.
    /// </summary>
    /// <exception cref="WavFormatException">Undecodable file, non-finite samples, or fewer samples than one frame needs (<see cref="LogMelOptions.MinimumSamples"/>).</exception>
    /// <exception cref="SampleRateMismatchException">Rate mismatch and <paramref name="allowResample"/> is false.</exception>
    public float[,] ExtractFile(string path, ChannelSelection? channel, bool allowResample)
    {
        float[] samples = LoadSamples(path, channel, allowResample, out int length, out bool rented);
        try
        {
            return Extract(samples.AsSpan(0, length));
        }
        finally
        {
            if (rented) System.Buffers.ArrayPool<float>.Shared.Return(samples);
        }
    }
}
