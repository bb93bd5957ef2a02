using System.Text.Json.Serialization;

namespace AnomalyLab.Models.VqVae2;

/// <summary>How the top codes reach the bottom quantiser and the decoder (the two published wirings of the same encoders).</summary>
public enum VqVae2Layout
{
    /// <summary>
    /// DSR's <c>DiscreteLatentModel</c>: one stride-2 transposed 4×4 convolution (D → D) up-samples the top codes; its
    /// output both conditions the bottom quantiser (1×1 conv over <c>NumHiddens + D</c> channels) and feeds the decoder.
    /// </summary>
    Dsr,

    /// <summary>
    /// The seed study's Stage 1, semcom-sDSR <c>VQ_VAE_2Layer</c>: a top decoder (3×3 conv D → h, residual stack,
    /// transposed 4×4/2 conv h → h) conditions the bottom quantiser (1×1 conv over <c>2·NumHiddens</c> channels), and the
    /// decoder sees the top codes bilinearly resized to the bottom grid (<c>align_corners=False</c>).
    /// </summary>
    Sdsr,
}

/// <summary>
/// Hyper-parameters of the two-level VQ-VAE (VQ-VAE-2 as used by DSR's discrete latent model). Immutable.
/// Input <c>[B, InputChannels, H, W]</c> with H and W divisible by 8; the bottom grid is <c>[H/4, W/4]</c>, the top grid <c>[H/8, W/8]</c>.
/// </summary>
public sealed record VqVae2Options
{
    /// <summary>Input channels (a log-mel spectrogram is one channel). Default 1.</summary>
    public int InputChannels { get; init; } = 1;

    /// <summary>Input height (mel bands). Default 128.</summary>
    public int InputHeight { get; init; } = 128;

    /// <summary>Input width (frames). Default 320.</summary>
    public int InputWidth { get; init; } = 320;

    /// <summary>Channels of the encoder/decoder convolutions. Default 128.</summary>
    public int NumHiddens { get; init; } = 128;

    /// <summary>Residual blocks per residual stack. Default 2.</summary>
    public int NumResidualLayers { get; init; } = 2;

    /// <summary>Channels inside a residual block (the 3×3 conv's output). Default 64.</summary>
    public int NumResidualHiddens { get; init; } = 64;

    /// <summary>Codewords of the bottom (/4, fine) codebook. Default 1024.</summary>
    public int NumEmbeddingsBottom { get; init; } = 1024;

    /// <summary>Codewords of the top (/8, coarse) codebook. Default 4096.</summary>
    public int NumEmbeddingsTop { get; init; } = 4096;

    /// <summary>Codeword length (channels of the quantised grids). Default 128.</summary>
    public int EmbeddingDim { get; init; } = 128;

    /// <summary>Weight of the commitment loss ‖z − sg(q)‖². Default 0.25.</summary>
    public double CommitmentCost { get; init; } = 0.25;

    /// <summary>EMA decay of the codebook statistics. Default 0.99.</summary>
    public double Decay { get; init; } = 0.99;

    /// <summary>Laplace smoothing of the EMA cluster sizes. Default 1e-5.</summary>
    public double Epsilon { get; init; } = 1e-5;

    /// <summary>Wiring between the levels. Default <see cref="VqVae2Layout.Dsr"/>.</summary>
    /// <remarks>Not written when Dsr, so checkpoints saved before the layout existed compare equal to new DSR ones.</remarks>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public VqVae2Layout Layout { get; init; } = VqVae2Layout.Dsr;

    /// <summary>The seed/DSR settings for a <c>[B, 1, 128, 320]</c> log-mel input.</summary>
    public static VqVae2Options Default { get; } = new();

