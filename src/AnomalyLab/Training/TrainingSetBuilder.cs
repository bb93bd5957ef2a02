using AnomalyLab.Data;
using AnomalyLab.Features;

namespace AnomalyLab.Training;

/// <summary>A model's training samples with the statistics used to normalise them.</summary>
/// <param name="Samples">Normalised samples.</param>
/// <param name="Normalization">Global mean/std (dB) of the raw log-mel values of all clips' real frames.</param>
/// <param name="Clips">Clips the samples came from.</param>
public sealed record PreparedTrainingSet(SampleSet Samples, Standardiser Normalization, int Clips);

/// <summary>Turns normal clips into normalised training samples for one model (log-mel → standardise globally → cut).</summary>
public static class TrainingSetBuilder
{
    /// <summary>
    /// Standardises (global statistics over the real frames of all clips, <see cref="Standardiser.Fit"/>) and cuts the clips
    /// of <paramref name="block"/> (each its real frames, <c>[n_mels, real frames]</c>) into samples; the block comes from
    /// the one pipeline (<see cref="FeatureCache"/>).
    /// </summary>
    /// <exception cref="ArgumentException">An empty block.</exception>
    public static PreparedTrainingSet FromBlock(FeatureBlock block, ModelInputs inputs)
    {
        if (block.Count == 0) throw new ArgumentException("No training clips given.", nameof(block));
        Standardiser stats = Standardiser.Fit([block], Standardisation.Global);
        var parts = new List<float[]>();
        for (int c = 0; c < block.Count; c++)
        {
            float[,] clip = block.ClipArray(c, realOnly: true);
            stats.ApplyInplace(clip);
            parts.Add(inputs.Cut(clip, out _));
        }
        return new PreparedTrainingSet(Concatenate(parts, inputs), stats, block.Count);
    }

    /// <summary>
    /// <see cref="FromBlock"/> for log-mels <c>[n_mels, frames]</c> held as arrays (same mel count; frames may differ — each
    /// clip's frames are its real frames).
    /// </summary>
    /// <exception cref="ArgumentException">No spectrograms, or different mel counts.</exception>
    public static PreparedTrainingSet FromSpectrograms(IReadOnlyList<float[,]> spectrograms, ModelInputs inputs)
    {
        if (spectrograms.Count == 0) throw new ArgumentException("No training spectrograms given.", nameof(spectrograms));
        int mels = spectrograms[0].GetLength(0), frames = spectrograms.Max(s => s.GetLength(1));
        if (spectrograms.Any(s => s.GetLength(0) != mels)) throw new ArgumentException("The training spectrograms have different mel counts.", nameof(spectrograms));
        var buffer = new float[(long)spectrograms.Count * mels * frames];
        var realFrames = new int[spectrograms.Count];
        for (int c = 0; c < spectrograms.Count; c++)
        {
            float[,] s = spectrograms[c];
            realFrames[c] = s.GetLength(1);
            for (int m = 0; m < mels; m++)
                for (int t = 0; t < realFrames[c]; t++) buffer[((long)c * mels + m) * frames + t] = s[m, t];
        }
        var clips = ClipFeatureExtractor.FromPaths(Enumerable.Range(0, spectrograms.Count).Select(i => $"spectrogram {i}").ToList());
        return FromBlock(new FeatureBlock(buffer, mels, frames, clips, realFrames), inputs);
    }

    private static SampleSet Concatenate(List<float[]> parts, ModelInputs inputs)
    {
        float[] values = new float[parts.Sum(p => p.Length)];
        int offset = 0;
        foreach (float[] p in parts)
        {
            p.CopyTo(values, offset);
            offset += p.Length;
        }
        return new SampleSet(values, inputs.SampleShape);
    }
}
