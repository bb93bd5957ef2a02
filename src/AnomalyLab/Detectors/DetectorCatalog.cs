namespace AnomalyLab.Detectors;

/// <summary>
/// Detectors by name (the values of <c>anomalylab detect --detector</c>). Extensible: other parts of the library
/// (e.g. HDBSCAN's GLOSH scores) add themselves with <see cref="Register"/>.
/// </summary>
public static class DetectorCatalog
{
    private static readonly Dictionary<string, Func<DetectorSettings, IAnomalyDetector>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["knn"] = s => new KnnDetector(KnnOptions.Default with { Neighbors = s.Neighbors ?? KnnOptions.Default.Neighbors }),
        ["lof"] = s => new LocalOutlierFactor(LocalOutlierFactorOptions.Default with { Neighbors = s.Neighbors ?? LocalOutlierFactorOptions.Default.Neighbors }),
        ["iforest"] = s => new IsolationForest(new IsolationForestOptions(
            s.Trees ?? IsolationForestOptions.Default.Trees, s.MaxSamples ?? IsolationForestOptions.Default.MaxSamples, s.Seed ?? IsolationForestOptions.Default.Seed)),
        ["ocsvm"] = s => new OneClassSvm(OneClassSvmOptions.Default with { Nu = s.Nu ?? OneClassSvmOptions.Default.Nu, Gamma = s.Gamma }),
        ["pca"] = s => new PcaReconstruction(PcaOptions.Default with { Components = s.Components }),
        ["kpca"] = s => new KernelPcaReconstruction(KernelPcaOptions.Default with { Components = s.Components, Gamma = s.Gamma }),
        ["gaussian"] = _ => new GaussianDetector(),
    };

    private static readonly Lock Gate = new();

    /// <summary>Registered names, sorted.</summary>
    public static IReadOnlyList<string> Names
    {
        get { lock (Gate) return Factories.Keys.Order(StringComparer.Ordinal).ToList(); }
    }

    /// <summary>Adds (or replaces) a detector factory under <paramref name="name"/>.</summary>
    public static void Register(string name, Func<DetectorSettings, IAnomalyDetector> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (Gate) Factories[name] = factory;
    }

    /// <summary>Removes the factory registered under <paramref name="name"/>; false when there was none.</summary>
    public static bool Unregister(string name)
    {
        lock (Gate) return Factories.Remove(name);
    }

    /// <summary>A new detector named <paramref name="name"/> with <paramref name="settings"/> applied.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static IAnomalyDetector Create(string name, DetectorSettings? settings = null)
    {
        Func<DetectorSettings, IAnomalyDetector>? factory;
        lock (Gate) Factories.TryGetValue(name, out factory);
        return factory is null
            ? throw new ArgumentException($"unknown detector '{name}': expected one of {string.Join(", ", Names)}.")
            : factory(settings ?? DetectorSettings.Defaults);
    }
}
