namespace AnomalyLab.Detectors;

/// <summary>
/// Hyper-parameter overrides shared by the detectors of <see cref="DetectorCatalog"/> (the <c>anomalylab detect</c> flags).
/// A null value keeps the detector's scikit-learn default; a detector ignores settings it does not have.
/// </summary>
/// <param name="Neighbors">k for k-NN (default 5) and LOF (default 20).</param>
/// <param name="Trees">Isolation Forest trees (default 100).</param>
/// <param name="MaxSamples">Isolation Forest sub-sample size (default 256).</param>
/// <param name="Nu">One-Class SVM ν (default 0.5).</param>
/// <param name="Gamma">RBF γ of One-Class SVM (default 'scale') and kernel PCA (default 1/n_features).</param>
/// <param name="Components">Components of PCA and kernel PCA (default: 90 % of the variance).</param>
/// <param name="Seed">Seed of the randomised detectors (Isolation Forest; default 0).</param>
public sealed record DetectorSettings(int? Neighbors = null, int? Trees = null, int? MaxSamples = null, double? Nu = null,
    double? Gamma = null, int? Components = null, int? Seed = null)
{
    /// <summary>Every detector at its defaults.</summary>
    public static DetectorSettings Defaults { get; } = new();
}
