namespace AnomalyLab.Streaming;

/// <summary>One segment of a stream.</summary>
/// <param name="Index">0-based segment number.</param>
/// <param name="StartSample">First sample (stream position).</param>
/// <param name="Samples">Mono samples, length = segment (full) or fewer (final partial). Owned by the segment.</param>
/// <param name="SampleRate">Hz.</param>
/// <param name="IsPartial">True for a final segment shorter than the segment length.</param>
/// <param name="Skipped">True for a final partial segment below the minimum length: reported, not scored.</param>
public sealed record AudioSegment(int Index, long StartSample, float[] Samples, int SampleRate, bool IsPartial, bool Skipped)
{
    /// <summary>Start time, seconds.</summary>
    public double StartSeconds => (double)StartSample / SampleRate;

    /// <summary>End time (exclusive), seconds.</summary>
    public double EndSeconds => (double)(StartSample + Samples.Length) / SampleRate;
}
