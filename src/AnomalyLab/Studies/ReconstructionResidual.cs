using System.Runtime.CompilerServices;
using AnomalyLab.Data;
namespace AnomalyLab.Studies;

/// <summary>
/// Mean |input − reconstruction| of a group of clips under an <see cref="IReconstructionModel"/>:
/// <see cref="Map"/> <c>[n_mels, valid_frames]</c> (mean over clips) and <see cref="Mean"/> (over clips, mels and valid frames), dB.
/// </summary>
public sealed record ReconstructionResidual(double[,] Map, double Mean)
{
    /// <summary>Clips reconstructed per call of the model by <see cref="Of(IReconstructionModel, LogMelBatch)"/>; bounds the memory a reconstruction needs.</summary>
    public const int ClipsPerReconstruction = 32;

    /// <summary>
    /// Reconstructs <paramref name="batch"/> with <paramref name="model"/>, <see cref="ClipsPerReconstruction"/> clips at a time
    /// (views on the batch, so only one small reconstruction is alive at once), and averages the absolute residual.
    /// </summary>
    /// <exception cref="ArgumentException">An empty batch or a model returning a reconstruction of another size.</exception>
    public static ReconstructionResidual Of(IReconstructionModel model, LogMelBatch batch)
    {
        RequireClips(batch);
        var map = new double[batch.NMels, batch.ValidFrames];
        var buffer = new float[Math.Min(ClipsPerReconstruction, batch.Count) * batch.ClipSize];
        for (int first = 0; first < batch.Count; first += ClipsPerReconstruction)
        {
            int count = Math.Min(ClipsPerReconstruction, batch.Count - first);
            var part = new LogMelBatch(batch.Values.Slice(first * batch.ClipSize, count * batch.ClipSize), count, batch.NMels, batch.Frames, batch.ValidFrames);
            Memory<float> reconstruction = buffer.AsMemory(0, count * batch.ClipSize);
            model.Reconstruct(part, reconstruction);
            Accumulate(map, part, reconstruction.Span);
        }
        return Finish(map, batch.Count);
    }

    /// <summary>Averages |batch − reconstruction| (flat, same shape as the batch) over clips, valid frames only.</summary>
    /// <exception cref="ArgumentException">An empty batch or a reconstruction of another size.</exception>
    public static ReconstructionResidual Of(LogMelBatch batch, float[] reconstruction)
    {
        RequireClips(batch);
        var map = new double[batch.NMels, batch.ValidFrames];
        if (reconstruction.Length != batch.Values.Length)
            throw new ArgumentException($"Reconstruction has {reconstruction.Length} values, the batch [{batch.Count}, {batch.NMels}, {batch.Frames}] has {batch.Values.Length}.");
        Accumulate(map, batch, reconstruction);
        return Finish(map, batch.Count);
    }

    private static void RequireClips(LogMelBatch batch)
    {
        if (batch.Count == 0) throw new ArgumentException("The residual of an empty group is undefined: the group has no clips.", nameof(batch));
    }

    /// <summary>Adds Σ over the clips of |batch − reconstruction| to <paramref name="map"/> <c>[n_mels, valid_frames]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: skip tier-0 code on the first (often only) call
    private static void Accumulate(double[,] map, LogMelBatch batch, ReadOnlySpan<float> reconstruction)
    {
        int nMels = batch.NMels, valid = batch.ValidFrames;
        ReadOnlySpan<float> values = batch.Values.Span;
        for (int c = 0; c < batch.Count; c++)
        {
            int offset = c * batch.ClipSize;
            for (int m = 0; m < nMels; m++)
            {
                int row = offset + m * batch.Frames;
                for (int t = 0; t < valid; t++) map[m, t] += Math.Abs(values[row + t] - reconstruction[row + t]);
            }
        }
    }

    private static ReconstructionResidual Finish(double[,] map, int clips)
    {
        int nMels = map.GetLength(0), valid = map.GetLength(1);
        double total = 0;
        for (int m = 0; m < nMels; m++)
            for (int t = 0; t < valid; t++)
            {
                map[m, t] /= clips;
                total += map[m, t];
            }
        return new ReconstructionResidual(map, total / ((double)nMels * valid));
    }
}
