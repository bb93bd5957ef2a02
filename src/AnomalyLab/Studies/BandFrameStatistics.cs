using System.Runtime.CompilerServices;
using AnomalyLab.Data;
namespace AnomalyLab.Studies;

/// <summary>
/// Marginal statistics of a group of clips (valid frames only), dB:
/// <list type="bullet">
/// <item><see cref="BandMean"/> <c>[n_mels]</c>: mean over clips and frames of each mel band.</item>
/// <item><see cref="FrameMean"/> <c>[valid_frames]</c>: mean over clips and mel bands of each frame.</item>
/// <item><see cref="BandTemporalVariance"/> <c>[n_mels]</c>: each clip's variance over time of the band (population, ddof 0), averaged over clips — how much a band moves within a clip.</item>
/// <item><see cref="BandValueVariance"/> <c>[n_mels]</c>: sample variance (ddof 1) of all (clip, frame) values of the band — the spread used by <see cref="EffectSize"/>.</item>
/// </list>
/// </summary>
public sealed record BandFrameStatistics(double[] BandMean, double[] FrameMean, double[] BandTemporalVariance, double[] BandValueVariance, long ValuesPerBand)
{
    /// <summary>Computes the statistics of <paramref name="batch"/>.</summary>
    /// <exception cref="ArgumentException">An empty batch.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: skip tier-0 code on the first (often only) call
    public static BandFrameStatistics Compute(LogMelBatch batch)
    {
        if (batch.Count == 0) throw new ArgumentException("Band/frame statistics of an empty group are undefined: the group has no clips.", nameof(batch));
        int nMels = batch.NMels, valid = batch.ValidFrames;
        var bandSum = new double[nMels];
        var bandSquares = new double[nMels];
        var frameSum = new double[valid];
        var temporalVariance = new double[nMels];
        for (int c = 0; c < batch.Count; c++)
        {
            ReadOnlySpan<float> clip = batch.Clip(c);
            for (int m = 0; m < nMels; m++)
            {
                ReadOnlySpan<float> row = clip.Slice(m * batch.Frames, valid);
                double rowSum = 0, rowSquares = 0;
                for (int t = 0; t < valid; t++)
                {
                    double v = row[t];
                    rowSum += v;
                    rowSquares += v * v;
                    frameSum[t] += v;
                }
                bandSum[m] += rowSum;
                bandSquares[m] += rowSquares;
                double rowMean = rowSum / valid;
                double centred = 0;
                for (int t = 0; t < valid; t++)
                {
                    double d = row[t] - rowMean;
                    centred += d * d;
                }
                temporalVariance[m] += centred / valid;
            }
        }
        long perBand = (long)batch.Count * valid;
        var bandMean = new double[nMels];
        var valueVariance = new double[nMels];
        for (int m = 0; m < nMels; m++)
        {
            bandMean[m] = bandSum[m] / perBand;
            temporalVariance[m] /= batch.Count;
            valueVariance[m] = perBand > 1 ? Math.Max(0, (bandSquares[m] - perBand * bandMean[m] * bandMean[m]) / (perBand - 1)) : 0;
        }
        for (int t = 0; t < valid; t++) frameSum[t] /= (double)batch.Count * nMels;
        return new BandFrameStatistics(bandMean, frameSum, temporalVariance, valueVariance, perBand);
    }

    /// <summary>
    /// Effect size per mel band (Cohen's d): (mean anomalous − mean normal) / pooled std, where the pooled variance is
    /// ((n_a − 1)·var_a + (n_n − 1)·var_n) / (n_a + n_n − 2) over all (clip, frame) values of the band. Shape <c>[n_mels]</c>;
    /// a band with zero pooled spread gets 0.
    /// </summary>
    public static double[] EffectSize(BandFrameStatistics normal, BandFrameStatistics anomalous)
    {
        if (normal.BandMean.Length != anomalous.BandMean.Length)
            throw new ArgumentException($"Band counts differ: normal {normal.BandMean.Length}, anomalous {anomalous.BandMean.Length}.");
        var d = new double[normal.BandMean.Length];
        long nN = normal.ValuesPerBand, nA = anomalous.ValuesPerBand;
        for (int m = 0; m < d.Length; m++)
        {
            double pooled = ((nA - 1) * anomalous.BandValueVariance[m] + (nN - 1) * normal.BandValueVariance[m]) / Math.Max(1, nA + nN - 2);
            d[m] = pooled > 0 ? (anomalous.BandMean[m] - normal.BandMean[m]) / Math.Sqrt(pooled) : 0;
        }
        return d;
    }
}