    /// <summary>
    /// The seed study's Stage 1 exactly: <c>VQ_VAE_2Layer(num_hiddens=128, num_residual_layers=2, num_residual_hiddens=64,
    /// num_embeddings=(1024, 4096), embedding_dim=128, commitment_cost=0.25, decay=0.99)</c> — note the seed's tuple is
    /// (top, bottom): 1024 top codes, 4096 bottom codes. 3,547,393 values in 46 state-dict entries.
    /// </summary>
    public static VqVae2Options Sdsr { get; } = new()
    {
        Layout = VqVae2Layout.Sdsr,
        NumEmbeddingsTop = 1024,
        NumEmbeddingsBottom = 4096,
    };

    /// <summary>A small network for tests and quick notebook runs (same structure, fewer channels and codes).</summary>
    public static VqVae2Options Small { get; } = new()
    {
        NumHiddens = 32,
        NumResidualLayers = 1,
        NumResidualHiddens = 16,
        NumEmbeddingsBottom = 64,
        NumEmbeddingsTop = 64,
        EmbeddingDim = 16,
    };

    /// <summary>Checks every field and throws one message naming all problems.</summary>
    /// <exception cref="ArgumentException">An inconsistent setting.</exception>
    public VqVae2Options Validate()
    {
        var problems = new List<string>();
        if (InputChannels <= 0) problems.Add($"InputChannels must be positive (got {InputChannels})");
        if (InputHeight <= 0 || InputHeight % 8 != 0) problems.Add($"InputHeight must be a positive multiple of 8 (got {InputHeight})");
        if (InputWidth <= 0 || InputWidth % 8 != 0) problems.Add($"InputWidth must be a positive multiple of 8 (got {InputWidth})");
        if (NumHiddens < 2 || NumHiddens % 2 != 0) problems.Add($"NumHiddens must be an even number >= 2 (got {NumHiddens})");
        if (NumResidualLayers < 0) problems.Add($"NumResidualLayers must be >= 0 (got {NumResidualLayers})");
        if (NumResidualHiddens <= 0) problems.Add($"NumResidualHiddens must be positive (got {NumResidualHiddens})");
        if (NumEmbeddingsBottom < 2) problems.Add($"NumEmbeddingsBottom must be >= 2 (got {NumEmbeddingsBottom})");
        if (NumEmbeddingsTop < 2) problems.Add($"NumEmbeddingsTop must be >= 2 (got {NumEmbeddingsTop})");
        if (EmbeddingDim <= 0) problems.Add($"EmbeddingDim must be positive (got {EmbeddingDim})");
        if (!(CommitmentCost >= 0) || !double.IsFinite(CommitmentCost)) problems.Add($"CommitmentCost must be >= 0 and finite (got {CommitmentCost})");
        if (!(Decay is > 0 and < 1)) problems.Add($"Decay must be in (0, 1) (got {Decay})");
        if (!(Epsilon > 0) || !double.IsFinite(Epsilon)) problems.Add($"Epsilon must be positive and finite (got {Epsilon})");
        // Sizes from a checkpoint file are untrusted: bound them so a corrupt file cannot ask for terabytes of weights.
        const int MaxChannels = 4096, MaxSide = 1 << 16, MaxCodes = 1 << 20;
        if (InputChannels > MaxChannels || NumHiddens > MaxChannels || NumResidualHiddens > MaxChannels || EmbeddingDim > MaxChannels || NumResidualLayers > 64)
            problems.Add($"channel counts must be at most {MaxChannels} and residual layers at most 64");
        if (InputHeight > MaxSide || InputWidth > MaxSide) problems.Add($"InputHeight and InputWidth must be at most {MaxSide}");
        if (NumEmbeddingsBottom > MaxCodes || NumEmbeddingsTop > MaxCodes) problems.Add($"codebooks must hold at most {MaxCodes} codes");
        if (!Enum.IsDefined(Layout)) problems.Add($"Layout must be Dsr or Sdsr (got {Layout})");
        if (problems.Count > 0) throw new ArgumentException("Invalid VQ-VAE-2 options: " + string.Join("; ", problems) + ".");
        return this;
    }
}
