namespace AnomalyLab.Audio;

/// <summary>
/// How a recording or stream is cut into scored segments. Immutable. Segment k covers samples
/// [k·hop, k·hop + segment) with hop = segment − overlap.
/// </summary>
/// <remarks>
/// Final partial segment rule: when the stream ends, the samples after the last full segment (with the overlap they
/// share with it) form a partial segment. It is scored (its STFT patch is shorter and zero-padded by the patch's pad
/// rule; the score uses only its real frames) when it holds at least <see cref="MinimumPartialFraction"/> of a segment,
/// and otherwise reported as skipped. A partial segment never repeats samples already fully covered: it exists only when
/// at least one sample follows the last full segment.
/// </remarks>
public sealed record SegmentOptions
{
    /// <summary>Segment length, seconds. Default 2 (the seed's live window).</summary>
    public double SegmentSeconds { get; init; } = 2.0;

    /// <summary>Overlap between consecutive segments, seconds (0 ≤ overlap &lt; segment). Default 0.</summary>
    public double OverlapSeconds { get; init; }

    /// <summary>A final partial segment is scored when it holds at least this fraction of a segment, else skipped. Default 0.5.</summary>
    public double MinimumPartialFraction { get; init; } = 0.5;

    /// <summary>Longest segment accepted, seconds (one hour): a segment is held in memory and scored as one STFT patch.</summary>
    public const double MaxSegmentSeconds = 3600;

    /// <summary>Most samples a segment may hold (2^26, 256 MiB of floats), whatever the sample rate.</summary>
    public const int MaxSegmentSamples = 1 << 26;

    /// <summary>2-second segments without overlap.</summary>
    public static SegmentOptions Default { get; } = new();

    /// <summary>Segment length in samples at <paramref name="sampleRate"/> (rounded).</summary>
    public int SegmentSamples(int sampleRate) => (int)Math.Round(SegmentSeconds * sampleRate);

    /// <summary>Overlap in samples at <paramref name="sampleRate"/> (rounded).</summary>
    public int OverlapSamples(int sampleRate) => (int)Math.Round(OverlapSeconds * sampleRate);

    /// <summary>Hop between segment starts in samples.</summary>
    public int HopSamples(int sampleRate) => SegmentSamples(sampleRate) - OverlapSamples(sampleRate);

    /// <summary>Shortest partial segment that is scored, samples.</summary>
    public int MinimumPartialSamples(int sampleRate) => (int)Math.Ceiling(MinimumPartialFraction * SegmentSamples(sampleRate));

    /// <summary>Checks the fields at <paramref name="sampleRate"/>.</summary>
    /// <exception cref="ArgumentException">Non-positive segment, overlap outside [0, segment), or a fraction outside [0, 1].</exception>
    public SegmentOptions Validate(int sampleRate)
    {
        var problems = new List<string>();
        if (!(SegmentSeconds > 0) || SegmentSamples(sampleRate) < 1) problems.Add($"segment must be positive (got {SegmentSeconds} s)");
        else if (!(SegmentSeconds <= MaxSegmentSeconds) || SegmentSeconds * sampleRate > MaxSegmentSamples)
            problems.Add($"segment of {SegmentSeconds} s is too long: at most {MaxSegmentSeconds} s and {MaxSegmentSamples} samples ({MaxSegmentSamples / (double)sampleRate:G4} s at {sampleRate} Hz)");
        if (!(OverlapSeconds >= 0) || !(OverlapSeconds < SegmentSeconds) || OverlapSamples(sampleRate) >= SegmentSamples(sampleRate))
            problems.Add($"overlap must be at least 0 and shorter than the segment (got {OverlapSeconds} s for a {SegmentSeconds} s segment)");
        if (!(MinimumPartialFraction is >= 0 and <= 1)) problems.Add($"minimum partial fraction must be in [0, 1] (got {MinimumPartialFraction})");
        if (problems.Count > 0) throw new ArgumentException("Invalid segment options: " + string.Join("; ", problems) + ".");
        return this;
    }

    /// <summary>Parses a duration such as <c>2s</c>, <c>500ms</c>, <c>0.5</c> (seconds) or <c>1.5 s</c>.</summary>
    /// <exception cref="FormatException">Not a duration.</exception>
    public static double ParseSeconds(string text)
    {
        string t = text.Trim().ToLowerInvariant();
        double scale = 1;
        if (t.EndsWith("ms", StringComparison.Ordinal)) { scale = 1e-3; t = t[..^2]; }
        else if (t.EndsWith('s')) t = t[..^1];
        if (!double.TryParse(t.Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value))
            throw new FormatException($"'{text}' is not a duration: expected e.g. 2s, 500ms or 0.5.");
        return value * scale;
    }

    /// <summary>
    /// The segments of an in-memory signal of <paramref name="length"/> samples at <paramref name="sampleRate"/> Hz, cut
    /// exactly as <c>Streaming.StreamSegmenter</c> cuts a stream (training uses it so its segments match what
    /// <c>anomalylab watch</c> scores): (start sample, length in samples, partial, skipped) per segment.
    /// </summary>
    /// <exception cref="ArgumentException">Options that do not give a positive segment and hop at this rate.</exception>
    public IReadOnlyList<(int Start, int Length, bool Partial, bool Skipped)> Plan(int length, int sampleRate)
    {
        Validate(sampleRate);
        int size = SegmentSamples(sampleRate), hop = HopSamples(sampleRate), overlap = size - hop;
        var plan = new List<(int, int, bool, bool)>();
        int start = 0;
        while (start + size <= length)
        {
            plan.Add((start, size, false, false));
            start += hop;
        }
        int rest = length - start;
        // Mirrors the streaming rule: a partial exists only when samples follow the last full segment.
        bool fresh = plan.Count == 0 ? rest > 0 : rest > overlap;
        if (fresh) plan.Add((start, rest, true, rest < MinimumPartialSamples(sampleRate)));
        return plan;
    }
}
