using System.Text.Json;
using AnomalyLab.Data;
using AnomalyLab.IO;
using AnomalyLab.Studies;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Studies;

/// <summary>The pure statistics against numpy on a toy batch (tests/goldens/study_goldens.py → Goldens/study/toy_*).</summary>
public sealed class StudyStatisticsTests
{
    private static readonly JsonElement Golden = JsonDocument.Parse(File.ReadAllText(RepoPaths.Goldens("study", "toy_stats.json"))).RootElement;

    private static (LogMelBatch Normal, LogMelBatch Anomaly) ToyGroups()
    {
        NpyArray toy = NpyFile.Read(RepoPaths.Goldens("study", "toy_batch.npy"));
        int mels = toy.Shape[1], frames = toy.Shape[2], size = mels * frames;
        int valid = Golden.GetProperty("valid_frames").GetInt32();
        var normal = new LogMelBatch(toy.Values[..(6 * size)], 6, mels, frames, valid);
        var anomaly = new LogMelBatch(toy.Values[(6 * size)..], 5, mels, frames, valid);
        return (normal, anomaly);
    }

    private static double[] Array(string key) => Golden.GetProperty(key).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private static void Close(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"index {i}: expected {expected[i]}, got {actual[i]}");
    }

    [Fact]
    public void Band_and_frame_statistics_match_numpy_and_ignore_padding()
    {
        var (normal, anomaly) = ToyGroups();
        var n = BandFrameStatistics.Compute(normal);
        var a = BandFrameStatistics.Compute(anomaly);
        Close(Array("band_mean_normal"), n.BandMean, 1e-9);
        Close(Array("band_mean_anomaly"), a.BandMean, 1e-9);
        Close(Array("frame_mean_normal"), n.FrameMean, 1e-9);
        Assert.Equal(10, n.FrameMean.Length);
        Close(Array("band_var_normal"), n.BandTemporalVariance, 1e-9);
        Close(Array("band_var_anomaly"), a.BandTemporalVariance, 1e-9);
        Close(Array("band_effect_size"), BandFrameStatistics.EffectSize(n, a), 1e-9);
    }

    [Fact]
    public void Full_study_matches_numpy_peaks_range_localisation_and_pca_residual()
    {
        var (normal, anomaly) = ToyGroups();
        var options = StudyOptions.Default with { Pca = new PcaSpectrumOptions { Components = Golden.GetProperty("components").GetInt32() } };
        MachineIdStudy s = SpectrogramStudy.Run(new MachineIdInput("toy", "id_00", normal, anomaly), options);
        Assert.Equal(Golden.GetProperty("peak_mel").GetInt32(), s.RawPeak.Mel);
        Assert.Equal(Golden.GetProperty("peak_frame").GetInt32(), s.RawPeak.Frame);
        Assert.Equal(Golden.GetProperty("peak_mel_fraction").GetDouble(), s.RawPeak.MelFraction, 12);
        Assert.Equal(Golden.GetProperty("peak_time_fraction").GetDouble(), s.RawPeak.TimeFraction, 12);
        Assert.Equal(Golden.GetProperty("excess_peak_mel").GetInt32(), s.ExcessPeak.Mel);
        Assert.Equal(Golden.GetProperty("excess_peak_frame").GetInt32(), s.ExcessPeak.Frame);
        Assert.Equal(Golden.GetProperty("diff_min").GetDouble(), s.DifferenceMin, 9);
        Assert.Equal(Golden.GetProperty("diff_max").GetDouble(), s.DifferenceMax, 9);
        Assert.Equal(Golden.GetProperty("localization_sum").GetDouble(), s.Localization.Cast<double>().Sum(), 7);
        Assert.Equal(Golden.GetProperty("excess_sum").GetDouble(), s.ExcessLocalization.Cast<double>().Sum(), 7);
        Assert.Equal(Golden.GetProperty("residual_mean_normal").GetDouble(), s.NormalResidual.Mean, 6);
        Assert.Equal(Golden.GetProperty("residual_mean_anomaly").GetDouble(), s.AnomalyResidual.Mean, 6);
        Assert.True(s.AnomalyResidual.Mean > s.NormalResidual.Mean, "PCA fitted on normals must reconstruct anomalies worse");
        // Half-mass mel range, temporal pattern and energy sign against the numpy definitions (study_goldens.py).
        Assert.Equal((Golden.GetProperty("half_mass_mel_low").GetInt32(), Golden.GetProperty("half_mass_mel_high").GetInt32()), (s.ExcessMelRange.Low, s.ExcessMelRange.High));
        Assert.Equal(Golden.GetProperty("half_mass_frame_fraction").GetDouble(), s.Temporal.HalfMassFrameFraction, 12);
        Assert.Equal(Golden.GetProperty("temporal_pattern").GetString(), s.Temporal.Shape.ToString().ToLowerInvariant());
        Assert.Equal(Golden.GetProperty("top_region_cells").GetInt32(), TopRegion.Count(s.TopRegion));
        Assert.Equal(Golden.GetProperty("energy_added_share").GetDouble(), s.Sign.AddedShare, 9);
        Assert.Equal(Golden.GetProperty("energy_sign").GetString(), s.Sign.Direction.ToString().ToLowerInvariant());
        // The planted anomaly (bands 2-3, frames 3-6, +9 dB) is where the excess map points (in mel: the 15-frame
        // smoothing box spans this 10-frame toy), and it adds energy.
        Assert.InRange(s.ExcessPeak.Mel, 2, 3);
        Assert.Equal(EnergyDirection.Added, s.Sign.Direction);
    }

    [Fact]
    public void Pca_components_match_numpy_eigenvectors_with_the_sign_convention()
    {
        var (normal, _) = ToyGroups();
        var pca = PcaSpectrumReconstruction.Fit(normal, new PcaSpectrumOptions { Components = 3 });
        double[][] expected = Golden.GetProperty("pca_components").EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();
        for (int j = 0; j < 3; j++)
            Close(expected[j], Enumerable.Range(0, normal.NMels).Select(m => pca.Components[j, m]).ToArray(), 1e-9);
        Close(Array("pca_explained_variance"), pca.ExplainedVariance, 1e-9);
    }

    [Fact]
    public void Pca_reconstruction_equals_the_per_frame_formula_and_the_chunked_residual_equals_the_whole_batch_residual()
    {
        // 70 clips: more than two reconstruction chunks of ReconstructionResidual.ClipsPerReconstruction.
        const int clips = 70, mels = 6, frames = 12, valid = 10;
        var random = new Random(7);
        float[] values = Enumerable.Range(0, clips * mels * frames).Select(i => (float)(random.NextDouble() * 20 - 60 + (i % frames))).ToArray();
        var batch = new LogMelBatch(values, clips, mels, frames, valid);
        var pca = PcaSpectrumReconstruction.Fit(batch, new PcaSpectrumOptions { Components = 3 });

        float[] reconstruction = pca.Reconstruct(batch);
        for (int c = 0; c < clips; c++)
            for (int t = 0; t < frames; t++)
            {
                // mean + Σⱼ wⱼ (wⱼ · (x − mean)), one frame at a time.
                var scores = new double[3];
                for (int j = 0; j < 3; j++)
                    for (int m = 0; m < mels; m++) scores[j] += pca.Components[j, m] * (values[(c * mels + m) * frames + t] - pca.Mean[m]);
                for (int m = 0; m < mels; m++)
                {
                    double expected = pca.Mean[m];
                    for (int j = 0; j < 3; j++) expected += pca.Components[j, m] * scores[j];
                    float actual = reconstruction[(c * mels + m) * frames + t];
                    Assert.True(Math.Abs(expected - actual) <= 1e-5, $"clip {c}, mel {m}, frame {t}: expected {expected}, got {actual} (float32 rounding allows 1e-5)");
                }
            }

        ReconstructionResidual chunked = ReconstructionResidual.Of(pca, batch);
        ReconstructionResidual whole = ReconstructionResidual.Of(batch, reconstruction);
        Assert.Equal(whole.Mean, chunked.Mean);
        Assert.Equal(whole.Map, chunked.Map);
        Assert.Equal(PcaSpectrumReconstruction.Fit(batch, new PcaSpectrumOptions { Components = 3 }).Components, pca.Components);
    }

    [Fact]
    public void Mel_mass_range_counts_only_positive_mass()
    {
        var map = new double[8, 2];
        map[1, 0] = 1; map[3, 0] = 4; map[4, 1] = 3; map[7, 1] = 2; map[6, 0] = -5;
        var range = MelMassRange.Shortest(map, 0.5);
        // Positive mass 1, 4, 3, 2 at bins 1, 3, 4, 7 (total 10; the -5 at bin 6 does not count): bin 3 alone holds 40 %,
        // bins 3-4 hold 70 %, the shortest run reaching half.
        Assert.Equal((3, 4), (range.Low, range.High));
        Assert.Equal(10, range.TotalMass, 12);
    }

    [Fact]
    public void Mel_mass_range_widens_until_half_the_mass_is_covered()
    {
        var map = new double[8, 1];
        map[1, 0] = 1; map[3, 0] = 4; map[4, 0] = 3; map[7, 0] = 2;
        var range = MelMassRange.Shortest(map, 0.5);
        Assert.Equal(3, range.Low);
        Assert.Equal(4, range.High);
        Assert.Equal(0.7, range.Share, 12);
        var all = MelMassRange.Shortest(new double[4, 3], 0.5);
        Assert.Equal((0, 3, 0.0), (all.Low, all.High, all.TotalMass));
    }

    [Fact]
    public void Temporal_pattern_separates_a_burst_from_a_steady_deviation()
    {
        var steady = new double[4, 100];
        var burst = new double[4, 100];
        for (int m = 0; m < 4; m++)
            for (int t = 0; t < 100; t++)
            {
                steady[m, t] = 1 + 0.1 * Math.Sin(t);
                burst[m, t] = t is >= 40 and < 50 ? 5 : 0.01;
            }
        var s = TemporalPattern.Of(steady);
        var b = TemporalPattern.Of(burst);
        Assert.Equal(TemporalShape.Stationary, s.Shape);
        Assert.InRange(s.HalfMassFrameFraction, 0.45, 0.55);
        Assert.Equal(TemporalShape.Segmented, b.Shape);
        Assert.True(b.HalfMassFrameFraction <= 0.06, $"burst fraction {b.HalfMassFrameFraction}");
    }

    [Fact]
    public void Energy_sign_and_region_overlap()
    {
        var diff = new double[2, 2] { { 3, -1 }, { 2, -0.5 } };
        Assert.Equal(EnergyDirection.Added, EnergySign.Of(diff).Direction);
        var negative = new double[2, 2] { { -3, -1 }, { 1, -0.5 } };
        Assert.Equal(EnergyDirection.Removed, EnergySign.Of(negative).Direction);
        var mixed = new double[1, 2] { { 1, -1 } };
        Assert.Equal(EnergyDirection.Mixed, EnergySign.Of(mixed).Direction);

        var predicted = new bool[2, 3] { { true, true, false }, { false, false, false } };
        var truth = new bool[2, 3] { { false, true, true }, { false, false, false } };
        var o = RegionOverlap.Of(predicted, truth);
        Assert.Equal(1.0 / 3, o.Iou, 12);
        Assert.Equal(0.5, o.Precision, 12);
        Assert.Equal(0.5, o.Recall, 12);
        var top = TopRegion.Of(new double[1, 4] { { 1, 4, 2.5, -3 } }, 0.5);
        Assert.Equal(new[] { false, true, true, false }, top.Cast<bool>().ToArray());
    }

    [Fact]
    public void Empty_or_mismatched_groups_are_rejected_with_the_id_in_the_message()
    {
        var (normal, anomaly) = ToyGroups();
        var e = Assert.Throws<ArgumentException>(() => SpectrogramStudy.Run(new MachineIdInput("fan", "id_04", normal, anomaly.EmptyLike())));
        Assert.Contains("fan/id_04", e.Message);
        Assert.Throws<ArgumentException>(() => new LogMelBatch(new float[10], 1, 2, 6));
        Assert.Throws<ArgumentException>(() => new LogMelBatch(new float[12], 1, 2, 6, validFrames: 7));
    }
}
