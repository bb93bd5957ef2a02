using System.Text.Json;
using AnomalyLab.IO;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Features;

/// <summary>The manifest written by tests/goldens/features_goldens.py (torchaudio 0.13.1 / numpy float64 references).</summary>
internal static class FeatureGoldens
{
    private static readonly Lazy<JsonElement> Manifest = new(() =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.Goldens("features", "manifest.json"))).RootElement.Clone());

    public static IEnumerable<JsonElement> Clips => Manifest.Value.GetProperty("clips").EnumerateArray();

    public static IEnumerable<JsonElement> Filterbanks => Manifest.Value.GetProperty("filterbanks").EnumerateArray();

    public static float[,] Load(string file) => NpyFile.Read(RepoPaths.Goldens("features", file)).To2D();
}
