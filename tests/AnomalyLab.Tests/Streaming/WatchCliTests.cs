using System.Globalization;
using AnomalyLab.Audio;
using AnomalyLab.Models.StftVae;
using AnomalyLab.Data;
using AnomalyLab.Streaming;
using AnomalyLab.Tests.Cli;
using AnomalyLab.Tests.TestSupport;
using AnomalyLab.Tests.Training;
using AnomalyLab.Training;

namespace AnomalyLab.Tests.Streaming;

/// <summary><c>anomalylab watch-train</c> and <c>anomalylab watch</c> in their own processes (file and stdin inputs).</summary>
[Collection(TorchRandomCollection.Name)]
public sealed class WatchCliTests
{
    [Fact]
    public void Train_then_watch_a_file_and_the_same_bytes_on_stdin_in_fresh_processes()
    {
        string root = SyntheticDataset.EnsureDefault();
        using var folder = new TempFolder();
        string model = folder.File("m.ckpt");
        var train = Cli(null, "watch-train", "--normals", Path.Combine(root, "fan", "train"), "--pattern", "normal_id_02_0000000?.wav",
            "--out", model, "--epochs", "1", "--batch-size", "8", "--policy", "quantile:0.9", "--device", "cpu");
        Assert.True(train.ExitCode == 0, train.StandardError + train.StandardOutput);
        Assert.Contains("quantile:0.9", train.StandardOutput);

        string clip = Directory.GetFiles(Path.Combine(root, "fan", "test"), "anomaly_id_02_*.wav").Order(StringComparer.Ordinal).First();
        var fromFile = Cli(null, "watch", "--model", model, "--input", clip);
        Assert.True(fromFile.ExitCode == 0, fromFile.StandardError);
        float[] samples = WavReader.Read(clip).Channel(0);
        byte[] raw = [.. StreamSegmenterTests.Encode(samples, PcmEncoding.S16Le), 0x01]; // one dangling byte
        var fromStdin = Cli(raw, "watch", "--model", model, "--input", "-", "--rate", "16000", "--format", "s16le");
        Assert.True(fromStdin.ExitCode == 0, fromStdin.StandardError);
        Assert.Contains("ignored the last 1 byte", fromStdin.StandardError);

        string[] fileLines = SegmentLines(fromFile.StandardOutput), stdinLines = SegmentLines(fromStdin.StandardOutput);
        Assert.Equal(5, fileLines.Length);
        Assert.Equal(fileLines, stdinLines);
        Assert.Contains("summary: 5 segments", fromFile.StandardOutput);

        var overlapped = Cli(null, "watch", "--model", model, "--input", clip, "--overlap", "1s");
        Assert.True(overlapped.ExitCode == 0, overlapped.StandardError);
        string[] overlapLines = SegmentLines(overlapped.StandardOutput);
        Assert.Equal(9, overlapLines.Length); // starts 0, 1, ..., 8 s
        Assert.StartsWith("1.000\t3.000\t", overlapLines[1]);
        Assert.Equal(fileLines[1], overlapLines[2]); // the segment at 2–4 s is the same samples, the same score

        // The scores printed by a fresh process are this process's scores of the same segments.
        using StftVaeScorer scorer = StftVaeScorer.Load(model);
        Assert.Equal("quantile:0.9", scorer.Settings.Threshold.Policy);
        for (int k = 0; k < 5; k++)
        {
            double score = scorer.Score(samples.AsSpan(k * 32000, 32000), 16000);
            string[] columns = fileLines[k].Split('\t');
            Assert.Equal(score.ToString("G6", CultureInfo.InvariantCulture), columns[2]);
            Assert.Equal(scorer.IsAnomalous(score) ? "anomaly" : "normal", columns[3]);
        }
    }

    [Fact]
    public void Folder_with_mixed_rates_is_an_error_naming_the_file_unless_resampled()
    {
        using var folder = new TempFolder();
        string normals = folder.File("normals");
        Directory.CreateDirectory(normals);
        var random = new Random(5);
        float[] Noise(int n) => Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5) * 0.1f).ToArray();
        WavWriter.Write(Path.Combine(normals, "a.wav"), Noise(64000), 16000);
        WavWriter.Write(Path.Combine(normals, "b.wav"), Noise(64000), 16000);
        WavWriter.Write(Path.Combine(normals, "c.wav"), Noise(32000), 8000);

        var cli = Cli(null, "watch-train", "--normals", normals, "--out", folder.File("m.ckpt"), "--epochs", "1");
        Assert.Equal(2, cli.ExitCode);
        Assert.Contains("c.wav: sample rate is 8000 Hz", cli.StandardError);
        Assert.False(File.Exists(folder.File("m.ckpt")));

        StftVaeTrainingResult result = StftVaeTrainingRun.Run(new StftVaeTrainingRequest
        {
            NormalsFolder = normals,
            ModelPath = folder.File("r.ckpt"),
            TargetSampleRate = 16000,
            HeldOutFraction = 0,
            Network = SyntheticFanWatchModel.Tiny,
            Training = TrainingOptions.ConvVaeDefault with { Epochs = 1, BatchSize = 4, Device = "cpu", ValidationFraction = 0 },
        });
        Assert.Equal([8000, 16000], result.Settings.SourceSampleRates);
        Assert.Equal(6, result.Settings.TrainingSegments); // 4 s + 4 s + 4 s (resampled) → 2 segments each
        using StftVaeScorer scorer = StftVaeScorer.Load(folder.File("r.ckpt"));
        Assert.Equal(16000, scorer.SampleRate);
    }

    private static string[] SegmentLines(string stdout) =>
        stdout.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0 && char.IsDigit(l[0])).ToArray();

    private static CliRunner.Result Cli(byte[]? stdin, params string[] args) => CliRunner.RunWithInput(stdin, args);
}
