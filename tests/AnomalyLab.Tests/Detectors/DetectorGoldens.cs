using System.Text.Json;
using AnomalyLab.Detectors;
using AnomalyLab.IO;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Detectors;

/// <summary>Inputs and scikit-learn scores made by tests/goldens/detectors_goldens.py.</summary>
internal static class DetectorGoldens
{
    private static readonly Lazy<JsonElement> Json = new(() =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.Goldens("detectors", "detectors.json"))).RootElement.Clone());

    public static double[,] Matrix(string name) => FeatureMatrix.ToDouble(NpyFile.Read(RepoPaths.Goldens("detectors", name + ".npy")).To2D());

    public static double[] Scores(string key) => Json.Value.GetProperty(key).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static JsonElement RawJson(string key) => Json.Value.GetProperty(key);

    public static double Number(string key) => Json.Value.GetProperty(key).GetDouble();

    /// <summary>Asserts <paramref name="actual"/> = <paramref name="expected"/> + c for one constant c, within <paramref name="relative"/> of the expected spread.</summary>
    public static void AssertEqualUpToConstant(double[] expected, double[] actual, double relative, bool allowOffset = true)
    {
        Assert.Equal(expected.Length, actual.Length);
        double offset = allowOffset ? actual.Zip(expected, (a, e) => a - e).Average() : 0;
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - offset - expected[i]) / scale;
            Assert.True(error <= relative, $"sample {i}: expected {expected[i]} (+{offset}), found {actual[i]}; relative error {error:E2} > {relative:E0}.");
        }
    }
}
