using System.Reflection;
using AnomalyLab.Masks;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Masks;

/// <summary>Presets are bounded (every out-of-range field refused by name) and mask generation costs O(grid), whatever the segments.</summary>
public sealed class PresetValidationTests
{
    [Theory]
    [InlineData("segment_count_max", 2_000_000_000)]
    [InlineData("frames", 10_000_000)]
    [InlineData("mel_bins", 100_000)]
    [InlineData("mel_bins", 0)]
    [InlineData("segment_count_min", 0)]
    [InlineData("segment_length_min", 0)]
    public void An_out_of_range_count_or_grid_is_refused_with_the_field_named(string field, int value)
    {
        using var folder = new TempFolder();
        string path = folder.File("hostile.json");
        File.WriteAllText(path, $"{{\"name\": \"hostile\", \"{field}\": {value}}}");
        var error = Assert.Throws<InvalidDataException>(() => AudioBandSegmentOptions.Load(path));
        Assert.Contains("hostile.json", error.Message);
        Assert.Contains(field, error.Message);
    }

    [Fact]
    public void Distribution_weights_must_match_their_range_and_be_non_negative()
    {
        var p = AudioBandSegmentOptions.Proposed; // widths 7..25 (19), lengths 5..60 (56)
        Assert.Contains("band_width_weights has 3 values, expected 19", Assert.Throws<ArgumentException>(() => (p with { BandWidthWeights = [1, 2, 3] }).Validate()).Message);
        Assert.Contains("segment_length_weights must be finite", Assert.Throws<ArgumentException>(() => (p with { SegmentLengthWeights = Enumerable.Repeat(-1.0, 56).ToArray() }).Validate()).Message);
        Assert.Contains("segment_count_max must be ≤ frames = 320", Assert.Throws<ArgumentException>(() => (p with { SegmentCountMax = 321 }).Validate()).Message);
        p.Validate();
    }

    [Fact]
    public void Masks_show_refuses_a_hostile_preset_with_exit_code_2_and_writes_nothing()
    {
        using var folder = new TempFolder();
        string preset = folder.File("hostile.json");
        File.WriteAllText(preset, "{\"name\": \"hostile\", \"segment_count_max\": 2000000000}");
        string output = folder.File("out");
        Assert.Equal(2, Run("masks", "show", "--mask-preset", preset, "--out", output));
        Assert.False(File.Exists(Path.Combine(output, "index.html")));
    }

    [Fact]
    public void Many_long_overlapping_segments_render_as_their_union()
    {
        // The renderer counts segment starts/ends (O(segments + frames)); the naive fill it replaced must give the same mask.
        var options = AudioBandSegmentOptions.Proposed with { SegmentCountMin = 300, SegmentCountMax = 320, SegmentLengthMin = 200, SegmentLengthMax = 320 };
        var strategy = new AudioBandSegmentMasks(options);
        var masks = strategy.Generate(3, 11);
        for (int b = 0; b < 3; b++)
        {
            var layout = strategy.SampleLayout(11, b);
            var naive = new bool[options.Frames];
            foreach (var segment in layout.Segments)
                for (int t = segment.Start; t < segment.End; t++) naive[t] = true;
            for (int t = 0; t < options.Frames; t++) Assert.Equal(naive[t] ? 1f : 0f, masks[b, layout.BandStart, t]);
            Assert.Equal(naive, layout.CoveredFrames(options.Frames));
        }
    }

    [Fact]
    public void Exact_time_profile_matches_the_direct_formula()
    {
        // The O(frames) difference-array form against the per-frame count it replaced.
        foreach (var options in new[] { AudioBandSegmentOptions.Current, AudioBandSegmentOptions.Proposed, AudioBandSegmentOptions.NarrowBandFewSegments with { Frames = 77, SegmentLengthMax = 77 } })
        {
            double[] fast = MaskCoverage.TimeProbability(options);
            int frames = options.Frames, lengths = options.SegmentLengthMax - options.SegmentLengthMin + 1, counts = options.SegmentCountMax - options.SegmentCountMin + 1;
            for (int t = 0; t < frames; t++)
            {
                double single = 0;
                for (int length = options.SegmentLengthMin; length <= options.SegmentLengthMax; length++)
                    single += Math.Max(0, Math.Min(t, frames - length) - Math.Max(0, t - length + 1) + 1) / (double)(frames - length + 1) / lengths;
                double covered = 0;
                for (int k = options.SegmentCountMin; k <= options.SegmentCountMax; k++) covered += 1 - Math.Pow(1 - single, k);
                Assert.Equal(covered / counts, fast[t], 9);
            }
        }
    }

    [Fact]
    public void A_preset_follows_the_clip_length_by_the_stated_rule()
    {
        Assert.Equal(320, AudioBandSegmentOptions.GridFrames(313));
        Assert.Equal(352, AudioBandSegmentOptions.GridFrames(344)); // ToyCar, 11 s
        Assert.Equal(384, AudioBandSegmentOptions.GridFrames(376)); // DCASE 2023, 12 s
        var proposed = AudioBandSegmentOptions.Proposed.ForClip(128, 344);
        Assert.Equal((352, 5, 60, 3, 20), (proposed.Frames, proposed.SegmentLengthMin, proposed.SegmentLengthMax, proposed.SegmentCountMin, proposed.SegmentCountMax));
        Assert.Equal(88, AudioBandSegmentOptions.Current.ForClip(128, 344).SegmentLengthMax); // Current keeps T/4
        var weighted = AudioBandSegmentOptions.Proposed with { SegmentLengthWeights = Enumerable.Range(5, 56).Select(l => (double)l).ToArray() };
        var short_ = weighted.WithGrid(128, 40);
        Assert.Equal((5, 40, 36), (short_.SegmentLengthMin, short_.SegmentLengthMax, short_.SegmentLengthWeights!.Length));
        short_.Validate();
        Assert.Equal(AudioBandSegmentOptions.Current.SegmentLengthMax, MaskStrategies.Resolve("current").Width / 4);
    }

    private static int Run(params string[] args)
    {
        object? result = Assembly.Load("AnomalyLab.Cli").EntryPoint!.Invoke(null, [args]);
        return result is Task<int> task ? task.GetAwaiter().GetResult() : (int)result!;
    }
}
