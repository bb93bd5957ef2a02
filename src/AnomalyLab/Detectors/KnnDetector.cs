namespace AnomalyLab.Detectors;

/// <summary>How <see cref="KnnDetector"/> turns the k neighbour distances into one score (PyOD's <c>method</c>).</summary>
public enum KnnAggregation
{
    /// <summary>Distance to the k-th nearest training sample (PyOD default <c>'largest'</c>).</summary>
    Largest,

    /// <summary>Mean distance to the k nearest training samples (<c>'mean'</c>).</summary>
    Mean,

    /// <summary>Median distance to the k nearest training samples (<c>'median'</c>).</summary>
    Median,
}

/// <summary>Options of <see cref="KnnDetector"/>; defaults are PyOD's <c>KNN()</c>.</summary>
/// <param name="Neighbors">k, the neighbours considered (PyOD default 5).</param>
/// <param name="Aggregation">How the k distances become a score (default <see cref="KnnAggregation.Largest"/>).</param>
/// <param name="Backend">How blocks of distances are computed (results are the same; speed differs).</param>
public sealed record KnnOptions(int Neighbors = 5, KnnAggregation Aggregation = KnnAggregation.Largest, DistanceBackend Backend = DistanceBackend.Auto)
{
    /// <summary>PyOD's defaults: k = 5, largest distance.</summary>
    public static KnnOptions Default { get; } = new();
}

/// <summary>
/// k-nearest-neighbour distance detector (Ramaswamy et al. 2000; PyOD <c>KNN</c>): the score of a sample is the
/// Euclidean distance to its k-th nearest normal training sample (or the mean/median of the k distances).
/// Scoring new data as PyOD's <c>decision_function</c>: the sample itself is not excluded.
/// </summary>
public sealed class KnnDetector(KnnOptions options) : IAnomalyDetector
{
    private NearestNeighbors? _index;

    /// <summary>A detector with <see cref="KnnOptions.Default"/>.</summary>
    public KnnDetector() : this(KnnOptions.Default) { }

    /// <summary>The options given to the constructor.</summary>
    public KnnOptions Options { get; } = options.Neighbors >= 1 ? options : throw new ArgumentOutOfRangeException(nameof(options), options.Neighbors, "k-NN needs at least one neighbour.");

    /// <inheritdoc/>
    public void Fit(double[,] normal)
    {
        FeatureMatrix.Validate(normal, "k-NN training data", minRows: Options.Neighbors);
        _index = new NearestNeighbors(normal, Options.Backend);
    }

    /// <inheritdoc/>
    public double[] Score(double[,] x)
    {
        NearestNeighbors index = FeatureMatrix.Fitted(_index, "k-NN");
        FeatureMatrix.Validate(x, "k-NN test data", index.Features);
        var (distances, _) = index.Query(x, Options.Neighbors);
        int n = x.GetLength(0), k = Options.Neighbors;
        var scores = new double[n];
        for (int i = 0; i < n; i++)
        {
            scores[i] = Options.Aggregation switch
            {
                KnnAggregation.Largest => distances[i, k - 1],
                KnnAggregation.Mean => Enumerable.Range(0, k).Sum(m => distances[i, m]) / k,
                _ => k % 2 == 1 ? distances[i, k / 2] : (distances[i, k / 2 - 1] + distances[i, k / 2]) / 2,
            };
        }
        return scores;
    }
}
