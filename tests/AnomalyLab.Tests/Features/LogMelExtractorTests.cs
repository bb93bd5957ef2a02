using AnomalyLab.Audio;
using AnomalyLab.Data;
using AnomalyLab.Features;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Features;

public class LogMelExtractorTests
{
    private static float[] Tone(int n, int rate, double hz, int seed)
    {
        var random = new Random(seed);
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float)(0.4 * Math.Sin(2 * Math.PI * hz * i / rate) + 0.05 * (random.NextDouble() - 0.5));
        return x;
    }

    [Theory]
    [InlineData("torchaudio")]
    [InlineData("dcase2020-baseline")]
    public void Fused_extraction_equals_the_step_by_step_pipeline(string preset)
    {
        LogMelOptions options = LogMelOptions.FromPresetName(preset);
        float[] x = Tone(16000, 16000, 1234, 1);
        float[,] fused = new LogMelExtractor(options).Extract(x);
        double[,] power = Stft.PowerSpectrogram(x, options.NFft, options.HopLength, options.EffectiveWinLength, options.Power, options.Center, options.PadMode);
        float[,] stepwise = Decibels.FromPower(MelFilterbank.Create(options).Apply(power), options.DecibelFloor, options.Amin, options.Reference, options.TopDb);
        Assert.Equal(stepwise.GetLength(1), fused.GetLength(1));
        for (int m = 0; m < stepwise.GetLength(0); m++)
            for (int t = 0; t < stepwise.GetLength(1); t++) Assert.Equal(stepwise[m, t], fused[m, t], 4);
    }

    [Fact]
    public void Shape_is_n_mels_by_one_plus_samples_over_hop()
    {
        float[,] result = new LogMelExtractor(LogMelOptions.Torchaudio).Extract(Tone(160000, 16000, 440, 2));
        Assert.Equal(128, result.GetLength(0));
        Assert.Equal(1 + 160000 / 512, result.GetLength(1));
    }

    [Fact]
    public void Top_db_clamps_to_80_dB_below_the_clip_maximum()
    {
        float[] x = Tone(16000, 16000, 440, 3);
        for (int i = 8000; i < x.Length; i++) x[i] = 0; // silence drives many cells to the floor
        float[,] result = new LogMelExtractor(LogMelOptions.Torchaudio).Extract(x);
        float max = float.MinValue, min = float.MaxValue;
        foreach (float v in result) { max = Math.Max(max, v); min = Math.Min(min, v); }
        Assert.Equal(max - 80, min, 3);
    }

    [Fact]
    public void Tone_energy_lands_in_the_mel_band_holding_its_frequency()
    {
        var extractor = new LogMelExtractor(LogMelOptions.Torchaudio);
        float[,] result = extractor.Extract(Tone(16000, 16000, 2000, 4));
        int frame = result.GetLength(1) / 2, loudest = 0;
        for (int m = 1; m < result.GetLength(0); m++) if (result[m, frame] > result[loudest, frame]) loudest = m;
        int bin = (int)Math.Round(2000.0 * 1024 / 16000);
        Assert.InRange(bin, extractor.Filterbank.FirstBin[loudest], extractor.Filterbank.LastBin[loudest]);
    }

    [Fact]
    public void Reflect_padding_of_a_too_short_clip_is_a_clear_error_and_constant_padding_works()
    {
        float[] x = Tone(300, 16000, 440, 5);
        var error = Assert.Throws<ArgumentException>(() => new LogMelExtractor(LogMelOptions.Torchaudio).Extract(x));
        Assert.Contains("reflect padding of 512 samples", error.Message);
        float[,] result = new LogMelExtractor(LogMelOptions.Torchaudio with { PadMode = PadMode.Constant }).Extract(x);
        Assert.Equal(1, result.GetLength(1));
    }

    [Fact]
    public void Uncentred_frames_start_at_multiples_of_the_hop()
    {
        var options = LogMelOptions.Torchaudio with { Center = false };
        Assert.Equal(1 + (16000 - 1024) / 512, new LogMelExtractor(options).Extract(Tone(16000, 16000, 440, 6)).GetLength(1));
        Assert.Equal(0, new LogMelExtractor(options).Extract(Tone(1000, 16000, 440, 6)).GetLength(1));
    }

    [Fact]
    public void Invalid_options_name_every_problem()
    {
        var error = Assert.Throws<ArgumentException>(() => new LogMelExtractor(LogMelOptions.Torchaudio with { HopLength = 0, NMels = 0 }));
        Assert.Contains("HopLength", error.Message);
        Assert.Contains("NMels", error.Message);
    }

    [Fact]
    public void ExtractFile_rejects_another_rate_unless_resampling_is_allowed()
    {
        using var folder = new TempFolder();
        string path = folder.File("tone_22050.wav");
        WavWriter.Write(path, Tone(22050, 22050, 440, 7), 22050);
        var extractor = new LogMelExtractor(LogMelOptions.Torchaudio);

        var error = Assert.Throws<SampleRateMismatchException>(() => extractor.ExtractFile(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("22050 Hz, 16000 Hz expected", error.Message);

        float[,] result = extractor.ExtractFile(path, ChannelSelection.First, allowResample: true);
        Assert.Equal(1 + 16000 / 512, result.GetLength(1));
    }

    [Fact]
    public void ExtractInto_writes_the_cropped_window_of_Extract_into_a_strided_destination()
    {
        foreach (LogMelOptions options in new[] { LogMelOptions.Torchaudio, LogMelOptions.Dcase2020Baseline })
        {
            var extractor = new LogMelExtractor(options);
            float[] samples = Tone(9000, 16000, 440, 3);
            float[,] full = extractor.Extract(samples);
            int frames = full.GetLength(1), first = 3, count = frames - 5, stride = count + 4;
            var destination = new float[options.NMels * stride];
            destination.AsSpan().Fill(float.NaN);
            extractor.ExtractInto(samples, destination, stride, first, count);
            for (int m = 0; m < options.NMels; m++)
            {
                for (int t = 0; t < count; t++) Assert.Equal(full[m, first + t], destination[m * stride + t]);
                for (int t = count; t < stride; t++) Assert.True(float.IsNaN(destination[m * stride + t]), "cells past the window are left alone");
            }
        }
    }

    [Fact]
    public void The_pipeline_keeps_input_order_reports_progress_and_matches_single_file_extraction()
    {
        using var folder = new TempFolder();
        var paths = new List<string>();
        for (int i = 0; i < 6; i++)
        {
            string path = folder.File($"clip{i}.wav");
            WavWriter.Write(path, Tone(8000 + 1000 * i, 16000, 300 + 200 * i, i), 16000);
            paths.Add(path);
        }
        var extractor = new LogMelExtractor(LogMelOptions.Torchaudio);
        var clips = ClipFeatureExtractor.FromPaths(paths);
        var reports = new System.Collections.Concurrent.ConcurrentBag<long>();
        var options = new FeatureExtractionOptions { Length = ClipFeatureExtractor.FullLength(clips, LogMelOptions.Torchaudio), UseCache = false, MaxDegreeOfParallelism = 2 };
        FeatureBlock block = ClipFeatureExtractor.Extract(clips, options, StageProgress.Reporter(p => reports.Add(p.Done)));

        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), reports.OrderBy(r => r));
        for (int i = 0; i < paths.Count; i++)
        {
            float[,] single = extractor.ExtractFile(paths[i]);
            Assert.Equal(single.GetLength(1), block.RealFrames[i]);
            Assert.Equal(single, block.ClipArray(i, realOnly: true));
        }
    }

    [Fact]
    public void The_pipeline_rethrows_the_failing_file_own_exception()
    {
        using var folder = new TempFolder();
        string good = folder.File("good.wav"), bad = folder.File("bad.wav");
        WavWriter.Write(good, Tone(4000, 16000, 440, 1), 16000);
        File.WriteAllText(bad, "not a wav file at all");
        var error = Assert.Throws<WavFormatException>(() =>
            ClipFeatureExtractor.Extract(ClipFeatureExtractor.FromPaths([good, bad, good]), new FeatureExtractionOptions { UseCache = false }));
        Assert.Equal(bad, error.FilePath);
    }
}
