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
    /// <summary>Extracts, normalises (statistics over all clips) and cuts the WAV files at <paramref name="paths"/>.</summary>
    /// <exception cref="ArgumentException">No files.</exception>
    public static PreparedTrainingSet FromFiles(IReadOnlyList<string> paths, LogMelOptions features, ModelInputs inputs, IProgress<int>? clipsDone = null)
    {
        if (paths.Count == 0) throw new ArgumentException("No training clips given.", nameof(paths));
        var extractor = new LogMelExtractor(features);
        var spectrograms = new float[paths.Count][,];
        for (int i = 0; i < paths.Count; i++)
        {
            spectrograms[i] = extractor.ExtractFile(paths[i]);
            clipsDone?.Report(i + 1);
        }
        return FromSpectrograms(spectrograms, inputs);
    }

    /// <summary>Normalises (statistics over all spectrograms) and cuts log-mels <c>[n_mels, frames]</c> into samples.</summary>
    public static PreparedTrainingSet FromSpectrograms(IReadOnlyList<float[,]> spectrograms, ModelInputs inputs)
    {
        if (spectrograms.Count == 0) throw new ArgumentException("No training spectrograms given.", nameof(spectrograms));
        NormalizationStats stats = NormalizationStats.Of(spectrograms.SelectMany(Flatten).ToArray());
        var parts = new List<float[]>();
        foreach (float[,] s in spectrograms) parts.Add(inputs.Cut(Normalized(s, stats), out _));
        float[] values = new float[parts.Sum(p => p.Length)];
        int offset = 0;
        foreach (float[] p in parts)
        {
            p.CopyTo(values, offset);
            offset += p.Length;
        }
        return new PreparedTrainingSet(new SampleSet(values, inputs.SampleShape), stats, spectrograms.Count);
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
