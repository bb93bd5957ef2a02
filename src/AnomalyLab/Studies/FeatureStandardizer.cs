namespace AnomalyLab.Studies;

/// <summary>
/// Mean and standard deviation per mel band (or one pair for all bands) estimated on reference clips (train normals),
/// applied as (x − μ) / σ. Valid frames only; population std (ddof 0); σ below <see cref="MinimumStd"/> is raised to it.
/// </summary>
public sealed class FeatureStandardizer
{
    /// <summary>Floor of σ so a constant band does not divide by zero, in feature units (dB).</summary>
    public const double MinimumStd = 1e-6;

    private FeatureStandardizer(FeatureNormalization kind, double[] mean, double[] std)
    {
        Kind = kind;
        Mean = mean;
        Std = std;
    }

    /// <summary>The normalisation this standardiser applies.</summary>
    public FeatureNormalization Kind { get; }

    /// <summary>μ per band, length n_mels (all equal for <see cref="FeatureNormalization.Global"/>).</summary>
    public double[] Mean { get; }

    /// <summary>σ per band, length n_mels.</summary>
    public double[] Std { get; }

    /// <summary>Estimates μ and σ on <paramref name="reference"/> for <paramref name="kind"/> (Global or PerMel).</summary>
    /// <exception cref="ArgumentException">An empty reference or <see cref="FeatureNormalization.None"/>.</exception>
    public static FeatureStandardizer Fit(LogMelBatch reference, FeatureNormalization kind)
    {
        if (kind == FeatureNormalization.None) throw new ArgumentException("Normalisation 'none' needs no standardiser.", nameof(kind));
        if (reference.Count == 0) throw new ArgumentException("Standardisation statistics need at least one reference clip.", nameof(reference));
        var stats = BandFrameStatistics.Compute(reference);
        int nMels = reference.NMels;
        long n = stats.ValuesPerBand;
        var mean = new double[nMels];
        var std = new double[nMels];
        // Population variance per band from the sample variance: var0 = var1 · (n − 1) / n.
        double[] bandVariance = stats.BandValueVariance.Select(v => v * (n - 1) / n).ToArray();
        if (kind == FeatureNormalization.PerMel)
        {
            for (int m = 0; m < nMels; m++)
            {
                mean[m] = stats.BandMean[m];
                std[m] = Math.Max(MinimumStd, Math.Sqrt(bandVariance[m]));
            }
        }
        else
        {
            double mu = stats.BandMean.Average();
            // Total variance = mean within-band variance + variance of the band means (equal counts per band).
            double total = bandVariance.Average() + stats.BandMean.Select(b => (b - mu) * (b - mu)).Average();
            Array.Fill(mean, mu);
            Array.Fill(std, Math.Max(MinimumStd, Math.Sqrt(total)));
        }
        return new FeatureStandardizer(kind, mean, std);
    }

    /// <summary>A standardised copy of <paramref name="batch"/> (padding frames are standardised too; the study ignores them).</summary>
    public LogMelBatch Apply(LogMelBatch batch)
    {
        if (batch.NMels != Mean.Length) throw new ArgumentException($"Standardiser has {Mean.Length} bands, the batch {batch.NMels}.", nameof(batch));
        var values = batch.Values.ToArray();
        for (int c = 0; c < batch.Count; c++)
            for (int m = 0; m < batch.NMels; m++)
            {
                Span<float> row = values.AsSpan(c * batch.ClipSize + m * batch.Frames, batch.Frames);
                float mu = (float)Mean[m], inverse = (float)(1 / Std[m]);
                for (int t = 0; t < row.Length; t++) row[t] = (row[t] - mu) * inverse;
            }
        return new LogMelBatch(values, batch.Count, batch.NMels, batch.Frames, batch.ValidFrames);
    }
}
