using System.Runtime.CompilerServices;
using AnomalyLab.Detectors;

namespace AnomalyLab.Clustering;

/// <summary>Adds <c>hdbscan</c> to <see cref="DetectorCatalog"/> when the library loads (settings: Neighbors → min_samples).</summary>
internal static class HdbscanDetectorRegistration
{
#pragma warning disable CA2255 // The catalog is the library's own extension point; registering on load keeps Detectors free of a Clustering dependency.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() =>
        DetectorCatalog.Register("hdbscan", s => new HdbscanDetector(HdbscanOptions.Default with { MinSamples = s.Neighbors }));
}
