using System.Text.Json;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Clustering;

/// <summary>Reads the JSON goldens written by tests/goldens/clustering_goldens.py.</summary>
internal static class ClusteringGoldens
{
    public static JsonElement Load(string file) =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.Goldens("clustering", file))).RootElement;

    public static double[,] Matrix(JsonElement e)
    {
        var rows = e.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var m = new double[rows.Length, rows[0].Length];
        for (int i = 0; i < rows.Length; i++) for (int j = 0; j < rows[i].Length; j++) m[i, j] = rows[i][j];
        return m;
    }

    public static double[] Vector(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static int[] Ints(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    public static void AssertRelative(double expected, double actual, double tolerance, string what)
    {
        double scale = Math.Max(Math.Abs(expected), 1e-12);
        Assert.True(Math.Abs(expected - actual) <= tolerance * scale, $"{what}: expected {expected:R}, got {actual:R}");
    }
}
