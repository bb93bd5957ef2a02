using System.Text.Json;
using AnomalyLab.Masks;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Masks;

/// <summary>Perlin noise against DSR's formula (numpy goldens) and the DSR mask rule.</summary>
public sealed class PerlinMasksTests
{
    [Fact]
    public void Noise_matches_dsr_rand_perlin_2d_np_for_the_same_gradients()
    {
        var root = JsonDocument.Parse(File.ReadAllText(RepoPaths.Goldens("masks", "perlin.json"))).RootElement;
        int cases = 0;
        foreach (var c in root.GetProperty("cases").EnumerateArray())
        {
            int h = c.GetProperty("height").GetInt32(), w = c.GetProperty("width").GetInt32();
            int rr = c.GetProperty("res_rows").GetInt32(), rc = c.GetProperty("res_cols").GetInt32();
            double[] flat = c.GetProperty("angles").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var angles = new double[rr + 1, rc + 1];
            for (int i = 0; i <= rr; i++)
                for (int j = 0; j <= rc; j++) angles[i, j] = flat[i * (rc + 1) + j];
            double[] expected = c.GetProperty("noise").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            double[,] actual = PerlinNoise.Evaluate(h, w, angles);
            double worst = 0;
            for (int i = 0; i < h; i++)
                for (int j = 0; j < w; j++) worst = Math.Max(worst, Math.Abs(actual[i, j] - expected[i * w + j]));
            Assert.True(worst < 1e-8, $"{h}x{w} res {rr}x{rc}: max |C# − numpy| = {worst}");
            cases++;
        }
        Assert.Equal(4, cases);
    }

    [Fact]
    public void Rotation_by_zero_is_identity_and_by_180_flips_about_the_centre()
    {
        var rng = new SplitMix64(3);
        var noise = PerlinNoise.Evaluate(16, 24, PerlinNoise.RandomAngles(4, 4, rng));
        Assert.Equal(noise, PerlinNoise.Rotate(noise, 0));
        var flipped = PerlinNoise.Rotate(noise, 180);
        for (int i = 0; i < 16; i++)
            for (int j = 0; j < 24; j++) Assert.Equal(noise[15 - i, 23 - j], flipped[i, j], 9);
    }

    [Fact]
    public void Dsr_masks_are_binary_deterministic_and_about_half_empty()
    {
        var strategy = new PerlinMasks(PerlinMaskOptions.Dsr);
        var a = strategy.Generate(200, 42);
        var b = strategy.Generate(200, 42);
        Assert.Equal(a.Data, b.Data);
        Assert.NotEqual(a.Data, strategy.Generate(200, 43).Data);
        Assert.All(a.Data, v => Assert.True(v is 0f or 1f));
        Assert.Equal(strategy.Generate(5, 42, firstIndex: 10).Data, a.Data.AsSpan(10 * 128 * 320, 5 * 128 * 320).ToArray());
        int empty = Enumerable.Range(0, 200).Count(i => a.Coverage(i) == 0);
        // Empty with probability 0.5 (plus the rare thresholded-to-nothing mask): 200 draws, 4 standard errors.
        Assert.InRange(empty, 100 - 4 * 7.1, 100 + 4 * 7.1 + 10);
        Assert.Equal([200, 1, 128, 320], a.Shape);
    }

    [Fact]
    public void Axis_aligned_masks_have_no_empty_draws_and_cover_a_fraction_consistent_with_threshold_half()
    {
        var strategy = new PerlinMasks(PerlinMaskOptions.AxisAlignedNonEmpty);
        var masks = strategy.Generate(100, 5);
        double mean = Enumerable.Range(0, 100).Average(masks.Coverage);
        // Perlin values are roughly symmetric in [−1, 1] with most mass near 0: P(noise > 0.5) is small but not zero.
        Assert.InRange(mean, 0.01, 0.35);
    }

    [Fact]
    public void Invalid_options_are_rejected_with_the_field_named()
    {
        Assert.Contains("scale_exponent_min", Assert.Throws<ArgumentException>(() => new PerlinMasks(PerlinMaskOptions.Dsr with { ScaleExponentMin = 4, ScaleExponentMax = 2 })).Message);
        Assert.Contains("exceed", Assert.Throws<ArgumentException>(() => new PerlinMasks(PerlinMaskOptions.Dsr with { MelBins = 16 })).Message);
        Assert.Contains("empty_probability", Assert.Throws<ArgumentException>(() => new PerlinMasks(PerlinMaskOptions.Dsr with { EmptyProbability = 1 })).Message);
    }
}
