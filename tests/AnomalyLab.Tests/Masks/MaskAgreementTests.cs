using AnomalyLab.Features;
using AnomalyLab.Masks;
using AnomalyLab.Tests.TestSupport;
using Xunit.Abstractions;

namespace AnomalyLab.Tests.Masks;

/// <summary>The agreement score and the fitted preset: known answers, synthetic ground truth, and the real slider sample.</summary>
public sealed class MaskAgreementTests(ITestOutputHelper output)
{
    [Fact]
    public void Wasserstein_of_known_profiles()
    {
        Assert.Equal(0, ProfileDistance.Wasserstein1([1, 2, 3], [2, 4, 6]), 12);
        // All mass at bin 0 vs bin 3: distance 3 (the maximum), similarity 0.
        Assert.Equal(3, ProfileDistance.Wasserstein1([1, 0, 0, 0], [0, 0, 0, 5]), 12);
        Assert.Equal(0, ProfileDistance.Similarity([1, 0, 0, 0], [0, 0, 0, 5]), 12);
        // Half the mass moved by 2 bins: 1; scipy.stats.wasserstein_distance([0,1,2,3],[0,1,2,3],[1,0,1,0],[1,0,0,1]) = 0.5.
        Assert.Equal(0.5, ProfileDistance.Wasserstein1([1, 0, 1, 0], [1, 0, 0, 1]), 12);
        Assert.Throws<ArgumentException>(() => ProfileDistance.Wasserstein1([0, 0], [1, 1]));
        Assert.Throws<ArgumentException>(() => ProfileDistance.Wasserstein1([1, -1, 3], [1, 1, 1]));
    }

    [Fact]
    public void A_map_drawn_from_a_preset_scores_that_preset_near_one_and_scores_stay_in_unit_interval()
    {
        var preset = AudioBandSegmentOptions.NarrowBandFewSegments with { BandCenterWeights = Gaussian(128, 90, 4) };
        var exact = MaskCoverage.Exact(preset);
        var map = new AnomalyExcessMap("id_x", ToFloat(exact.PixelCoverage), exact.Extent);
        // The map shares the profile's own pixels and extent, so this is only the reference point for the comparisons below;
        // the analytic profile against independently rendered masks is MaskExtentAndFitterTests.Analytic_preset_profiles_and_extent_match_rendered_masks.
        var self = MaskAgreement.Score(exact, map);
        var uniform = MaskAgreement.Score(MaskCoverage.Exact(AudioBandSegmentOptions.Proposed), map);
        Assert.InRange(uniform.Score, 0, 0.95);
        Assert.True(uniform.Mel < self.Mel);
        // Proposed has wider bands (5–20 %) than NarrowBandFewSegments (3–10 %): the extent components see it.
        Assert.True(uniform.BandWidth < 0.97, $"band-width similarity {uniform.BandWidth}");
        // The position-only score is the mean of the two profile similarities.
        var positionOnly = MaskAgreement.Score(MaskCoverage.Exact(AudioBandSegmentOptions.Proposed), map, AgreementOptions.PositionOnly);
        Assert.Equal((uniform.Mel + uniform.Time) / 2, positionOnly.Score, 12);
        Assert.Equal((uniform.Mel + uniform.Time + uniform.RunLength + uniform.BandWidth) / 4, uniform.Score, 12);
        Assert.Throws<ArgumentException>(() => MaskAgreement.Score(exact, new AnomalyExcessMap("small", Ones(64, 100))));
    }

    [Fact]
    public void Localisation_map_clips_negative_excess_and_crops_or_pads_time()
    {
        var values = new float[2, 3] { { -1, 2, 0 }, { 1, -5, 1 } };
        var map = new AnomalyExcessMap("id_00", values);
        Assert.Equal([0.5, 0.5], map.MelProfile);
        Assert.Equal([0.25, 0.5, 0.25], map.TimeProfile);
        Assert.Equal(5, map.WithFrames(5).Frames);
        Assert.Throws<ArgumentException>(() => new AnomalyExcessMap("id_01", new float[2, 2] { { -1, 0 }, { 0, -2 } }));
    }

    [Fact]
    public void Fitted_preset_recovers_a_known_band_and_beats_the_seed_presets_on_held_out_synthetic_ids()
    {
        // Ground truth: every id's anomalies sit in a band centred near mel 34 (σ 5 bins, id jitter ±3), in 2–4 bursts of 20–40 frames.
        var maps = Enumerable.Range(0, 5).Select(i => SyntheticMap($"id_{i:00}", 31 + (i * 3) % 7, seed: (ulong)i)).ToArray();
        foreach (var heldOut in maps)
        {
            var fitMaps = maps.Where(m => m != heldOut).ToArray();
            var fitted = MaskPresetFitter.Fit("synthetic", fitMaps);
            var fittedScore = MaskAgreement.Score(MaskCoverage.Exact(fitted), heldOut.WithFrames(320));
            foreach (var seed in AudioBandSegmentOptions.SeedPresets)
            {
                var seedScore = MaskAgreement.Score(MaskCoverage.Exact(seed), heldOut.WithFrames(320));
                Assert.True(fittedScore.Score > seedScore.Score, $"held out {heldOut.MachineId}: fitted {fittedScore.Score:F4} ≤ {seed.Name} {seedScore.Score:F4}");
            }
            // The fitted band prior concentrates where the truth is.
            double[] band = MaskCoverage.BandProbability(fitted);
            int peak = Array.IndexOf(band, band.Max());
            Assert.InRange(peak, 26, 42);
            output.WriteLine($"held out {heldOut.MachineId}: fitted {fittedScore.Score:F4} (mel {fittedScore.Mel:F4}, time {fittedScore.Time:F4}); band {fitted.BandFractionMin:F3}–{fitted.BandFractionMax:F3}, segments {fitted.SegmentCountMin}–{fitted.SegmentCountMax} × {fitted.SegmentLengthMin}–{fitted.SegmentLengthMax}");
        }
        // The fitted preset is a JSON file the strategy accepts.
        using var folder = new TempFolder();
        var preset = MaskPresetFitter.Fit("synthetic", maps);
        preset.Save(folder.File("fitted.json"));
        var masks = new AudioBandSegmentMasks(AudioBandSegmentOptions.Resolve(folder.File("fitted.json"))).Generate(4, 1);
        Assert.Equal([4, 1, 128, 320], masks.Shape);
    }

