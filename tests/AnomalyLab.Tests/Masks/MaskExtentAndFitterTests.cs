using AnomalyLab.Data;
using AnomalyLab.Masks;
using Xunit.Abstractions;

namespace AnomalyLab.Tests.Masks;

/// <summary>
/// Known answers for the parts the agreement score and the fitter are built on: the extent measured on clips with a planted
/// anomaly of known size, a fitted preset on maps whose band and bursts are known, the analytic preset extent against
/// rendered masks, and custom agreement weights.
/// </summary>
public sealed class MaskExtentAndFitterTests(ITestOutputHelper output)
{
    private const int Mels = 32, Frames = 64, BandStart = 10, BandWidth = 6, RunStart = 20, RunLength = 12;

    /// <summary><paramref name="count"/> clips of N(−40, 1) dB noise; with <paramref name="planted"/> a +15 dB block in mels 10–15, frames 20–31.</summary>
    private static LogMelBatch Clips(int count, bool planted, int seed)
    {
        var rng = new Random(seed);
        var values = new float[count * Mels * Frames];
        for (int c = 0; c < count; c++)
            for (int m = 0; m < Mels; m++)
                for (int t = 0; t < Frames; t++)
                {
                    double noise = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
                    bool inBlock = planted && m >= BandStart && m < BandStart + BandWidth && t >= RunStart && t < RunStart + RunLength;
                    values[(c * Mels + m) * Frames + t] = (float)(-40 + noise + (inBlock ? 15 : 0));
                }
        return new LogMelBatch(values, count, Mels, Frames);
    }

    [Fact]
    public void Clip_extent_of_a_planted_block_is_its_width_and_length()
    {
        // Many normal clips: the threshold statistics use the same clips as the mean normal, which makes their deviations
        // smaller than an independent clip's by √((n−1)/(n+1)); with 12 clips that bias alone leaves ~half of the measured
        // cells as noise (share 0.53 measured), with 200 it is negligible.
        LogMelBatch normal = Clips(200, planted: false, seed: 1), anomalous = Clips(6, planted: true, seed: 2);
        var mean = new double[Mels, Frames];
        for (int c = 0; c < normal.Count; c++)
        {
            var clip = normal.Clip(c);
            for (int m = 0; m < Mels; m++)
                for (int t = 0; t < Frames; t++) mean[m, t] += clip[m * Frames + t] / (double)normal.Count;
        }
        MaskExtent extent = RealExcessMaps.ClipExtent(normal, anomalous, mean, ExtentOptions.Default);
        output.WriteLine($"band width: mean {extent.MeanBandWidth:F2}, share at {BandWidth} = {extent.BandWidths[BandWidth - 1]:F3}; run length: mean {extent.MeanRunLength:F2}, share at {RunLength} = {extent.RunLengths[RunLength - 1]:F3}");
        // Threshold noise (2σ cells) is subtracted with the normal clips' own tally; what remains is the block, apart from noise
        // cells touching it (measured: share 0.84 at width 6, 0.87 at length 12; means 5.96 and 12.01). Bounds: share ≥ 0.75,
        // means within half a bin / one frame; a block measured one bin or two frames off, or noise left unsubtracted, fails.
        Assert.True(extent.BandWidths[BandWidth - 1] >= 0.75, $"share of cells in {BandWidth}-bin bands {extent.BandWidths[BandWidth - 1]:F3}");
        Assert.True(extent.RunLengths[RunLength - 1] >= 0.75, $"share of cells in {RunLength}-frame runs {extent.RunLengths[RunLength - 1]:F3}");
        Assert.InRange(extent.MeanBandWidth, BandWidth - 0.5, BandWidth + 0.5);
        Assert.InRange(extent.MeanRunLength, RunLength - 1, RunLength + 1);
    }

