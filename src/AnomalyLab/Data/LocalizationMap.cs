using System.Runtime.CompilerServices;
namespace AnomalyLab.Data;

/// <summary>
/// Where a group of clips departs from a reference spectrogram: the mean absolute deviation map, and the
/// <em>excess</em> map that subtracts the normal clips' own variability so that only what anomalies change remains.
/// </summary>
public static class LocalizationMap
{
    /// <summary>
    /// Mean over the clips of |clip − reference|, valid frames only. Shape <c>[n_mels, valid_frames]</c>, dB.
    /// With anomalous clips and reference = mean normal this is the seed study's localisation map; with the normal
    /// clips themselves it is their natural variability (mean absolute deviation about their own mean).
    /// </summary>
    /// <param name="batch">Clips <c>[clips, n_mels, frames]</c>.</param>
    /// <param name="reference">Reference <c>[n_mels, valid_frames]</c>, normally <see cref="MeanSpectrogram.Compute"/> of the normal clips.</param>
    /// <exception cref="ArgumentException">An empty batch or a reference of another shape.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: skip tier-0 code on the first (often only) call
    public static double[,] MeanAbsoluteDeviation(LogMelBatch batch, double[,] reference)
    {
        if (batch.Count == 0) throw new ArgumentException("The localisation map of an empty group is undefined: the group has no clips.", nameof(batch));
        int nMels = batch.NMels, valid = batch.ValidFrames;
        if (reference.GetLength(0) != nMels || reference.GetLength(1) != valid)
            throw new ArgumentException($"Reference map is [{reference.GetLength(0)}, {reference.GetLength(1)}], expected [{nMels}, {valid}] (n_mels, valid frames).");
        var sum = new double[nMels, valid];
        for (int c = 0; c < batch.Count; c++)
        {
            ReadOnlySpan<float> clip = batch.Clip(c);
            for (int m = 0; m < nMels; m++)
            {
                ReadOnlySpan<float> row = clip.Slice(m * batch.Frames, valid);
                for (int t = 0; t < valid; t++) sum[m, t] += Math.Abs(row[t] - reference[m, t]);
            }
        }
        double scale = 1.0 / batch.Count;
        for (int m = 0; m < nMels; m++)
            for (int t = 0; t < valid; t++) sum[m, t] *= scale;
        return sum;
    }

    /// <summary>
    /// Excess localisation: <paramref name="anomalous"/> − <paramref name="normalVariability"/> element-wise, dB. Positive where
    /// anomalous clips depart from the normal mean more than normal clips do; edge cells (mel 0, frame 0) that fluctuate for
    /// every clip cancel out.
    /// </summary>
    public static double[,] Excess(double[,] anomalous, double[,] normalVariability) => MeanSpectrogram.Difference(anomalous, normalVariability);
}
