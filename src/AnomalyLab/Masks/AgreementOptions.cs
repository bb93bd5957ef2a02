namespace AnomalyLab.Masks;

/// <summary>
/// How mask–reality agreement combines its four components, each a similarity 1 − W₁ / (n − 1) in [0, 1]:
/// score = (w_mel · S_mel + w_time · S_time + w_run · S_run + w_width · S_width) / (w_mel + w_time + w_run + w_width).
/// S_mel and S_time compare where the mass sits (band profile over mel bins, time profile over frames); S_run and S_width compare
/// how large it is (cell-weighted run-length distribution along time and band-width distribution along mel, <see cref="MaskExtent"/>).
/// </summary>
/// <remarks>
/// The default weights are equal (1 each), fixed on principle before any held-out result was computed: the four questions a mask
/// answers — which mel bins, which frames, how long, how wide — count the same. They were not tuned. <see cref="PositionOnly"/> is
/// the earlier two-component score (mel and time profiles only), kept for comparison.
/// </remarks>
public sealed record AgreementOptions
{
    /// <summary>Weight of the band (mel) position profile; default 1.</summary>
    public double MelWeight { get; init; } = 1;

    /// <summary>Weight of the time position profile; default 1.</summary>
    public double TimeWeight { get; init; } = 1;

    /// <summary>Weight of the time-run length distribution; default 1.</summary>
    public double RunLengthWeight { get; init; } = 1;

    /// <summary>Weight of the band-width distribution; default 1.</summary>
    public double BandWidthWeight { get; init; } = 1;

    /// <summary>Equal weights over the four components (the documented default).</summary>
    public static AgreementOptions Default { get; } = new();

    /// <summary>The earlier score: mel and time position profiles only, equal weights; extent ignored.</summary>
    public static AgreementOptions PositionOnly { get; } = new() { RunLengthWeight = 0, BandWidthWeight = 0 };

    /// <summary>True when an extent component has a positive weight (the profiles then need a <see cref="MaskExtent"/>).</summary>
    public bool UsesExtent => RunLengthWeight > 0 || BandWidthWeight > 0;

    /// <summary>Checks the weights; returns this.</summary>
    public AgreementOptions Validate()
    {
        double[] weights = [MelWeight, TimeWeight, RunLengthWeight, BandWidthWeight];
        if (weights.Any(w => !(w >= 0) || double.IsInfinity(w)) || weights.Sum() <= 0)
            throw new ArgumentException($"agreement weights must be finite, non-negative with a positive sum, found mel {MelWeight}, time {TimeWeight}, run length {RunLengthWeight}, band width {BandWidthWeight}");
        return this;
    }

    /// <summary>The band part w_mel · S_mel + w_width · S_width (depends only on a preset's band settings); the fitter maximises it.</summary>
    public double BandPart(double mel, double bandWidth) => MelWeight * mel + BandWidthWeight * bandWidth;

    /// <summary>The segment part w_time · S_time + w_run · S_run (depends only on a preset's segment settings); the fitter maximises it.</summary>
    public double SegmentPart(double time, double runLength) => TimeWeight * time + RunLengthWeight * runLength;

    /// <summary>The weighted mean of the four similarities (a component with weight 0 is ignored, NaN included).</summary>
    public double Combine(double mel, double time, double runLength, double bandWidth)
    {
        double sum = 0, weight = 0;
        foreach (var (w, s) in new[] { (MelWeight, mel), (TimeWeight, time), (RunLengthWeight, runLength), (BandWidthWeight, bandWidth) })
        {
            if (w <= 0) continue;
            sum += w * s;
            weight += w;
        }
        return sum / weight;
    }
}
