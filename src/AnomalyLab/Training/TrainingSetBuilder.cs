using AnomalyLab.Data;
using AnomalyLab.Features;

namespace AnomalyLab.Training;

/// <summary>A model's training samples with the statistics used to normalise them.</summary>
/// <param name="Samples">Normalised samples.</param>
/// <param name="Normalization">Mean/std of the raw log-mel values of all clips.</param>
/// <param name="Clips">Clips the samples came from.</param>
public sealed record PreparedTrainingSet(SampleSet Samples, NormalizationStats Normalization, int Clips);

/// <summary>Turns normal clips into normalised training samples for one model (log-mel → normalise → cut).</summary>
public static class TrainingSetBuilder
{
    /// <summary>
    /// Normalises (statistics over the real frames of all clips) and cuts the clips of <paramref name="block"/> (each its real
    /// frames, <c>[n_mels, real frames]</c>) into samples; the block comes from the one pipeline (<see cref="FeatureCache"/>).
    /// </summary>
    /// <exception cref="ArgumentException">An empty block.</exception>
    public static PreparedTrainingSet FromBlock(FeatureBlock block, ModelInputs inputs)
    {
        if (block.Count == 0) throw new ArgumentException("No training clips given.", nameof(block));
        NormalizationStats stats = NormalizationStats.Of(block);
        var parts = new List<float[]>();
        for (int c = 0; c < block.Count; c++)
        {
            float[,] clip = block.ClipArray(c, realOnly: true);
            stats.Apply(System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref clip[0, 0], clip.Length));
            parts.Add(inputs.Cut(clip, out _));
        }
        return new PreparedTrainingSet(Concatenate(parts, inputs), stats, block.Count);
    }

    /// <summary>Normalises (statistics over all spectrograms) and cuts log-mels <c>[n_mels, frames]</c> into samples.</summary>
    public static PreparedTrainingSet FromSpectrograms(IReadOnlyList<float[,]> spectrograms, ModelInputs inputs)
    {
        if (spectrograms.Count == 0) throw new ArgumentException("No training spectrograms given.", nameof(spectrograms));
        NormalizationStats stats = NormalizationStats.Of(spectrograms.SelectMany(Flatten).ToArray());
        var parts = new List<float[]>();
        foreach (float[,] s in spectrograms) parts.Add(inputs.Cut(Normalized(s, stats), out _));
        return new PreparedTrainingSet(Concatenate(parts, inputs), stats, spectrograms.Count);
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

    /// <summary>A normalised copy of <paramref name="logMel"/>.</summary>
    public static float[,] Normalized(float[,] logMel, NormalizationStats stats)
    {
        var copy = (float[,])logMel.Clone();
        stats.Apply(System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref copy[0, 0], copy.Length));
        return copy;
    }

    private static IEnumerable<float> Flatten(float[,] values)
    {
        foreach (float v in values) yield return v;
    }
}
