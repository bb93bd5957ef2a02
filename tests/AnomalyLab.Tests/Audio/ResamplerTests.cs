using System.Text.Json;
using AnomalyLab.Audio;
using AnomalyLab.IO;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Audio;

/// <summary>Against scipy.signal.resample_poly 1.10.1 goldens (tests/goldens/audio_goldens.py).</summary>
public class ResamplerTests
{
    private static JsonElement Manifest() =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.Goldens("audio", "resample_manifest.json"))).RootElement.Clone();

    public static TheoryData<int, int> Cases()
    {
        var data = new TheoryData<int, int>();
        foreach (var c in Manifest().GetProperty("cases").EnumerateArray()) data.Add(c.GetProperty("source_rate").GetInt32(), c.GetProperty("target_rate").GetInt32());
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_scipy_resample_poly(int sourceRate, int targetRate)
    {
        var spec = Manifest().GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("source_rate").GetInt32() == sourceRate && c.GetProperty("target_rate").GetInt32() == targetRate);
        float[] input = NpyFile.Read(RepoPaths.Goldens("audio", spec.GetProperty("input").GetString()!)).Values;
        float[] expected = NpyFile.Read(RepoPaths.Goldens("audio", spec.GetProperty("output").GetString()!)).Values;

        Assert.Equal((spec.GetProperty("up").GetInt32(), spec.GetProperty("down").GetInt32()), Resampler.RationalFactor(sourceRate, targetRate));
        float[] actual = Resampler.Resample(input, sourceRate, targetRate);
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]));
        // Both sides are rounded to float32 here (the golden is float64 on disk, read as float32): 1e-6 is a few ulps.
        Assert.True(worst <= 1e-6, $"{sourceRate} → {targetRate}: max |ours − scipy| = {worst:E2}");
    }

    [Theory]
    [InlineData(44100, 16000, 160, 441)]
    [InlineData(16000, 22050, 441, 320)]
    [InlineData(48000, 16000, 1, 3)]
    [InlineData(16000, 16000, 1, 1)]
    public void Rational_factor_is_reduced_by_the_gcd(int source, int target, int up, int down) =>
        Assert.Equal((up, down), Resampler.RationalFactor(source, target));

    [Theory]
    [InlineData(10, 1, 3, 4)]
    [InlineData(9, 1, 3, 3)]
    [InlineData(4411, 160, 441, 1601)]
    public void Output_length_is_the_ceiling_of_n_up_over_down(int n, int up, int down, int expected) =>
        Assert.Equal(expected, Resampler.OutputLength(n, up, down));

    [Fact]
    public void Filter_has_unit_dc_gain_times_up_and_is_symmetric()
    {
        double[] h = Resampler.DesignFilter(2, 3);
        Assert.Equal(2 * 10 * 3 + 1, h.Length);
        Assert.Equal(2.0, h.Sum(), 12);
        for (int i = 0; i < h.Length; i++) Assert.Equal(h[i], h[^(i + 1)], 15);
    }

    [Fact]
    public void Kaiser_window_and_bessel_match_known_values()
    {
        Assert.Equal(27.239871823604442, Resampler.BesselI0(5.0), 10); // scipy.special.i0(5)
        double[] w = Resampler.KaiserWindow(5, 5.0);
        Assert.Equal(1.0, w[2], 15);
        Assert.Equal(1 / 27.239871823604442, w[0], 12);
    }

    [Fact]
    public void Equal_rates_return_a_copy()
    {
        float[] x = [1, 2, 3];
        float[] y = Resampler.Resample(x, 16000, 16000);
        Assert.Equal(x, y);
        Assert.NotSame(x, y);
    }

    [Fact]
    public void A_tone_below_both_nyquists_survives_and_one_above_the_target_nyquist_is_removed()
    {
        const int source = 48000, target = 16000, n = 48000;
        var low = new float[n];
        var high = new float[n];
        for (int i = 0; i < n; i++)
        {
            low[i] = (float)Math.Sin(2 * Math.PI * 1000 * i / source);
            high[i] = (float)Math.Sin(2 * Math.PI * 12000 * i / source);
        }
        double Rms(float[] x) => Math.Sqrt(x.Skip(1000).Take(x.Length - 2000).Average(v => (double)v * v));
        Assert.Equal(Math.Sqrt(0.5), Rms(Resampler.Resample(low, source, target)), 2);
        Assert.True(Rms(Resampler.Resample(high, source, target)) < 1e-3);
    }

    [Fact]
    public void Loader_resamples_only_when_allowed()
    {
        using var folder = new TempFolder();
        string path = folder.File("tone44k.wav");
        var x = new float[4410];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(0.5 * Math.Sin(2 * Math.PI * 440 * i / 44100.0));
        WavWriter.Write(path, x, 44100, format: WavSampleFormat.IeeeFloat, bitsPerSample: 32);

        var error = Assert.Throws<SampleRateMismatchException>(() => AudioLoader.LoadMono(path, ChannelSelection.First, 16000));
        Assert.Equal((44100, 16000, path), (error.FoundRate, error.ExpectedRate, error.FilePath));
        float[] y = AudioLoader.LoadMono(path, ChannelSelection.First, 16000, allowResample: true);
        Assert.Equal(Resampler.Resample(x, 44100, 16000), y);
        Assert.Equal(1600, y.Length);
    }

    [Theory]
    [InlineData(0, 16000)]
    [InlineData(16000, -1)]
    public void Non_positive_rates_are_rejected(int source, int target) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Resampler.RationalFactor(source, target));
}
