namespace AnomalyLab.Detectors;

/// <summary>
/// The one PCA core: the principal axes of a covariance matrix in order of decreasing eigenvalue, each with a
/// deterministic sign (its entry of largest magnitude is positive, the first such entry on ties). Two role names use it,
/// as ML.NET's PCACatalog exposes one PCA as a transform and as an anomaly trainer: the detector
/// <see cref="PcaReconstruction"/> (rows of a feature matrix, score = squared distance to the subspace) and the spectrum
/// reconstruction model of the spectrogram study, <c>PcaSpectrumReconstruction</c> (log-mel frames, reconstruction = mean + W·Wᵀ·(x − mean)).
/// </summary>
/// <param name="Mean">Mean of the fit samples, length d.</param>
/// <param name="Components">Principal axes <c>[k, d]</c>, row c = axis c (unit length).</param>
/// <param name="ExplainedVariance">Eigenvalue of each kept axis (variance along it, clamped at 0), length k.</param>
public sealed record PcaBasis(double[] Mean, double[,] Components, double[] ExplainedVariance)
{
    /// <summary>Number of kept axes k.</summary>
    public int Count => Components.GetLength(0);

    /// <summary>
    /// The basis of the symmetric <paramref name="covariance"/> <c>[d, d]</c> of samples about <paramref name="mean"/> (length d),
    /// keeping as many axes as <paramref name="choose"/> returns from the eigen-decomposition (it throws when the number is
    /// not possible for the caller's data).
    /// </summary>
    internal static PcaBasis FromCovariance(double[] mean, double[,] covariance, Func<SymmetricEigen, int> choose)
    {
        var eigen = SymmetricEigen.Of(covariance);
        int d = mean.Length, k = choose(eigen);
        var components = new double[k, d];
        var explained = new double[k];
        for (int c = 0; c < k; c++)
        {
            explained[c] = Math.Max(0, eigen.Values[c]);
            int largest = 0;
            for (int j = 1; j < d; j++)
                if (Math.Abs(eigen.Vectors[j, c]) > Math.Abs(eigen.Vectors[largest, c]) + 1e-12) largest = j;
            double sign = eigen.Vectors[largest, c] < 0 ? -1 : 1;
            for (int j = 0; j < d; j++) components[c, j] = sign * eigen.Vectors[j, c];
        }
        return new PcaBasis(mean, components, explained);
    }
}
