using AnomalyLab.Data;
using AnomalyLab.Tests.TestSupport;
using Xunit.Abstractions;

namespace AnomalyLab.Tests.Data;

/// <summary>One 10-s synthetic machine type (three ids, one anomaly kind each), generated once for the class.</summary>
public sealed class SyntheticFanFixture : IDisposable
{
    public SyntheticFanFixture()
    {
        var options = new SyntheticDatasetOptions { MachineTypes = ["fan"], TrainClipsPerId = 10, TestNormalClipsPerId = 8, TestAnomalyClipsPerId = 8 };
        SyntheticDataset.Generate(Folder.Path, options);
        Scan = DatasetScanner.Scan(Folder.Path);
        var features = new FeatureExtractionOptions { CacheFolder = Folder.File("cache") };
        Train = TrainSet.Load(Scan, ["fan"], new TrainSetOptions { Features = features, Standardisation = Standardisation.None });
        Test = TestSet.Load(Scan, ["fan"], features);
    }

    public TempFolder Folder { get; } = new();
    public DatasetScan Scan { get; }
    public TrainSet Train { get; }
    public TestSet Test { get; }

    public void Dispose() => Folder.Dispose();
}

/// <summary>
/// The synthetic anomalies must be detectable from log-mels by a simple normal model yet not by loudness alone, and
/// sit where the ground-truth mask says.
/// </summary>
public class SyntheticDetectabilityTests(SyntheticFanFixture data, ITestOutputHelper output) : IClassFixture<SyntheticFanFixture>
{
    /// <summary>Per-(mel, frame) Gaussian of the id's train clips; score = mean squared z over the clip.</summary>
    private static (float[] Mean, float[] Std) NormalModel(FeatureBlock train, string id)
    {
        var clips = Enumerable.Range(0, train.Count).Where(i => train.Clips[i].MachineId == id).ToList();
        int mels = train.NMels;
        var mean = new float[mels];
        var std = new float[mels];
        for (int m = 0; m < mels; m++)
        {
            var values = clips.SelectMany(i => train.ClipArray(i, realOnly: true) is var a ? Enumerable.Range(0, a.GetLength(1)).Select(t => (double)a[m, t]) : []).ToList();
            double mu = values.Average();
            mean[m] = (float)mu;
            std[m] = (float)Math.Max(1e-3, Math.Sqrt(values.Average(v => (v - mu) * (v - mu))));
        }
        return (mean, std);
    }

    private static double[,] ZSquared(FeatureBlock block, int clip, (float[] Mean, float[] Std) model)
    {
        float[,] x = block.ClipArray(clip, realOnly: true);
        var z = new double[x.GetLength(0), x.GetLength(1)];
        for (int m = 0; m < x.GetLength(0); m++)
            for (int t = 0; t < x.GetLength(1); t++)
            {
                double v = (x[m, t] - model.Mean[m]) / model.Std[m];
                z[m, t] = v * v;
            }
        return z;
    }

    private static double Auc(IReadOnlyList<double> normal, IReadOnlyList<double> anomalous)
    {
        double wins = 0;
        foreach (double a in anomalous)
            foreach (double n in normal) wins += a > n ? 1 : a == n ? 0.5 : 0;
        return wins / (normal.Count * anomalous.Count);
    }

    [Theory]
    [InlineData("id_00")]
    [InlineData("id_02")]
    [InlineData("id_04")]
    public void Anomalies_are_detectable_per_id_but_not_by_loudness(string id)
    {
        var model = NormalModel(data.Train["fan"], id);
        var groups = data.Test.StackedByIdLabel().Where(g => g.MachineId == id).ToDictionary(g => g.Label);
        double Score(FeatureBlock b, int i) { var z = ZSquared(b, i, model); return z.Cast<double>().Average(); }
        double Loudness(FeatureBlock b, int i) => b.ClipArray(i, realOnly: true).Cast<float>().Select(v => Math.Pow(10, v / 10)).Average();
        var normal = groups[ClipLabel.Normal].Features;
        var anomaly = groups[ClipLabel.Anomaly].Features;
        double auc = Auc(Enumerable.Range(0, normal.Count).Select(i => Score(normal, i)).ToList(), Enumerable.Range(0, anomaly.Count).Select(i => Score(anomaly, i)).ToList());
        double loudnessAuc = Auc(Enumerable.Range(0, normal.Count).Select(i => Loudness(normal, i)).ToList(), Enumerable.Range(0, anomaly.Count).Select(i => Loudness(anomaly, i)).ToList());
        // Measured: AUC 1.000 / 0.953 / 1.000 (id_00 / 02 / 04), loudness AUC 0.77 / 0.69 / 0.53. The 0.9 bound leaves 0.05 below
        // the weakest id; the loudness bound (< 0.9) keeps anomalies from being detectable by level alone.
        output.WriteLine($"{id}: AUC {auc:F3} (bound ≥ 0.9), loudness AUC {loudnessAuc:F3} (bound < 0.9)");
        Assert.True(auc >= 0.9, $"{id}: AUC of a per-mel Gaussian model {auc:F3} < 0.9");
        Assert.True(loudnessAuc < 0.9, $"{id}: anomalies are trivially loud (loudness AUC {loudnessAuc:F3})");
    }

    [Fact]
    public void Anomaly_energy_lies_inside_the_ground_truth_mask()
    {
        foreach (string id in new[] { "id_00", "id_02", "id_04" })
        {
            var model = NormalModel(data.Train["fan"], id);
            var anomaly = data.Test.StackedByIdLabel().Single(g => g.MachineId == id && g.Label == ClipLabel.Anomaly).Features;
            for (int i = 0; i < anomaly.Count; i++)
            {
                var z = ZSquared(anomaly, i, model);
                float[,] mask = SyntheticDataset.ReadMask(data.Folder.Path, anomaly.Clips[i]);
                double inside = 0, outside = 0;
                int nIn = 0, nOut = 0;
                for (int m = 0; m < mask.GetLength(0); m++)
                    for (int t = 0; t < mask.GetLength(1); t++)
                    {
                        if (mask[m, t] > 0) { inside += z[m, t]; nIn++; }
                        else { outside += z[m, t]; nOut++; }
                    }
                double ratio = inside / nIn / (outside / nOut);
                output.WriteLine($"{anomaly.Clips[i].FileName}: mean z² inside/outside mask {ratio:F1}");
                Assert.True(ratio > 5, $"{anomaly.Clips[i].FileName}: mean z² inside the mask is only {ratio:F1}× the outside");
            }
        }
    }
}
