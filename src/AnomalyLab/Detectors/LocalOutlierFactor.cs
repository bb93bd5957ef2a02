namespace AnomalyLab.Detectors;

/// <summary>Options of <see cref="LocalOutlierFactor"/>; defaults are scikit-learn's <c>LocalOutlierFactor(novelty=True)</c>.</summary>
/// <param name="Neighbors">k (scikit-learn <c>n_neighbors</c>, default 20); reduced to n − 1 for smaller training sets, as scikit-learn does.</param>
/// <param name="Backend">How blocks of distances are computed.</param>
public sealed record LocalOutlierFactorOptions(int Neighbors = 20, DistanceBackend Backend = DistanceBackend.Auto)
{
    /// <summary>scikit-learn's defaults: k = 20.</summary>
    public static LocalOutlierFactorOptions Default { get; } = new();
}

/// <summary>
/// Local Outlier Factor in novelty mode (Breunig et al. 2000; scikit-learn <c>LocalOutlierFactor(novelty=True)</c>).
/// Fit: for each training sample p its k nearest other training samples N(p) and k-distance(p).
/// reach-dist(x, o) = max(‖x − o‖, k-distance(o)); lrd(x) = 1 / (mean_{o ∈ N(x)} reach-dist(x, o) + 1e-10)
/// — the 1e-10 is scikit-learn's guard for duplicates, whose reach-distances are 0.
/// Score(x) = mean_{o ∈ N(x)} lrd(o) / lrd(x), which is <c>-score_samples(x)</c>: about 1 inside the data, larger outside.
/// </summary>
public sealed class LocalOutlierFactor(LocalOutlierFactorOptions options) : IAnomalyDetector
{
    private const double DuplicateGuard = 1e-10;
    private State? _state;

    /// <summary>A detector with <see cref="LocalOutlierFactorOptions.Default"/>.</summary>
    public LocalOutlierFactor() : this(LocalOutlierFactorOptions.Default) { }

    /// <summary>The options given to the constructor.</summary>
    public LocalOutlierFactorOptions Options { get; } = options.Neighbors >= 1 ? options : throw new ArgumentOutOfRangeException(nameof(options), options.Neighbors, "LOF needs at least one neighbour.");

    /// <summary>k actually used after fitting: min(<see cref="LocalOutlierFactorOptions.Neighbors"/>, n − 1).</summary>
    public int EffectiveNeighbors => FeatureMatrix.Fitted(_state, "LOF").K;

    private sealed record State(NearestNeighbors Index, int K, double[] KDistance, double[] Lrd);

    /// <inheritdoc/>
    public void Fit(double[,] normal)
    {
        FeatureMatrix.Validate(normal, "LOF training data", minRows: 2);
        var index = new NearestNeighbors(normal, Options.Backend);
        int k = Math.Min(Options.Neighbors, index.Count - 1);
        var (distances, neighbors) = index.Query(normal, k, excludeSelf: true);
        var kDistance = new double[index.Count];
        for (int i = 0; i < index.Count; i++) kDistance[i] = distances[i, k - 1];
        _state = new State(index, k, kDistance, ReachabilityDensity(distances, neighbors, kDistance, k));
    }

    /// <inheritdoc/>
    public double[] Score(double[,] x)
    {
        State state = FeatureMatrix.Fitted(_state, "LOF");
        FeatureMatrix.Validate(x, "LOF test data", state.Index.Features);
        var (distances, neighbors) = state.Index.Query(x, state.K);
        double[] lrd = ReachabilityDensity(distances, neighbors, state.KDistance, state.K);
        var scores = new double[lrd.Length];
        for (int i = 0; i < lrd.Length; i++)
        {
            double sum = 0;
            for (int m = 0; m < state.K; m++) sum += state.Lrd[neighbors[i, m]] / lrd[i];
            scores[i] = sum / state.K;
        }
        return scores;
    }

    private static double[] ReachabilityDensity(double[,] distances, int[,] neighbors, double[] kDistance, int k)
    {
        int n = distances.GetLength(0);
        var lrd = new double[n];
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int m = 0; m < k; m++) sum += Math.Max(distances[i, m], kDistance[neighbors[i, m]]);
            lrd[i] = 1.0 / (sum / k + DuplicateGuard);
        }
        return lrd;
    }
}
