using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using TorchSharp.Modules;

namespace AnomalyLab.Models.VqVae2;

/// <summary>Everything one forward pass of <see cref="VqVae2Network"/> yields.</summary>
/// <param name="Reconstruction"><c>[B, C, H, W]</c>.</param>
/// <param name="Bottom">Bottom (/4) quantiser output, codes <c>[B, D, H/4, W/4]</c>.</param>
/// <param name="Top">Top (/8) quantiser output, codes <c>[B, D, H/8, W/8]</c>.</param>
public sealed record VqVae2Output(Tensor Reconstruction, QuantizerOutput Bottom, QuantizerOutput Top);

/// <summary>The pre-quantisation latents of one input: what the quantisers see, and what DSR perturbs.</summary>
/// <param name="TopLatent">Top encoder output projected to the codeword length, <c>[B, D, H/8, W/8]</c>.</param>
/// <param name="TopQuantized">Its quantisation, <c>[B, D, H/8, W/8]</c>.</param>
/// <param name="BottomLatent">Bottom features joined with the up-sampled top codes and projected, <c>[B, D, H/4, W/4]</c>.</param>
/// <param name="BottomQuantized">Its quantisation, <c>[B, D, H/4, W/4]</c>.</param>
/// <param name="TopIndices">Nearest top codeword per position, int64 <c>[B, H/8, W/8]</c>.</param>
/// <param name="BottomIndices">Nearest bottom codeword per position, int64 <c>[B, H/4, W/4]</c>.</param>
public sealed record VqVae2Latents(Tensor TopLatent, Tensor TopQuantized, Tensor BottomLatent, Tensor BottomQuantized, Tensor TopIndices, Tensor BottomIndices) : IDisposable
{
    /// <inheritdoc />
    public void Dispose()
    {
        TopLatent.Dispose();
        TopQuantized.Dispose();
        BottomLatent.Dispose();
        BottomQuantized.Dispose();
        TopIndices.Dispose();
        BottomIndices.Dispose();
    }
}

/// <summary>
/// Two-level VQ-VAE (Razavi et al. 2019, "Generating diverse high-fidelity images with VQ-VAE-2") in the form DSR uses
/// (Zavrtanik et al. 2022, "DSR – a dual subspace re-projection network for surface anomaly detection",
/// <c>DiscreteLatentModel</c>): the top codes are quantised first, up-sampled by a transposed convolution, joined with
/// the bottom features to form the bottom latent, and the decoder reconstructs from both code grids.
/// <see cref="VqVae2Options.Layout"/> chooses how the top codes are brought to the bottom grid: DSR's transposed
/// convolution, or the seed's (semcom-sDSR <c>VQ_VAE_2Layer</c>) top decoder plus bilinear resizing — the layout that
/// <see cref="SdsrStateDict"/> imports from and exports to PyTorch.
/// <c>forward</c>: <c>[B, C, H, W]</c> → reconstruction <c>[B, C, H, W]</c>.
/// </summary>
public sealed class VqVae2Network : Module<Tensor, Tensor>
{
    private readonly VqVae2BottomEncoder encoder_b;
    private readonly VqVae2TopEncoder encoder_t;
    private readonly Conv2d pre_vq_top;
    private readonly Conv2d pre_vq_bottom;
    private readonly EmaVectorQuantizer vq_top;
    private readonly EmaVectorQuantizer vq_bottom;
    private readonly ConvTranspose2d? upsample_t; // Dsr layout only
    private readonly VqVae2TopDecoder? decoder_t; // Sdsr layout only
    private readonly VqVae2Decoder decoder;

    /// <summary>Creates the network; weights come from torch's generator (call <c>torch.manual_seed</c> first for reproducible weights).</summary>
    public VqVae2Network(VqVae2Options options) : base(nameof(VqVae2Network))
    {
        Options = options.Validate();
        int h = options.NumHiddens, d = options.EmbeddingDim;
        encoder_b = new VqVae2BottomEncoder(options);
        encoder_t = new VqVae2TopEncoder(options);
        pre_vq_top = Conv2d(h, d, kernel_size: 1, stride: 1);
        bool sdsr = options.Layout == VqVae2Layout.Sdsr;
        pre_vq_bottom = Conv2d(h + (sdsr ? h : d), d, kernel_size: 1, stride: 1);
        vq_top = new EmaVectorQuantizer(options.NumEmbeddingsTop, d, options.CommitmentCost, options.Decay, options.Epsilon);
        vq_bottom = new EmaVectorQuantizer(options.NumEmbeddingsBottom, d, options.CommitmentCost, options.Decay, options.Epsilon);
        if (sdsr) decoder_t = new VqVae2TopDecoder(options);
        else upsample_t = ConvTranspose2d(d, d, kernel_size: 4, stride: 2, padding: 1);
        decoder = new VqVae2Decoder(options);
        RegisterComponents();
    }

    /// <summary>The settings this network was built with.</summary>
    public VqVae2Options Options { get; }

    /// <summary>The top (/8) codebook.</summary>
    public EmaVectorQuantizer TopQuantizer => vq_top;

