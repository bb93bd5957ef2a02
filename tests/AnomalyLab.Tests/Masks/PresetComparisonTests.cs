using AnomalyLab.Data;
using AnomalyLab.Masks;
using AnomalyLab.Plots;

namespace AnomalyLab.Tests.Masks;

/// <summary>
/// The verdict: best preset, margin over the runner-up, bootstrap interval over clips; "wins" only where the interval excludes 0.
/// Synthetic clips whose anomalies sit in mel bins 84–96, in bursts of about 20 frames.
/// </summary>
public sealed class PresetComparisonTests
{
    private static readonly BootstrapOptions Bootstrap = new() { Replicates = 60, Seed = 3 };

    [Fact]
    public void A_preset_that_matches_wins_and_two_identical_presets_tie()
    {
        var clips = new[] { Clips("id_00", 1), Clips("id_02", 2) };
        var matching = AudioBandSegmentOptions.Proposed with
        {
            Name = "matching", BandFractionMin = 0.08, BandFractionMax = 0.12, SegmentCountMin = 1, SegmentCountMax = 3, SegmentLengthMin = 15, SegmentLengthMax = 25,
            BandCenterWeights = Enumerable.Range(0, 64).Select(i => Math.Exp(-0.5 * Math.Pow((i - 45) / 2.0, 2))).ToArray(),
        };
        var profiles = new[] { MaskCoverage.Exact(matching with { MelBins = 64, Frames = 160 }), MaskCoverage.Exact(matching with { Name = "twin", MelBins = 64, Frames = 160 }), MaskCoverage.Exact(AudioBandSegmentOptions.Proposed.WithGrid(64, 160) with { Name = "Proposed" }) };
        var comparison = PresetComparison.Run("toy", profiles, clips, Bootstrap);
        Assert.Equal(60, comparison.Replicates + comparison.SkippedReplicates);

        var tie = comparison.Verdict(presets: ["matching", "twin"]);
        Assert.Equal(0, tie.Margin, 12);
        Assert.False(tie.Wins, tie.Statement);
        Assert.Contains("no clear winner", tie.Statement);

        var clear = comparison.Verdict(presets: ["twin", "Proposed"]);
        Assert.Equal("twin", clear.Best);
        Assert.True(clear.Wins, clear.Statement);
        Assert.InRange(clear.Margin, clear.Low, clear.High);
        Assert.InRange(tie.Margin, tie.Low, tie.High);

        // Without a bootstrap nothing is claimed, however large the margin.
        var unbootstrapped = PresetComparison.WithoutBootstrap("toy", profiles, comparison.Maps).Verdict(presets: ["twin", "Proposed"]);
        Assert.False(unbootstrapped.Wins);
        Assert.Contains("no win is claimed", unbootstrapped.Statement);
    }

    [Fact]
    public void Same_seed_same_interval_and_tables_claim_only_what_the_interval_shows()
    {
        var clips = new[] { Clips("id_00", 5) };
        var profiles = MaskStrategies.ComparisonProfiles(64, 160, perlinMasks: 200);
        Assert.Equal(["Current", "Proposed", "NarrowBandFewSegments", "Perlin"], profiles.Select(p => p.Name).ToArray());
        var a = PresetComparison.Run("toy", profiles, clips, Bootstrap);
        var b = PresetComparison.Run("toy", profiles, clips, Bootstrap);
        Assert.Equal(a.Verdict(), b.Verdict());
        TableFigure table = MaskReports.VerdictTable(a);
        foreach (var row in table.Rows)
        {
            bool claimed = (string)row[8]! == "wins";
            Assert.Equal(claimed, (double)row[6]! > 0 && (double)row[5]! > 0);
        }
    }

    [Fact]
    public void An_id_with_one_clip_per_label_gets_no_interval_and_no_win()
    {
        // One normal and one anomalous clip: every resample repeats them, so the interval would have width 0 and claim anything.
        var full = Clips("id_00", 7);
        var single = new ExcessMapClips("id_00", Slice(full.Normal), Slice(full.Anomalous));
        var comparison = PresetComparison.Run("toy", MaskStrategies.ComparisonProfiles(64, 160, perlinMasks: 100), [single], Bootstrap);
        Assert.Equal(["id_00"], comparison.IdsWithoutInterval);
        var verdict = Assert.Single(comparison.Verdicts());
        Assert.True(verdict.Margin > 0.01, $"margin {verdict.Margin}");
        Assert.False(verdict.Wins);
        Assert.Equal("no interval (no win claimed)", verdict.Outcome);

        static LogMelBatch Slice(LogMelBatch batch) => new(batch.Clip(0).ToArray(), 1, batch.NMels, batch.Frames);
    }

    /// <summary>10 normal and 10 anomalous clips [64 mels, 160 frames]: noise, plus bursts of +6 dB in mel 42–48 for the anomalies.</summary>
    internal static ExcessMapClips Clips(string id, ulong seed)
    {
        var rng = new SplitMix64(seed);
        LogMelBatch Batch(bool anomalous)
        {
            var values = new float[10 * 64 * 160];
            for (int c = 0; c < 10; c++)
            {
                int start = rng.NextInt(0, 140), length = rng.NextInt(15, 25);
                for (int m = 0; m < 64; m++)
                    for (int t = 0; t < 160; t++)
                    {
                        double v = -40 + 3 * (rng.NextDouble() - 0.5);
                        if (anomalous && m >= 42 && m <= 48 && t >= start && t < Math.Min(160, start + length)) v += 6 + rng.NextDouble();
                        values[(c * 64 + m) * 160 + t] = (float)v;
                    }
            }
            return new LogMelBatch(values, 10, 64, 160);
        }
        return new ExcessMapClips(id, Batch(false), Batch(true));
    }
}
