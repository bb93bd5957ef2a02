namespace AnomalyLab.Masks;

/// <summary>
/// DSR's Perlin-noise anomaly masks at spectrogram size: per mask, empty with probability p; otherwise lattice scales
/// (2^kx, 2^ky), Perlin noise (<see cref="PerlinNoise.Evaluate"/>), a random rotation, and threshold. Output <c>[B, 1, n_mels, frames]</c>.
/// </summary>
public sealed class PerlinMasks : IMaskStrategy
{
    /// <summary>A strategy with validated <paramref name="options"/>.</summary>
    public PerlinMasks(PerlinMaskOptions options) => Options = options.Validate();

    /// <summary>The settings.</summary>
    public PerlinMaskOptions Options { get; }

    /// <inheritdoc />
    public int Height => Options.MelBins;

    /// <inheritdoc />
    public int Width => Options.Frames;

    /// <inheritdoc />
    public string Name => Options.Name;

    /// <inheritdoc />
    public MaskBatch Generate(int batchSize, ulong seed, int firstIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegative(firstIndex);
        var batch = MaskBatch.Zeros(batchSize, Height, Width);
        for (int b = 0; b < batchSize; b++)
        {
            var rng = SplitMix64.ForItem(seed, firstIndex + b);
            if (Options.EmptyProbability > 0 && rng.NextDouble() < Options.EmptyProbability) continue;
            int resRows = 1 << rng.NextInt(Options.ScaleExponentMin, Options.ScaleExponentMax);
            int resCols = 1 << rng.NextInt(Options.ScaleExponentMin, Options.ScaleExponentMax);
            double[,] noise = PerlinNoise.Evaluate(Height, Width, PerlinNoise.RandomAngles(resRows, resCols, rng));
            if (Options.RotationDegrees > 0) noise = PerlinNoise.Rotate(noise, rng.NextDouble(-Options.RotationDegrees, Options.RotationDegrees));
            var mask = batch.MaskSpan(b);
            for (int h = 0; h < Height; h++)
                for (int w = 0; w < Width; w++)
                    if (noise[h, w] > Options.Threshold) mask[h * Width + w] = 1f;
        }
        return batch;
    }
}
