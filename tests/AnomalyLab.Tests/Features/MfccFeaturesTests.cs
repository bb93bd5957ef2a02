using AnomalyLab.Features;

namespace AnomalyLab.Tests.Features;

/// <summary>MFCCs through NWaves (issue 18: adopted as an extra feature set for the classic detectors).</summary>
public sealed class MfccFeaturesTests
{
    private static float[] Noise(int n, double amplitude, int seed)
    {
        var random = new Random(seed);
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float)(amplitude * (random.NextDouble() * 2 - 1));
        return x;
    }

    [Fact]
    public void Shape_is_coefficients_by_frames_of_whole_frames()
    {
        float[,] mfcc = MfccFeatures.Extract(Noise(16000, 0.1, 1), MfccFeatureOptions.Default);
        Assert.Equal(20, mfcc.GetLength(0));
        Assert.Equal(1 + (16000 - 1024) / 512, mfcc.GetLength(1));
        foreach (float v in mfcc) Assert.True(float.IsFinite(v));
    }

    [Fact]
    public void Doubling_the_level_raises_only_c0_by_sqrt_of_bands_times_log10_4()
    {
        // log10 of the mel power then an orthonormal DCT-II: ×2 amplitude adds log10(4) to every band, i.e. log10(4)·√M to c0 alone.
        float[] quiet = Noise(32000, 0.05, 7);
        float[] loud = quiet.Select(v => 2 * v).ToArray();
        float[,] a = MfccFeatures.Extract(quiet, MfccFeatureOptions.Default), b = MfccFeatures.Extract(loud, MfccFeatureOptions.Default);
        double expected = Math.Log10(4) * Math.Sqrt(MfccFeatureOptions.Default.MelBands);
        for (int t = 0; t < a.GetLength(1); t++)
        {
            Assert.Equal(expected, b[0, t] - a[0, t], 3);
            for (int c = 1; c < a.GetLength(0); c++) Assert.Equal(a[c, t], b[c, t], 3);
        }
    }

    [Fact]
    public void Bad_options_and_short_input_are_refused()
    {
        Assert.Throws<ArgumentException>(() => MfccFeatures.Extract(new float[100], MfccFeatureOptions.Default));
        Assert.Throws<ArgumentException>(() => MfccFeatures.Extract(new float[4096], MfccFeatureOptions.Default with { Coefficients = 41 }));
        Assert.Throws<ArgumentException>(() => MfccFeatures.Extract(new float[4096], MfccFeatureOptions.Default with { FMax = 9000 }));
    }
}
