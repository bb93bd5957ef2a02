using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using TorchSharp.Modules;

namespace AnomalyLab.Models.VqVae2;

/// <summary>
/// <c>x + conv1×1(relu(conv3×3(relu(x))))</c>, both convolutions without bias (VQ-VAE, van den Oord et al. 2017).
/// Shape preserving: <c>[B, channels, H, W]</c> → same.
/// </summary>
public sealed class ResidualBlock : Module<Tensor, Tensor>
{
    private readonly Conv2d conv3;
    private readonly Conv2d conv1;

    /// <summary>Creates a block over <paramref name="channels"/> channels with <paramref name="hiddenChannels"/> inside.</summary>
    public ResidualBlock(int channels, int hiddenChannels) : base(nameof(ResidualBlock))
    {
        conv3 = Conv2d(channels, hiddenChannels, kernel_size: 3, stride: 1, padding: 1, bias: false);
        conv1 = Conv2d(hiddenChannels, channels, kernel_size: 1, stride: 1, bias: false);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var hidden = conv3.forward(functional.relu(input));
        using var activated = functional.relu(hidden);
        using var update = conv1.forward(activated);
        return input + update;
    }
}

/// <summary>A chain of <see cref="ResidualBlock"/>s followed by a ReLU. <c>[B, channels, H, W]</c> → same.</summary>
public sealed class ResidualStack : Module<Tensor, Tensor>
{
    private readonly ModuleList<ResidualBlock> blocks;

    /// <summary>Creates <paramref name="layers"/> blocks.</summary>
    public ResidualStack(int channels, int layers, int hiddenChannels) : base(nameof(ResidualStack))
    {
        blocks = ModuleList(Enumerable.Range(0, layers).Select(_ => new ResidualBlock(channels, hiddenChannels)).ToArray());
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        Tensor x = input;
        foreach (ResidualBlock block in blocks) x = block.forward(x);
        return functional.relu(x).MoveToOuterDisposeScope();
    }
}
