using AnomalyLab.Masks;

namespace AnomalyLab.Tests.Masks;

/// <summary>Run lengths and band widths: known answers, layouts vs rendered masks, excess over normal, exact vs estimated.</summary>
public sealed class MaskExtentTests
{
    [Fact]
    public void Tally_counts_cell_weighted_runs_along_time_and_mel()
    {
        // 3 mel × 6 frames: row 0 has runs 2 and 1, row 1 a run of 3; columns: frame 0 width 2, frame 1 width 2, frame 2 width 1, frame 3 width 1.
        bool[,] map =
        {
            { true, true, false, true, false, false },
            { true, true, true, false, false, false },
            { false, false, false, false, false, false },
        };
        var tally = new MaskExtentTally(3, 6);
        tally.AddMap(Flat(map));
        Assert.Equal([1, 2, 3, 0, 0, 0], tally.RunLengthCells);
        Assert.Equal([2, 4, 0], tally.BandWidthCells);
        var extent = tally.ToExtent();
        Assert.Equal(1 / 6.0 * 1 + 2 / 6.0 * 2 + 3 / 6.0 * 3, extent.MeanRunLength, 12);
        Assert.Equal(1 / 3.0 * 1 + 2 / 3.0 * 2, extent.MeanBandWidth, 12);
        Assert.Throws<ArgumentException>(() => tally.AddMap(new bool[5]));
    }

    [Fact]
    public void A_layout_tallies_like_its_rendered_mask()
    {
        var strategy = new AudioBandSegmentMasks(AudioBandSegmentOptions.Proposed);
        var fromLayouts = new MaskExtentTally(128, 320);
        var fromMasks = new MaskExtentTally(128, 320);
        var batch = strategy.Generate(50, 3);
        for (int b = 0; b < 50; b++)
        {
            fromLayouts.AddLayout(strategy.SampleLayout(3, b));
            var mask = batch.MaskSpan(b);
            var active = new bool[mask.Length];
            for (int i = 0; i < mask.Length; i++) active[i] = mask[i] != 0;
            fromMasks.AddMap(active);
        }
        Assert.Equal(fromMasks.RunLengthCells, fromLayouts.RunLengthCells);
        Assert.Equal(fromMasks.BandWidthCells, fromLayouts.BandWidthCells);
    }

    [Fact]
    public void Excess_extent_removes_runs_normal_maps_have_as_often()
    {
        var anomalous = new MaskExtentTally(2, 8);
        var normal = new MaskExtentTally(2, 8);
        // Anomalous: an isolated cell (noise, as in normal maps) and a 6-frame run in row 1.
        anomalous.AddMap(Flat(new[,] { { true, false, false, false, false, false, false, false }, { false, true, true, true, true, true, true, false } }));
        normal.AddMap(Flat(new[,] { { false, false, false, true, false, false, false, false }, { false, false, false, false, false, false, false, false } }));
        var excess = MaskExtentTally.Excess(anomalous, normal);
        Assert.Equal(1, excess.RunLengths[5], 12);
        Assert.Equal(1, excess.BandWidths[0], 12);
        // Nothing left after the subtraction: the anomalous counts alone.
        var same = MaskExtentTally.Excess(normal, normal);
        Assert.Equal(1, same.RunLengths[0], 12);
    }

    [Fact]
    public void Exact_extent_matches_the_extent_of_generated_masks()
    {
        foreach (var preset in AudioBandSegmentOptions.SeedPresets)
        {
            var exact = MaskCoverage.Exact(preset).Extent!;
            var estimated = MaskCoverage.Estimate(new AudioBandSegmentMasks(preset), 600, 11).Extent!;
            Assert.True(MaskExtent.Similarity(exact.BandWidths, estimated.BandWidths) > 0.995, $"{preset.Name} band widths");
            Assert.True(MaskExtent.Similarity(exact.RunLengths, estimated.RunLengths) > 0.98, $"{preset.Name} run lengths");
            Assert.Equal(exact.MeanBandWidth, estimated.MeanBandWidth, 0.03 * exact.MeanBandWidth);
        }
        // Perlin masks are measured from the rendered masks.
        Assert.NotNull(MaskCoverage.Estimate(new PerlinMasks(PerlinMaskOptions.AxisAlignedNonEmpty), 20, 1).Extent);
    }

    [Fact]
    public void A_map_without_clips_measures_extent_at_half_maximum()
    {
        var values = new float[4, 10];
        for (int t = 2; t < 7; t++)
        {
            values[1, t] = 2;
            values[2, t] = 1.5f;
            values[3, t] = 0.5f;
        }
        var extent = new AnomalyExcessMap("id_00", values).Extent;
        Assert.Equal(1, extent.RunLengths[4], 12);
        Assert.Equal(1, extent.BandWidths[1], 12);
        Assert.Equal(3, AnomalyExcessMap.ExtentOfMap(values, 0.2).MeanBandWidth, 12);
    }

    private static bool[] Flat(bool[,] map)
    {
        var flat = new bool[map.Length];
        int i = 0;
        foreach (bool v in map) flat[i++] = v;
        return flat;
    }
}
