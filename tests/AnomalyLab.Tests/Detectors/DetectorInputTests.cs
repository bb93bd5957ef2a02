using System.Text;
using AnomalyLab.Detectors;
using AnomalyLab.IO;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Detectors;

public sealed class DetectorInputTests
{
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (string name in DetectorCatalog.Names) data.Add(name);
        return data;
    }

    private static double[,] Grid(int rows, int cols, int seed)
    {
        var random = new Random(seed);
        var x = new double[rows, cols];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) x[i, j] = random.NextDouble() * 2 - 1;
        return x;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_detector_refuses_scoring_before_fit_mismatched_features_and_nan(string name)
    {
        IAnomalyDetector detector = DetectorCatalog.Create(name);
        Assert.Contains("before Fit", Assert.Throws<InvalidOperationException>(() => detector.Score(Grid(3, 4, 1))).Message);
        detector.Fit(Grid(40, 4, 2));
        var mismatch = Assert.Throws<ArgumentException>(() => detector.Score(Grid(3, 5, 3)));
        Assert.Contains("5 features", mismatch.Message);
        Assert.Contains("fit on 4", mismatch.Message);
        double[,] withNan = Grid(3, 4, 4);
        withNan[2, 1] = double.NaN;
        var nan = Assert.Throws<ArgumentException>(() => detector.Score(withNan));
        Assert.Contains("row 2, column 1", nan.Message);
        Assert.Throws<ArgumentException>(() => DetectorCatalog.Create(name).Fit(new double[0, 4]));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_detector_scores_far_points_above_the_training_cloud(string name)
    {
        IAnomalyDetector detector = DetectorCatalog.Create(name);
        detector.Fit(Grid(200, 3, 5));
        double[] scores = detector.Score(new double[,] { { 0, 0, 0 }, { 0.1, -0.2, 0.1 }, { 6, 6, -6 }, { -8, 5, 7 } });
        Assert.Equal(4, scores.Length);
        Assert.True(Math.Min(scores[2], scores[3]) > Math.Max(scores[0], scores[1]), $"{name}: scores {string.Join(", ", scores)}");
    }

    [Fact]
    public void Unknown_detector_names_list_the_known_ones_and_the_catalog_is_extensible()
    {
        var error = Assert.Throws<ArgumentException>(() => DetectorCatalog.Create("hdbscan-test-missing"));
        Assert.Contains("lof", error.Message);
        DetectorCatalog.Register("gaussian-alias-test", _ => new GaussianDetector());
        try
        {
            Assert.IsType<GaussianDetector>(DetectorCatalog.Create("Gaussian-Alias-Test"));
        }
        finally
        {
            // The catalogue is process-wide: leave it as found, so no later test (or Names theory) sees the alias.
            Assert.True(DetectorCatalog.Unregister("gaussian-alias-test"));
        }
        Assert.DoesNotContain("gaussian-alias-test", DetectorCatalog.Names);
        Assert.False(DetectorCatalog.Unregister("gaussian-alias-test"));
        Assert.Equal(7, DetectorCatalog.Create("knn", new DetectorSettings(Neighbors: 7)) is KnnDetector knn ? knn.Options.Neighbors : 0);
    }

    [Fact]
    public void Isolation_forest_is_reproducible_per_seed()
    {
        double[,] train = Grid(300, 5, 6), test = Grid(50, 5, 7);
        double[] Run(int seed)
        {
            var forest = new IsolationForest(new IsolationForestOptions(Seed: seed));
            forest.Fit(train);
            return forest.Score(test);
        }
        Assert.Equal(Run(3), Run(3));
        Assert.NotEqual(Run(3), Run(4));
        Assert.Equal(0, IsolationForest.AveragePathLength(1));
        Assert.Equal(1, IsolationForest.AveragePathLength(2));
        Assert.Equal(2 * (Math.Log(255) + 0.5772156649015329) - 2.0 * 255 / 256, IsolationForest.AveragePathLength(256), 12);
    }

    [Fact]
    public void Managed_and_torch_neighbour_search_agree_and_exclude_self()
    {
        double[,] reference = Grid(700, 9, 8), queries = Grid(130, 9, 9);
        var managed = new NearestNeighbors(reference, DistanceBackend.Managed).Query(queries, 6);
        var torch = new NearestNeighbors(reference, DistanceBackend.Torch).Query(queries, 6);
        Assert.Equal(managed.Indices, torch.Indices);
        Assert.Equal(managed.Distances, torch.Distances);
        var self = new NearestNeighbors(reference, DistanceBackend.Torch).Query(reference, 3, excludeSelf: true);
        var selfManaged = new NearestNeighbors(reference, DistanceBackend.Managed).Query(reference, 3, excludeSelf: true);
        Assert.Equal(selfManaged.Indices, self.Indices);
        for (int i = 0; i < 700; i++)
        {
            Assert.NotEqual(i, self.Indices[i, 0]);
            Assert.True(self.Distances[i, 0] > 0);
        }
    }

    [Fact]
    public void Npy_inputs_that_are_not_finite_2d_matrices_are_refused_with_the_file_named()
    {
        using var temp = new TempFolder();
        string cube = temp.File("cube.npy");
        NpyFile.Write(cube, new float[8], 2, 2, 2);
        Assert.Contains("found shape (2, 2, 2)", Assert.Throws<InvalidDataException>(() => DetectorInputFile.Read(cube, "--train")).Message);

        string nan = temp.File("nan.npy");
        NpyFile.Write(nan, new float[,] { { 1, 2 }, { float.PositiveInfinity, 3 } });
        var error = Assert.Throws<InvalidDataException>(() => DetectorInputFile.Read(nan, "--test"));
        Assert.Contains("nan.npy", error.Message);
        Assert.Contains("row 1, column 0", error.Message);

        // What numpy writes for a ragged list of rows: an object array (pickled), dtype '|O'.
        string ragged = temp.File("ragged.npy");
        string header = "{'descr': '|O', 'fortran_order': False, 'shape': (2,), }";
        header += new string(' ', 64 - (10 + header.Length + 1) % 64) + "\n";
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)header.Length, 0 };
        bytes.AddRange(Encoding.ASCII.GetBytes(header));
        bytes.AddRange(new byte[16]);
        File.WriteAllBytes(ragged, bytes.ToArray());
        Assert.Contains("ragged", Assert.Throws<InvalidDataException>(() => DetectorInputFile.Read(ragged, "--train")).Message);
    }
}
