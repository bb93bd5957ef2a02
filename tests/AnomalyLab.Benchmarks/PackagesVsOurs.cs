using System.Diagnostics;
using System.Globalization;
using System.Text;
using AnomalyLab.Audio;
using AnomalyLab.Features;
using AnomalyLab.Features.Signal;
using NAudio.Wave;
using NAudio.Wave.SampleProviders;
using NWaves.Filters.Fda;
using NWaves.Signals;
using NWaves.Windows;

namespace AnomalyLab.Benchmarks;

/// <summary>
/// Issue 18's measurement: for each hand-written DSP part (WAV decoding, STFT, mel filterbank, dB, resampling, Welch,
/// periodogram) our code and the served packages (NWaves 0.9.6, NAudio.Core 3.3.0) on the same real clips, as the largest
/// difference to torchaudio / scipy (made by <c>reference/packages_reference.py</c>) and the time per clip (single thread,
/// median of the repeats after one warm-up). Prints the markdown table of docs/packages.md.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project tests/AnomalyLab.Benchmarks -- packages-vs-ours [ref_dir] [repeats]</c> (ref_dir default
/// /tmp/anomalylab-packages-ref). Differences are max |ours − reference| / max |reference| (relative to the array's peak),
/// except dB (max |Δ| in dB over cells the reference puts above its floor) and the filterbank (max |Δ weight|).
/// </remarks>
internal static class PackagesVsOurs
{
    private sealed record Row(string Part, string Implementation, double Difference, string DifferenceUnit, double MillisecondsPerClip, string Note);

