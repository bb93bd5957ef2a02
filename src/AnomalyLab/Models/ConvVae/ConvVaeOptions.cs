namespace AnomalyLab.Models.ConvVae;

/// <summary>
/// Hyper-parameters of the convolutional VAE over spectrogram patches. Immutable. Input <c>[B, InputChannels, H, W]</c>
/// with H and W divisible by 2^<see cref="Channels"/>.Length (each encoder stage halves both).
/// </summary>
public sealed record ConvVaeOptions
{
    /// <summary>Input channels. Default 1.</summary>
    public int InputChannels { get; init; } = 1;

    /// <summary>Input height (mel bands). Default 128.</summary>
    public int InputHeight { get; init; } = 128;

    /// <summary>Input width (frames). Default 320.</summary>
    public int InputWidth { get; init; } = 320;

    /// <summary>Output channels of the encoder stages (stride-2 4×4 convolutions); the decoder mirrors them. Default 32, 64, 128, 256.</summary>
    public IReadOnlyList<int> Channels { get; init; } = [32, 64, 128, 256];

    /// <summary>Latent dimension. Default 64.</summary>
    public int LatentDim { get; init; } = 64;

    /// <summary>The encoder's log-variance is clipped to ±this before use (keeps exp() finite early in training). Default 10.</summary>
    public double LogVarianceClip { get; init; } = 10.0;

    /// <summary>Weight of the KL term relative to the per-pixel MSE (β-VAE). Default 1.</summary>
    public double KlWeight { get; init; } = 1.0;

    /// <summary>The settings for a <c>[B, 1, 128, 320]</c> log-mel input.</summary>
    public static ConvVaeOptions Default { get; } = new();

    /// <summary>A small network for tests and quick notebook runs.</summary>
    public static ConvVaeOptions Small { get; } = new() { Channels = [8, 16, 32], LatentDim = 16 };

    /// <summary>Spatial size of the deepest feature map: (H, W) / 2^stages.</summary>
    public (int Height, int Width) BottleneckGrid => (InputHeight >> Channels.Count, InputWidth >> Channels.Count);

    /// <summary>Checks every field and throws one message naming all problems.</summary>
    /// <exception cref="ArgumentException">An inconsistent setting.</exception>
    public ConvVaeOptions Validate()
    {
        var problems = new List<string>();
        int factor = 1 << Channels.Count;
        if (InputChannels <= 0) problems.Add($"InputChannels must be positive (got {InputChannels})");
        if (Channels.Count == 0 || Channels.Any(c => c <= 0)) problems.Add("Channels must list at least one positive channel count");
        if (InputHeight <= 0 || InputHeight % factor != 0) problems.Add($"InputHeight must be a positive multiple of {factor} (got {InputHeight})");
        if (InputWidth <= 0 || InputWidth % factor != 0) problems.Add($"InputWidth must be a positive multiple of {factor} (got {InputWidth})");
        if (LatentDim <= 0) problems.Add($"LatentDim must be positive (got {LatentDim})");
        if (!(LogVarianceClip > 0) || !double.IsFinite(LogVarianceClip)) problems.Add($"LogVarianceClip must be positive and finite (got {LogVarianceClip})");
        if (!(KlWeight >= 0) || !double.IsFinite(KlWeight)) problems.Add($"KlWeight must be >= 0 and finite (got {KlWeight})");
        // Sizes from a checkpoint file are untrusted: bound them so a corrupt file cannot ask for terabytes of weights.
        const int MaxChannels = 4096, MaxSide = 1 << 16;
        if (InputChannels > MaxChannels || Channels.Any(c => c > MaxChannels) || Channels.Count > 16) problems.Add($"channel counts must be at most {MaxChannels}, at most 16 layers");
        if (InputHeight > MaxSide || InputWidth > MaxSide || LatentDim > MaxSide) problems.Add($"InputHeight, InputWidth and LatentDim must be at most {MaxSide}");
        else if (problems.Count == 0 && (long)(InputHeight / factor) * (InputWidth / factor) * Channels[^1] * LatentDim > 1L << 28)
            problems.Add($"the latent projection ({InputHeight / factor} × {InputWidth / factor} × {Channels[^1]} × {LatentDim}) exceeds {1L << 28} weights");
        if (problems.Count > 0) throw new ArgumentException("Invalid conv VAE options: " + string.Join("; ", problems) + ".");
        return this;
    }

    /// <summary>Value equality including the channel list.</summary>
    public bool Equals(ConvVaeOptions? other) =>
        other is not null && InputChannels == other.InputChannels && InputHeight == other.InputHeight && InputWidth == other.InputWidth
        && Channels.SequenceEqual(other.Channels) && LatentDim == other.LatentDim && LogVarianceClip == other.LogVarianceClip && KlWeight == other.KlWeight;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(InputChannels, InputHeight, InputWidth, Channels.Count, LatentDim, LogVarianceClip, KlWeight);
}
