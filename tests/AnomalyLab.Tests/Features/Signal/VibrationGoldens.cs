using System.Text.Json;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Features.Signal;

/// <summary>Reads the JSON goldens written by tests/goldens/vibration_goldens.py.</summary>
internal static class VibrationGoldens
{
    public static JsonElement Load(string file) =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.Goldens("vibration", file))).RootElement;

    public static double[] Vector(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static void AssertClose(double[] expected, double[] actual, double relative, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= relative * Math.Max(Math.Abs(expected[i]), 1e-6 * scale),
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
    }
}