    public static int Run(string[] args)
    {
        string folder = args.Length > 0 ? args[0] : "/tmp/anomalylab-packages-ref";
        int repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        string[] clips = File.ReadAllLines(Path.Combine(folder, "clips.txt")).Where(l => l.Length > 0).ToArray();
        var rows = new List<Row>();
        double[] Ref(int i, string what) => ReadF8(Path.Combine(folder, $"{i}_{what}.npy"), out _);
        double[] Ref2(int i, string what, out int[] shape) => ReadF8(Path.Combine(folder, $"{i}_{what}.npy"), out shape);
        float[][] channel0 = clips.Select(c => WavReader.Read(c).Channel(0)).ToArray();
        // Inputs read before timing: the timed code is the transform alone.
        int[][] stftShapes = clips.Select((_, i) => { Ref2(i, "stft", out int[] s); return s; }).ToArray();
        double[][] melFlat = clips.Select((_, i) => Ref(i, "mel")).ToArray();
        double[][,] melPower = clips.Select((_, i) =>
        {
            var power = new double[128, stftShapes[i][1]];
            Buffer.BlockCopy(melFlat[i], 0, power, 0, melFlat[i].Length * sizeof(double));
            return power;
        }).ToArray();

        // WAV decoding (channel 0 compared; all channels decoded).
        rows.Add(Measure("WAV decoding (16-bit PCM, 1 and 8 channels)", "ours: WavReader.Read", clips, repeats, i => WavReader.Read(clips[i]).Channel(0), i => Ref(i, "wav"), refChannels: true));
        rows.Add(Measure("WAV decoding (16-bit PCM, 1 and 8 channels)", "NAudio WaveFileReader + ToSampleProvider", clips, repeats, i => NAudioChannel0(clips[i]), i => Ref(i, "wav"), refChannels: true));
        rows.Add(Measure("WAV decoding (16-bit PCM, 1 and 8 channels)", "NWaves WaveFile", clips, repeats, i =>
        {
            using FileStream stream = File.OpenRead(clips[i]);
            return new NWaves.Audio.WaveFile(stream).Signals[0].Samples;
        }, i => Ref(i, "wav"), refChannels: true));

        // STFT power, n_fft 1024, hop 512, Hann, centred with reflect padding (torch.stft).
        rows.Add(Measure("STFT power (n_fft 1024, hop 512, Hann, center)", "ours: Stft.PowerSpectrogram", clips, repeats,
            i => Flatten(Stft.PowerSpectrogram(channel0[i], 1024, 512, 1024, 2.0, true, PadMode.Reflect)), i => Ref(i, "stft")));
        rows.Add(Measure("STFT power (n_fft 1024, hop 512, Hann, center)", "NWaves Stft.Spectrogram (reflect-padded input)", clips, repeats, i =>
        {
            float[] padded = ReflectPad(channel0[i], 512);
            List<float[]> frames = new NWaves.Transforms.Stft(1024, 512, WindowType.Hann, 1024).Spectrogram(padded, false);
            int[] shape = stftShapes[i];
            var flat = new double[shape[0] * shape[1]];
            for (int t = 0; t < Math.Min(frames.Count, shape[1]); t++)
                for (int k = 0; k < shape[0]; k++) flat[k * shape[1] + t] = frames[t][k];
            return flat;
        }, i => Ref(i, "stft"), note: "NWaves' Hann is symmetric (torch's periodic) and its last frame differs"));

        // Mel filterbank (HTK scale, no norm, 128 mels, 0-8000 Hz, n_fft 1024 at 16 kHz).
        double[] fbank = ReadF8(Path.Combine(folder, "fbank.npy"), out int[] fbShape); // [513, 128]
        double OursBank()
        {
            double[,] w = MelFilterbank.Create(16000, 1024, 128, 0, 8000, MelScale.Htk, MelNorm.None).Weights; // [128, 513]
            double worst = 0;
            for (int m = 0; m < 128; m++) for (int k = 0; k < 513; k++) worst = Math.Max(worst, Math.Abs(w[m, k] - fbank[k * fbShape[1] + m]));
            return worst;
        }
        double NWavesBank()
        {
            float[][] w = FilterBanks.Triangular(1024, 16000, FilterBanks.MelBands(128, 16000, 0, 8000));
            double worst = 0;
            for (int m = 0; m < 128; m++) for (int k = 0; k < 513; k++) worst = Math.Max(worst, Math.Abs(w[m][k] - fbank[k * fbShape[1] + m]));
            return worst;
        }
        rows.Add(new Row("mel filterbank (HTK, 128 mels, no norm)", "ours: MelFilterbank.Create", OursBank(), "max |Δ weight|", Time(repeats, 1, _ => MelFilterbank.Create(16000, 1024, 128, 0, 8000, MelScale.Htk, MelNorm.None)), "per bank"));
        rows.Add(new Row("mel filterbank (HTK, 128 mels, no norm)", "NWaves FilterBanks.Triangular(MelBands)", NWavesBank(), "max |Δ weight|", Time(repeats, 1, _ => FilterBanks.Triangular(1024, 16000, FilterBanks.MelBands(128, 16000, 0, 8000))), "per bank"));

        // dB of the reference mel power (torchaudio AmplitudeToDB, amin 1e-10).
        rows.Add(Measure("power → dB (amin 1e-10)", "ours: Decibels.FromPower", clips, repeats, i =>
            Decibels.FromPower(melPower[i], DecibelFloor.Clamp, 1e-10, 1.0, null), i => Ref(i, "db"), decibels: true, note: "float32 output"));
        rows.Add(Measure("power → dB (amin 1e-10)", "NWaves Scale.ToDecibelPower", clips, repeats, i =>
        {
            double[] mel = melFlat[i];
            var db = new double[mel.Length];
            for (int k = 0; k < mel.Length; k++) db[k] = NWaves.Utils.Scale.ToDecibelPower(mel[k], 1.0);
            return db;
        }, i => Ref(i, "db"), decibels: true, note: "no floor: a zero cell is −∞; no top_db"));

        // Resampling 16 kHz -> 22.05 kHz (scipy resample_poly).
        rows.Add(Measure("resampling 16 → 22.05 kHz", "ours: Resampler.Resample (resample_poly filter)", clips, repeats, i => Resampler.Resample(channel0[i], 16000, 22050), i => Ref(i, "resampled")));
        rows.Add(Measure("resampling 16 → 22.05 kHz", "NWaves Resampler.Resample (band-limited sinc)", clips, repeats,
            i => new NWaves.Operations.Resampler().Resample(new DiscreteSignal(16000, channel0[i]), 22050).Samples, i => Ref(i, "resampled"), alignLag: 256,
            note: "compared at its best lag (±256 samples)"));
        rows.Add(Measure("resampling 16 → 22.05 kHz", "NAudio WdlResamplingSampleProvider", clips, repeats, i => NAudioResample(channel0[i], 16000, 22050), i => Ref(i, "resampled"), alignLag: 256,
            note: "streaming filter; compared at its best lag (±256 samples)"));

        // Welch PSD (nperseg 1024, Hann, 50 % overlap, density) and periodogram (whole clip, boxcar, density).
        rows.Add(Measure("Welch PSD (nperseg 1024, Hann, density)", "ours: SpectralDensity.Welch", clips, repeats,
            i => SpectralDensity.Welch(channel0[i].Select(v => (double)v).ToArray(), 16000, new SpectralDensityOptions(1024)).Power, i => Ref(i, "welch")));
        rows.Add(Measure("Welch PSD (nperseg 1024, Hann, density)", "NWaves Operation.Welch", clips, repeats,
            i => NWaves.Operations.Operation.Welch(new DiscreteSignal(16000, channel0[i]), 1024, 512, WindowType.Hann, 1024, 16000), i => Ref(i, "welch"),
            note: "no detrending, symmetric Hann"));
        rows.Add(Measure("periodogram (whole clip, density)", "ours: SpectralDensity.Periodogram", clips, repeats,
            i => SpectralDensity.Periodogram(channel0[i].Select(v => (double)v).ToArray(), 16000).Power, i => Ref(i, "periodogram")));

        // MFCC: no hand-written counterpart; adopted from NWaves (AnomalyLab.Features.MfccFeatures), timed for the record.
        rows.Add(new Row("MFCC (20 from 40 mels, 1024 / 512)", "NWaves MfccExtractor via MfccFeatures.Extract", double.NaN, "(no reference)",
            Time(repeats, clips.Length, i => MfccFeatures.Extract(channel0[i], MfccFeatureOptions.Default)), "adopted"));
        rows.Add(new Row("log-mel (torchaudio preset) for scale", "ours: LogMelExtractor", double.NaN, "(see goldens)",
            Time(repeats, clips.Length, i => new LogMelExtractor(LogMelOptions.Torchaudio).Extract(channel0[i])), ""));

        var table = new StringBuilder();
        table.AppendLine($"{clips.Length} clips (every 24th WAV under the shared data, channel 0), {repeats} repeats, single thread.");
        table.AppendLine();
        table.AppendLine("| part | implementation | difference to torchaudio / scipy | time per clip (ms) | note |");
        table.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (Row r in rows)
            table.AppendLine(CultureInfo.InvariantCulture, $"| {r.Part} | {r.Implementation} | {Format(r.Difference)} {r.DifferenceUnit} | {r.MillisecondsPerClip:0.00} | {r.Note} |");
        Console.Write(table.ToString());
        return 0;
    }

