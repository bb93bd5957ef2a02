namespace AnomalyLab.Masks;

/// <summary>
/// A batch of binary masks, shape <c>[B, 1, H, W]</c> (batch, channel, mel bins, frames) stored row-major in one flat array:
/// element (b, 0, h, w) is at <c>((b · H) + h) · W + w</c>. Values are 0 or 1 (float, ready for a tensor at a model boundary).
/// </summary>
public sealed record MaskBatch
{
    /// <summary>A batch over <paramref name="data"/> (length B·H·W, not copied).</summary>
    public MaskBatch(int batch, int height, int width, float[] data)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length != (long)batch * height * width)
            throw new ArgumentException($"mask data has {data.Length} values, expected B·H·W = {batch}·{height}·{width} = {(long)batch * height * width}", nameof(data));
        Batch = batch;
        Height = height;
        Width = width;
        Data = data;
    }

    /// <summary>An all-zero batch.</summary>
    public static MaskBatch Zeros(int batch, int height, int width) => new(batch, height, width, new float[(long)batch * height * width]);

    /// <summary>B: number of masks.</summary>
    public int Batch { get; }

    /// <summary>C: always 1.</summary>
    public int Channels => 1;

    /// <summary>H: mel bins (or latent rows).</summary>
    public int Height { get; }

    /// <summary>W: frames (or latent columns).</summary>
    public int Width { get; }

    /// <summary>The flat values, <c>[B, 1, H, W]</c> row-major.</summary>
    public float[] Data { get; }

    /// <summary>The shape <c>[B, 1, H, W]</c>, as torch prints it.</summary>
    public int[] Shape => [Batch, 1, Height, Width];

    /// <summary>Values of one mask.</summary>
    public float this[int b, int h, int w] => Data[Offset(b) + h * Width + w];

    /// <summary>Mask <paramref name="b"/> as a view of length H·W.</summary>
    public Span<float> MaskSpan(int b) => Data.AsSpan(Offset(b), Height * Width);

    /// <summary>Mask <paramref name="b"/> copied out as <c>[H, W]</c>.</summary>
    public float[,] Mask(int b)
    {
        var result = new float[Height, Width];
        var source = MaskSpan(b);
        for (int h = 0; h < Height; h++)
            for (int w = 0; w < Width; w++) result[h, w] = source[h * Width + w];
        return result;
    }

    /// <summary>The masks as bytes (0/1), same layout — the compact form for storage.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Data.Length];
        for (int i = 0; i < Data.Length; i++) bytes[i] = Data[i] != 0 ? (byte)1 : (byte)0;
        return bytes;
    }

    /// <summary>Fraction of pixels set in mask <paramref name="b"/>.</summary>
    public double Coverage(int b)
    {
        var span = MaskSpan(b);
        int set = 0;
        foreach (float v in span)
            if (v != 0) set++;
        return (double)set / span.Length;
    }

    private int Offset(int b)
    {
        if ((uint)b >= (uint)Batch) throw new ArgumentOutOfRangeException(nameof(b), $"mask index {b} outside batch of {Batch}");
        return b * Height * Width;
    }
}
