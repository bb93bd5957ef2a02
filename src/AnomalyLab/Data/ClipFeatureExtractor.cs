using AnomalyLab.Audio;
using AnomalyLab.Features;
using AnomalyLab.Runtime;

namespace AnomalyLab.Data;

/// <summary>
/// Extracts the log-mels of many clips on all cores straight into one <see cref="FeatureBlock"/>, applying the
/// <see cref="FrameLengthRule"/>: each clip keeps min(its frames, rule frames) real frames; the rest stays 0.
/// </summary>
public static class ClipFeatureExtractor
{
    /// <summary>Extracts <paramref name="clips"/> in order; <paramref name="progress"/> gets (clips done, clips total).</summary>
    /// <exception cref="WavFormatException">A clip cannot be decoded or has the wrong sample rate (message names the file).</exception>
    public static FeatureBlock Extract(IReadOnlyList<ClipRecord> clips, FeatureExtractionOptions options, IProgress<DatasetProgress>? progress = null, string stage = "log-mel")
    {
        FrameLengthRule rule = options.Length.Validate();
        var extractor = new LogMelExtractor(options.LogMel);
        int mels = options.LogMel.NMels, frames = rule.StorageFrames;
        var buffer = new float[(long)clips.Count * mels * frames];
        var real = new int[clips.Count];
        int done = 0;
        // ParallelLoop rethrows the first bad file's own exception (one clear message) instead of an aggregate.
        ParallelLoop.For(clips.Count, i =>
        {
            // Written straight into the block: no per-clip [n_mels, frames] array.
            int kept = extractor.ExtractFileInto(clips[i].Path, options.Channel, allowResample: false, buffer.AsSpan(i * mels * frames, mels * frames), frames,
                available => (rule.CropStart(available), Math.Min(available, rule.Frames)));
            real[i] = kept;
            progress?.Report(new DatasetProgress(stage, Interlocked.Increment(ref done), clips.Count));
        }, options.MaxDegreeOfParallelism);
        return new FeatureBlock(buffer, mels, frames, clips, real);
    }
}
