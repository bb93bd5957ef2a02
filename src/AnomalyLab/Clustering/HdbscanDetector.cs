using AnomalyLab.Detectors;

namespace AnomalyLab.Clustering;

/// <summary>
/// HDBSCAN as an anomaly detector: <see cref="Fit"/> clusters the normal data; <see cref="Score"/> gives each new point the
/// GLOSH score it would get by joining the fitted hierarchy without changing it (the <c>hdbscan</c> package's
/// <c>approximate_predict_scores</c> scheme): among its 2·min_samples nearest training points, the one at the smallest
/// mutual-reachability distance m is its attachment point; λ = 1/m, capped at the λ at which that training point leaves its
/// cluster C; score = (λ_max(C) − λ) / λ_max(C), λ_max(C) the largest λ in C's subtree. Range [0, 1], higher = more
/// anomalous. The new point's core distance is the distance to its (min_samples − 1)-th nearest training point (it counts
/// itself first, as in fitting). Registered in <see cref="DetectorCatalog"/> as <c>hdbscan</c>.
/// </summary>
public sealed class HdbscanDetector(HdbscanOptions? options = null) : IAnomalyDetector
{
    private readonly HdbscanOptions _options = options ?? HdbscanOptions.Default;
    private Fitted? _state;

    private sealed record Fitted(HdbscanResult Result, NearestNeighbors Index, int Features);

    /// <summary>The clustering of the training data (after <see cref="Fit"/>).</summary>
    public HdbscanResult Clustering => FeatureMatrix.Fitted(_state, "hdbscan").Result;

    /// <inheritdoc/>
    public void Fit(double[,] normal)
    {
        FeatureMatrix.Validate(normal, "training features", minRows: 2);
        var result = Hdbscan.Fit(normal, _options);
        _state = new Fitted(result, new NearestNeighbors(normal), normal.GetLength(1));
    }

    /// <inheritdoc/>
    public double[] Score(double[,] x)
    {
        var state = FeatureMatrix.Fitted(_state, "hdbscan");
        FeatureMatrix.Validate(x, "test features", state.Features);
        var result = state.Result;
        var tree = result.Tree;
        int minSamples = _options.EffectiveMinSamples;
        int k = Math.Min(state.Index.Count, 2 * minSamples);
        var (distances, indices) = state.Index.Query(x, k);
        var scores = new double[x.GetLength(0)];
        for (int i = 0; i < scores.Length; i++)
        {
            double core = minSamples <= 1 ? 0 : distances[i, Math.Min(k, minSamples - 1) - 1];
            double best = double.PositiveInfinity;
            int nearest = -1;
            for (int r = 0; r < k; r++)
            {
                int j = indices[i, r];
                double mr = Math.Max(distances[i, r], Math.Max(core, result.CoreDistances[j]));
                if (mr < best) { best = mr; nearest = j; }
            }
            double lambda = best > 0 ? 1.0 / best : double.MaxValue;
            lambda = Math.Min(lambda, tree.PointLambda[nearest]);
            double max = result.SubtreeMaxLambda[tree.ParentOfPoint[nearest] - tree.Points];
            scores[i] = max > 0 && double.IsFinite(max) ? (max - lambda) / max : 0.0;
        }
        return scores;
    }
}