    /// <summary>The bottom (/4) codebook.</summary>
    public EmaVectorQuantizer BottomQuantizer => vq_bottom;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return Run(input).Reconstruction.MoveToOuterDisposeScope();
    }

    /// <summary>Forward pass with the losses and codes: reconstruction, per-level commitment loss, perplexity and indices.</summary>
    public VqVae2Output Run(Tensor input)
    {
        CheckInput(input);
        using var scope = NewDisposeScope();
        Tensor encodedBottom = encoder_b.forward(input);
        Tensor topLatent = pre_vq_top.forward(encoder_t.forward(encodedBottom));
        QuantizerOutput top = vq_top.forward(topLatent);
        Tensor conditioning = TopConditioning(top.Quantized);
        Tensor bottomLatent = pre_vq_bottom.forward(cat([encodedBottom, conditioning], 1));
        QuantizerOutput bottom = vq_bottom.forward(bottomLatent);
        Tensor upTop = upsample_t is not null ? conditioning : ResizeTop(top.Quantized, bottom.Quantized);
        Tensor reconstruction = decoder.forward(cat([upTop, bottom.Quantized], 1));
        scope.MoveToOuter([reconstruction, top.Quantized, top.CommitmentLoss, top.Perplexity, top.Indices,
            bottom.Quantized, bottom.CommitmentLoss, bottom.Perplexity, bottom.Indices]);
        return new VqVae2Output(reconstruction, bottom, top);
    }

    /// <summary>The seed's <c>encode</c>: quantised grids (q_bottom <c>[B, D, H/4, W/4]</c>, q_top <c>[B, D, H/8, W/8]</c>).</summary>
    public (Tensor Bottom, Tensor Top) Encode(Tensor input)
    {
        VqVae2Latents latents = Latents(input);
        latents.TopLatent.Dispose();
        latents.BottomLatent.Dispose();
        latents.TopIndices.Dispose();
        latents.BottomIndices.Dispose();
        return (latents.BottomQuantized, latents.TopQuantized);
    }

    /// <summary>Pre-quantisation latents and their quantisations for both levels (see <see cref="VqVae2Latents"/>).</summary>
    public VqVae2Latents Latents(Tensor input)
    {
        CheckInput(input);
        using var scope = NewDisposeScope();
        Tensor encodedBottom = encoder_b.forward(input);
        Tensor topLatent = pre_vq_top.forward(encoder_t.forward(encodedBottom));
        var (topQuantized, topIndices) = QuantizeWithoutUpdate(vq_top, topLatent);
        Tensor bottomLatent = pre_vq_bottom.forward(cat([encodedBottom, TopConditioning(topQuantized)], 1));
        var (bottomQuantized, bottomIndices) = QuantizeWithoutUpdate(vq_bottom, bottomLatent);
        scope.MoveToOuter([topLatent, topQuantized, bottomLatent, bottomQuantized, topIndices, bottomIndices]);
        return new VqVae2Latents(topLatent, topQuantized, bottomLatent, bottomQuantized, topIndices, bottomIndices);
    }

    /// <summary>What conditions the bottom quantiser on the top codes: <c>[B, D, h, w]</c> → <c>[B, D or NumHiddens, 2h, 2w]</c>.</summary>
    private Tensor TopConditioning(Tensor topQuantized) =>
        upsample_t is not null ? upsample_t.forward(topQuantized) : decoder_t!.forward(topQuantized);

    /// <summary>The seed's <c>F.interpolate(q_top, size=q_bottom.shape[-2:], mode="bilinear", align_corners=False)</c>.</summary>
    private static Tensor ResizeTop(Tensor topQuantized, Tensor bottomQuantized) =>
        functional.interpolate(topQuantized, size: [bottomQuantized.shape[2], bottomQuantized.shape[3]], mode: InterpolationMode.Bilinear, align_corners: false);

    /// <summary>The seed's <c>decode_general</c>: reconstruction <c>[B, C, H, W]</c> from both quantised grids.</summary>
    public Tensor DecodeGeneral(Tensor quantizedBottom, Tensor quantizedTop)
    {
        using var scope = NewDisposeScope();
        Tensor upTop = upsample_t is not null ? upsample_t.forward(quantizedTop) : ResizeTop(quantizedTop, quantizedBottom);
        return decoder.forward(cat([upTop, quantizedBottom], 1)).MoveToOuterDisposeScope();
    }

    private static (Tensor Quantized, Tensor Indices) QuantizeWithoutUpdate(EmaVectorQuantizer quantizer, Tensor latent)
    {
        // Encoding for analysis must not move the codebook, whatever mode the module is in.
        bool wasTraining = quantizer.training;
        quantizer.eval();
        try
        {
            QuantizerOutput output = quantizer.forward(latent);
            output.CommitmentLoss.Dispose();
            output.Perplexity.Dispose();
            return (output.Quantized, output.Indices);
        }
        finally
        {
            if (wasTraining) quantizer.train();
        }
    }

    private void CheckInput(Tensor input)
    {
        if (input.dim() != 4 || input.shape[1] != Options.InputChannels || input.shape[2] % 8 != 0 || input.shape[3] % 8 != 0)
            throw new ArgumentException(
                $"VQ-VAE-2 expects input [B, {Options.InputChannels}, H, W] with H and W multiples of 8 (configured {Options.InputHeight}×{Options.InputWidth}); found [{string.Join(", ", input.shape)}].",
                nameof(input));
    }
}
