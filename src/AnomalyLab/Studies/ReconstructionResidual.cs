namespace AnomalyLab.Studies;

/// <summary>
/// Mean |input − reconstruction| of a group of clips under an <see cref="IReconstructionModel"/>:
/// <see cref="Map"/> <c>[n_mels, valid_frames]</c> (mean over clips) and <see cref="Mean"/> (over clips, mels and valid frames), dB.
/// </summary>
public sealed record ReconstructionResidual(double[,] Map, double Mean)
{
    /// <summary>Reconstructs <paramref name="batch"/> with <paramref name="model"/> and averages the absolute residual.</summary>
    public static ReconstructionResidual Of(IReconstructionModel model, LogMelBatch batch)
    {
        float[] reconstruction = model.Reconstruct(batch);
        return Of(batch, reconstruction);
    }

    /// <summary>Averages |batch − reconstruction| (flat, same shape as the batch) over clips, valid frames only.</summary>
    /// <exception cref="ArgumentException">An empty batch or a reconstruction of another size.</exception>
    public static ReconstructionResidual Of(LogMelBatch batch, float[] reconstruction)
    {
        if (batch.Count == 0) throw new ArgumentException("The residual of an empty group is undefined: the group has no clips.", nameof(batch));
        if (reconstruction.Length != batch.Values.Length)
            throw new ArgumentException($"Reconstruction has {reconstruction.Length} values, the batch [{batch.Count}, {batch.NMels}, {batch.Frames}] has {batch.Values.Length}.");
        int nMels = batch.NMels, valid = batch.ValidFrames;
        ReadOnlySpan<float> values = batch.Values.Span;
        var map = new double[nMels, valid];
        for (int c = 0; c < batch.Count; c++)
        {
            int offset = c * batch.ClipSize;
            for (int m = 0; m < nMels; m++)
            {
                int row = offset + m * batch.Frames;
                for (int t = 0; t < valid; t++) map[m, t] += Math.Abs(values[row + t] - reconstruction[row + t]);
            }
        }
        double total = 0;
        for (int m = 0; m < nMels; m++)
            for (int t = 0; t < valid; t++)
            {
                map[m, t] /= batch.Count;
                total += map[m, t];
            }
        return new ReconstructionResidual(map, total / ((double)nMels * valid));
    }
}
