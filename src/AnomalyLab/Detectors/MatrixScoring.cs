using AnomalyLab.Data;

namespace AnomalyLab.Detectors;

/// <summary>
/// Scores the rows of a feature matrix with a classic detector fitted on the rows of another (the matrix counterpart of
/// <see cref="MachineClipScoring"/>, which builds the matrices from clips).
/// </summary>
public static class MatrixScoring
{
    /// <summary>Fits <paramref name="detector"/> on <paramref name="train"/> and scores <paramref name="test"/>.</summary>
    /// <param name="detector">An unfitted detector.</param>
    /// <param name="name">The detector's name, for the progress stage.</param>
    /// <param name="train">Normal training samples <c>[samples, features]</c>, finite.</param>
    /// <param name="test">Samples to score <c>[samples, features]</c>, same feature count.</param>
    /// <param name="progress">One stage, <c>name: fitting on N × F, scoring M rows</c>: 0/2 before fitting, 1/2 after, 2/2 after scoring.</param>
    /// <returns>One score per test row, higher = more anomalous.</returns>
    /// <exception cref="ArgumentException">What <see cref="IAnomalyDetector.Fit"/> or <see cref="IAnomalyDetector.Score"/> refuses.</exception>
    public static double[] FitAndScore(IAnomalyDetector detector, string name, double[,] train, double[,] test, IProgress<StageProgress>? progress = null)
    {
        string stage = $"{name}: fitting on {train.GetLength(0)} × {train.GetLength(1)}, scoring {test.GetLength(0)} rows";
        progress?.Report(new StageProgress(stage, 0, 2));
        detector.Fit(train);
        progress?.Report(new StageProgress(stage, 1, 2));
        double[] scored = detector.Score(test);
        progress?.Report(new StageProgress(stage, 2, 2));
        return scored;
    }
}
