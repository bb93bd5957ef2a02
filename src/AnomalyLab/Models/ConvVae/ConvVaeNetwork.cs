using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using TorchSharp.Modules;

namespace AnomalyLab.Models.ConvVae;

/// <summary>One pass through <see cref="ConvVaeNetwork"/>.</summary>
/// <param name="Reconstruction"><c>[B, C, H, W]</c>.</param>
/// <param name="Mean">Posterior mean <c>[B, LatentDim]</c>.</param>
/// <param name="LogVariance">Clipped posterior log-variance <c>[B, LatentDim]</c>.</param>
public sealed record ConvVaeOutput(Tensor Reconstruction, Tensor Mean, Tensor LogVariance);

/// <summary>
/// Convolutional variational autoencoder (Kingma &amp; Welling 2014) over spectrogram patches, as the seed's STFT VAE:
/// stride-2 convolutions to a small grid, linear heads for the posterior mean and (clipped) log-variance,
/// reparameterised sample z = μ + σ·ε, a linear layer back to the grid and stride-2 transposed convolutions.
/// In eval mode the decoder uses z = μ, so scores are deterministic.
/// <c>forward</c>: <c>[B, C, H, W]</c> → reconstruction <c>[B, C, H, W]</c>.
/// </summary>
public sealed class ConvVaeNetwork : Module<Tensor, Tensor>
{
    private readonly Sequential encoder;
    private readonly Linear mean_head;
    private readonly Linear log_variance_head;
    private readonly Linear decoder_input;
    private readonly Sequential decoder;
    private readonly long flatSize;

    /// <summary>Creates the network (call <c>torch.manual_seed</c> first for reproducible weights).</summary>
    public ConvVaeNetwork(ConvVaeOptions options) : base(nameof(ConvVaeNetwork))
    {
        Options = options.Validate();
        var (gh, gw) = options.BottleneckGrid;
        int last = options.Channels[^1];
        flatSize = (long)last * gh * gw;

        var encoderLayers = new List<(string, Module<Tensor, Tensor>)>();
        int inChannels = options.InputChannels;
        for (int i = 0; i < options.Channels.Count; i++)
        {
            encoderLayers.Add(($"conv{i}", Conv2d(inChannels, options.Channels[i], kernel_size: 4, stride: 2, padding: 1)));
            encoderLayers.Add(($"relu{i}", ReLU()));
            inChannels = options.Channels[i];
        }
        encoderLayers.Add(("flatten", Flatten()));
        encoder = Sequential(encoderLayers);
        mean_head = Linear(flatSize, options.LatentDim);
        log_variance_head = Linear(flatSize, options.LatentDim);
        decoder_input = Linear(options.LatentDim, flatSize);

        var decoderLayers = new List<(string, Module<Tensor, Tensor>)>
        {
            ("unflatten", Unflatten(1, [last, gh, gw])),
            ("relu_in", ReLU()),
        };
        for (int i = options.Channels.Count - 1; i >= 0; i--)
        {
            int outChannels = i == 0 ? options.InputChannels : options.Channels[i - 1];
            decoderLayers.Add(($"deconv{i}", ConvTranspose2d(options.Channels[i], outChannels, kernel_size: 4, stride: 2, padding: 1)));
            if (i > 0) decoderLayers.Add(($"relu_out{i}", ReLU()));
        }
        decoder = Sequential(decoderLayers);
        RegisterComponents();
    }

    /// <summary>The settings this network was built with.</summary>
    public ConvVaeOptions Options { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return Run(input).Reconstruction.MoveToOuterDisposeScope();
    }

    /// <summary>Forward pass with the posterior parameters (for the KL term).</summary>
    public ConvVaeOutput Run(Tensor input)
    {
        if (input.dim() != 4 || input.shape[1] != Options.InputChannels || input.shape[2] != Options.InputHeight || input.shape[3] != Options.InputWidth)
            throw new ArgumentException(
                $"Conv VAE expects input [B, {Options.InputChannels}, {Options.InputHeight}, {Options.InputWidth}]; found [{string.Join(", ", input.shape)}].", nameof(input));
        using var scope = NewDisposeScope();
        Tensor features = encoder.forward(input);
        Tensor mean = mean_head.forward(features);
        Tensor logVariance = log_variance_head.forward(features).clamp(-Options.LogVarianceClip, Options.LogVarianceClip);
        Tensor z = training ? mean + (0.5 * logVariance).exp() * randn_like(mean) : mean;
        Tensor reconstruction = decoder.forward(decoder_input.forward(z));
        scope.MoveToOuter([reconstruction, mean, logVariance]);
        return new ConvVaeOutput(reconstruction, mean, logVariance);
    }
}
