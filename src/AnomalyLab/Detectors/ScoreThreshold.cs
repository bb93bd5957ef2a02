namespace AnomalyLab.Detectors;

/// <summary>Confusion counts of a thresholded scorer (positive = anomalous = score above the threshold).</summary>
/// <param name="TruePositives">Anomalies flagged.</param>
/// <param name="FalsePositives">Normals flagged.</param>
/// <param name="TrueNegatives">Normals not flagged.</param>
/// <param name="FalseNegatives">Anomalies missed.</param>
public sealed record ConfusionCounts(int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives)
{
    /// <summary>TP / (TP + FP); 0 when nothing is flagged.</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>TP / (TP + FN); 0 when there are no anomalies.</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);

    /// <summary>Harmonic mean of precision and recall; 0 when both are 0.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Counts for <paramref name="scores"/> &gt; <paramref name="threshold"/> against <paramref name="anomalous"/>.</summary>
    public static ConfusionCounts Of(IReadOnlyList<double> scores, IReadOnlyList<bool> anomalous, double threshold)
    {
        if (scores.Count != anomalous.Count) throw new ArgumentException($"{scores.Count} scores but {anomalous.Count} labels.");
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < scores.Count; i++)
        {
            bool flagged = scores[i] > threshold;
            if (flagged && anomalous[i]) tp++;
            else if (flagged) fp++;
            else if (anomalous[i]) fn++;
            else tn++;
        }
        return new ConfusionCounts(tp, fp, tn, fn);
    }
}

/// <summary>A decision threshold on anomaly scores (flag when score &gt; <see cref="Value"/>) and how it was chosen.</summary>
/// <param name="Value">The threshold.</param>
/// <param name="Method">How it was derived, e.g. <c>mean + 3σ</c>.</param>
public sealed record ScoreThreshold(double Value, string Method)
{
    /// <summary>Flags per score: true where score &gt; <see cref="Value"/>.</summary>
    public bool[] Flag(IReadOnlyList<double> scores) => scores.Select(s => s > Value).ToArray();

    /// <summary>Confusion counts (TP/FP/TN/FN, precision, recall, F1) of this threshold on labelled scores.</summary>
    public ConfusionCounts Evaluate(IReadOnlyList<double> scores, IReadOnlyList<bool> anomalous) => ConfusionCounts.Of(scores, anomalous, Value);

    /// <summary>mean + k·σ of the training (normal) scores, σ the population standard deviation (ddof 0).</summary>
    public static ScoreThreshold MeanPlusSigma(IReadOnlyList<double> trainingScores, double k = 3)
    {
        double[] s = Checked(trainingScores);
        double mean = s.Average();
        double sigma = Math.Sqrt(s.Sum(v => (v - mean) * (v - mean)) / s.Length);
        return new ScoreThreshold(mean + k * sigma, $"mean + {k}σ");
    }

    /// <summary>
    /// The <paramref name="q"/>-quantile of the training scores with linear interpolation between order statistics
    /// (<c>numpy.quantile</c>'s default), e.g. q = 0.95 flags about 5 % of normal data.
    /// </summary>
    public static ScoreThreshold Quantile(IReadOnlyList<double> trainingScores, double q = 0.95)
    {
        if (!(q >= 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(q), q, "quantile must be in [0, 1].");
        double[] s = Checked(trainingScores).Order().ToArray();
        double position = q * (s.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, s.Length - 1);
        double value = s[below] + (position - below) * (s[above] - s[below]);
        return new ScoreThreshold(value, $"quantile {q}");
    }

    /// <summary>
    /// Maximum-likelihood Gaussian fit of the score histogram: the histogram of the scores (<paramref name="bins"/> equal
    /// bins over [min, max]) is treated as grouped data and the normal distribution maximising its likelihood is fitted
    /// — μ = Σ cᵦ·mᵦ / N and σ² = Σ cᵦ·(mᵦ − μ)² / N over bin counts cᵦ and bin centres mᵦ (the grouped-data ML estimate,
    /// Sheppard's correction not applied). Threshold = μ + k·σ: scores beyond k standard deviations of the fitted normal
    /// bulk are flagged. Fitting the histogram rather than the raw scores makes the fit ignore the exact values of the
    /// few extreme scores, which only move their own bins.
    /// </summary>
    public static ScoreThreshold GaussianFit(IReadOnlyList<double> scores, double k = 3, int bins = 50)
    {
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), bins, "at least one bin.");
        double[] s = Checked(scores);
        double min = s.Min(), max = s.Max();
        if (max == min) return new ScoreThreshold(max, $"Gaussian fit of the histogram, μ + {k}σ (all scores equal)");
        double width = (max - min) / bins;
        var counts = new int[bins];
        foreach (double v in s) counts[Math.Min(bins - 1, (int)((v - min) / width))]++;
        double mu = 0;
        for (int b = 0; b < bins; b++) mu += counts[b] * (min + (b + 0.5) * width);
        mu /= s.Length;
        double variance = 0;
        for (int b = 0; b < bins; b++)
        {
            double centre = min + (b + 0.5) * width;
            variance += counts[b] * (centre - mu) * (centre - mu);
        }
        double sigma = Math.Sqrt(variance / s.Length);
        return new ScoreThreshold(mu + k * sigma, $"Gaussian fit of the histogram ({bins} bins), μ + {k}σ");
    }

    /// <summary>
    /// Threshold for a target false-alarm rate on held-out normal scores: the smallest order statistic that flags at
    /// most ⌊<paramref name="rate"/>·n⌋ of the n held-out scores (flag = score &gt; threshold), i.e. the
    /// (n − 1 − ⌊rate·n⌋)-th smallest score. The realised false-alarm rate on these scores is ≤ <paramref name="rate"/>
    /// (ties can only lower it); rate 0 gives the maximum.
    /// </summary>
    public static ScoreThreshold FalseAlarmRate(IReadOnlyList<double> heldOutNormalScores, double rate = 0.01)
    {
        if (!(rate >= 0 && rate < 1)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "false-alarm rate must be in [0, 1).");
        double[] s = Checked(heldOutNormalScores).Order().ToArray();
        int allowed = (int)Math.Floor(rate * s.Length);
        return new ScoreThreshold(s[s.Length - 1 - allowed], $"false-alarm rate {rate} on {s.Length} held-out normals");
    }

    private static double[] Checked(IReadOnlyList<double> scores)
    {
        if (scores.Count == 0) throw new ArgumentException("no scores to derive a threshold from.");
        double[] s = scores.ToArray();
        for (int i = 0; i < s.Length; i++)
            if (!double.IsFinite(s[i])) throw new ArgumentException($"score {i} is {s[i]}; scores must be finite.");
        return s;
    }
}
