using System.Runtime.CompilerServices;
namespace AnomalyLab.Data;

/// <summary>Mean log-mel over a group of clips, and the difference of two such means.</summary>
public static class MeanSpectrogram
{
    /// <summary>
    /// Element-wise mean over the clips of <paramref name="batch"/>, valid frames only.
    /// Shape <c>[n_mels, valid_frames]</c>, same units as the batch (dB). Accumulated in double.
    /// </summary>
    /// <exception cref="ArgumentException">An empty batch (a mean of nothing is undefined).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: skip tier-0 code on the first (often only) call
    public static double[,] Compute(LogMelBatch batch)
    {
        if (batch.Count == 0) throw new ArgumentException("The mean spectrogram of an empty group is undefined: the group has no clips.", nameof(batch));
        int nMels = batch.NMels, valid = batch.ValidFrames;
        var sum = new double[nMels, valid];
        for (int c = 0; c < batch.Count; c++)
        {
            ReadOnlySpan<float> clip = batch.Clip(c);
            for (int m = 0; m < nMels; m++)
            {
                ReadOnlySpan<float> row = clip.Slice(m * batch.Frames, valid);
                for (int t = 0; t < valid; t++) sum[m, t] += row[t];
            }
        }
        double scale = 1.0 / batch.Count;
        for (int m = 0; m < nMels; m++)
            for (int t = 0; t < valid; t++) sum[m, t] *= scale;
        return sum;
    }

    /// <summary><paramref name="minuend"/> − <paramref name="subtrahend"/> element-wise (e.g. anomalous − normal), same shape.</summary>
    /// <exception cref="ArgumentException">Maps of different shapes.</exception>
    public static double[,] Difference(double[,] minuend, double[,] subtrahend)
    {
        RequireSameShape(minuend, subtrahend);
        var result = new double[minuend.GetLength(0), minuend.GetLength(1)];
        for (int m = 0; m < result.GetLength(0); m++)
            for (int t = 0; t < result.GetLength(1); t++) result[m, t] = minuend[m, t] - subtrahend[m, t];
        return result;
    }

    internal static void RequireSameShape(double[,] a, double[,] b)
    {
        if (a.GetLength(0) != b.GetLength(0) || a.GetLength(1) != b.GetLength(1))
            throw new ArgumentException($"Maps must have the same shape: [{a.GetLength(0)}, {a.GetLength(1)}] vs [{b.GetLength(0)}, {b.GetLength(1)}].");
    }

    /// <summary>Copies a double map to float (figures, <c>.npy</c> maps).</summary>
    public static float[,] ToFloat(double[,] map)
    {
        var result = new float[map.GetLength(0), map.GetLength(1)];
        for (int m = 0; m < map.GetLength(0); m++)
            for (int t = 0; t < map.GetLength(1); t++) result[m, t] = (float)map[m, t];
        return result;
    }
}
