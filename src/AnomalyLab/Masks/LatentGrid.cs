namespace AnomalyLab.Masks;

/// <summary>A latent grid size (rows = mel axis, columns = time axis), e.g. a VQ-VAE-2 code map.</summary>
public readonly record struct LatentGrid(int Rows, int Columns)
{
    /// <summary>The bottom (fine) code grid of the two-level VQ-VAE: <c>(n_mels / 4, frames / 4)</c> — (32, 80) for 128 × 320.</summary>
    public static LatentGrid Bottom(int melBins, int frames) => Divide(melBins, frames, 4);

    /// <summary>The top (coarse) code grid: <c>(n_mels / 8, frames / 8)</c> — (16, 40) for 128 × 320.</summary>
    public static LatentGrid Top(int melBins, int frames) => Divide(melBins, frames, 8);

    /// <inheritdoc />
    public override string ToString() => $"({Rows}, {Columns})";

    private static LatentGrid Divide(int melBins, int frames, int factor)
    {
        if (melBins < factor || frames < factor)
            throw new ArgumentException($"a {melBins} × {frames} spectrogram is smaller than the /{factor} latent stride");
        return new LatentGrid(melBins / factor, frames / factor);
    }
}