    /// <summary>A map with an exact band (mels 40–51) and three 30-frame bursts, a little noise elsewhere.</summary>
    private static AnomalyExcessMap BlockMap(string id, int shift, ulong seed)
    {
        var rng = new SplitMix64(seed);
        var values = new float[128, 313];
        int[] starts = [20 + shift, 140 + shift, 250 + shift];
        for (int m = 0; m < 128; m++)
            for (int t = 0; t < 313; t++)
            {
                bool band = m >= 40 + shift && m < 52 + shift, burst = starts.Any(s => t >= s && t < s + 30);
                values[m, t] = (float)((band ? (burst ? 3.0 : 0.3) : 0) + 0.05 * rng.NextDouble());
            }
        return new AnomalyExcessMap(id, values);
    }

    [Fact]
    public void Fitted_preset_brackets_the_known_band_width_and_burst_length_and_centres_on_the_band()
    {
        var maps = Enumerable.Range(0, 4).Select(i => BlockMap($"id_{i:00}", i % 2, (ulong)i)).ToArray();
        Assert.All(maps, m => Assert.Equal(30, (int)Math.Round(m.Extent.MeanRunLength)));
        Assert.All(maps, m => Assert.Equal(12, (int)Math.Round(m.Extent.MeanBandWidth)));
        AudioBandSegmentOptions fitted = MaskPresetFitter.Fit("blocks", maps);
        double[] band = MaskCoverage.BandProbability(fitted);
        int peak = Array.IndexOf(band, band.Max());
        output.WriteLine($"band {fitted.BandWidthMin}–{fitted.BandWidthMax} bins, segments {fitted.SegmentCountMin}–{fitted.SegmentCountMax} × {fitted.SegmentLengthMin}–{fitted.SegmentLengthMax} frames, band probability peak at mel {peak}");
        Assert.InRange(12, fitted.BandWidthMin, fitted.BandWidthMax);
        Assert.True(fitted.BandWidthMax - fitted.BandWidthMin <= 12, $"band widths {fitted.BandWidthMin}–{fitted.BandWidthMax} for a 12-bin truth");
        Assert.InRange(30, fitted.SegmentLengthMin, fitted.SegmentLengthMax);
        Assert.True(fitted.SegmentLengthMax <= 90 && fitted.SegmentLengthMin >= 5, $"segment lengths {fitted.SegmentLengthMin}–{fitted.SegmentLengthMax} for 30-frame bursts");
        Assert.InRange(peak, 40, 52);
    }

    [Theory]
    [InlineData("Proposed")]
    [InlineData("NarrowBandFewSegments")]
    public void Analytic_preset_profiles_and_extent_match_rendered_masks(string preset)
    {
        var options = AudioBandSegmentOptions.FromPresetName(preset);
        CoverageProfile exact = MaskCoverage.Exact(options);
        // The rendered masks' own pixels (a different seed than the preset's layouts) as the "map": profiles and extent are
        // measured, not copied from the analytic profile.
        CoverageProfile rendered = MaskCoverage.Estimate(new AudioBandSegmentMasks(options), 3000, 77);
        var map = new AnomalyExcessMap("rendered", ToFloat(rendered.PixelCoverage), rendered.Extent);
        AgreementScore score = MaskAgreement.Score(exact, map);
        output.WriteLine($"{preset}: mel {score.Mel:F4}, time {score.Time:F4}, run length {score.RunLength:F4}, band width {score.BandWidth:F4}");
        Assert.True(score.Mel >= 0.98 && score.Time >= 0.98, $"{preset}: position profiles {score.Mel:F4}, {score.Time:F4}");
        Assert.True(score.RunLength >= 0.98 && score.BandWidth >= 0.98, $"{preset}: extent {score.RunLength:F4}, {score.BandWidth:F4}");
        // Another preset's rendered masks are measurably further away on the extent.
        var other = AudioBandSegmentOptions.FromPresetName(preset == "Proposed" ? "Current" : "Proposed");
        AgreementScore foreign = MaskAgreement.Score(MaskCoverage.Exact(other), map);
        Assert.True(foreign.RunLength + foreign.BandWidth < score.RunLength + score.BandWidth - 0.02,
            $"{other.Name} against {preset}'s masks: extent {foreign.RunLength:F4} + {foreign.BandWidth:F4}");
    }

