using AnomalyLab.Clustering;

namespace AnomalyLab.Tests.Clustering;

public class HdbscanTests
{
    public static TheoryData<int> Cases => new() { 0, 1, 2 };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_MatchesReferenceImplementation(int index)
    {
        var g = ClusteringGoldens.Load("hdbscan.json")[index];
        var x = ClusteringGoldens.Matrix(g.GetProperty("x"));
        var options = new HdbscanOptions(g.GetProperty("min_cluster_size").GetInt32(), g.GetProperty("min_samples").GetInt32());
        var result = Hdbscan.Fit(x, options);
        var core = ClusteringGoldens.Vector(g.GetProperty("core"));
        var labels = ClusteringGoldens.Ints(g.GetProperty("labels"));
        var probabilities = ClusteringGoldens.Vector(g.GetProperty("probabilities"));
        var outlier = ClusteringGoldens.Vector(g.GetProperty("outlier_scores"));
        for (int i = 0; i < core.Length; i++) ClusteringGoldens.AssertRelative(core[i], result.CoreDistances[i], 1e-12, $"core[{i}]");
        Assert.Equal(labels, result.Labels);
        for (int i = 0; i < labels.Length; i++)
        {
            Assert.True(Math.Abs(probabilities[i] - result.Probabilities[i]) <= 1e-9, $"probability[{i}]: expected {probabilities[i]}, got {result.Probabilities[i]}");
            Assert.True(Math.Abs(outlier[i] - result.OutlierScores[i]) <= 1e-9, $"outlier[{i}]: expected {outlier[i]}, got {result.OutlierScores[i]}");
        }
    }

    [Fact]
    public void Fit_SeparatesTwoBlobsAndFlagsFarPoint()
    {
        var rng = new Random(3);
        var x = new double[61, 2];
        for (int i = 0; i < 60; i++)
        {
            double centre = i < 30 ? 0 : 10;
            x[i, 0] = centre + rng.NextDouble();
            x[i, 1] = centre + rng.NextDouble();
        }
        x[60, 0] = 50; x[60, 1] = -50;
        var result = Hdbscan.Fit(x, new HdbscanOptions(5));
        Assert.Equal(2, result.ClusterCount);
        Assert.Equal(-1, result.Labels[60]);
        Assert.Equal(result.OutlierScores.Max(), result.OutlierScores[60]);
        Assert.All(Enumerable.Range(0, 30), i => Assert.Equal(result.Labels[0], result.Labels[i]));
        Assert.NotEqual(result.Labels[0], result.Labels[30]);
    }

    [Fact]
    public void Options_Invalid_Throw()
    {
        var x = new double[3, 1];
        Assert.Throws<ArgumentOutOfRangeException>(() => Hdbscan.Fit(x, new HdbscanOptions(1)));
        Assert.Throws<ArgumentException>(() => Hdbscan.Fit(x, new HdbscanOptions(2, 5)));
    }
}
