using AnomalyLab.Detectors;

namespace AnomalyLab.Tests.Detectors;

public sealed class ScoreThresholdTests
{
    [Fact]
    public void Mean_plus_k_sigma_uses_the_population_deviation()
    {
        ScoreThreshold threshold = ScoreThreshold.MeanPlusSigma([1, 2, 3, 4], k: 2);
        Assert.Equal(2.5 + 2 * Math.Sqrt(1.25), threshold.Value, 12);
    }

    [Theory]
    [InlineData(0.5, 2.5)]
    [InlineData(0.9, 3.7)] // numpy.quantile([1,2,3,4], 0.9) = 3.7
    [InlineData(1.0, 4.0)]
    [InlineData(0.0, 1.0)]
    public void Quantile_interpolates_linearly_like_numpy(double q, double expected) =>
        Assert.Equal(expected, ScoreThreshold.Quantile([4, 1, 3, 2], q).Value, 12);

    [Fact]
    public void Gaussian_fit_of_the_histogram_recovers_the_normal_bulk()
    {
        var random = new Random(11);
        var scores = new List<double>();
        for (int i = 0; i < 20000; i++)
        {
            double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
            scores.Add(5 + 2 * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
        ScoreThreshold threshold = ScoreThreshold.GaussianFit(scores, k: 3, bins: 100);
        Assert.InRange(threshold.Value, 5 + 3 * 2 - 0.15, 5 + 3 * 2 + 0.15);
        Assert.Equal(7.0, ScoreThreshold.GaussianFit([7, 7, 7]).Value);
    }

    [Fact]
    public void Confusion_counts_precision_recall_and_f1()
    {
        var threshold = new ScoreThreshold(0.5, "fixed");
        ConfusionCounts counts = threshold.Evaluate([0.9, 0.8, 0.4, 0.6, 0.1, 0.5], [true, true, true, false, false, false]);
        Assert.Equal(new ConfusionCounts(2, 1, 2, 1), counts);
        Assert.Equal(2.0 / 3, counts.Precision, 12);
        Assert.Equal(2.0 / 3, counts.Recall, 12);
        Assert.Equal(2.0 / 3, counts.F1, 12);
        Assert.Equal([true, false], threshold.Flag([0.51, 0.5]));
        Assert.Equal(0, new ConfusionCounts(0, 0, 3, 0).F1);
    }

    [Fact]
    public void Bad_scores_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ScoreThreshold.MeanPlusSigma([]));
        Assert.Contains("score 1", Assert.Throws<ArgumentException>(() => ScoreThreshold.Quantile([1, double.NaN])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ScoreThreshold.Quantile([1, 2], 1.5));
        Assert.Throws<ArgumentException>(() => new ScoreThreshold(1, "x").Evaluate([1, 2], [true]));
    }
}
