namespace AnomalyLab.Training;

/// <summary>The autoencoders the workbench trains. CLI names: <c>vqvae2</c>, <c>conv-vae</c>, <c>dense-ae</c>.</summary>
public enum ModelKind
{
    /// <summary>Two-level VQ-VAE over <c>[1, 128, 320]</c> log-mel windows (<see cref="Models.VqVae2.VqVae2Network"/>).</summary>
    VqVae2,

    /// <summary>Convolutional VAE over log-mel windows (<see cref="Models.ConvVae.ConvVaeNetwork"/>).</summary>
    ConvVae,

    /// <summary>DCASE 2020 baseline over 5-frame context vectors (<see cref="Models.DenseAutoencoder.DenseAutoencoderNetwork"/>).</summary>
    DenseAutoencoder,
}

/// <summary>CLI names of <see cref="ModelKind"/>.</summary>
public static class ModelKinds
{
    /// <summary>The CLI name: vqvae2, conv-vae or dense-ae.</summary>
    public static string CliName(this ModelKind kind) => kind switch
    {
        ModelKind.VqVae2 => "vqvae2",
        ModelKind.ConvVae => "conv-vae",
        ModelKind.DenseAutoencoder => "dense-ae",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown model kind"),
    };

    /// <summary>Parses a CLI name (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static ModelKind Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "vqvae2" or "vq-vae-2" or "vqvae-2" => ModelKind.VqVae2,
        "conv-vae" or "convvae" or "vae" => ModelKind.ConvVae,
        "dense-ae" or "denseae" or "dense" or "dcase2020-baseline" => ModelKind.DenseAutoencoder,
        _ => throw new ArgumentException($"Unknown model '{name}': expected vqvae2, conv-vae or dense-ae.", nameof(name)),
    };
}
