namespace AnomalyLab.Training;

/// <summary>
/// Training samples of one shape stored contiguously: <see cref="Values"/> is <c>[Count, ..SampleShape]</c> row-major float32.
/// Immutable by convention (the trainer only reads it).
/// </summary>
public sealed class SampleSet
{
    /// <summary>Wraps <paramref name="values"/> as <c>[values.Length / prod(sampleShape), ..sampleShape]</c>.</summary>
    /// <exception cref="ArgumentException">The length is not a whole number of samples.</exception>
    public SampleSet(float[] values, int[] sampleShape)
    {
        SampleLength = sampleShape.Aggregate(1, (a, b) => a * b);
        if (SampleLength <= 0 || values.Length % SampleLength != 0)
            throw new ArgumentException($"{values.Length} values are not a whole number of samples of shape [{string.Join(", ", sampleShape)}].", nameof(values));
        Values = values;
        SampleShape = sampleShape;
        Count = values.Length / SampleLength;
    }

    /// <summary>All samples, <c>[Count, ..SampleShape]</c>.</summary>
    public float[] Values { get; }

    /// <summary>Shape of one sample, e.g. <c>[640]</c> or <c>[1, 128, 320]</c>.</summary>
    public int[] SampleShape { get; }

    /// <summary>Values per sample.</summary>
    public int SampleLength { get; }

    /// <summary>Number of samples.</summary>
    public int Count { get; }

    /// <summary>Copies the samples at <paramref name="indices"/> into one buffer <c>[indices.Length, ..SampleShape]</c>.</summary>
    public float[] Gather(ReadOnlySpan<int> indices)
    {
        var buffer = new float[indices.Length * SampleLength];
        for (int i = 0; i < indices.Length; i++)
            Array.Copy(Values, (long)indices[i] * SampleLength, buffer, (long)i * SampleLength, SampleLength);
        return buffer;
    }

    /// <summary>The shape of a batch of <paramref name="batch"/> samples.</summary>
    public long[] BatchShape(int batch) => [batch, .. SampleShape.Select(d => (long)d)];
}
