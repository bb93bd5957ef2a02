using MathNet.Numerics.LinearAlgebra;

namespace AnomalyLab.Detectors;

/// <summary>Eigen-decomposition of a symmetric matrix with eigenpairs sorted by decreasing eigenvalue.</summary>
/// <param name="Values">Eigenvalues, decreasing, length m.</param>
/// <param name="Vectors">Unit eigenvectors as columns, <c>[m, m]</c>, column k belongs to <c>Values[k]</c>.</param>
internal sealed record SymmetricEigen(double[] Values, double[,] Vectors)
{
    public static SymmetricEigen Of(double[,] symmetric)
    {
        var evd = Matrix<double>.Build.DenseOfArray(symmetric).Evd(Symmetricity.Symmetric);
        int m = symmetric.GetLength(0);
        double[] values = evd.EigenValues.Select(v => v.Real).ToArray();
        int[] order = Enumerable.Range(0, m).OrderByDescending(k => values[k]).ToArray();
        var vectors = new double[m, m];
        Matrix<double> raw = evd.EigenVectors;
        for (int c = 0; c < m; c++)
            for (int r = 0; r < m; r++)
                vectors[r, c] = raw[r, order[c]];
        return new SymmetricEigen(order.Select(k => values[k]).ToArray(), vectors);
    }

    /// <summary>
    /// Components to keep for a variance fraction as scikit-learn's <c>PCA(n_components=fraction)</c>: the smallest k
    /// whose cumulative share of the (non-negative) eigenvalue sum exceeds <paramref name="fraction"/>.
    /// </summary>
    public int ComponentsFor(double fraction)
    {
        double total = Values.Sum(v => Math.Max(v, 0));
        double cumulative = 0;
        for (int k = 0; k < Values.Length; k++)
        {
            cumulative += Math.Max(Values[k], 0) / total;
            if (cumulative > fraction) return k + 1;
        }
        return Values.Length;
    }
}
