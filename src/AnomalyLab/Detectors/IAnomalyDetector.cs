namespace AnomalyLab.Detectors;

/// <summary>
/// The one calling convention of every detector (scikit-learn's fit/score, DCASE's sign): <see cref="Fit"/> on normal
/// data, then <see cref="Score"/> any data with <b>higher = more anomalous</b>. Hyper-parameters come only through the
/// options record given to the constructor.
/// </summary>
public interface IAnomalyDetector
{
    /// <summary>Learns what normal looks like.</summary>
    /// <param name="normal">Normal training samples, shape <c>[n_samples, n_features]</c>, finite.</param>
    /// <exception cref="ArgumentException">Empty, too few rows for the detector, or a non-finite value (row and column named).</exception>
    void Fit(double[,] normal);

    /// <summary>Anomaly scores, higher = more anomalous.</summary>
    /// <param name="x">Samples to score, shape <c>[n_samples, n_features]</c> with the features of <see cref="Fit"/>.</param>
    /// <returns>One score per row of <paramref name="x"/>, length <c>n_samples</c>.</returns>
    /// <exception cref="InvalidOperationException">Called before <see cref="Fit"/>.</exception>
    /// <exception cref="ArgumentException">A different feature count than in <see cref="Fit"/>, or a non-finite value.</exception>
    double[] Score(double[,] x);
}
