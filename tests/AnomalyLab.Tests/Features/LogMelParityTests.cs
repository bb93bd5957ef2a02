using AnomalyLab.Audio;
using AnomalyLab.Features;
using AnomalyLab.Tests.TestSupport;
using Xunit.Abstractions;

namespace AnomalyLab.Tests.Features;

/// <summary>
/// Parity on real clips from ../shared/data against goldens from tests/goldens/features_goldens.py: the Torchaudio preset
/// against torchaudio 0.13.1 (MelSpectrogram + AmplitudeToDB(top_db=80)), the Dcase2020Baseline preset against the
/// librosa 0.6 formula in numpy float64. Tolerance 1e-3 dB on every frame and mel band above the floor.
/// </summary>
public class LogMelParityTests(ITestOutputHelper output)
{
    private const double ToleranceDb = 1e-3;

    public static TheoryData<string, string, int, string> Clips()
    {
        var data = new TheoryData<string, string, int, string>();
        foreach (var clip in FeatureGoldens.Clips)
            data.Add(clip.GetProperty("preset").GetString()!, clip.GetProperty("wav").GetString()!, clip.GetProperty("channel").GetInt32(), clip.GetProperty("golden").GetString()!);
        return data;
    }

    [SharedDataTheory]
    [MemberData(nameof(Clips))]
    public void Log_mel_of_real_clip_matches_reference_within_1e_3_dB(string preset, string wav, int channel, string golden)
    {
        LogMelOptions options = LogMelOptions.FromPresetName(preset);
        float[,] actual = new LogMelExtractor(options).ExtractFile(RepoPaths.Shared(wav.Split('/')), ChannelSelection.ChannelAt(channel));
        AssertMatches(options, FeatureGoldens.Load(golden), actual, $"{wav} ({preset}, channel {channel})");
    }

    /// <summary>
    /// The committed 480 ms cut of a DCASE 2020 slider clip (Goldens/features/real_clip, CC BY-NC-SA 4.0, made by
    /// tests/goldens/real_clip_goldens.py): the STFT → mel → dB chain is checked against torchaudio and the librosa formula
    /// even in a fresh clone without ../shared/data.
    /// </summary>
    [Theory]
    [InlineData("torchaudio", "torchaudio.npy")]
    [InlineData("dcase2020-baseline", "dcase2020_baseline.npy")]
    public void Log_mel_of_the_committed_real_clip_matches_reference_within_1e_3_dB(string preset, string golden)
    {
        LogMelOptions options = LogMelOptions.FromPresetName(preset);
        string wav = RepoPaths.Goldens("features", "real_clip", "slider_anomaly_id_02_00000003_480ms.wav");
        float[,] actual = new LogMelExtractor(options).ExtractFile(wav, ChannelSelection.ChannelAt(0));
        AssertMatches(options, FeatureGoldens.Load(Path.Combine("real_clip", golden)), actual, $"committed real clip ({preset})");
    }

    private void AssertMatches(LogMelOptions options, float[,] expected, float[,] actual, string what)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        // "Above the floor": torchaudio's top_db floor (max − 80) is compared too, since clamping cannot widen a difference;
        // for the DCASE baseline only cells whose power is far above the 2.2e-16 epsilon count (150 dB below 0 dB).
        double floor = options.TopDb is null ? 10 * Math.Log10(options.Amin) + 6.5 : double.NegativeInfinity;
        double worst = 0;
        int compared = 0, worstMel = -1, worstFrame = -1;
        for (int m = 0; m < expected.GetLength(0); m++)
        {
            for (int t = 0; t < expected.GetLength(1); t++)
            {
                if (expected[m, t] <= floor) continue;
                compared++;
                double difference = Math.Abs(actual[m, t] - expected[m, t]);
                if (difference > worst) (worst, worstMel, worstFrame) = (difference, m, t);
            }
        }
        output.WriteLine($"{what}: max |ours − reference| = {worst:E3} dB over {compared} cells");
        Assert.True(compared > 0.99 * expected.Length, $"{what}: only {compared} of {expected.Length} cells are above the floor");
        Assert.True(worst <= ToleranceDb, $"{what}: max |ours − reference| = {worst:E3} dB at mel {worstMel}, frame {worstFrame} (tolerance {ToleranceDb} dB)");
    }

    [Fact]
    public void Goldens_cover_both_presets_and_at_least_six_clips()
    {
        var clips = FeatureGoldens.Clips.ToList();
        Assert.Contains(clips, c => c.GetProperty("preset").GetString() == "torchaudio");
        Assert.Contains(clips, c => c.GetProperty("preset").GetString() == "dcase2020-baseline");
        Assert.True(clips.Count >= 6);
    }
}
