using AnomalyLab.Clustering;

namespace AnomalyLab.Tests.Clustering;

public class ClusterIndicesTests
{
    public static TheoryData<int> Cases => new() { 0, 1 };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Indices_MatchScikitLearn(int index)
    {
        var g = ClusteringGoldens.Load("indices.json")[index];
        var x = ClusteringGoldens.Matrix(g.GetProperty("x"));
        var labels = ClusteringGoldens.Ints(g.GetProperty("labels"));
        var samples = ClusterIndices.SilhouetteSamples(x, labels);
        var expected = ClusteringGoldens.Vector(g.GetProperty("silhouette_samples"));
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], samples[i], 1e-12);
        ClusteringGoldens.AssertRelative(g.GetProperty("silhouette").GetDouble(), ClusterIndices.Silhouette(x, labels), 1e-9, "silhouette");
        ClusteringGoldens.AssertRelative(g.GetProperty("calinski_harabasz").GetDouble(), ClusterIndices.CalinskiHarabasz(x, labels), 1e-9, "calinski_harabasz");
        ClusteringGoldens.AssertRelative(g.GetProperty("davies_bouldin").GetDouble(), ClusterIndices.DaviesBouldin(x, labels), 1e-9, "davies_bouldin");
    }

    [Fact]
    public void SingleLabel_IsRejected()
    {
        var x = new double[,] { { 0 }, { 1 }, { 2 } };
        Assert.Throws<ArgumentException>(() => ClusterIndices.Silhouette(x, [0, 0, 0]));
    }
}
