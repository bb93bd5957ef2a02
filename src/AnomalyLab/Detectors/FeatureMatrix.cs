namespace AnomalyLab.Detectors;

/// <summary>Checks and converts the <c>[n_samples, n_features]</c> matrices detectors take.</summary>
public static class FeatureMatrix
{
    /// <summary>Throws unless <paramref name="x"/> has at least <paramref name="minRows"/> rows, at least one column, the expected column count, and only finite values.</summary>
    /// <param name="x">Matrix <c>[n_samples, n_features]</c>.</param>
    /// <param name="role">What the matrix is, for messages ("training data", "test data").</param>
    /// <param name="expectedFeatures">Feature count the detector was fit on, or null at fit time.</param>
    /// <param name="minRows">Fewest rows accepted.</param>
    /// <exception cref="ArgumentException">The first violation, naming row and column.</exception>
    public static void Validate(double[,] x, string role, int? expectedFeatures = null, int minRows = 1)
    {
        ArgumentNullException.ThrowIfNull(x);
        int rows = x.GetLength(0), cols = x.GetLength(1);
        if (rows < minRows) throw new ArgumentException($"{role}: {rows} samples, at least {minRows} needed.");
        if (cols == 0) throw new ArgumentException($"{role}: samples have 0 features.");
        if (expectedFeatures is int expected && cols != expected)
            throw new ArgumentException($"{role}: {cols} features per sample, but the detector was fit on {expected}.");
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                if (!double.IsFinite(x[i, j]))
                    throw new ArgumentException($"{role}: value at row {i}, column {j} is {x[i, j]}; features must be finite.");
    }

    /// <summary>Widens a float32 matrix (e.g. from a .npy file) to float64, same shape.</summary>
    public static double[,] ToDouble(float[,] x)
    {
        var result = new double[x.GetLength(0), x.GetLength(1)];
        for (int i = 0; i < x.GetLength(0); i++)
            for (int j = 0; j < x.GetLength(1); j++)
                result[i, j] = x[i, j];
        return result;
    }

    /// <summary>Row-major copy <c>[rows · cols]</c> of <paramref name="x"/>.</summary>
    internal static double[] Flatten(double[,] x)
    {
        var flat = new double[x.Length];
        Buffer.BlockCopy(x, 0, flat, 0, x.Length * sizeof(double));
        return flat;
    }

    /// <summary>Throws when a detector is used before <c>Fit</c>.</summary>
    internal static T Fitted<T>(T? state, string detector) where T : class =>
        state ?? throw new InvalidOperationException($"{detector}: Score called before Fit.");
}
