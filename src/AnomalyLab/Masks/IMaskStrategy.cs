namespace AnomalyLab.Masks;

/// <summary>
/// A synthetic anomaly mask generator at spectrogram size (<c>H = n_mels</c>, <c>W = frames</c>). Deterministic: the same seed gives
/// the same batch, and mask b depends only on (seed, b), not on the batch size.
/// </summary>
public interface IMaskStrategy
{
    /// <summary>Mel bins H of every mask.</summary>
    int Height { get; }

    /// <summary>Frames W of every mask.</summary>
    int Width { get; }

    /// <summary>A short label for tables and figures.</summary>
    string Name { get; }

    /// <summary>
    /// A batch <c>[batchSize, 1, H, W]</c> of 0/1 masks drawn from <paramref name="seed"/>; mask b of the batch is item
    /// <c>firstIndex + b</c> of the seed's stream, so a long run can be generated in chunks.
    /// </summary>
    MaskBatch Generate(int batchSize, ulong seed, int firstIndex = 0);
}
