using AnomalyLab.Features;

namespace AnomalyLab.Tests.Features;

public class MelFilterbankTests
{
    public static TheoryData<string> Banks()
    {
        var data = new TheoryData<string>();
        foreach (var bank in FeatureGoldens.Filterbanks) data.Add(bank.GetProperty("golden").GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Banks))]
    public void Weights_match_torchaudio_melscale_fbanks(string golden)
    {
        var spec = FeatureGoldens.Filterbanks.Single(b => b.GetProperty("golden").GetString() == golden);
        MelScale scale = spec.GetProperty("mel_scale").GetString() == "htk" ? MelScale.Htk : MelScale.Slaney;
        MelNorm norm = spec.GetProperty("norm").GetString() == "slaney" ? MelNorm.Slaney : MelNorm.None;
        MelFilterbank bank = MelFilterbank.Create(spec.GetProperty("sample_rate").GetInt32(), spec.GetProperty("n_fft").GetInt32(),
            spec.GetProperty("n_mels").GetInt32(), spec.GetProperty("f_min").GetDouble(), spec.GetProperty("f_max").GetDouble(), scale, norm);
        float[,] expected = FeatureGoldens.Load(golden);

        Assert.Equal(expected.GetLength(0), bank.Weights.GetLength(0));
        Assert.Equal(expected.GetLength(1), bank.Weights.GetLength(1));
        double peak = 0;
        for (int m = 0; m < expected.GetLength(0); m++)
            for (int k = 0; k < expected.GetLength(1); k++) peak = Math.Max(peak, expected[m, k]);
        for (int m = 0; m < expected.GetLength(0); m++)
        {
            for (int k = 0; k < expected.GetLength(1); k++)
            {
                // torchaudio builds the bank in float32: relative 1e-5 of the largest weight.
                double difference = Math.Abs(bank.Weights[m, k] - expected[m, k]);
                Assert.True(difference <= 1e-5 * peak, $"{golden}: weight [{m}, {k}] is {bank.Weights[m, k]}, torchaudio {expected[m, k]}");
            }
        }
    }

    [Fact]
    public void First_and_last_bins_bound_every_non_zero_weight()
    {
        MelFilterbank bank = MelFilterbank.Create(LogMelOptions.Torchaudio);
        for (int m = 0; m < bank.MelCount; m++)
            for (int k = 0; k < bank.Weights.GetLength(1); k++)
                if (bank.Weights[m, k] != 0) Assert.InRange(k, bank.FirstBin[m], bank.LastBin[m]);
        Assert.Empty(bank.EmptyFilters);
    }

    [Fact]
    public void Sparse_frame_application_equals_dense_matrix_product()
    {
        MelFilterbank bank = MelFilterbank.Create(LogMelOptions.Dcase2020Baseline);
        var random = new Random(7);
        int bins = bank.Weights.GetLength(1);
        var spectrum = new double[bins, 1];
        var column = new double[bins];
        for (int k = 0; k < bins; k++) column[k] = spectrum[k, 0] = random.NextDouble();
        double[,] dense = bank.Apply(spectrum);
        var sparse = new double[bank.MelCount];
        bank.ApplyFrame(column, sparse);
        for (int m = 0; m < bank.MelCount; m++) Assert.Equal(dense[m, 0], sparse[m], 12);
    }

    [Fact]
    public void Too_many_mels_warns_once_per_configuration_naming_the_empty_filters()
    {
        var writer = new StringWriter();
        var warnings = new EmptyFilterWarnings(writer);
        // 128 HTK mels over a 256-point FFT: the lowest triangles fall between FFT bins.
        MelFilterbank bank = MelFilterbank.Create(16000, 256, 128, 0, 8000, MelScale.Htk, MelNorm.None, warnings);
        MelFilterbank.Create(16000, 256, 128, 0, 8000, MelScale.Htk, MelNorm.None, warnings);

        Assert.NotEmpty(bank.EmptyFilters);
        foreach (int m in bank.EmptyFilters)
            for (int k = 0; k < bank.Weights.GetLength(1); k++) Assert.Equal(0.0, bank.Weights[m, k]);
        string[] lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains($"indices {string.Join(", ", bank.EmptyFilters)}", lines[0]);
        Assert.Contains("too many mels (128) for n_fft 256", lines[0]);

        MelFilterbank.Create(16000, 256, 160, 0, 8000, MelScale.Htk, MelNorm.None, warnings);
        Assert.Equal(2, writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void A_well_sized_bank_does_not_warn()
    {
        var writer = new StringWriter();
        MelFilterbank.Create(16000, 1024, 128, 0, 8000, MelScale.Htk, MelNorm.None, new EmptyFilterWarnings(writer));
        Assert.Equal("", writer.ToString());
    }

    [Theory]
    [InlineData(MelScale.Htk)]
    [InlineData(MelScale.Slaney)]
    public void Mel_scale_round_trips(MelScale scale)
    {
        foreach (double hz in new[] { 0.0, 50, 700, 999.9, 1000, 1000.1, 4000, 8000, 22050 })
            Assert.Equal(hz, MelFilterbank.MelToHz(MelFilterbank.HzToMel(hz, scale), scale), 9);
    }

    [Fact]
    public void Slaney_scale_is_linear_below_one_kilohertz_and_15_mels_there()
    {
        Assert.Equal(15.0, MelFilterbank.HzToMel(1000, MelScale.Slaney), 12);
        Assert.Equal(7.5, MelFilterbank.HzToMel(500, MelScale.Slaney), 12);
        Assert.Equal(2595 * Math.Log10(1 + 1000 / 700.0), MelFilterbank.HzToMel(1000, MelScale.Htk), 12);
    }
}
