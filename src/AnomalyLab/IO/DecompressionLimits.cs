namespace AnomalyLab.IO;

/// <summary>
/// Bounds on what decompressing untrusted data may produce (archives in <c>data fetch</c>, zlib elements of MAT-files), so a
/// small "bomb" cannot fill the disk or the memory. Immutable; both limits apply, whichever is hit first.
/// </summary>
public sealed record DecompressionLimits
{
    /// <summary>Most bytes one archive or file may expand to. Default 256 GiB (the largest public dataset archives are a few GiB).</summary>
    public long MaxExpandedBytes { get; init; } = 256L << 30;

    /// <summary>
    /// Most expanded bytes per compressed byte. Default 200 (audio and sensor data compress 1–10×; bombs 1000× and more).
    /// Enforced only once the output exceeds <see cref="RatioFloorBytes"/>, so small, highly compressible files (silence, zeros) pass.
    /// </summary>
    public double MaxRatio { get; init; } = 200;

    /// <summary>Expanded size below which <see cref="MaxRatio"/> is not enforced. Default 64 MiB.</summary>
    public long RatioFloorBytes { get; init; } = 64L << 20;

    /// <summary>The defaults above.</summary>
    public static DecompressionLimits Default { get; } = new();

    /// <summary>Checks the fields.</summary>
    /// <exception cref="ArgumentException">A non-positive limit.</exception>
    public DecompressionLimits Validate()
    {
        if (MaxExpandedBytes <= 0 || !(MaxRatio > 0) || RatioFloorBytes < 0)
            throw new ArgumentException($"Invalid decompression limits: MaxExpandedBytes {MaxExpandedBytes} and MaxRatio {MaxRatio} must be positive, RatioFloorBytes {RatioFloorBytes} at least 0.");
        return this;
    }

    /// <summary>
    /// Copies <paramref name="source"/> (a decompressing stream) to <paramref name="destination"/>, adding to
    /// <paramref name="expanded"/> (the running total of this archive or file) and stopping as soon as a limit is passed.
    /// </summary>
    /// <param name="source">Decompressed bytes.</param>
    /// <param name="destination">Where they go.</param>
    /// <param name="compressedBytes">Size of the compressed input (the archive or element), for the ratio.</param>
    /// <param name="expanded">Running total of expanded bytes, updated.</param>
    /// <param name="name">The input, for the message (e.g. the archive path).</param>
    /// <exception cref="InvalidDataException">A limit is passed; the message names <paramref name="name"/> and the limit.</exception>
    public void Copy(Stream source, Stream destination, long compressedBytes, ref long expanded, string name)
    {
        byte[] buffer = new byte[1 << 16];
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            expanded += read;
            Check(expanded, compressedBytes, name);
            destination.Write(buffer, 0, read);
        }
    }

    /// <summary>Throws when <paramref name="expanded"/> bytes from <paramref name="compressedBytes"/> pass a limit.</summary>
    /// <exception cref="InvalidDataException">A limit is passed.</exception>
    public void Check(long expanded, long compressedBytes, string name)
    {
        if (expanded > MaxExpandedBytes)
            throw new InvalidDataException($"{name}: expands to more than {MaxExpandedBytes} bytes (the decompression limit); refused as a likely decompression bomb — raise the limit if the data is genuine.");
        if (expanded > RatioFloorBytes && expanded > MaxRatio * Math.Max(compressedBytes, 1))
            throw new InvalidDataException($"{name}: {compressedBytes} compressed bytes expand to more than {expanded} bytes (over {MaxRatio:G}× the compressed size, the decompression limit); refused as a likely decompression bomb — raise the limit if the data is genuine.");
    }
}