    /// <summary>Largest score difference between two 200-mask Perlin estimates (measured: see the test output).</summary>
    private const double PerlinSeedSpread = 0.05;

    [Fact]
    public void Estimated_and_exact_profiles_agree_on_the_score()
    {
        var map = SyntheticMap("id_00", 60, seed: 9);
        var strategy = new AudioBandSegmentMasks(AudioBandSegmentOptions.Proposed);
        double estimated = MaskAgreement.Score(MaskCoverage.Estimate(strategy, 2000, 5), map.WithFrames(320)).Score;
        double exact = MaskAgreement.Score(MaskCoverage.Exact(AudioBandSegmentOptions.Proposed), map.WithFrames(320)).Score;
        Assert.Equal(exact, estimated, 2);
        // Perlin masks go through the same estimate: the score is the mean of its four components, and another seed's
        // estimate of 200 masks gives nearly the same score (the estimate converges, it is not noise).
        var perlin = MaskAgreement.Score(MaskCoverage.Estimate(new PerlinMasks(PerlinMaskOptions.Dsr), 200, 5), map.WithFrames(320));
        var perlinOtherSeed = MaskAgreement.Score(MaskCoverage.Estimate(new PerlinMasks(PerlinMaskOptions.Dsr), 200, 6), map.WithFrames(320));
        output.WriteLine($"Perlin: {perlin.Score:F4} (seed 5), {perlinOtherSeed.Score:F4} (seed 6); band preset {exact:F4}");
        Assert.Equal((perlin.Mel + perlin.Time + perlin.RunLength + perlin.BandWidth) / 4, perlin.Score, 12);
        Assert.True(Math.Abs(perlin.Score - perlinOtherSeed.Score) <= PerlinSeedSpread, $"Perlin estimates {perlin.Score:F4} and {perlinOtherSeed.Score:F4}");
    }

    [Fact]
    public void Band_prior_hedges_when_fit_ids_disagree_and_sharpens_when_they_agree()
    {
        // λ of λ · density + (1 − λ) · uniform is read back from the prior's floor: min weight = (1 − λ) / n_mels.
        static double Share(AudioBandSegmentOptions fitted) =>
            fitted.BandCenterWeights is { } w ? 1 - w.Min() / w.Sum() * w.Length : 0;
        var agree = Enumerable.Range(0, 4).Select(i => SyntheticMap($"id_{i:00}", 40 + i, seed: (ulong)i)).ToArray();
        var disagree = new[] { 10, 50, 90, 120 }.Select((c, i) => SyntheticMap($"id_{i:00}", c, seed: (ulong)i)).ToArray();
        double agreeShare = Share(MaskPresetFitter.Fit("agree", agree)), disagreeShare = Share(MaskPresetFitter.Fit("disagree", disagree));
        output.WriteLine($"prior share λ: ids agree {agreeShare:F2}, ids disagree {disagreeShare:F2}");
        // Measured: 0.8 and 0.0.
        Assert.True(agreeShare >= 0.75, $"agreeing ids: λ = {agreeShare}");
        Assert.True(disagreeShare <= 0.25, $"disagreeing ids: λ = {disagreeShare}");
    }

    internal static AnomalyExcessMap SyntheticMap(string id, int centre, ulong seed)
    {
        var rng = new SplitMix64(seed);
        var values = new float[128, 313];
        int bursts = rng.NextInt(2, 4);
        var active = new bool[313];
        for (int k = 0; k < bursts; k++)
        {
            int length = rng.NextInt(20, 40), start = rng.NextInt(0, 313 - length);
            for (int t = start; t < start + length; t++) active[t] = true;
        }
        for (int m = 0; m < 128; m++)
            for (int t = 0; t < 313; t++)
            {
                double band = Math.Exp(-0.5 * Math.Pow((m - centre) / 5.0, 2));
                values[m, t] = (float)((active[t] ? 3.0 : 0.6) * band + 0.05 * rng.NextDouble());
            }
        return new AnomalyExcessMap(id, values);
    }

    private static float[,] Ones(int rows, int columns)
    {
        var values = new float[rows, columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) values[i, j] = 1;
        return values;
    }

    private static double[] Gaussian(int n, double centre, double sigma) => Enumerable.Range(0, n).Select(i => Math.Exp(-0.5 * Math.Pow((i - centre) / sigma, 2))).ToArray();

    private static float[,] ToFloat(double[,] values)
    {
        var result = new float[values.GetLength(0), values.GetLength(1)];
        for (int i = 0; i < values.GetLength(0); i++)
            for (int j = 0; j < values.GetLength(1); j++) result[i, j] = (float)values[i, j];
        return result;
    }
}

