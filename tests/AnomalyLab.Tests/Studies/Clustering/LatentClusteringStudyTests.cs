using AnomalyLab.Embeddings;
using AnomalyLab.Studies.Clustering;
using Plotly.NET;

namespace AnomalyLab.Tests.Studies.Clustering;

public class LatentClusteringStudyTests
{
    [Fact]
    public void Run_FindsBlobsFlagsFarPointsAndEmbeds()
    {
        var rng = new Random(5);
        int n = 64;
        var x = new double[n, 4];
        var groups = new string[n];
        var anomalous = new bool[n];
        for (int i = 0; i < n; i++)
        {
            bool far = i >= 60;
            groups[i] = far ? "far" : i % 2 == 0 ? "a" : "b";
            anomalous[i] = far;
            for (int f = 0; f < 4; f++)
                x[i, f] = far ? 30 * (rng.NextDouble() - 0.5) + (i - 58) * 20 : (i % 2 == 0 ? 0 : 6) + rng.NextDouble();
        }
        var result = LatentClusteringStudy.Run(x, groups, anomalous, new LatentClusteringOptions(Perplexity: 10, ThresholdSigma: 1));
        Assert.Equal(2, result.Indices.Clusters);
        Assert.NotNull(result.Indices.Silhouette);
        Assert.True(result.Indices.Silhouette > 0.5);
        Assert.Equal(n, result.Embedding2D.GetLength(0));
        Assert.Equal(3, result.Embedding3D.GetLength(1));
        Assert.True(result.Confusion!.TruePositives >= 3, $"TP {result.Confusion.TruePositives}");
        Assert.Equal(3, GenericChart.countTrace(EmbeddingPlots.Scatter(result.Embedding3D, groups, "3-D")));
        Assert.NotEmpty(result.Summary().Rows);
    }
}
