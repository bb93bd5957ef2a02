namespace AnomalyLab.Features.Signal;

/// <summary>STFT power matrix <c>Power[bin, segment]</c> (<c>[nperseg/2 + 1, segments]</c>), bin frequencies in Hz, segment centre times in s.</summary>
public sealed record PowerSpectrogram(double[] Frequencies, double[] Times, double[,] Power)
{
    /// <summary>Mean over time of each frequency bin, <c>[bins]</c> (equals the Welch estimate with the same options).</summary>
    public double[] MeanOverTime()
    {
        int bins = Power.GetLength(0), frames = Power.GetLength(1);
        var mean = new double[bins];
        for (int k = 0; k < bins; k++)
        {
            for (int t = 0; t < frames; t++) mean[k] += Power[k, t];
            mean[k] /= frames;
        }
        return mean;
    }
}
