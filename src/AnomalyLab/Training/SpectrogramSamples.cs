namespace AnomalyLab.Training;

/// <summary>
/// Cuts a log-mel spectrogram <c>[n_mels, frames]</c> into model inputs: the DCASE 2020 baseline's context vectors,
/// or fixed-width windows for the convolutional models. Pure functions.
/// </summary>
public static class SpectrogramSamples
{
    /// <summary>
    /// Context vectors as the DCASE 2020 baseline builds them: vector t concatenates frames t … t+C−1 (frame-major,
    /// mel bands within a frame), <c>[frames − C + 1, C · n_mels]</c> row-major. Empty when the clip is shorter than C frames.
    /// </summary>
    public static float[] ContextVectors(float[,] logMel, int contextFrames, out int count)
    {
        int mels = logMel.GetLength(0), frames = logMel.GetLength(1);
        count = Math.Max(0, frames - contextFrames + 1);
        int length = contextFrames * mels;
        var vectors = new float[count * length];
        for (int t = 0; t < count; t++)
            for (int c = 0; c < contextFrames; c++)
                for (int m = 0; m < mels; m++)
                    vectors[t * length + c * mels + m] = logMel[m, t + c];
        return vectors;
    }

    /// <summary>
    /// Start frames of the windows of <paramref name="width"/> frames covering <paramref name="frames"/> frames:
    /// 0, width, 2·width, … and, when a remainder is left, one last window ending at the last frame.
    /// A clip shorter than one window gives the single start 0 (the window is padded).
    /// </summary>
    public static int[] WindowStarts(int frames, int width)
    {
        if (frames <= width) return [0];
        var starts = new List<int>();
        for (int s = 0; s + width <= frames; s += width) starts.Add(s);
        if (starts[^1] + width < frames) starts.Add(frames - width);
        return starts.ToArray();
    }

    /// <summary>
    /// Windows <c>[count, 1, n_mels, width]</c> row-major at <see cref="WindowStarts"/>; frames past the clip's end repeat
    /// its last frame (edge padding keeps the padded region reconstructible and it is excluded from scores).
    /// </summary>
    public static float[] Windows(float[,] logMel, int width, out int[] starts)
    {
        int mels = logMel.GetLength(0), frames = logMel.GetLength(1);
        if (frames == 0) throw new ArgumentException("The spectrogram has no frames.", nameof(logMel));
        starts = WindowStarts(frames, width);
        var windows = new float[starts.Length * mels * width];
        for (int w = 0; w < starts.Length; w++)
            for (int m = 0; m < mels; m++)
                for (int t = 0; t < width; t++)
                    windows[(w * mels + m) * width + t] = logMel[m, Math.Min(starts[w] + t, frames - 1)];
        return windows;
    }
}
