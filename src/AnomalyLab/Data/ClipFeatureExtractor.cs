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
    public static FeatureBlock Extract(IReadOnlyList<ClipRecord> clips, FeatureExtractionOptions options, IProgress<StageProgress>? progress = null, string stage = "log-mel")
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
            progress?.Report(new StageProgress(stage, Interlocked.Increment(ref done), clips.Count));
        }, options.MaxDegreeOfParallelism);
        return new FeatureBlock(buffer, mels, frames, clips, real);
    }

    /// <summary>
    /// A crop/pad rule that keeps every frame of the longest of <paramref name="clips"/> (read from the WAV headers, no
    /// decoding), stored without extra padding: the block of clips whose whole length matters (clip summaries, excess maps).
    /// </summary>
    /// <exception cref="WavFormatException">A file whose header cannot be read.</exception>
    public static FrameLengthRule FullLength(IReadOnlyList<ClipRecord> clips, LogMelOptions logMel)
    {
        var extractor = new LogMelExtractor(logMel);
        int longest = 1;
        foreach (ClipRecord clip in clips)
            longest = Math.Max(longest, extractor.FrameCount((int)Math.Min(int.MaxValue, WavReader.ReadHeader(clip.Path).FrameCount)));
        return new FrameLengthRule { Frames = longest, PadToMultipleOf = 1 };
    }

    /// <summary>
    /// Clip records for bare WAV paths (no dataset layout): machine type and id empty, label unknown. For callers holding only
    /// file names (a flat folder of clips) that still want the one pipeline.
    /// </summary>
    public static IReadOnlyList<ClipRecord> FromPaths(IReadOnlyList<string> paths) =>
        paths.Select(p => new ClipRecord("", "", ClipDomain.None, DataSplit.Unsplit, ClipLabel.Unknown, "", [], p)).ToList();
}
