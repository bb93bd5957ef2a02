using System.Text.Json;
using AnomalyLab.Features;
using AnomalyLab.Plots;
using Plotly.NET;

namespace AnomalyLab.Tests.Plots;

public sealed class SpectrogramPlotsTests
{
    /// <summary>The plotly.js figure ({data, layout}) Plotly.NET would send to the browser.</summary>
    internal static JsonElement Figure(GenericChart chart) => JsonDocument.Parse(GenericChart.toFigureJson(chart)).RootElement;

    private static float[,] Ramp(int bands, int frames, float offset = 0)
    {
        var values = new float[bands, frames];
        for (int m = 0; m < bands; m++)
        for (int t = 0; t < frames; t++)
            values[m, t] = m - 2 * t + offset;
        return values;
    }

    [Fact]
    public void Heatmap_has_mel_bins_on_y_labelled_in_hz_time_in_seconds_on_x_and_titled_axes()
    {
        var spectrogram = new LogMelSpectrogram(Ramp(4, 3), LogMelOptions.Torchaudio, "clip.wav");
        JsonElement figure = Figure(SpectrogramPlots.Heatmap(spectrogram));
        JsonElement trace = figure.GetProperty("data")[0];
        Assert.Equal("heatmap", trace.GetProperty("type").GetString());
        Assert.Equal(4, trace.GetProperty("z").GetArrayLength());
        Assert.Equal(3, trace.GetProperty("z")[0].GetArrayLength());
        Assert.Equal(-4f, trace.GetProperty("z")[0][2].GetSingle());
        // Evenly spaced axes as origin + step: x in seconds (hop 512 / 16 kHz), y in mel bins 0, 1, 2, …
        Assert.Equal(0.0, trace.GetProperty("x0").GetDouble());
        Assert.Equal(0.032, trace.GetProperty("dx").GetDouble());
        Assert.Equal(0, trace.GetProperty("y0").GetInt32());
        Assert.Equal(1, trace.GetProperty("dy").GetInt32());
        JsonElement layout = figure.GetProperty("layout");
        Assert.Equal("time (s)", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(MelAxis.Title, layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Contains("1 kHz", layout.GetProperty("yaxis").GetProperty("ticktext").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("Log-mel of clip.wav", layout.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("dB", trace.GetProperty("colorbar").GetProperty("title").GetProperty("text").GetString());
        Assert.False(trace.TryGetProperty("zmid", out _));
    }

    [Fact]
    public void Heatmap_without_a_hop_counts_frames()
    {
        JsonElement figure = Figure(SpectrogramPlots.Heatmap(Ramp(2, 3), "raw"));
        Assert.Equal("time (frame)", figure.GetProperty("layout").GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(1.0, figure.GetProperty("data")[0].GetProperty("dx").GetDouble());
        Assert.Equal("mel bin", figure.GetProperty("layout").GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void Difference_scale_is_symmetric_about_zero_even_for_one_sided_values()
    {
        // All values in [-1, 8]: the range must still be [-8, 8] so that white means zero.
        var difference = Ramp(10, 1, offset: -1);
        JsonElement trace = Figure(SpectrogramPlots.Difference(difference, "Δ")).GetProperty("data")[0];
        Assert.Equal(-8.0, trace.GetProperty("zmin").GetDouble());
        Assert.Equal(8.0, trace.GetProperty("zmax").GetDouble());
        Assert.Equal(0.0, trace.GetProperty("zmid").GetDouble());
        JsonElement scale = trace.GetProperty("colorscale");
        Assert.Equal(0.5, scale[2][0].GetDouble());
        Assert.Equal("#f7f7f7", scale[2][1].GetString(), ignoreCase: true);
    }

    [Fact]
    public void Difference_of_two_spectrograms_is_a_minus_b()
    {
        var a = new LogMelSpectrogram(Ramp(2, 2, offset: 5), LogMelOptions.Torchaudio, "a");
        var b = new LogMelSpectrogram(Ramp(2, 2), LogMelOptions.Dcase2020Baseline, "b");
        JsonElement trace = Figure(SpectrogramPlots.Difference(a, b)).GetProperty("data")[0];
        Assert.All(trace.GetProperty("z").EnumerateArray().SelectMany(row => row.EnumerateArray()), z => Assert.Equal(5f, z.GetSingle()));
        Assert.Equal(5.0, trace.GetProperty("zmax").GetDouble());
    }

    [Fact]
    public void Difference_of_different_shapes_names_both()
    {
        var a = new LogMelSpectrogram(new float[2, 3], LogMelOptions.Torchaudio, "a.wav");
        var b = new LogMelSpectrogram(new float[2, 4], LogMelOptions.Torchaudio, "b.wav");
        var error = Assert.Throws<ArgumentException>(() => a.Minus(b));
        Assert.Contains("a.wav is [2, 3]", error.Message);
        Assert.Contains("b.wav is [2, 4]", error.Message);
    }

    [Fact]
    public void Band_means_average_over_frames()
    {
        var spectrogram = new LogMelSpectrogram(Ramp(2, 3), LogMelOptions.Torchaudio, "x");
        Assert.Equal([-2.0, -1.0], spectrogram.BandMeans());
    }
}
