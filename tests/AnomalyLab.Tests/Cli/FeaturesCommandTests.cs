using System.Text;
using AnomalyLab.Audio;
using AnomalyLab.Features;
using AnomalyLab.IO;
using AnomalyLab.Tests.Features;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Cli;

public class FeaturesCommandTests
{
    private static float[] ThreeChannels(int frames, int rate)
    {
        var x = new float[frames * 3];
        for (int i = 0; i < frames; i++)
            for (int c = 0; c < 3; c++) x[i * 3 + c] = (float)(0.2 * Math.Sin(2 * Math.PI * (300 + 700 * c) * i / rate));
        return x;
    }

    [Fact]
    public void Writes_a_float32_npy_of_n_mels_by_frames_that_equals_the_library_result()
    {
        using var folder = new TempFolder();
        string wav = folder.File("three.wav"), npy = folder.File("out", "three.npy");
        WavWriter.Write(wav, ThreeChannels(16000, 16000), 16000, channels: 3);

        var result = CliRunner.Run("features", wav, "--features", "torchaudio", "--out", npy);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("[128, 32] float32 log-mel (channel 0)", result.StandardOutput);
        byte[] bytes = File.ReadAllBytes(npy);
        Assert.Equal([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0], bytes[..8]);
        int headerLength = BitConverter.ToUInt16(bytes, 8);
        string header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Equal(0, (10 + headerLength) % 64);
        Assert.StartsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (128, 32), }", header);
        Assert.EndsWith("\n", header);
        Assert.Equal(10 + headerLength + 128 * 32 * 4, bytes.Length);

        float[,] expected = new LogMelExtractor(LogMelOptions.Torchaudio).Extract(WavReader.Read(wav).Channel(0));
        Assert.Equal(expected, NpyFile.Read(npy).To2D());
    }

    [Theory]
    [InlineData("--mix")]
    [InlineData("--channel", "2")]
    public void Channel_choice_reaches_the_extractor(params string[] choice)
    {
        using var folder = new TempFolder();
        string wav = folder.File("three.wav"), npy = folder.File("three.npy");
        WavWriter.Write(wav, ThreeChannels(8000, 16000), 16000, channels: 3);

        var result = CliRunner.Run(["features", wav, "--features", "dcase2020-baseline", "--out", npy, .. choice]);

        Assert.True(result.ExitCode == 0, result.StandardError);
        WavAudio audio = WavReader.Read(wav);
        float[] mono = choice[0] == "--mix" ? audio.Mix() : audio.Channel(2);
        Assert.Equal(new LogMelExtractor(LogMelOptions.Dcase2020Baseline).Extract(mono), NpyFile.Read(npy).To2D());
    }

    [Fact]
    public void Other_sample_rates_fail_unless_resample_is_given()
    {
        using var folder = new TempFolder();
        string wav = folder.File("tone22k.wav"), npy = folder.File("tone.npy");
        var x = new float[22050];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(0.3 * Math.Sin(2 * Math.PI * 500 * i / 22050.0));
        WavWriter.Write(wav, x, 22050);

        var refused = CliRunner.Run("features", wav, "--out", npy);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"{wav}: sample rate is 22050 Hz, 16000 Hz expected", refused.StandardError);
        Assert.False(File.Exists(npy));

        var resampled = CliRunner.Run("features", wav, "--out", npy, "--resample");
        Assert.True(resampled.ExitCode == 0, resampled.StandardError);
        Assert.Equal([128, 32], NpyFile.Read(npy).Shape);
    }

    public static TheoryData<string, string[], string> Errors() => new()
    {
        { "both channel and mix", ["--channel", "1", "--mix"], "--channel and --mix exclude each other" },
        { "channel out of range", ["--channel", "5"], "channel 5 asked for, the file has 3 channel(s)" },
        { "negative channel", ["--channel", "-1"], "--channel must be 0 or more" },
        { "unknown preset", ["--features", "librosa-0.9"], "Unknown feature preset 'librosa-0.9'" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Bad_options_fail_with_one_clear_line_and_exit_code_2(string name, string[] extra, string expected)
    {
        using var folder = new TempFolder();
        string wav = folder.File("three.wav"), npy = folder.File("x.npy");
        WavWriter.Write(wav, ThreeChannels(4000, 16000), 16000, channels: 3);

        var result = CliRunner.Run(["features", wav, "--out", npy, .. extra]);

        Assert.True(result.ExitCode == 2, $"{name}: exit {result.ExitCode}, stderr {result.StandardError}");
        Assert.Contains(expected, result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError); // no stack trace
        Assert.False(File.Exists(npy));
    }

    [Fact]
    public void Missing_or_malformed_files_name_the_file()
    {
        using var folder = new TempFolder();
        string absent = folder.File("absent.wav"), junk = folder.File("junk.wav");
        File.WriteAllText(junk, "ID3 this is an mp3, not a wav");

        var missing = CliRunner.Run("features", absent, "--out", folder.File("a.npy"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains($"{absent}: WAV file not found", missing.StandardError);

        var malformed = CliRunner.Run("features", junk, "--out", folder.File("b.npy"));
        Assert.Equal(2, malformed.ExitCode);
        Assert.Contains($"{junk}: not a RIFF file", malformed.StandardError);
    }

    [SharedDataFact]
    public void Real_mimii_channel_matches_the_dcase_baseline_golden()
    {
        using var folder = new TempFolder();
        string npy = folder.File("pump_ch3.npy");
        var result = CliRunner.Run("features", RepoPaths.Shared("mimii-raw-sample", "pump_abnormal.wav"), "--features", "dcase2020-baseline", "--channel", "3", "--out", npy);

        Assert.True(result.ExitCode == 0, result.StandardError);
        float[,] expected = FeatureGoldens.Load("dcase2020_mimii_pump_ch3.npy");
        float[,] actual = NpyFile.Read(npy).To2D();
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        double worst = 0;
        for (int m = 0; m < expected.GetLength(0); m++)
            for (int t = 0; t < expected.GetLength(1); t++) worst = Math.Max(worst, Math.Abs(expected[m, t] - actual[m, t]));
        Assert.True(worst <= 1e-3, $"max |cli − golden| = {worst} dB");
    }
}
