using System.Reflection;
using AnomalyLab.Data;
using AnomalyLab.Detectors;
using AnomalyLab.IO;
using AnomalyLab.Metrics;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Detectors;

/// <summary><c>anomalylab detect</c> and <c>anomalylab evaluate --scores</c> run in-process through the CLI's entry point.</summary>
public sealed class DetectCliTests
{
    private static int RunCli(params string[] args)
    {
        MethodInfo entry = Assembly.Load("AnomalyLab.Cli").EntryPoint!;
        return (int)entry.Invoke(null, [args])!;
    }

    private static float[,] Grid(int rows, int cols, int seed, float spread = 1)
    {
        var random = new Random(seed);
        var x = new float[rows, cols];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) x[i, j] = (float)(random.NextDouble() * 2 - 1) * spread;
        return x;
    }

    [Theory]
    [InlineData("lof", "--neighbors", "10")]
    [InlineData("iforest", "--trees", "20")]
    [InlineData("ocsvm", "--nu", "0.2")]
    [InlineData("pca", "--components", "2")]
    public void Detect_writes_one_score_per_test_row_in_order(string detector, string flag, string value)
    {
        using var temp = new TempFolder();
        NpyFile.Write(temp.File("train.npy"), Grid(120, 6, 1));
        NpyFile.Write(temp.File("test.npy"), Grid(15, 6, 2, spread: 3));
        Assert.Equal(0, RunCli("detect", "--detector", detector, "--train", temp.File("train.npy"), "--test", temp.File("test.npy"), "--out", temp.File("s.csv"), flag, value));
        string[] lines = File.ReadAllLines(temp.File("s.csv"));
        Assert.Equal("index,score", lines[0]);
        Assert.Equal(16, lines.Length);
        Assert.Equal(Enumerable.Range(0, 15).Select(i => i.ToString()), lines.Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public void Detect_refuses_mismatched_feature_counts_and_missing_test_with_exit_code_2()
    {
        using var temp = new TempFolder();
        NpyFile.Write(temp.File("train.npy"), Grid(30, 6, 1));
        NpyFile.Write(temp.File("test.npy"), Grid(5, 4, 2));
        Assert.Equal(2, RunCli("detect", "--detector", "knn", "--train", temp.File("train.npy"), "--test", temp.File("test.npy"), "--out", temp.File("s.csv")));
        Assert.Equal(2, RunCli("detect", "--detector", "knn", "--train", temp.File("train.npy"), "--out", temp.File("s.csv")));
        Assert.Equal(2, RunCli("detect", "--detector", "nope", "--train", temp.File("train.npy"), "--test", temp.File("train.npy"), "--out", temp.File("s.csv")));
        Assert.False(File.Exists(temp.File("s.csv")));
    }

    [Fact]
    public void Evaluate_scores_writes_result_csv_per_machine_id()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("scores.csv"),
            "file,score,label\nnormal_id_00_0.wav,0.1,0\nanomaly_id_00_0.wav,0.9,1\nnormal_id_02_0.wav,0.6,0\nanomaly_id_02_0.wav,0.4,1\n");
        Assert.Equal(0, RunCli("evaluate", "--scores", temp.File("scores.csv"), "--out", temp.File("out")));
        string[] lines = File.ReadAllLines(temp.File("out", "result.csv"));
        Assert.Equal(["id,AUC,pAUC,normals,anomalies", "id_00,1,1,1,1", "id_02,0,0.47368421052631576,1,1", "Average,0.5,0.7368421052631579,0,0", "Harmonic mean,0,0.6428571428571428,0,0"], lines);
        Assert.Equal(2, RunCli("evaluate"));
    }

    /// <summary>A DCASE 2020 folder with a few slider clips of ../shared/data: 12 train normals, 3 normal + 3 anomalous test clips of id_00.</summary>
    private static string SmallSliderDataset(TempFolder temp)
    {
        string source = RepoPaths.Shared("dcase2020-task2-dev-sample", "slider");
        string root = temp.File("dataset");
        Directory.CreateDirectory(Path.Combine(root, "slider", "train"));
        Directory.CreateDirectory(Path.Combine(root, "slider", "test"));
        foreach (string file in Directory.GetFiles(Path.Combine(source, "train"), "normal_id_00_*.wav").Order().Take(12))
            File.Copy(file, Path.Combine(root, "slider", "train", Path.GetFileName(file)));
        foreach (string label in new[] { "normal", "anomaly" })
            foreach (string file in Directory.GetFiles(Path.Combine(source, "test"), $"{label}_id_00_*.wav").Order().Take(3))
                File.Copy(file, Path.Combine(root, "slider", "test", Path.GetFileName(file)));
        return root;
    }

    [SharedDataFact]
    public void Detect_scores_real_slider_clips_from_log_mel_summaries_and_evaluate_reads_them()
    {
        using var temp = new TempFolder();
        string root = SmallSliderDataset(temp);
        Assert.Equal(0, RunCli("detect", "--detector", "gaussian", "--data", root, "--machine", "slider", "--out", temp.File("scores.csv")));
        IReadOnlyList<ScoredClip> clips = ScoresCsv.Read(temp.File("scores.csv"));
        Assert.Equal(6, clips.Count);
        Assert.Equal(3, clips.Count(c => c.Anomalous));
        Assert.All(clips, c => Assert.Equal("id_00", c.MachineId));
        Assert.Equal(0, RunCli("evaluate", "--scores", temp.File("scores.csv")));
        // result.csv holds the AUC and pAUC of exactly these scores.
        string[] result = File.ReadAllLines(temp.File("result.csv"));
        Assert.Equal("id,AUC,pAUC,normals,anomalies", result[0]);
        string[] row = Assert.Single(result, l => l.StartsWith("id_00,", StringComparison.Ordinal)).Split(',');
        bool[] labels = clips.Select(c => c.Anomalous).ToArray();
        double[] values = clips.Select(c => c.Score).ToArray();
        Assert.Equal(AnomalyLab.Metrics.RocAuc.Auc(labels, values), double.Parse(row[1], System.Globalization.CultureInfo.InvariantCulture), 12);
        Assert.Equal(AnomalyLab.Metrics.RocAuc.PartialAuc(labels, values), double.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture), 12);
        Assert.Equal(["3", "3"], row[3..5]);
        Assert.Equal(2, RunCli("detect", "--detector", "lof", "--data", root, "--machine", "fan", "--out", temp.File("x.csv")));
    }

    [SharedDataFact]
    public void Machine_clip_scoring_uses_256_dimensional_summaries_and_fits_per_id_on_request()
    {
        using var temp = new TempFolder();
        DatasetScan scan = DatasetScanner.Scan(SmallSliderDataset(temp));
        var seen = new List<int>();
        IReadOnlyList<ScoredClip> clips = MachineClipScoring.Score(scan, "slider", () => new FeatureWidthProbe(seen),
            MachineClipScoringOptions.Default with { PerMachineId = true });
        Assert.Equal([256], seen);
        Assert.Equal(6, clips.Count);
        // The probe passes the Gaussian's scores through, and with one id a per-id fit is the pooled fit: same scores.
        IReadOnlyList<ScoredClip> pooled = MachineClipScoring.Score(scan, "slider", () => new GaussianDetector(), MachineClipScoringOptions.Default);
        Assert.Equal(pooled.Select(c => (c.File, c.Score)), clips.Select(c => (c.File, c.Score)));
        Assert.Equal(6, clips.Select(c => c.Score).Distinct().Count());
    }

    private sealed class FeatureWidthProbe(List<int> seen) : IAnomalyDetector
    {
        private readonly GaussianDetector _inner = new();

        public void Fit(double[,] normal)
        {
            seen.Add(normal.GetLength(1));
            _inner.Fit(normal);
        }

        public double[] Score(double[,] x) => _inner.Score(x);
    }
}
