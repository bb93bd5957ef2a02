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
    /// Summaries of WAV files, <c>[files, 2·n_mels]</c>, in the order given; extraction runs in parallel.
    /// <paramref name="progress"/> receives the number of files done so far.
    /// </summary>
    public static double[,] OfFiles(IReadOnlyList<string> paths, LogMelOptions options, IProgress<int>? progress = null)
    {
        var extractor = new LogMelExtractor(options);
        return OfFiles(paths, path => extractor.ExtractFile(path), progress);
    }

    /// <summary>MFCC summaries of WAV files, <c>[files, 2·coefficients]</c>, in the order given; extraction runs in parallel.</summary>
    public static double[,] OfFiles(IReadOnlyList<string> paths, MfccFeatureOptions options, IProgress<int>? progress = null) =>
        OfFiles(paths, path => MfccFeatures.ExtractFile(path, options), progress);

    private static double[,] OfFiles(IReadOnlyList<string> paths, Func<string, float[,]> extract, IProgress<int>? progress)
    {
        var rows = new double[paths.Count][];
        int done = 0;
        Parallel.For(0, paths.Count, i =>
        {
            rows[i] = Summarise(extract(paths[i]));
            progress?.Report(Interlocked.Increment(ref done));
        });
        int width = rows.Length == 0 ? 0 : rows[0].Length;
        var matrix = new double[rows.Length, width];
        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < width; j++) matrix[i, j] = rows[i][j];
        return matrix;
    }
}
