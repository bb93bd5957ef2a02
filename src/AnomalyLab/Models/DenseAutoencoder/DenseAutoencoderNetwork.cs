using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using TorchSharp.Modules;

namespace AnomalyLab.Models.DenseAutoencoder;

/// <summary>
/// The DCASE 2020 Task 2 baseline autoencoder (Koizumi et al. 2020, "Description and discussion on DCASE2020 challenge
/// task2"): fully connected layers each followed by batch normalisation and ReLU, a linear output layer.
/// <c>[B, InputDim]</c> → <c>[B, InputDim]</c>.
/// </summary>
public sealed class DenseAutoencoderNetwork : Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    /// <summary>Creates the network (call <c>torch.manual_seed</c> first for reproducible weights).</summary>
    public DenseAutoencoderNetwork(DenseAutoencoderOptions options) : base(nameof(DenseAutoencoderNetwork))
    {
        Options = options.Validate();
        var widths = new List<int> { options.InputDim };
        widths.AddRange(Enumerable.Repeat(options.HiddenDim, options.HiddenLayers));
        widths.Add(options.BottleneckDim);
        widths.AddRange(Enumerable.Repeat(options.HiddenDim, options.HiddenLayers));
        var modules = new List<(string, Module<Tensor, Tensor>)>();
        for (int i = 1; i < widths.Count; i++)
        {
            modules.Add(($"dense{i}", Linear(widths[i - 1], widths[i])));
            modules.Add(($"norm{i}", BatchNorm1d(widths[i])));
            modules.Add(($"relu{i}", ReLU()));
        }
        modules.Add(("output", Linear(widths[^1], options.InputDim)));
        layers = Sequential(modules);
        RegisterComponents();
    }

    /// <summary>The settings this network was built with.</summary>
    public DenseAutoencoderOptions Options { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 2 || input.shape[1] != Options.InputDim)
            throw new ArgumentException($"Dense autoencoder expects input [B, {Options.InputDim}]; found [{string.Join(", ", input.shape)}].", nameof(input));
        return layers.forward(input);
    }
}