    [Fact]
    public void Custom_agreement_weights_give_the_weighted_mean_of_the_components()
    {
        var map = MaskAgreementTests.SyntheticMap("id_00", 60, seed: 4).WithFrames(320);
        CoverageProfile profile = MaskCoverage.Exact(AudioBandSegmentOptions.Proposed);
        AgreementScore equal = MaskAgreement.Score(profile, map);
        var weights = new AgreementOptions { MelWeight = 2, TimeWeight = 0, RunLengthWeight = 1, BandWidthWeight = 3 };
        AgreementScore weighted = MaskAgreement.Score(profile, map, weights);
        // Components do not depend on the weights; the score is Σ wᵢ Sᵢ / Σ wᵢ with the time component left out.
        Assert.Equal((equal.Mel, equal.RunLength, equal.BandWidth), (weighted.Mel, weighted.RunLength, weighted.BandWidth));
        Assert.Equal((2 * equal.Mel + equal.RunLength + 3 * equal.BandWidth) / 6, weighted.Score, 12);
        Assert.NotEqual(equal.Score, weighted.Score, 6);
        Assert.Equal(weighted.Score, MaskAgreement.Score(profile, map, weights with { MelWeight = 20, RunLengthWeight = 10, BandWidthWeight = 30 }).Score, 12);
        Assert.Throws<ArgumentException>(() => MaskAgreement.Score(profile, map, new AgreementOptions { MelWeight = 0, TimeWeight = 0, RunLengthWeight = 0, BandWidthWeight = 0 }));
        Assert.Throws<ArgumentException>(() => MaskAgreement.Score(profile, map, weights with { TimeWeight = -1 }));
    }

    /// <summary>Every category's count within 5 binomial standard deviations of n·p (a miss is ~1e-6 likely per category).</summary>
    private static void AssertUniform(IReadOnlyList<int> values, int low, int high, string what)
    {
        int categories = high - low + 1;
        double p = 1.0 / categories, expected = values.Count * p, sigma = Math.Sqrt(values.Count * p * (1 - p));
        var counts = new int[categories];
        foreach (int v in values)
        {
            Assert.InRange(v, low, high);
            counts[v - low]++;
        }
        int worst = Enumerable.Range(0, categories).MaxBy(i => Math.Abs(counts[i] - expected));
        Assert.True(Math.Abs(counts[worst] - expected) <= 5 * sigma, $"{what}: {low + worst} drawn {counts[worst]} times, expected {expected:F0} ± {sigma:F0}");
    }

    [Fact]
    public void Sampled_layouts_follow_the_documented_uniform_distributions()
    {
        // The documented sampling (AudioBandSegmentOptions): width, band start, segment count, segment length and segment
        // start each uniform over their integer range. Positions are compared as deciles of their allowed range.
        var options = AudioBandSegmentOptions.Proposed;
        var layouts = new AudioBandSegmentMasks(options).SampleLayouts(6000, 123);
        AssertUniform(layouts.Select(l => l.BandWidth).ToList(), options.BandWidthMin, options.BandWidthMax, "band width");
        AssertUniform(layouts.Select(l => l.Segments.Count).ToList(), options.SegmentCountMin, options.SegmentCountMax, "segment count");
        var segments = layouts.SelectMany(l => l.Segments).ToList();
        AssertUniform(segments.Select(s => s.Length).ToList(), options.SegmentLengthMin, options.SegmentLengthMax, "segment length");
        static int Decile(int value, int range) => Math.Min(9, (int)(10.0 * value / (range + 1)));
        AssertUniform(layouts.Select(l => Decile(l.BandStart, options.MelBins - l.BandWidth)).ToList(), 0, 9, "band start decile");
        AssertUniform(segments.Select(s => Decile(s.Start, options.Frames - s.Length)).ToList(), 0, 9, "segment start decile");
    }

    private static float[,] ToFloat(double[,] values)
    {
        var result = new float[values.GetLength(0), values.GetLength(1)];
        for (int i = 0; i < values.GetLength(0); i++)
            for (int j = 0; j < values.GetLength(1); j++) result[i, j] = (float)values[i, j];
        return result;
    }
}