    private static string Format(double value) => double.IsNaN(value) ? "—" : double.IsInfinity(value) ? "∞" : value.ToString("0.0e+0", CultureInfo.InvariantCulture);

    private static Row Measure<T>(string part, string implementation, string[] clips, int repeats, Func<int, T> run, Func<int, double[]> reference,
        bool refChannels = false, bool decibels = false, string note = "", int alignLag = 0)
    {
        double worst = 0;
        for (int i = 0; i < clips.Length; i++)
        {
            double[] expected = reference(i);
            if (refChannels)
            {
                int channels = expected.Length / ((IList<float>)(object)run(i)!).Count;
                expected = Enumerable.Range(0, expected.Length / channels).Select(f => expected[f * channels]).ToArray();
            }
            IReadOnlyList<double> actual = ToDoubles(run(i)!);
            worst = Math.Max(worst, decibels ? MaxDecibelDifference(actual, expected) : alignLag > 0 ? BestLagDifference(actual, expected, alignLag) : RelativeDifference(actual, expected));
        }
        double ms = Time(repeats, clips.Length, i => run(i));
        string unit = decibels ? "dB" : "of peak";
        string lengthNote = "";
        if (!decibels)
        {
            int length = ToDoubles(run(0)!).Count, expectedLength = refChannels ? length : reference(0).Length;
            if (length != expectedLength) lengthNote = $"length {length} vs {expectedLength}";
        }
        return new Row(part, implementation, worst, unit, ms, string.Join("; ", new[] { note, lengthNote }.Where(s => s.Length > 0)));
    }

