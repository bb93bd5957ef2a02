using AnomalyLab.Clustering;
using AnomalyLab.Detectors;

namespace AnomalyLab.Tests.Clustering;

public class HdbscanDetectorTests
{
    private static double[,] Blobs(int seed, int perBlob)
    {
        var rng = new Random(seed);
        var x = new double[2 * perBlob, 3];
        for (int i = 0; i < x.GetLength(0); i++)
            for (int f = 0; f < 3; f++) x[i, f] = (i < perBlob ? 0 : 8) + rng.NextDouble() - 0.5;
        return x;
    }

    [Fact]
    public void Score_FarPointsHigherThanInliers()
    {
        var detector = DetectorCatalog.Create("hdbscan");
        Assert.IsType<HdbscanDetector>(detector);
        detector.Fit(Blobs(1, 60));
        var test = new double[,] { { 0, 0, 0 }, { 8, 8, 8 }, { 4, 4, 4 }, { 30, -30, 0 } };
        var s = detector.Score(test);
        // GLOSH: 1 − ε_max(cluster) / ε(point); a blob centre is as dense as its cluster gets (near 0), the far point is
        // isolated (near 1). Bounds from the values measured here with a wide margin.
        Assert.True(Math.Max(s[0], s[1]) < 0.5, $"blob centres {s[0]}, {s[1]}");
        Assert.True(s[3] > 0.5, $"far point {s[3]}");
        Assert.True(s[2] > Math.Max(s[0], s[1]), $"between blobs {s[2]} vs centres {s[0]}, {s[1]}");
        Assert.True(s[3] > Math.Max(s[0], s[1]), $"far point {s[3]} vs centres {s[0]}, {s[1]}");
        Assert.True(s[3] >= s[2]);
    }

    [Fact]
    public void Score_BeforeFit_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new HdbscanDetector().Score(new double[1, 3]));
    }

    [Fact]
    public void Settings_NeighborsBecomeMinSamples()
    {
        var detector = (HdbscanDetector)DetectorCatalog.Create("hdbscan", new DetectorSettings(Neighbors: 3));
        detector.Fit(Blobs(2, 30));
        Assert.Equal(2, detector.Clustering.ClusterCount);
    }
}
