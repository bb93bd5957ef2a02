using AnomalyLab.Features.Signal;

namespace AnomalyLab.Tests.Features.Signal;

public class SpectralDensityTests
{
    public static TheoryData<int> Cases => new() { 0, 1, 2, 3, 4, 5, 6 };

    [Theory]
    [MemberData(nameof(Cases))]
    public void WelchAndPeriodogram_MatchScipy(int index)
    {
        var root = VibrationGoldens.Load("spectral.json");
        var x = VibrationGoldens.Vector(root.GetProperty("x"));
        var c = root.GetProperty("cases")[index];
        var scaling = c.GetProperty("scaling").GetString() == "density" ? SpectralScaling.Density : SpectralScaling.Spectrum;
        PowerSpectrum result;
        if (c.GetProperty("kind").GetString() == "welch")
        {
            int overlap = c.GetProperty("noverlap").GetInt32();
            var options = new SpectralDensityOptions(c.GetProperty("nperseg").GetInt32(), overlap < 0 ? null : overlap,
                SegmentWindow.Hann, c.GetProperty("detrend").GetBoolean(), scaling);
            result = SpectralDensity.Welch(x, 1024.0, options);
        }
        else result = SpectralDensity.Periodogram(x.AsSpan(0, c.GetProperty("n").GetInt32()), 1024.0, scaling);
        VibrationGoldens.AssertClose(VibrationGoldens.Vector(c.GetProperty("f")), result.Frequencies, 1e-12, "f");
        VibrationGoldens.AssertClose(VibrationGoldens.Vector(c.GetProperty("p")), result.Power, 1e-9, "p");
    }

    [Fact]
    public void Spectrogram_MatchesScipyAndAveragesToWelch()
    {
        var root = VibrationGoldens.Load("spectral.json");
        var x = VibrationGoldens.Vector(root.GetProperty("x")).AsSpan(0, 2048).ToArray();
        var s = root.GetProperty("stft");
        var options = new SpectralDensityOptions(128, 64, SegmentWindow.Hann, DetrendConstant: false);
        var result = SpectralDensity.Spectrogram(x, 1024.0, options);
        VibrationGoldens.AssertClose(VibrationGoldens.Vector(s.GetProperty("t")), result.Times, 1e-12, "t");
        var rows = s.GetProperty("s").EnumerateArray().Select(VibrationGoldens.Vector).ToArray();
        Assert.Equal(rows.Length, result.Power.GetLength(0));
        for (int k = 0; k < rows.Length; k++)
            VibrationGoldens.AssertClose(rows[k], Enumerable.Range(0, result.Power.GetLength(1)).Select(t => result.Power[k, t]).ToArray(), 1e-9, $"S[{k}]");
        var welch = SpectralDensity.Welch(x, 1024.0, options);
        VibrationGoldens.AssertClose(welch.Power, result.MeanOverTime(), 1e-12, "mean over time");
    }

    [Fact]
    public void InvalidOverlap_Throws()
    {
        var x = new double[1000];
        Assert.Throws<ArgumentOutOfRangeException>(() => SpectralDensity.Welch(x, 100, new SpectralDensityOptions(100, 100)));
    }
}