    private static double Time(int repeats, int clips, Action<int> run)
    {
        for (int i = 0; i < clips; i++) run(i);
        var times = new List<double>();
        for (int r = 0; r < repeats; r++)
        {
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < clips; i++) run(i);
            times.Add(watch.Elapsed.TotalMilliseconds / clips);
        }
        times.Sort();
        return times[times.Count / 2];
    }

    private static double Time<T>(int repeats, int clips, Func<int, T> run) => Time(repeats, clips, i => { _ = run(i); });

    private static IReadOnlyList<double> ToDoubles(object values) => values switch
    {
        float[,] f2 => Flatten(f2),
        double[] d => d,
        float[] f => f.Select(v => (double)v).ToArray(),
        _ => throw new InvalidOperationException(values.GetType().Name),
    };

    /// <summary>max |a − b| over the common length / max |b|.</summary>
    private static double RelativeDifference(IReadOnlyList<double> actual, double[] expected)
    {
        int n = Math.Min(actual.Count, expected.Length);
        double worst = 0, peak = 0;
        for (int i = 0; i < n; i++)
        {
            worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]));
            peak = Math.Max(peak, Math.Abs(expected[i]));
        }
        return peak > 0 ? worst / peak : worst;
    }

    /// <summary><see cref="RelativeDifference"/> at the lag (−maxLag … maxLag samples) that minimises it, edges of maxLag excluded.</summary>
    private static double BestLagDifference(IReadOnlyList<double> actual, double[] expected, int maxLag)
    {
        double best = double.PositiveInfinity, peak = expected.Max(Math.Abs);
        for (int lag = -maxLag; lag <= maxLag; lag++)
        {
            double worst = 0;
            for (int i = maxLag; i < expected.Length - maxLag; i++)
            {
                int j = i + lag;
                if (j < 0 || j >= actual.Count) continue;
                worst = Math.Max(worst, Math.Abs(actual[j] - expected[i]));
                if (worst >= best * peak) break;
            }
            best = Math.Min(best, worst / peak);
        }
        return best;
    }

    private static double MaxDecibelDifference(IReadOnlyList<double> actual, double[] expected)
    {
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
            worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]));
        return worst;
    }

    private static double[] Flatten(double[,] values)
    {
        var flat = new double[values.Length];
        Buffer.BlockCopy(values, 0, flat, 0, flat.Length * sizeof(double));
        return flat;
    }

    private static double[] Flatten(float[,] values)
    {
        var flat = new double[values.Length];
        int i = 0;
        foreach (float v in values) flat[i++] = v;
        return flat;
    }

    private static float[] ReflectPad(float[] x, int pad)
    {
        var padded = new float[x.Length + 2 * pad];
        for (int i = 0; i < padded.Length; i++)
        {
            int j = i - pad;
            if (j < 0) j = -j;
            if (j >= x.Length) j = 2 * (x.Length - 1) - j;
            padded[i] = x[j];
        }
        return padded;
    }

    private static float[] NAudioChannel0(string path)
    {
        using var reader = new WaveFileReader(path);
        ISampleProvider provider = reader.ToSampleProvider();
        int channels = reader.WaveFormat.Channels;
        var all = new float[reader.SampleCount * channels];
        int read = 0, got;
        while (read < all.Length && (got = provider.Read(all.AsSpan(read))) > 0) read += got;
        var result = new float[read / channels];
        for (int f = 0; f < result.Length; f++) result[f] = all[f * channels];
        return result;
    }

    private static float[] NAudioResample(float[] x, int from, int to)
    {
        var resampler = new WdlResamplingSampleProvider(new ArrayProvider(x, from), to);
        var output = new List<float>();
        var buffer = new float[8192];
        int got;
        while ((got = resampler.Read(buffer)) > 0) output.AddRange(buffer.AsSpan(0, got));
        return output.ToArray();
    }

    private sealed class ArrayProvider(float[] samples, int rate) : ISampleProvider
    {
        private int _position;
        public WaveFormat WaveFormat { get; } = WaveFormat.CreateIeeeFloatWaveFormat(rate, 1);
        public int Read(Span<float> buffer)
        {
            int n = Math.Min(buffer.Length, samples.Length - _position);
            samples.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }
    }

    /// <summary>A little-endian float64 C-order .npy (the reference keeps float64; the library's reader returns float32).</summary>
    private static double[] ReadF8(string path, out int[] shape)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int headerLength = BitConverter.ToUInt16(bytes, 8);
        string header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        if (!header.Contains("'<f8'", StringComparison.Ordinal) || header.Contains("'fortran_order': True", StringComparison.Ordinal))
            throw new InvalidDataException($"{path}: expected a C-order float64 .npy, header {header}");
        string dims = header[(header.IndexOf("'shape': (", StringComparison.Ordinal) + 10)..];
        dims = dims[..dims.IndexOf(')')];
        shape = dims.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToArray();
        var values = new double[(bytes.Length - 10 - headerLength) / 8];
        Buffer.BlockCopy(bytes, 10 + headerLength, values, 0, values.Length * 8);
        return values;
    }
}
