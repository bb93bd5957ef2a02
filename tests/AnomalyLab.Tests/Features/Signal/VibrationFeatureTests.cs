using AnomalyLab.Features.Signal;

namespace AnomalyLab.Tests.Features.Signal;

public class VibrationFeatureTests
{
    [Fact]
    public void DerivativeStatistics_MatchNumpy()
    {
        var g = VibrationGoldens.Load("features.json");
        var x = VibrationGoldens.Vector(g.GetProperty("x"));
        double fs = g.GetProperty("fs").GetDouble();
        foreach (var (order, key) in new[] { (1, "d1"), (2, "d2") })
        {
            var e = g.GetProperty(key);
            var expected = new[] { "mean", "std", "mean_abs", "max_abs", "rms" }.Select(k => e.GetProperty(k).GetDouble()).ToArray();
            var actual = DerivativeStatistics.Compute(x, fs, order).ToArray();
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-9 * Math.Max(1, Math.Abs(expected[i])), $"{key}[{i}]: {expected[i]} vs {actual[i]}");
        }
        Assert.Equal(10, DerivativeStatistics.FeatureVector(x, fs).Length);
    }

    [Fact]
    public void FftMagnitudeBands_MatchNumpy()
    {
        var g = VibrationGoldens.Load("features.json");
        var x = VibrationGoldens.Vector(g.GetProperty("x"));   // 3000 samples: not a power of two
        VibrationGoldens.AssertClose(VibrationGoldens.Vector(g.GetProperty("bands16")), FftMagnitudeBands.Compute(x, 16), 1e-9, "bands");
    }

    [Fact]
    public void DynamicTimeWarping_MatchesPlainDp()
    {
        var d = VibrationGoldens.Load("features.json").GetProperty("dtw");
        var a = VibrationGoldens.Vector(d.GetProperty("a"));
        var b = VibrationGoldens.Vector(d.GetProperty("b"));
        Assert.Equal(d.GetProperty("w5").GetDouble(), DynamicTimeWarping.Distance(a, b, 5), 10);
        Assert.Equal(d.GetProperty("w10").GetDouble(), DynamicTimeWarping.Distance(a, b, 10), 10);
        Assert.Equal(d.GetProperty("full").GetDouble(), DynamicTimeWarping.Distance(a, b), 10);
        Assert.Equal(0, DynamicTimeWarping.Distance(a, a, 0));
        Assert.True(DynamicTimeWarping.Distance(a, b, 5) >= DynamicTimeWarping.Distance(a, b, 10));
    }

    [Fact]
    public void FirDecimator_MatchesScipyDecimate()
    {
        var g = VibrationGoldens.Load("features.json");
        var x = VibrationGoldens.Vector(g.GetProperty("x"));
        VibrationGoldens.AssertClose(VibrationGoldens.Vector(g.GetProperty("decimate4")), FirDecimator.Decimate(x, 4), 1e-9, "decimate");
    }

    [Fact]
    public void SignalWindows_DropsPartialWindow()
    {
        var w = SignalWindows.Cut(Enumerable.Range(0, 10).Select(i => (double)i).ToArray(), 4, 3);
        Assert.Equal(3, w.Count);
        Assert.Equal([6.0, 7, 8, 9], w[2]);
    }
}
