using AnomalyLab.Data;
using AnomalyLab.Features;

namespace AnomalyLab.Detectors;

/// <summary>
/// One fixed-length vector per clip for the classic detectors: the mean and the standard deviation (population, over
/// frames) of each log-mel band, <c>[mean_0 … mean_{M−1}, std_0 … std_{M−1}]</c>, length 2·n_mels (256 for 128 mels);
/// or the same over the MFCCs (<see cref="MfccFeatures"/>), length 2·coefficients.
/// </summary>
public static class ClipSummaryFeatures
{
    /// <summary>Summary of one log-mel spectrogram <c>[n_mels, frames]</c> (dB) → vector of length 2·n_mels.</summary>
    /// <exception cref="ArgumentException">No frames.</exception>
    public static double[] Summarise(float[,] logMel)
    {
        int mels = logMel.GetLength(0), frames = logMel.GetLength(1);
        if (frames == 0) throw new ArgumentException("log-mel spectrogram has no frames.");
        var vector = new double[2 * mels];
        for (int m = 0; m < mels; m++)
        {
            double mean = 0;
            for (int t = 0; t < frames; t++) mean += logMel[m, t];
            mean /= frames;
            double variance = 0;
            for (int t = 0; t < frames; t++) variance += (logMel[m, t] - mean) * (logMel[m, t] - mean);
            vector[m] = mean;
            vector[mels + m] = Math.Sqrt(variance / frames);
        }
        return vector;
    }

    /// <summary>
    /// Summaries of the clips of <paramref name="block"/> over each clip's real frames, <c>[clips, 2·n_mels]</c>, in block order;
    /// equal to <see cref="Summarise"/> of each clip's real <c>[n_mels, frames]</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A clip without real frames.</exception>
    public static double[,] Of(FeatureBlock block)
    {
        int mels = block.NMels;
        var matrix = new double[block.Count, 2 * mels];
        for (int c = 0; c < block.Count; c++)
        {
            ReadOnlySpan<float> clip = block.Clip(c);
            int frames = block.RealFrames[c];
            if (frames == 0) throw new ArgumentException($"{block.Clips[c].Path}: log-mel spectrogram has no frames.");
            for (int m = 0; m < mels; m++)
            {
                ReadOnlySpan<float> row = clip.Slice(m * block.Frames, frames);
                double mean = 0;
                for (int t = 0; t < frames; t++) mean += row[t];
                mean /= frames;
                double variance = 0;
                for (int t = 0; t < frames; t++) variance += (row[t] - mean) * (row[t] - mean);
                matrix[c, m] = mean;
                matrix[c, mels + m] = Math.Sqrt(variance / frames);
            }
        }
        return matrix;
    }

    /// <summary>
    /// Log-mel summaries of <paramref name="clips"/>, <c>[clips, 2·n_mels]</c>, in the order given: every frame of every clip,
    /// extracted on all cores into one <see cref="FeatureBlock"/> (<see cref="ClipFeatureExtractor"/>), then <see cref="Of"/>.
    /// </summary>
    public static double[,] OfClips(IReadOnlyList<ClipRecord> clips, LogMelOptions options, IProgress<StageProgress>? progress = null, string stage = "log-mel")
    {
        if (clips.Count == 0) return new double[0, 2 * options.NMels];
        var extraction = new FeatureExtractionOptions { LogMel = options, Length = ClipFeatureExtractor.FullLength(clips, options), UseCache = false };
        return Of(ClipFeatureExtractor.Extract(clips, extraction, progress, stage));
    }

    /// <summary>Log-mel summaries of WAV files, <c>[files, 2·n_mels]</c>, in the order given (<see cref="OfClips"/> of bare paths).</summary>
    public static double[,] OfFiles(IReadOnlyList<string> paths, LogMelOptions options, IProgress<StageProgress>? progress = null) =>
        OfClips(ClipFeatureExtractor.FromPaths(paths), options, progress);

    /// <summary>MFCC summaries of WAV files, <c>[files, 2·coefficients]</c>, in the order given; extraction runs in parallel.</summary>
    public static double[,] OfFiles(IReadOnlyList<string> paths, MfccFeatureOptions options, IProgress<StageProgress>? progress = null, string stage = "MFCC")
    {
        var rows = new double[paths.Count][];
        int done = 0;
        Parallel.For(0, paths.Count, i =>
        {
            rows[i] = Summarise(MfccFeatures.ExtractFile(paths[i], options));
            progress?.Report(new StageProgress(stage, Interlocked.Increment(ref done), paths.Count));
        });
        int width = rows.Length == 0 ? 0 : rows[0].Length;
        var matrix = new double[rows.Length, width];
        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < width; j++) matrix[i, j] = rows[i][j];
        return matrix;
    }
}
