using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using TorchSharp.Modules;

namespace AnomalyLab.Models.VqVae2;

/// <summary>
/// Bottom encoder: two stride-2 4×4 convolutions (to /4), a 3×3 convolution and a residual stack.
/// <c>[B, in, H, W]</c> → <c>[B, NumHiddens, H/4, W/4]</c>.
/// </summary>
public sealed class VqVae2BottomEncoder : Module<Tensor, Tensor>
{
    private readonly Conv2d down1;
    private readonly Conv2d down2;
    private readonly Conv2d conv;
    private readonly ResidualStack residual;

    /// <summary>Creates the encoder for <paramref name="options"/>.</summary>
    public VqVae2BottomEncoder(VqVae2Options options) : base(nameof(VqVae2BottomEncoder))
    {
        int h = options.NumHiddens;
        down1 = Conv2d(options.InputChannels, h / 2, kernel_size: 4, stride: 2, padding: 1);
        down2 = Conv2d(h / 2, h, kernel_size: 4, stride: 2, padding: 1);
        conv = Conv2d(h, h, kernel_size: 3, stride: 1, padding: 1);
        residual = new ResidualStack(h, options.NumResidualLayers, options.NumResidualHiddens);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        Tensor x = functional.relu(down1.forward(input));
        x = functional.relu(down2.forward(x));
        x = conv.forward(x);
        return residual.forward(x).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// Top encoder: a stride-2 4×4 convolution (/2 of the bottom grid), a 3×3 convolution and a residual stack.
/// <c>[B, NumHiddens, H/4, W/4]</c> → <c>[B, NumHiddens, H/8, W/8]</c>.
/// </summary>
public sealed class VqVae2TopEncoder : Module<Tensor, Tensor>
{
    private readonly Conv2d down;
    private readonly Conv2d conv;
    private readonly ResidualStack residual;

    /// <summary>Creates the encoder for <paramref name="options"/>.</summary>
    public VqVae2TopEncoder(VqVae2Options options) : base(nameof(VqVae2TopEncoder))
    {
        int h = options.NumHiddens;
        down = Conv2d(h, h, kernel_size: 4, stride: 2, padding: 1);
        conv = Conv2d(h, h, kernel_size: 3, stride: 1, padding: 1);
        residual = new ResidualStack(h, options.NumResidualLayers, options.NumResidualHiddens);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        Tensor x = functional.relu(down.forward(input));
        x = functional.relu(conv.forward(x));
        return residual.forward(x).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// Decoder from the joined latent grids: 3×3 convolution, residual stack, two stride-2 transposed 4×4 convolutions.
/// <c>[B, 2·EmbeddingDim, H/4, W/4]</c> → <c>[B, InputChannels, H, W]</c>.
/// </summary>
public sealed class VqVae2Decoder : Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly ResidualStack residual;
    private readonly ConvTranspose2d up1;
    private readonly ConvTranspose2d up2;

    /// <summary>Creates the decoder for <paramref name="options"/>.</summary>
    public VqVae2Decoder(VqVae2Options options) : base(nameof(VqVae2Decoder))
    {
        int h = options.NumHiddens;
        conv = Conv2d(2 * options.EmbeddingDim, h, kernel_size: 3, stride: 1, padding: 1);
        residual = new ResidualStack(h, options.NumResidualLayers, options.NumResidualHiddens);
        up1 = ConvTranspose2d(h, h / 2, kernel_size: 4, stride: 2, padding: 1);
        up2 = ConvTranspose2d(h / 2, options.InputChannels, kernel_size: 4, stride: 2, padding: 1);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        Tensor x = residual.forward(conv.forward(input));
        x = functional.relu(up1.forward(x));
        return up2.forward(x).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// The seed's top decoder (<see cref="VqVae2Layout.Sdsr"/>): 3×3 convolution D → h, residual stack, stride-2 transposed
/// 4×4 convolution h → h; it conditions the bottom quantiser on the top codes.
/// <c>[B, EmbeddingDim, H/8, W/8]</c> → <c>[B, NumHiddens, H/4, W/4]</c>.
/// </summary>
public sealed class VqVae2TopDecoder : Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly ResidualStack residual;
    private readonly ConvTranspose2d up;

    /// <summary>Creates the top decoder for <paramref name="options"/>.</summary>
    public VqVae2TopDecoder(VqVae2Options options) : base(nameof(VqVae2TopDecoder))
    {
        int h = options.NumHiddens;
        conv = Conv2d(options.EmbeddingDim, h, kernel_size: 3, stride: 1, padding: 1);
        residual = new ResidualStack(h, options.NumResidualLayers, options.NumResidualHiddens);
        up = ConvTranspose2d(h, h, kernel_size: 4, stride: 2, padding: 1);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return up.forward(residual.forward(conv.forward(input))).MoveToOuterDisposeScope();
    }
}
