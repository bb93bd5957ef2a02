namespace AnomalyLab.Features.Signal;

/// <summary>Cuts a long signal into fixed-length windows (the usual way to turn one recording into many samples).</summary>
public static class SignalWindows
{
    /// <summary>
    /// Windows of <paramref name="length"/> samples starting every <paramref name="hop"/> samples; a trailing partial window
    /// is dropped. At most <paramref name="maxWindows"/> windows are returned.
    /// </summary>
    /// <returns>A list of <c>[length]</c> arrays.</returns>
    public static IReadOnlyList<double[]> Cut(ReadOnlySpan<double> signal, int length, int hop, int maxWindows = int.MaxValue)
    {
        if (length < 1) throw new ArgumentOutOfRangeException(nameof(length), length, "window length must be >= 1.");
        if (hop < 1) throw new ArgumentOutOfRangeException(nameof(hop), hop, "hop must be >= 1.");
        var windows = new List<double[]>();
        for (int start = 0; start + length <= signal.Length && windows.Count < maxWindows; start += hop)
            windows.Add(signal.Slice(start, length).ToArray());
        return windows;
    }
}
