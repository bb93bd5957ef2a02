using System.Globalization;

namespace AnomalyLab.Detectors;

/// <summary>
/// A threshold policy and its parameter. CLI form: <c>mean-std:2</c> (k), <c>quantile:0.99</c> (q) or <c>far:0.01</c>
/// (target false-alarm rate); a bare <c>mean-std</c> means k = 2. Immutable.
/// </summary>
/// <param name="Kind">The rule.</param>
/// <param name="Parameter">k (σ multiples), q in [0, 1], or the false-alarm rate in [0, 1).</param>
public sealed record ThresholdPolicy(ThresholdPolicyKind Kind, double Parameter)
{
    /// <summary>mean + 2σ of the training errors (the seed's rule).</summary>
    public static ThresholdPolicy Default { get; } = new(ThresholdPolicyKind.MeanStd, 2.0);

    /// <summary>True when the policy needs held-out normal scores rather than the training-split scores.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool UsesHeldOutNormals => Kind == ThresholdPolicyKind.FalseAlarmRate;

    /// <summary>The threshold this policy gives on <paramref name="calibrationScores"/> (training-split or held-out scores, see <see cref="UsesHeldOutNormals"/>).</summary>
    /// <exception cref="ArgumentException">No scores, a non-finite score, or a parameter out of range.</exception>
    public ScoreThreshold Apply(IReadOnlyList<double> calibrationScores) => Kind switch
    {
        ThresholdPolicyKind.MeanStd => ScoreThreshold.MeanPlusSigma(calibrationScores, Parameter),
        ThresholdPolicyKind.Quantile => ScoreThreshold.Quantile(calibrationScores, Parameter),
        _ => ScoreThreshold.FalseAlarmRate(calibrationScores, Parameter),
    };

    /// <summary>The CLI form, e.g. <c>mean-std:2</c>.</summary>
    public override string ToString() => Kind switch
    {
        ThresholdPolicyKind.MeanStd => "mean-std:",
        ThresholdPolicyKind.Quantile => "quantile:",
        _ => "far:",
    } + Parameter.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Parses <c>mean-std[:k]</c>, <c>quantile:q</c> or <c>far:rate</c>.</summary>
    /// <exception cref="ArgumentException">Unknown policy or a parameter out of range; the message shows the accepted forms.</exception>
    public static ThresholdPolicy Parse(string text)
    {
        string[] parts = text.Trim().Split(':', 2);
        string name = parts[0].Trim().ToLowerInvariant();
        double? value = null;
        if (parts.Length == 2)
        {
            if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                throw new ArgumentException($"Threshold policy '{text}': '{parts[1]}' is not a number.", nameof(text));
            value = v;
        }
        ThresholdPolicy policy = name switch
        {
            "mean-std" or "meanstd" or "sigma" => new(ThresholdPolicyKind.MeanStd, value ?? 2.0),
            "quantile" => new(ThresholdPolicyKind.Quantile, value ?? throw Missing(text, "quantile:0.99")),
            "far" or "false-alarm-rate" => new(ThresholdPolicyKind.FalseAlarmRate, value ?? throw Missing(text, "far:0.01")),
            _ => throw new ArgumentException($"Unknown threshold policy '{text}': expected mean-std:K, quantile:Q or far:RATE.", nameof(text)),
        };
        return policy.Validate();
    }

    /// <summary>Checks the parameter's range for the kind.</summary>
    /// <exception cref="ArgumentException">k &lt; 0, q outside [0, 1], or rate outside [0, 1).</exception>
    public ThresholdPolicy Validate()
    {
        bool ok = Kind switch
        {
            ThresholdPolicyKind.MeanStd => Parameter >= 0 && double.IsFinite(Parameter),
            ThresholdPolicyKind.Quantile => Parameter is >= 0 and <= 1,
            _ => Parameter is >= 0 and < 1,
        };
        if (!ok) throw new ArgumentException($"Threshold policy {this}: parameter out of range (mean-std k >= 0, quantile q in [0, 1], far rate in [0, 1)).");
        return this;
    }

    private static ArgumentException Missing(string text, string example) =>
        new($"Threshold policy '{text}' needs a value, e.g. {example}.", nameof(text));
}
