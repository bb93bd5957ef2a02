namespace AnomalyLab.Detectors;

/// <summary>Which rule turns calibration scores into a threshold.</summary>
public enum ThresholdPolicyKind
{
    /// <summary>mean + k·σ of the training-split scores (the seed's rule with k = 2).</summary>
    MeanStd,

    /// <summary>The q-quantile (numpy linear interpolation) of the training-split scores.</summary>
    Quantile,

    /// <summary>At most the given false-alarm rate on held-out normal scores (<see cref="ScoreThreshold.FalseAlarmRate"/>).</summary>
    FalseAlarmRate,
}
