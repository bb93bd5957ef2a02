using System.Runtime.CompilerServices;
using AnomalyLab.Data;

namespace AnomalyLab.Tests.TestSupport;

/// <summary>
/// The tests' own AnomalyLab cache: <c>anomalylab-test-cache</c> beside the test assembly, set as <c>$ANOMALYLAB_CACHE</c>
/// (the variable <see cref="AnomalyLabCache.Root"/> reads first) before any test runs. The synthetic default dataset
/// (<see cref="SyntheticDataset.EnsureDefault"/>) and the feature cache then live there for this process and every CLI it
/// starts, never in the user's <c>~/.cache/anomalylab</c>; it persists between runs of the same build (regenerable).
/// </summary>
public static class TestCache
{
    /// <summary>The isolated cache root.</summary>
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "anomalylab-test-cache");

#pragma warning disable CA2255 // a test assembly, not a library: the variable must be set before any test touches the cache
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Isolate() => Environment.SetEnvironmentVariable("ANOMALYLAB_CACHE", Root);
}
