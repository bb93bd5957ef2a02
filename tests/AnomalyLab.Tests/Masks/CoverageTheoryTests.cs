using AnomalyLab.Masks;

namespace AnomalyLab.Tests.Masks;

/// <summary>
/// Empirical coverage of 10,000 masks against the exact formula of <see cref="MaskCoverage.Exact"/>: each estimate must lie within
/// a few binomial standard errors √(p(1 − p)/N) of theory — per pixel (5 SE, 40,960 pixels), per mel bin and per frame (4.5 SE).
/// </summary>
public sealed class CoverageTheoryTests
{
    private const int Count = 10_000;

    public static TheoryData<string> Presets() => new("Current", "Proposed", "NarrowBandFewSegments", "centre-prior", "fitted-distributions");

    [Theory]
    [MemberData(nameof(Presets))]
    public void Coverage_of_ten_thousand_masks_matches_theory(string preset)
    {
        var options = preset switch
        {
            "centre-prior" => AudioBandSegmentOptions.Proposed with { Name = "centre-prior", EmptyProbability = 0.2, BandCenterWeights = Enumerable.Range(0, 128).Select(i => i is > 20 and < 50 ? 1.0 + i % 3 : 0.05).ToArray() },
            // A fitted preset's three learned distributions: band centre, band width (7..25 bins) and segment length (5..60 frames).
            "fitted-distributions" => AudioBandSegmentOptions.Proposed with
            {
                Name = "fitted-distributions", BandFractionMin = 0.05, BandFractionMax = 0.2, SegmentCountMin = 1, SegmentCountMax = 6,
                BandCenterWeights = Enumerable.Range(0, 128).Select(i => Math.Exp(-0.5 * Math.Pow((i - 90) / 12.0, 2)) + 0.01).ToArray(),
                BandWidthWeights = Enumerable.Range(7, 19).Select(w => w < 10 ? 3.0 : 0.5).ToArray(),
                SegmentLengthWeights = Enumerable.Range(5, 56).Select(l => l % 10 == 0 ? 4.0 : 1.0).ToArray(),
            },
            _ => AudioBandSegmentOptions.FromPresetName(preset),
        };
        var exact = MaskCoverage.Exact(options);
        var estimated = MaskCoverage.Estimate(new AudioBandSegmentMasks(options), Count, 2026);
        Assert.Equal(Count, estimated.MaskCount);

        double worstPixel = 0;
        for (int m = 0; m < options.MelBins; m++)
            for (int t = 0; t < options.Frames; t++)
                worstPixel = Math.Max(worstPixel, Z(estimated.PixelCoverage[m, t], exact.PixelCoverage[m, t], Count));
        Assert.True(worstPixel < 5, $"{preset}: worst pixel is {worstPixel:F2} standard errors from theory");

        // Marginals from the layouts: "bin m in band" and "frame t covered" are each one Bernoulli draw per mask.
        double[] band = MaskCoverage.BandProbability(options);
        double keep = 1 - options.EmptyProbability;
        var layouts = new AudioBandSegmentMasks(options).SampleLayouts(Count, 2026);
        var bandHits = new int[options.MelBins];
        var frameHits = new int[options.Frames];
        var covered = new bool[options.Frames];
        foreach (var layout in layouts)
        {
            if (layout.IsEmpty) continue;
            for (int m = layout.BandStart; m < layout.BandStart + layout.BandWidth; m++) bandHits[m]++;
            Array.Clear(covered);
            foreach (var segment in layout.Segments)
                for (int t = segment.Start; t < segment.End; t++) covered[t] = true;
            for (int t = 0; t < options.Frames; t++)
                if (covered[t]) frameHits[t]++;
        }
        for (int m = 0; m < options.MelBins; m++)
        {
            double observed = bandHits[m] / (double)Count;
            Assert.True(Z(observed, keep * band[m], Count) < 4.5, $"{preset}: mel bin {m}: {observed:F4} vs {keep * band[m]:F4}");
        }
        double[] time = MaskCoverage.TimeProbability(options);
        for (int t = 0; t < options.Frames; t++)
        {
            double observed = frameHits[t] / (double)Count;
            Assert.True(Z(observed, keep * time[t], Count) < 4.5, $"{preset}: frame {t}: {observed:F4} vs {keep * time[t]:F4}");
        }
        // Mean coverage: average of many pixels, far tighter; 2 % relative is generous yet catches an off-by-one in widths or lengths.
        Assert.InRange(estimated.MeanCoverage, exact.MeanCoverage * 0.98, exact.MeanCoverage * 1.02);
    }

    [Fact]
    public void Exact_profile_has_the_expected_closed_forms_on_a_small_grid()
    {
        // One fixed width 2 on 4 bins: starts 0, 1, 2 each 1/3 → P(bin) = 1/3, 2/3, 2/3, 1/3.
        var options = new AudioBandSegmentOptions { MelBins = 4, Frames = 5, BandFractionMin = 0.5, BandFractionMax = 0.5, SegmentCountMin = 1, SegmentCountMax = 2, SegmentLengthMin = 5, SegmentLengthMax = 5 };
        double[] band = MaskCoverage.BandProbability(options);
        Assert.Equal([1 / 3.0, 2 / 3.0, 2 / 3.0, 1 / 3.0], band.Select(v => Math.Round(v, 12)).ToArray(), (a, b) => Math.Abs(a - b) < 1e-12);
        // A segment of the full length covers every frame.
        Assert.All(MaskCoverage.TimeProbability(options), p => Assert.Equal(1.0, p, 12));
        // Length 1 on 5 frames: q = 1/5; K ∈ {1, 2}: (1 − 0.8 + 1 − 0.64) / 2 = 0.28.
        Assert.All(MaskCoverage.TimeProbability(options with { SegmentLengthMin = 1, SegmentLengthMax = 1 }), p => Assert.Equal(0.28, p, 12));
    }

    private static double Z(double observed, double expected, int n)
    {
        double variance = expected * (1 - expected) / n;
        if (variance <= 0) return observed == expected ? 0 : double.PositiveInfinity;
        return Math.Abs(observed - expected) / Math.Sqrt(variance);
    }
}
