using AnomalyLab.Training;

namespace AnomalyLab.Tests.Training;

public sealed class SpectrogramSamplesTests
{
    private static float[,] Ramp(int mels, int frames)
    {
        var x = new float[mels, frames];
        for (int m = 0; m < mels; m++) for (int t = 0; t < frames; t++) x[m, t] = 100 * m + t;
        return x;
    }

    [Fact]
    public void Context_vectors_concatenate_consecutive_frames_frame_major_as_the_dcase_baseline()
    {
        // DCASE 2020 baseline: vector_array[:, n_mels*t : n_mels*(t+1)] = log_mel[:, t : t + n_vectors].T
        float[] vectors = SpectrogramSamples.ContextVectors(Ramp(3, 6), 2, out int count);
        Assert.Equal(5, count);
        Assert.Equal(new float[] { 1, 101, 201, 2, 102, 202 }, vectors.AsSpan(6, 6).ToArray());
    }

    [Theory]
    [InlineData(313, 320, new[] { 0 })]
    [InlineData(640, 320, new[] { 0, 320 })]
    [InlineData(700, 320, new[] { 0, 320, 380 })]
    public void Windows_tile_the_clip_and_the_last_one_ends_at_the_last_frame(int frames, int width, int[] expected)
    {
        Assert.Equal(expected, SpectrogramSamples.WindowStarts(frames, width));
    }

    [Fact]
    public void Short_clips_are_padded_with_their_last_frame()
    {
        float[] windows = SpectrogramSamples.Windows(Ramp(2, 3), 5, out int[] starts);
        Assert.Equal(new[] { 0 }, starts);
        Assert.Equal(new float[] { 0, 1, 2, 2, 2, 100, 101, 102, 102, 102 }, windows);
    }
}
