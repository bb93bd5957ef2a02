using System.Runtime.InteropServices;
using AnomalyLab.Audio;
using AnomalyLab.Features;

namespace AnomalyLab.Data;

/// <summary>
/// Turns a list of WAV files into one <see cref="LogMelBatch"/> <c>[files, n_mels, frames]</c>, extracting clips in
/// parallel. Every clip must give the same number of frames (same duration); the study compares cells position by position.
/// </summary>
public static class LogMelBatchLoader
{
    /// <summary>Extracts <paramref name="paths"/> (in the given order) with <paramref name="extractor"/>.</summary>
    /// <param name="paths">WAV files, all of the same duration.</param>
    /// <param name="extractor">Log-mel pipeline.</param>
    /// <param name="onClipDone">Called once per finished clip (from worker threads), e.g. to advance a progress bar.</param>
    /// <exception cref="WavFormatException">A file that cannot be decoded, or a clip whose frame count differs from the first one's.</exception>
    public static LogMelBatch Load(IReadOnlyList<string> paths, LogMelExtractor extractor, Action? onClipDone = null)
    {
        if (paths.Count == 0) return new LogMelBatch(ReadOnlyMemory<float>.Empty, 0, extractor.Options.NMels, 1);
        float[,] first = extractor.ExtractFile(paths[0]);
        int nMels = first.GetLength(0), frames = first.GetLength(1);
        var values = new float[(long)paths.Count * nMels * frames];
        CopyClip(first, values, 0);
        onClipDone?.Invoke();
        Parallel.For(1, paths.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            float[,] clip = extractor.ExtractFile(paths[i]);
            if (clip.GetLength(0) != nMels || clip.GetLength(1) != frames)
                throw new WavFormatException(paths[i], $"gives a [{clip.GetLength(0)}, {clip.GetLength(1)}] log-mel, expected [{nMels}, {frames}] like {Path.GetFileName(paths[0])}; clips of one study must have the same duration.");
            CopyClip(clip, values, i * nMels * frames);
            onClipDone?.Invoke();
        });
        return new LogMelBatch(values, paths.Count, nMels, frames);
    }

    private static void CopyClip(float[,] clip, float[] destination, int offset) =>
        MemoryMarshal.CreateReadOnlySpan(ref clip[0, 0], clip.Length).CopyTo(destination.AsSpan(offset));
}
