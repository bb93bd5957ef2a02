using System.Text.Json;
using AnomalyLab.Audio;
using AnomalyLab.Features;
using AnomalyLab.IO;
using AnomalyLab.Models.StftVae;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Models.StftVae;

/// <summary>
/// The STFT-VAE patch preset against tests/goldens/stft_vae_goldens.py (torch.stft, cross-checked there against
/// scipy.signal.stft and numpy.fft.rfft; librosa's amplitude_to_db formula in numpy) on a real slider clip, and its
/// pad/crop, bin and silence rules.
/// </summary>
public class StftPatchTests
{
    // Normalised values in [0, 1] over an 80 dB range: 1e-4 is below 0.01 dB.
    private const float Tolerance = 1e-4f;

    public static TheoryData<string> GoldenCases()
    {
        var data = new TheoryData<string>();
        foreach (JsonElement c in Manifest().GetProperty("cases").EnumerateArray()) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    [SharedDataTheory]
    [MemberData(nameof(GoldenCases))]
    public void Patch_of_real_clip_matches_torch_stft_reference(string name)
    {
        JsonElement manifest = Manifest();
        JsonElement c = manifest.GetProperty("cases").EnumerateArray().Single(x => x.GetProperty("name").GetString() == name);
        float[] signal = c.GetProperty("silence").GetBoolean()
            ? new float[c.GetProperty("samples").GetInt32()]
            : WavReader.Read(RepoPaths.Shared(manifest.GetProperty("clip").GetString()!.Split('/'))).Channel(0)[..c.GetProperty("samples").GetInt32()];
        float[,] expected = NpyFile.Read(RepoPaths.Goldens("stft_vae", c.GetProperty("file").GetString()!)).To2D();

        StftPatch patch = StftPatch.Compute(signal, StftPatchOptions.Default);

        Assert.Equal(512, patch.Height);
        Assert.Equal(128, patch.Frames);
        Assert.Equal(c.GetProperty("valid_frames").GetInt32(), patch.ValidFrames);
        Assert.Equal(c.GetProperty("source_frames").GetInt32(), patch.SourceFrames);
        double worst = 0;
        for (int f = 0; f < 512; f++)
            for (int t = 0; t < 128; t++)
                worst = Math.Max(worst, Math.Abs(expected[f, t] - patch.Values[f, t]));
        Assert.True(worst <= Tolerance, $"{name}: largest difference {worst:G3} > {Tolerance}");
    }

    [Fact]
    public void Values_span_zero_to_one_over_real_frames_and_padding_is_zero()
    {
        float[] signal = Noise(16000, seed: 1); // 1 s → 32 frames, padded to 128
        StftPatch patch = StftPatch.Compute(signal, StftPatchOptions.Default);

        Assert.Equal(32, patch.ValidFrames);
        float min = float.MaxValue, max = float.MinValue;
        for (int f = 0; f < patch.Height; f++)
        {
            for (int t = 0; t < patch.Frames; t++)
            {
                float v = patch.Values[f, t];
                if (t >= patch.ValidFrames) Assert.Equal(0f, v);
                else { min = Math.Min(min, v); max = Math.Max(max, v); }
            }
        }
        Assert.Equal(0f, min);
        Assert.Equal(1f, max);
    }

    [Fact]
    public void Long_clip_is_cropped_to_its_first_frames()
    {
        float[] signal = Noise(16000 * 6, seed: 2); // 188 frames
        StftPatch full = StftPatch.Compute(signal, StftPatchOptions.Default);
        StftPatchOptions wide = StftPatchOptions.Default with { Frames = 256 };
        StftPatch reference = StftPatch.Compute(signal, wide);

        Assert.Equal(188, full.SourceFrames);
        Assert.Equal(128, full.ValidFrames);
        Assert.Equal(188, reference.ValidFrames);
        // Crop = the first 128 columns of the full dB spectrogram, normalised over those columns.
        double[,] power = Stft.PowerSpectrogram(signal, 1024, 512, 1024, 2.0, true, PadMode.Reflect);
        float[,] db = Decibels.FromPower(power, DecibelFloor.Clamp, 1e-10, 1.0, 80.0);
        var first = new float[513, 128];
        for (int f = 0; f < 513; f++) for (int t = 0; t < 128; t++) first[f, t] = db[f, t];
        StftPatch cropped = StftPatch.FromDecibels(first, StftPatchOptions.Default);
        Assert.Equal(cropped.Values.Cast<float>(), full.Values.Cast<float>());
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.25f)]
    public void Constant_signal_gives_all_zeros_without_NaN(float level)
    {
        float[] signal = Enumerable.Repeat(level, 32000).ToArray();
        StftPatch patch = StftPatch.Compute(signal, StftPatchOptions.Default);
        if (level == 0f)
        {
            foreach (float v in patch.Values) Assert.Equal(0f, v);
        }
        else
        {
            // A DC offset is not constant in dB (bin 0 carries it), but every value stays finite and in [0, 1].
            foreach (float v in patch.Values) Assert.True(float.IsFinite(v) && v >= 0 && v <= 1);
        }
    }

    [Fact]
    public void Bin_rules_give_heights_the_vae_can_halve()
    {
        Assert.Equal(512, StftPatchOptions.Default.Height);
        StftPatchOptions padded = StftPatchOptions.Default with { BinRule = FrequencyBinRule.ZeroPad };
        Assert.Equal(528, padded.Height);
        StftPatch patch = StftPatch.Compute(Noise(32000, seed: 3), padded);
        for (int f = 513; f < 528; f++) Assert.Equal(0f, patch.Values[f, 3]);
        Assert.Throws<ArgumentException>(() => StftPatch.Compute(new float[100], StftPatchOptions.Default));
    }

    private static JsonElement Manifest() =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.Goldens("stft_vae", "manifest.json"))).RootElement.Clone();

    private static float[] Noise(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() - 0.5) * 0.2f).ToArray();
    }
}
